/// @file network.hpp
/// @brief Layer layout and parameters of the autoencoder, stored in one contiguous buffer.
#ifndef SAE_LIB_NETWORK_HPP
#define SAE_LIB_NETWORK_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

#include <xtensor/xtensor.hpp>

#include "sae.h"

namespace sae
{

/// Most parameters a network may have (1 GiB of floats per copy; training keeps four copies).
/// MovieLens 20M's item-based network needs about half; a larger count means a sparse id space
/// (ids far above the number of items) or a mistake, and would exhaust memory.
///
/// TODO: remap sparse ids to dense indices when loading, so that only the number of distinct
/// users and items sizes the network, not the largest id.
inline constexpr std::uint64_t max_params = std::uint64_t(1) << 28;

/// Where one fully connected layer lives in the parameter buffer.
///
/// Weights are row-major (fan_out × fan_in), except in the first layer, which is stored
/// transposed (fan_in × fan_out): then in both the first and the last layer an item's weights
/// are one contiguous row, which is all a sparse step touches.
struct layer_layout
{
    std::uint32_t fan_in;
    std::uint32_t fan_out;
    sae_activation activation;
    std::size_t weights;  ///< Offset of the weights in the parameter buffer.
    std::size_t biases;   ///< Offset of the fan_out biases.
};

/// The autoencoder n_items → hidden... → n_items and its parameters.
class network
{
public:
    network() = default;

    /// Lays out the layers for `n_items` inputs and outputs; parameters start at zero.
    network(std::uint32_t n_items, const sae_options& opts);

    /// Number of parameters such a network has, computed without allocating it.
    [[nodiscard]] static std::uint64_t count_params(std::uint32_t n_items,
                                                    const sae_options& opts) noexcept;

    [[nodiscard]] std::uint32_t n_items() const noexcept { return m_n_items; }
    [[nodiscard]] std::size_t n_params() const noexcept { return m_params.size(); }
    [[nodiscard]] const std::vector<layer_layout>& layers() const noexcept { return m_layers; }

    /// Widest layer other than the input and output, for sizing scratch buffers.
    [[nodiscard]] std::uint32_t max_hidden() const noexcept;

    /// Writable parameters; output_columns() no longer follows them until re-indexed.
    [[nodiscard]] xt::xtensor<float, 1>& params() noexcept
    {
        m_columns_current = false;
        return m_params;
    }
    [[nodiscard]] const xt::xtensor<float, 1>& params() const noexcept { return m_params; }

    /// Draws every weight and bias uniformly in ±1/sqrt(fan_in), as PyTorch's nn.Linear does.
    void initialise(std::uint64_t seed);

    /// The output layer's weights transposed, (fan_in × n_items), for decoding every item at
    /// once in order; null unless index_output_layer() ran since the parameters were last
    /// handed out for writing. (Its memory is taken with the parameters', so that indexing
    /// cannot fail.)
    [[nodiscard]] const float* output_columns() const noexcept
    {
        return m_columns_current ? m_output_columns.data() : nullptr;
    }

    /// Recomputes output_columns() from the parameters.
    void index_output_layer() noexcept;

private:
    std::uint32_t m_n_items = 0;
    std::vector<layer_layout> m_layers;
    xt::xtensor<float, 1> m_params;
    std::vector<float> m_output_columns;
    bool m_columns_current = false;
};

}  // namespace sae

#endif
