/// @file batch_pass.hpp
/// @brief Forward and backward passes over a batch of dense rows, as matrix products.
///
/// The batched trainer feeds whole rows (a user's ratings of every item, or an item's ratings
/// by every user) so that each layer is one BLAS product for the batch. It reads the same
/// parameter buffer as the sparse one-user passes of propagation.hpp.
#ifndef SAE_LIB_BATCH_PASS_HPP
#define SAE_LIB_BATCH_PASS_HPP

#include <cstdint>
#include <random>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "network.hpp"

namespace sae
{

/// Dropout applied during a training pass; both probabilities are 0 at prediction time.
struct dropout_rates
{
    float input = 0.0f;   ///< Chance that an input value is zeroed.
    float hidden = 0.0f;  ///< Chance that a hidden activation is zeroed.
};

/// Everything a forward pass keeps for the backward pass of the same batch.
struct batch_activations
{
    xt::xtensor<float, 2> input;             ///< The batch after input dropout (B × width).
    std::vector<xt::xtensor<float, 2>> z;    ///< Pre-activations of every layer, output last.
    std::vector<xt::xtensor<float, 2>> a;    ///< Activations, after dropout for hidden layers.
    std::vector<xt::xtensor<float, 2>> f;    ///< Hidden activations before dropout, if any.
    std::vector<xt::xtensor<float, 2>> keep; ///< Hidden dropout factors (0 or 1 / (1 - p)).
};

/// Runs `rows` (B × width) through the network; the outputs are `acts.a.back()` (B × width).
///
/// Dropout is inverted (kept values are scaled by 1 / (1 - p)), so that a pass without dropout
/// needs no rescaling. `engine` is only used when a rate is positive.
void forward_batch(const network& net,
                   const xt::xtensor<float, 2>& rows,
                   dropout_rates dropout,
                   std::mt19937_64& engine,
                   batch_activations& acts);

/// Writes the gradient of ½ · Σ over observed targets of (output - target)² plus
/// `l2` / 2 · ‖W‖² into `grad` (laid out as the parameters), after forward_batch().
///
/// A target of 0 is unobserved and contributes nothing. Returns the summed squared error.
double backward_batch(const network& net,
                      const xt::xtensor<float, 2>& targets,
                      float l2,
                      batch_activations& acts,
                      float* grad);

}  // namespace sae

#endif
