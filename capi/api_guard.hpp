/// @file api_guard.hpp
/// @brief The one place where C++ exceptions become a status and sae_last_error() text.
#ifndef SAE_CAPI_API_GUARD_HPP
#define SAE_CAPI_API_GUARD_HPP

#include <cstddef>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>

#include "error.hpp"
#include "sae.h"

namespace sae::capi
{

/// Empties this thread's last-error message.
void clear_error() noexcept;

/// Records `message` as this thread's last error and returns `status`.
int set_error(int status, const char* message) noexcept;

/// Runs `body` and maps whatever it throws to a status; every fallible entry point uses it, so
/// no exception ever crosses into C.
template <class Body>
int guarded(Body&& body) noexcept
{
    clear_error();
    try
    {
        body();
        return SAE_OK;
    }
    catch (const sae::error& e)
    {
        return set_error(e.status(), e.what());
    }
    catch (const std::bad_alloc&)
    {
        return set_error(SAE_ERR_OUT_OF_MEMORY, "out of memory");
    }
    catch (const std::length_error&)
    {
        // A size beyond what any container can hold: the same failure as an allocation.
        return set_error(SAE_ERR_OUT_OF_MEMORY, "out of memory: the requested size is too large");
    }
    catch (const std::exception& e)
    {
        return set_error(SAE_ERR_INTERNAL, (std::string("internal error: ") + e.what()).c_str());
    }
    catch (...)
    {
        return set_error(SAE_ERR_INTERNAL, "internal error: unknown exception");
    }
}

/// Throws SAE_ERR_INVALID_ARGUMENT naming `name` when `pointer` is NULL.
inline void require_pointer(const void* pointer, const char* function, const char* name)
{
    if (pointer == nullptr)
    {
        fail(SAE_ERR_INVALID_ARGUMENT, std::string(function) + ": " + name + " is NULL");
    }
}

/// Reads a caller's struct of the versioned kind: its struct_size must name a layout this build
/// knows. Today that is one layout; older, shorter ones will be accepted here when the struct
/// grows, by copying the prefix the caller knows over the defaults.
template <class Struct>
void check_struct_size(std::uint32_t struct_size, const char* function, const char* name)
{
    if (struct_size != sizeof(Struct))
    {
        fail(SAE_ERR_VERSION, std::string(function) + ": " + name + "->struct_size is "
                                  + std::to_string(struct_size) + "; this libsae knows "
                                  + std::to_string(sizeof(Struct)));
    }
}

}  // namespace sae::capi

#endif
