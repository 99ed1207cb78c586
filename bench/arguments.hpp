/// @file arguments.hpp
/// @brief The command line of sae_bench: its modes, their flags and the usage text.
#ifndef SAE_BENCH_ARGUMENTS_HPP
#define SAE_BENCH_ARGUMENTS_HPP

#include <cstdint>
#include <optional>
#include <string>

namespace sae_bench
{

/// What one run of sae_bench was asked to do; the defaults are those the usage text gives.
struct arguments
{
    std::string mode;
    std::string data;
    std::string split = "u1";
    std::string preset = "seed";
    std::string shape = "ml-1m";
    /// Absent: the preset's own count (scale: 1).
    std::optional<std::uint32_t> epochs;
    /// 0 means one per core, as in sae_options.
    std::uint32_t threads = 1;
    std::uint64_t seed = 1;
    std::uint64_t repeat = 2000;
    std::uint64_t params = 69412;
    std::uint64_t steps = 188600;
};

/// Reads argv into `args`. Returns -1 when the run goes on, else the exit status after the
/// help or an error message naming the flag has been printed.
[[nodiscard]] int parse_arguments(int argc, char** argv, arguments& args);

}  // namespace sae_bench

#endif
