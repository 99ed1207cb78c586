#include "batch_pass.hpp"

#include <algorithm>
#include <array>

#include <xtensor-blas/xblas.hpp>
#include <xtensor/xadapt.hpp>

#include "activation.hpp"
#include "sparse_batch.hpp"

namespace sae
{
namespace
{

using matrix = xt::xtensor<float, 2>;

/// A view of `rows` × `cols` floats of the parameter buffer, for BLAS.
///
/// xt::adapt takes a mutable pointer even for a view that is only read; views of the parameters
/// are only ever read, views of the gradient are written.
auto param_matrix(const float* data, std::size_t rows, std::size_t cols)
{
    std::array<std::size_t, 2> shape = {rows, cols};
    return xt::adapt(const_cast<float*>(data), rows * cols, xt::no_ownership(), shape);
}

/// Zeroes each value with probability `rate` and scales the others by 1 / (1 - rate).
void apply_dropout(matrix& values, float rate, std::mt19937_64& engine, matrix* keep)
{
    std::bernoulli_distribution kept(1.0 - double(rate));
    const float scale = 1.0f / (1.0f - rate);

    if (keep)
    {
        keep->resize(values.shape());
    }
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        float factor = kept(engine) ? scale : 0.0f;
        values.data()[i] *= factor;
        if (keep)
        {
            keep->data()[i] = factor;
        }
    }
}

void add_bias(matrix& z, const float* bias)
{
    std::size_t cols = z.shape()[1];
    for (std::size_t r = 0; r < z.shape()[0]; ++r)
    {
        float* row = z.data() + r * cols;
        for (std::size_t c = 0; c < cols; ++c)
        {
            row[c] += bias[c];
        }
    }
}

void column_sums(const matrix& m, float* out)
{
    std::size_t cols = m.shape()[1];
    std::fill(out, out + cols, 0.0f);
    for (std::size_t r = 0; r < m.shape()[0]; ++r)
    {
        const float* row = m.data() + r * cols;
        for (std::size_t c = 0; c < cols; ++c)
        {
            out[c] += row[c];
        }
    }
}

}  // namespace

void forward_batch(const network& net,
                   const matrix& rows,
                   dropout_rates dropout,
                   std::mt19937_64& engine,
                   batch_activations& acts,
                   batch_outputs outputs)
{
    gather_rated(rows, dropout.input, engine, acts.input);
    forward_gathered(net, dropout.hidden, engine, acts, outputs);
}

void forward_gathered(const network& net,
                      float hidden_dropout,
                      std::mt19937_64& engine,
                      batch_activations& acts,
                      batch_outputs outputs)
{
    const auto& layers = net.layers();
    const float* params = net.params().data();
    std::size_t batch = acts.input.row_starts.size() - 1;
    acts.z.resize(layers.size());
    acts.a.resize(layers.size());
    acts.keep.resize(layers.size());
    acts.f.resize(layers.size());

    for (std::size_t l = 0; l < layers.size(); ++l)
    {
        const layer_layout& layer = layers[l];
        matrix& z = acts.z[l];
        bool last = l + 1 == layers.size();
        if (last && outputs == batch_outputs::rated_entries)
        {
            rated_outputs(acts.input, acts.a[l - 1], params + layer.weights,
                          params + layer.biases, acts.rated_z);
            acts.rated_a.resize(acts.rated_z.size());
            activate(layer.activation, acts.rated_z.data(), acts.rated_a.data(),
                     acts.rated_z.size());
            z = matrix();
            acts.a[l] = matrix();
            acts.keep[l] = matrix();
            break;
        }
        z.resize({batch, std::size_t(layer.fan_out)});

        // The first layer is stored fan_in × fan_out, the others fan_out × fan_in.
        if (l == 0)
        {
            sparse_times_weights(acts.input, params + layer.weights, layer.fan_out, z);
        }
        else
        {
            auto w = param_matrix(params + layer.weights, layer.fan_out, layer.fan_in);
            xt::blas::gemm(acts.a[l - 1], w, z, false, true);
        }
        add_bias(z, params + layer.biases);

        acts.a[l].resize(z.shape());
        activate(layer.activation, z.data(), acts.a[l].data(), z.size());
        bool hidden = l + 1 < layers.size();
        if (hidden && hidden_dropout > 0.0f)
        {
            // Derivatives are taken from the activations before dropout scaled them.
            acts.f[l] = acts.a[l];
            apply_dropout(acts.a[l], hidden_dropout, engine, &acts.keep[l]);
        }
        else
        {
            acts.keep[l] = matrix();
        }
    }
}

