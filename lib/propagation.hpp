/// @file propagation.hpp
/// @brief Forward and backward passes for one user, touching only the items that matter.
///
/// A user rates a few dozen of 1682 movies, so the first layer reads only the rated inputs and
/// training evaluates the last layer only at the rated outputs, the only ones with a loss.
#ifndef SAE_LIB_PROPAGATION_HPP
#define SAE_LIB_PROPAGATION_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include "network.hpp"

namespace sae
{

/// Scratch memory for one pass; sized once per network so that no step allocates.
struct pass_workspace
{
    explicit pass_workspace(const network& net);

    std::vector<std::vector<float>> z;  ///< Pre-activations of each hidden layer.
    std::vector<std::vector<float>> a;  ///< Activations of each hidden layer.
    std::vector<std::vector<float>> da; ///< Loss gradient with respect to each hidden activation.
    std::vector<float> out_z;           ///< Output pre-activations at the decoded items.
    std::vector<float> out_a;           ///< Outputs at the decoded items.
    std::vector<float> out_delta;       ///< Loss gradient with respect to those outputs.
};

/// A sparse row: `size` items (0-based ids) and their values.
struct sparse_row
{
    const std::uint32_t* items;
    const float* values;
    std::size_t size;
};

/// Computes every hidden layer from the input row into ws.z and ws.a.
void encode(const network& net, sparse_row input, pass_workspace& ws) noexcept;

/// Computes the outputs at `items` (after encode()) into ws.out_z[k] and ws.out_a[k].
void decode_at(const network& net,
               const std::uint32_t* items,
               std::size_t n,
               pass_workspace& ws) noexcept;

/// Computes all n_items outputs (after encode()) into `out`; faster once
/// net.index_output_layer() has run.
void decode_all(const network& net, const pass_workspace& ws, float* out) noexcept;

/// Adds the gradient of the loss to `grad` (laid out as the parameters), given ws.out_delta[k],
/// the loss gradient at output items[k], after encode() and decode_at() on the same rows:
/// backward_output() then backward_hidden().
void backward(const network& net,
              sparse_row input,
              const std::uint32_t* items,
              std::size_t n,
              pass_workspace& ws,
              float* grad) noexcept;

/// The output layer's share of backward(): adds to the gradients of the last layer's weights
/// and biases, and writes dL/d(last hidden activation) into ws.da.back(). Reads of the
/// parameters only the output layer, and of the workspace only ws.a.back() and ws.out_*.
void backward_output(const network& net,
                     const std::uint32_t* items,
                     std::size_t n,
                     pass_workspace& ws,
                     float* grad) noexcept;

/// The rest of backward(), after backward_output(): adds to the gradients of every layer but
/// the last. Reads of the parameters only those layers'.
void backward_hidden(const network& net,
                     sparse_row input,
                     pass_workspace& ws,
                     float* grad) noexcept;

}  // namespace sae

#endif
