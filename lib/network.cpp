#include "network.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace sae
{

network::network(std::uint32_t n_items, const sae_options& opts)
    : m_n_items(n_items)
{
    std::size_t offset = 0;
    std::uint32_t fan_in = n_items;

    for (std::uint32_t l = 0; l <= opts.n_hidden; ++l)
    {
        bool output = l == opts.n_hidden;
        std::uint32_t fan_out = output ? n_items : opts.hidden_sizes[l];
        auto activation = sae_activation(output ? opts.output_activation
                                                : opts.hidden_activations[l]);

        layer_layout layer = {fan_in, fan_out, activation, offset, 0};
        offset += std::size_t(fan_in) * fan_out;
        layer.biases = offset;
        offset += fan_out;

        m_layers.push_back(layer);
        fan_in = fan_out;
    }

    m_params = xt::zeros<float>({offset});
    m_output_columns.assign(std::size_t(m_layers.back().fan_in) * n_items, 0.0f);
}

std::uint64_t network::count_params(std::uint32_t n_items, const sae_options& opts) noexcept
{
    std::uint64_t count = 0;
    std::uint64_t fan_in = n_items;
    for (std::uint32_t l = 0; l <= opts.n_hidden; ++l)
    {
        std::uint64_t fan_out = l == opts.n_hidden ? n_items : opts.hidden_sizes[l];
        count += fan_in * fan_out + fan_out;
        fan_in = fan_out;
    }
    return count;
}

std::uint32_t network::max_hidden() const noexcept
{
    std::uint32_t widest = 0;
    for (std::size_t l = 0; l + 1 < m_layers.size(); ++l)
    {
        widest = std::max(widest, m_layers[l].fan_out);
    }
    return widest;
}

void network::index_output_layer() noexcept
{
    const layer_layout& last = m_layers.back();
    for (std::size_t j = 0; j < last.fan_out; ++j)
    {
        for (std::size_t i = 0; i < last.fan_in; ++i)
        {
            m_output_columns[i * last.fan_out + j] = m_params(last.weights + j * last.fan_in + i);
        }
    }
    m_columns_current = true;
}

void network::initialise(std::uint64_t seed)
{
    m_columns_current = false;

    // The model owns its generator, so two models never share random state.
    std::mt19937_64 engine(seed);

    for (const layer_layout& layer : m_layers)
    {
        float bound = 1.0f / std::sqrt(float(layer.fan_in));
        std::uniform_real_distribution<float> uniform(-bound, bound);
        std::size_t end = layer.biases + layer.fan_out;
        for (std::size_t i = layer.weights; i < end; ++i)
        {
            m_params(i) = uniform(engine);
        }
    }
}

}  // namespace sae
