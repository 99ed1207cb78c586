#include "cli_error.hpp"

#include <sae.h>

namespace sae_cli
{

cli_error::cli_error(int status, const std::string& message, int exit_code)
    : std::runtime_error(std::string(sae_status_string(status)) + ": " + message)
    , m_exit_code(exit_code)
{
}

int cli_error::exit_code() const noexcept
{
    return m_exit_code;
}

void check(int status, int exit_code)
{
    if (status != SAE_OK)
    {
        // Copied at once: the message only lives until the next sae_ call on this thread.
        throw cli_error(status, sae_last_error(), exit_code);
    }
}

}  // namespace sae_cli
