#ifndef SAE_CLI_CLI_ERROR_HPP
#define SAE_CLI_CLI_ERROR_HPP

#include <stdexcept>
#include <string>

namespace sae_cli
{

/// Exit code of a failed command.
inline constexpr int exit_failure = 1;

/// Exit code of a command line that cannot be run as given.
inline constexpr int exit_usage = 2;

/// A failure reported as "sae: error: <status string>: <message>", ending the program.
class cli_error : public std::runtime_error
{
public:
    /// `status` is a sae_status naming the kind of failure; `message` says what and where.
    cli_error(int status, const std::string& message, int exit_code = exit_failure);

    [[nodiscard]] int exit_code() const noexcept;

private:
    int m_exit_code;
};

/// Throws a cli_error carrying sae_last_error() when `status` is not SAE_OK.
void check(int status, int exit_code = exit_failure);

}  // namespace sae_cli

#endif
