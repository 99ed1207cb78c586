/// @file synthetic.hpp
/// @brief Seeded synthetic ratings with the shapes of the larger MovieLens releases.
#ifndef SAE_BENCH_SYNTHETIC_HPP
#define SAE_BENCH_SYNTHETIC_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace sae_bench
{

/// Users, items and ratings of a data set to imitate.
struct shape
{
    std::string name;
    std::uint32_t n_users;
    std::uint32_t n_items;
    std::uint64_t n_ratings;
};

/// The shape called `name` (ml-100k, ml-1m, ml-10m, ml-20m); throws std::invalid_argument.
[[nodiscard]] shape shape_named(const std::string& name);

/// Parallel arrays ready for sae_dataset_from_arrays(); ids are 1-based.
struct triples
{
    std::vector<std::uint32_t> users;
    std::vector<std::uint32_t> items;
    std::vector<float> ratings;
};

/// Every user gets about n_ratings / n_users distinct items on an arithmetic walk through the
/// item ids, with a start and stride drawn from `seed`; ratings are whole stars 1 to 5.
[[nodiscard]] triples generate(const shape& s, std::uint64_t seed);

}  // namespace sae_bench

#endif
