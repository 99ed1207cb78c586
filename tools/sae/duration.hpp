#ifndef SAE_CLI_DURATION_HPP
#define SAE_CLI_DURATION_HPP

#include <string>

namespace sae_cli
{

/// A wall-clock duration for people: "8.4s", "3m 07s" or "1h 05m".
[[nodiscard]] std::string format_duration(double seconds);

}  // namespace sae_cli

#endif