void outputs_at(const network& net,
                const batch_activations& acts,
                const std::vector<rating_entry>& entries,
                bool item_rows,
                std::vector<float>& out)
{
    const layer_layout& last = net.layers().back();
    const float* params = net.params().data();
    outputs_at_entries(entries, item_rows, acts.a[net.layers().size() - 2],
                       params + last.weights, params + last.biases, out);
    activate(last.activation, out.data(), out.data(), out.size());
}

double backward_batch(const network& net, float l2, batch_activations& acts, float* grad)
{
    const auto& layers = net.layers();
    const float* params = net.params().data();
    const sparse_batch& input = acts.input;
    double squared_error = 0.0;

    // Output layer, at the rated entries only: every other output has no loss.
    const layer_layout& out_layer = layers.back();
    std::vector<float> out_delta(acts.rated_a.size());
    for (std::size_t k = 0; k < out_delta.size(); ++k)
    {
        float error = acts.rated_a[k] - input.targets[k];
        squared_error += double(error) * double(error);
        out_delta[k] = error;
    }
    scale_by_derivative(out_layer.activation, acts.rated_z.data(), acts.rated_a.data(),
                        out_delta.data(), out_delta.size());

    const matrix& top_hidden = acts.a[layers.size() - 2];
    float* out_weight_grad = grad + out_layer.weights;
    std::size_t n_out_weights = std::size_t(out_layer.fan_in) * out_layer.fan_out;
    for (std::size_t i = 0; i < n_out_weights; ++i)
    {
        out_weight_grad[i] = l2 * params[out_layer.weights + i];
    }
    std::fill(grad + out_layer.biases, grad + out_layer.biases + out_layer.fan_out, 0.0f);
    matrix delta = xt::zeros<float>(top_hidden.shape());
    rated_outputs_backward(input, out_delta, top_hidden, params + out_layer.weights,
                           out_weight_grad, grad + out_layer.biases, delta);

    for (std::size_t l = layers.size() - 1; l-- > 0;)
    {
        const layer_layout& layer = layers[l];
        if (acts.keep[l].size() != 0)
        {
            delta *= acts.keep[l];
        }
        const matrix& undropped = acts.keep[l].size() != 0 ? acts.f[l] : acts.a[l];
        scale_by_derivative(layer.activation, acts.z[l].data(), undropped.data(), delta.data(),
                            delta.size());

        float* weight_grad = grad + layer.weights;
        std::size_t n_weights = std::size_t(layer.fan_in) * layer.fan_out;
        if (l == 0)
        {
            sparse_transposed_times(acts.input, delta, layer.fan_in, weight_grad);
        }
        else
        {
            auto gw = param_matrix(weight_grad, layer.fan_out, layer.fan_in);
            xt::blas::gemm(delta, acts.a[l - 1], gw, true, false);
        }
        for (std::size_t i = 0; i < n_weights; ++i)
        {
            weight_grad[i] += l2 * params[layer.weights + i];
        }
        column_sums(delta, grad + layer.biases);

        if (l > 0)
        {
            matrix next({delta.shape()[0], std::size_t(layer.fan_in)});
            auto w = param_matrix(params + layer.weights, layer.fan_out, layer.fan_in);
            xt::blas::gemm(delta, w, next, false, false);
            delta = std::move(next);
        }
    }
    return squared_error;
}

}  // namespace sae
