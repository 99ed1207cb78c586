/// @file prediction.hpp
/// @brief Predicted rating rows from known ratings, for one user or a batch.
#ifndef SAE_LIB_PREDICTION_HPP
#define SAE_LIB_PREDICTION_HPP

#include <cstddef>
#include <cstdint>

#include "network.hpp"
#include "propagation.hpp"
#include "ratings.hpp"
#include "sae.h"

namespace sae
{

/// Clamps n predictions into the rating scale when the options ask for it.
void clip_predictions(const sae_options& opts, float* values, std::size_t n) noexcept;

/// Predicts all n_items ratings into `out` from a dense row (0 = not rated).
void predict_dense(const network& net,
                   const sae_options& opts,
                   const float* row,
                   float* out,
                   pass_workspace& ws);

/// Predicts full rows for `n` users (0-based ids) of `input` into `out` (n × n_items, row-major).
///
/// Hidden codes are computed user by user (the inputs are sparse); the output layer runs as
/// one matrix product for the whole batch.
void predict_users(const network& net,
                   const sae_options& opts,
                   const ratings& input,
                   const std::uint32_t* users,
                   std::size_t n,
                   float* out);

}  // namespace sae

#endif
