/// @file evaluation.hpp
/// @brief Accuracy on held-out ratings: RMSE, MAE and the notebook's mean per-user RMSE.
#ifndef SAE_LIB_EVALUATION_HPP
#define SAE_LIB_EVALUATION_HPP

#include <cstddef>
#include <cstdint>

#include "network.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace sae
{

/// Errors of predictions against target ratings.
struct metrics
{
    std::uint32_t n_users = 0;    ///< Users with at least one target rating.
    std::uint64_t n_ratings = 0;  ///< Target ratings scored.
    double rmse = 0.0;            ///< Over all target ratings.
    double mae = 0.0;             ///< Over all target ratings.
    double mean_user_rmse = 0.0;  ///< Mean over users of each user's RMSE (notebook test loss).
};

/// Sums the errors of predictions user by user, then turns them into metrics.
class metrics_accumulator
{
public:
    /// Adds one user's `n` predictions and the ratings they are compared with.
    void add_user(const float* predicted, const float* truth, std::size_t n) noexcept;

    /// The metrics of everything added so far (all zero when nothing was).
    [[nodiscard]] metrics result() const noexcept;

private:
    metrics m_counts;
    double m_squared_sum = 0.0;
    double m_absolute_sum = 0.0;
    double m_user_rmse_sum = 0.0;
};

/// Predicts each target user's rated items from the same user's row of `input` and scores them.
///
/// `input` and `target` have the same shape, with n_items equal to the network's.
[[nodiscard]] metrics evaluate(const network& net,
                               const sae_options& opts,
                               const ratings& input,
                               const ratings& target);

}  // namespace sae

#endif
