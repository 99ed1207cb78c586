/// @file masked_loss.hpp
/// @brief Mean squared error over all outputs after the unrated ones are set to zero.
#ifndef SAE_LIB_MASKED_LOSS_HPP
#define SAE_LIB_MASKED_LOSS_HPP

#include <cstddef>
#include <cstdint>

namespace sae
{

/// Loss and gradient of one user's row.
///
/// The reference notebook zeroes every output whose target is unrated, then takes the mean
/// squared error over all n_items outputs. Unrated outputs then match their zero target and give
/// neither loss nor gradient, so only the `n` rated outputs are needed: the loss is
/// sum((predicted - target)²) / n_items, and its gradient 2 · (predicted - target) / n_items.
///
/// @param predicted Outputs at the rated items (n values).
/// @param target    Ratings of those items (n values).
/// @param n_items   Width of the full row, the notebook's divisor.
/// @param gradient  Receives dLoss/dPredicted (n values).
/// @return The sum of squared errors over the rated items (not divided).
double masked_squared_error(const float* predicted,
                            const float* target,
                            std::size_t n,
                            std::uint32_t n_items,
                            float* gradient) noexcept;

}  // namespace sae

#endif
