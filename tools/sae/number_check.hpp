#ifndef SAE_CLI_NUMBER_CHECK_HPP
#define SAE_CLI_NUMBER_CHECK_HPP

#include <CLI/CLI.hpp>

namespace sae_cli
{

/// Accepts only plain decimal digits, without a leading zero.
///
/// CLI11 converts numbers with base detection and wraps negatives into unsigned types, so
/// without this "--epochs 010" would mean 8 and "--seed -1" 2^64 - 1.
[[nodiscard]] CLI::Validator decimal_digits();

}  // namespace sae_cli

#endif
