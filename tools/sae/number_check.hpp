#ifndef SAE_CLI_NUMBER_CHECK_HPP
#define SAE_CLI_NUMBER_CHECK_HPP

#include <cstdint>
#include <limits>

#include <CLI/CLI.hpp>

namespace sae_cli
{

/// The largest value a 64-bit option holds, and the default upper bound of whole_number().
inline constexpr std::uint64_t max_u64 = std::numeric_limits<std::uint64_t>::max();

/// Accepts only plain decimal digits, without a leading zero, for a value from `min` to `max`.
///
/// CLI11 converts numbers with base detection, wraps negatives into unsigned types, saturates
/// values beyond 64 bits and reports a value too large for its type as "Could not convert";
/// without this "--epochs 010" would mean 8 and "--seed -1" 2^64 - 1. A value out of range is
/// reported the way CLI::Range words it, naming the range.
[[nodiscard]] CLI::Validator whole_number(std::uint64_t min = 0, std::uint64_t max = max_u64);

}  // namespace sae_cli

#endif
