/// @file error.hpp
/// @brief Typed exceptions of the core; the C API turns each into a status and a message.
#ifndef SAE_LIB_ERROR_HPP
#define SAE_LIB_ERROR_HPP

#include <stdexcept>
#include <string>

#include "sae.h"

namespace sae
{

/// Base of every error the core raises on purpose; carries the C status it maps to.
class error : public std::runtime_error
{
public:
    error(sae_status status, const std::string& message)
        : std::runtime_error(message)
        , m_status(status)
    {
    }

    [[nodiscard]] sae_status status() const noexcept
    {
        return m_status;
    }

private:
    sae_status m_status;
};

/// Throws an sae::error with the given status; keeps call sites on one line.
[[noreturn]] inline void fail(sae_status status, const std::string& message)
{
    throw error(status, message);
}

}  // namespace sae

#endif
