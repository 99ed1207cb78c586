#ifndef SAE_CLI_COUNT_TEXT_HPP
#define SAE_CLI_COUNT_TEXT_HPP

#include <cstdint>
#include <string>

namespace sae_cli
{

/// A count and a regular noun that agrees with it: "1 epoch", "0 epochs", "200 epochs".
[[nodiscard]] std::string count_of(std::uint64_t count, const std::string& noun);

/// `noun` as it agrees with `count`, without the number: "movie" for 1, "movies" otherwise.
[[nodiscard]] std::string noun_for(std::uint64_t count, const std::string& noun);

}  // namespace sae_cli

#endif
