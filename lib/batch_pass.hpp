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
#include "ratings.hpp"
#include "sparse_batch.hpp"

namespace sae
{

/// Dropout applied during a training pass; both probabilities are 0 at prediction time.
struct dropout_rates
{
    float input = 0.0f;   ///< Chance that an input value is zeroed.
    float hidden = 0.0f;  ///< Chance that a hidden activation is zeroed.
};

/// Which outputs forward_batch() computes.
enum class batch_outputs
{
    every_entry,  ///< The whole B × width output, for predictions.
    /// Only where the rows are rated, all the loss needs: O(rated), not O(B × width).
    rated_entries
};

/// Everything a forward pass keeps for the backward pass of the same batch.
struct batch_activations
{
    /// The batch's rated entries after input dropout. Rows are mostly unrated, so the first
    /// layer's products cost O(rated) rather than O(B × width), as in the one-user trainer.
    sparse_batch input;
    std::vector<xt::xtensor<float, 2>> z;    ///< Pre-activations of every layer, output last.
    std::vector<xt::xtensor<float, 2>> a;    ///< Activations, after dropout for hidden layers.
    std::vector<xt::xtensor<float, 2>> f;    ///< Hidden activations before dropout, if any.
    std::vector<xt::xtensor<float, 2>> keep; ///< Hidden dropout factors (0 or 1 / (1 - p)).

    /// With batch_outputs::rated_entries, the output layer at the rated entries, in the order
    /// of `input`; z.back() and a.back() are then empty.
    std::vector<float> rated_z;
    std::vector<float> rated_a;
};

/// Runs `rows` (B × width) through the network; the outputs are `acts.a.back()` (B × width),
/// or `acts.rated_a` for the rated entries only.
///
/// Dropout is inverted (kept values are scaled by 1 / (1 - p)), so that a pass without dropout
/// needs no rescaling. `engine` is only used when a rate is positive.
void forward_batch(const network& net,
                   const xt::xtensor<float, 2>& rows,
                   dropout_rates dropout,
                   std::mt19937_64& engine,
                   batch_activations& acts,
                   batch_outputs outputs = batch_outputs::every_entry);

/// The same for the rows already gathered into `acts.input` (see gather_rated()), which
/// applied the input dropout.
void forward_gathered(const network& net,
                      float hidden_dropout,
                      std::mt19937_64& engine,
                      batch_activations& acts,
                      batch_outputs outputs);

/// Writes into `out` the output, after activation, at each (user, item) of `entries`, from a
/// forward_batch() over every row (users' rows, or items' if `item_rows`): one dot product an
/// entry instead of a whole row of outputs.
void outputs_at(const network& net,
                const batch_activations& acts,
                const std::vector<rating_entry>& entries,
                bool item_rows,
                std::vector<float>& out);

/// Writes the gradient of ½ · Σ over the rated entries of the rows of (output - rating)² plus
/// `l2` / 2 · ‖W‖² into `grad` (laid out as the parameters), after a forward_batch() with
/// batch_outputs::rated_entries. Returns the summed squared error.
double backward_batch(const network& net, float l2, batch_activations& acts, float* grad);

}  // namespace sae

#endif
