#include "prediction.hpp"

#include <algorithm>
#include <vector>

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xadapt.hpp>

#include "activation.hpp"

namespace sae
{

void clip_predictions(const sae_options& opts, float* values, std::size_t n) noexcept
{
    if (!opts.clip_predictions)
    {
        return;
    }

    const auto low = float(opts.rating_min);
    const auto high = float(opts.rating_max);
    for (std::size_t i = 0; i < n; ++i)
    {
        values[i] = std::clamp(values[i], low, high);
    }
}

void predict_dense(const network& net,
                   const sae_options& opts,
                   const float* row,
                   float* out,
                   pass_workspace& ws)
{
    // Gather the rated entries so that the first layer costs O(rated), as in training. Every
    // entry is written and only rated ones are kept: no branch for the predictor to miss.
    std::vector<std::uint32_t> items(net.n_items());
    std::vector<float> values(net.n_items());
    std::size_t n_rated = 0;
    for (std::uint32_t j = 0; j < net.n_items(); ++j)
    {
        items[n_rated] = j;
        values[n_rated] = row[j];
        n_rated += row[j] != 0.0f;
    }

    encode(net, sparse_row{items.data(), values.data(), n_rated}, ws);
    decode_all(net, ws, out);
    clip_predictions(opts, out, net.n_items());
}

void predict_users(const network& net,
                   const sae_options& opts,
                   const ratings& input,
                   const std::uint32_t* users,
                   std::size_t n,
                   float* out)
{
    const layer_layout& last = net.layers().back();
    const std::size_t width = last.fan_in;
    const std::size_t n_items = net.n_items();
    pass_workspace ws(net);

    xt::xtensor<float, 2> codes = xt::zeros<float>({n, width});
    for (std::size_t u = 0; u < n; ++u)
    {
        std::uint32_t user = users[u];
        encode(net, sparse_row{input.row_items(user), input.row_values(user), input.row_size(user)},
               ws);
        std::copy_n(ws.a.back().data(), width, &codes(u, 0));
    }

    const float* params = net.params().data();
    auto weights = xt::adapt(params + last.weights, n_items * width, xt::no_ownership(),
                             std::vector<std::size_t>{n_items, width});
    auto biases = xt::adapt(params + last.biases, n_items, xt::no_ownership(),
                            std::vector<std::size_t>{n_items});
    auto result = xt::adapt(out, n * n_items, xt::no_ownership(),
                            std::vector<std::size_t>{n, n_items});

    xt::xtensor<float, 2> weights_t = xt::transpose(weights);
    result = xt::linalg::dot(codes, weights_t) + biases;

    for (std::size_t u = 0; u < n; ++u)
    {
        float* row = out + u * n_items;
        activate(last.activation, row, row, n_items);
        clip_predictions(opts, row, n_items);
    }
}

}  // namespace sae
