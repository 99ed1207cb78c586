#include "sae.h"

#include "log.hpp"

extern "C" {

SAE_API const char* sae_status_string(int status)
{
    switch (status)
    {
        case SAE_OK: return "ok";
        case SAE_ERR_INVALID_ARGUMENT: return "invalid argument";
        case SAE_ERR_OUT_OF_MEMORY: return "out of memory";
        case SAE_ERR_IO: return "input/output error";
        case SAE_ERR_PARSE: return "malformed ratings file";
        case SAE_ERR_FORMAT: return "malformed model file";
        case SAE_ERR_VERSION: return "unsupported version";
        case SAE_ERR_DIMENSION: return "dimension mismatch";
        case SAE_ERR_STATE: return "invalid state";
        case SAE_ERR_CANCELLED: return "cancelled";
        case SAE_ERR_DIVERGED: return "training diverged";
        case SAE_ERR_INTERNAL: return "internal error";
        default: return "unknown status";
    }
}

SAE_API const char* sae_version(void)
{
    return SAE_VERSION_STRING;
}

SAE_API uint32_t sae_version_number(void)
{
    return SAE_VERSION_NUMBER;
}

SAE_API void sae_set_log_callback(sae_log_fn fn, int max_level, void* user_data)
{
    sae::set_log_sink(fn, max_level, user_data);
}

}  // extern "C"
