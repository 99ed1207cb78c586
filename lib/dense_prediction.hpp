/// @file dense_prediction.hpp
/// @brief Whole prediction matrices of batched models, in either orientation, and their scores.
#ifndef SAE_LIB_DENSE_PREDICTION_HPP
#define SAE_LIB_DENSE_PREDICTION_HPP

#include <cstddef>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "evaluation.hpp"
#include "network.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace sae
{

/// The ratings of `r` as dense rows of the given orientation, 0 where not rated:
/// n_users × n_items for users, n_items × n_users for items.
[[nodiscard]] xt::xtensor<float, 2> oriented_rows(const ratings& r, sae_orientation orientation);

/// The same rows kept sparse: `r` itself for users, its transpose for items.
[[nodiscard]] ratings oriented_ratings(const ratings& r, sae_orientation orientation);

/// Predicts every (user, item) pair of `input`'s shape, averaging `n_nets` networks.
///
/// Each network reconstructs the rows of `input` in the options' orientation; the result is
/// n_users × n_items whatever the orientation. A row with no ratings in `input` gives the
/// network nothing to reconstruct from, so its predictions fall back to means of `input`: an
/// unrated item (item orientation) gets each user's mean rating, an unrated user (user
/// orientation) each item's mean rating, and either falls back to the global mean when that
/// mean is empty too. Predictions are clipped when the options ask for it.
[[nodiscard]] xt::xtensor<float, 2> predict_matrix(const network* nets,
                                                   std::size_t n_nets,
                                                   const sae_options& opts,
                                                   const ratings& input);

/// Scores a prediction matrix (n_users × n_items) against the ratings of `target`.
[[nodiscard]] metrics score_matrix(const xt::xtensor<float, 2>& predicted, const ratings& target);

}  // namespace sae

#endif
