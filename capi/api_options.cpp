#include "sae.h"

#include "api_guard.hpp"
#include "options.hpp"

extern "C" {

SAE_API void sae_options_default(sae_options* opts)
{
    if (opts != nullptr)
    {
        *opts = sae::default_options();
    }
}

SAE_API int sae_options_preset(sae_options* opts, const char* name)
{
    return sae::capi::guarded([&] {
        sae::capi::require_pointer(opts, "sae_options_preset", "opts");
        sae::capi::require_pointer(name, "sae_options_preset", "name");
        *opts = sae::preset_options(name);
    });
}

}  // extern "C"
