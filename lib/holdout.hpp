/// @file holdout.hpp
/// @brief The validation ratings carved out of the training ratings to pick the best epoch.
#ifndef SAE_LIB_HOLDOUT_HPP
#define SAE_LIB_HOLDOUT_HPP

#include <cstdint>
#include <vector>

#include "ratings.hpp"

namespace sae
{

/// Training ratings split in two disjoint parts that together are the original set.
struct holdout_split
{
    ratings train;                      ///< What the network trains on; same shape as the input.
    std::vector<rating_entry> held_out; ///< What picks the epoch; never trained on.
};

/// Holds out round(fraction · size) ratings of `all`, drawn uniformly without replacement.
///
/// The draw depends only on `seed` and the ratings, and not on the standard library: the same
/// seed gives the same split on every platform.
[[nodiscard]] holdout_split split_holdout(const ratings& all, double fraction, std::uint64_t seed);

}  // namespace sae

#endif
