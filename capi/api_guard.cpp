#include "api_guard.hpp"

namespace sae::capi
{
namespace
{

// The message lives in a thread_local std::string: each thread sees only its own failures,
// and the pointer handed out stays valid until the next call on that thread.
thread_local std::string last_error;

}  // namespace

void clear_error() noexcept
{
    last_error.clear();
}

int set_error(int status, const char* message) noexcept
{
    try
    {
        last_error = message;
    }
    catch (...)
    {
        // Out of memory while recording the message: the status still says what happened.
        last_error.clear();
    }
    return status;
}

}  // namespace sae::capi

extern "C" SAE_API const char* sae_last_error(void)
{
    return sae::capi::last_error.c_str();
}
