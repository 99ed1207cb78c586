#include "propagation.hpp"

#include <algorithm>

#include "activation.hpp"
#include "cpu_clones.hpp"

namespace sae
{
namespace
{

/// z = W · a + b for a middle layer stored (fan_out × fan_in).
void dense_forward(const layer_layout& layer, const float* params, const float* in, float* z)
{
    const float* w = params + layer.weights;
    const float* b = params + layer.biases;
    for (std::uint32_t o = 0; o < layer.fan_out; ++o)
    {
        float sum = b[o];
        const float* row = w + std::size_t(o) * layer.fan_in;
        for (std::uint32_t i = 0; i < layer.fan_in; ++i)
        {
            sum += row[i] * in[i];
        }
        z[o] = sum;
    }
}

/// Gradient of a middle layer from delta = dL/dz; writes dL/d(input) into `d_in`.
void dense_backward(const layer_layout& layer,
                    const float* params,
                    const float* in,
                    const float* delta,
                    float* d_in,
                    float* grad)
{
    const float* w = params + layer.weights;
    float* gw = grad + layer.weights;
    float* gb = grad + layer.biases;

    std::fill(d_in, d_in + layer.fan_in, 0.0f);
    for (std::uint32_t o = 0; o < layer.fan_out; ++o)
    {
        gb[o] += delta[o];
        const float* row = w + std::size_t(o) * layer.fan_in;
        float* grow = gw + std::size_t(o) * layer.fan_in;
        for (std::uint32_t i = 0; i < layer.fan_in; ++i)
        {
            grow[i] += delta[o] * in[i];
            d_in[i] += delta[o] * row[i];
        }
    }
}

/// out[k] = b[r] + Σ_i w[r][i] · h[i] with r = row_of(k), for k < n, of the row-major `w`
/// (rows of n_in), each sum in i order.
///
/// A row's sum is a chain of dependent additions, so one output at a time waits on the adder's
/// latency; eight at once keep it busy, and wide registers run them. Each sum still adds its
/// terms in the same order, so every instruction set gives the same bits.
template <class RowOf>
inline void decode_blocked(const float* __restrict w,
                           const float* __restrict b,
                           const float* __restrict h,
                           std::uint32_t n_in,
                           std::size_t n,
                           RowOf row_of,
                           float* __restrict out) noexcept
{
    constexpr std::size_t block = 8;
    std::size_t k = 0;
    for (; k + block <= n; k += block)
    {
        const float* rows[block];
        float sums[block];
        for (std::size_t m = 0; m < block; ++m)
        {
            rows[m] = w + std::size_t(row_of(k + m)) * n_in;
            sums[m] = b[row_of(k + m)];
        }
        for (std::uint32_t i = 0; i < n_in; ++i)
        {
            for (std::size_t m = 0; m < block; ++m)
            {
                sums[m] += rows[m][i] * h[i];
            }
        }
        std::copy_n(sums, block, out + k);
    }
    for (; k < n; ++k)
    {
        const float* row = w + std::size_t(row_of(k)) * n_in;
        float sum = b[row_of(k)];
        for (std::uint32_t i = 0; i < n_in; ++i)
        {
            sum += row[i] * h[i];
        }
        out[k] = sum;
    }
}

/// Every output of the row-major (n_out × n_in) `w`; cloned per instruction set.
SAE_CPU_CLONES
void decode_rows(const float* __restrict w,
                 const float* __restrict b,
                 const float* __restrict h,
                 std::uint32_t n_in,
                 std::uint32_t n_out,
                 float* __restrict out) noexcept
{
    decode_blocked(w, b, h, n_in, n_out, [](std::size_t j) { return j; }, out);
}

/// out[j] = b[j] + Σ_i w[j][i] · h[i], from `columns` = w transposed (n_in × n_out).
///
/// The same sums as decode_rows(), several times faster: the weights of consecutive outputs
/// for one input are adjacent, so the loop over j runs in wide registers in every clone.
SAE_CPU_CLONES
void decode_columns(const float* __restrict columns,
                    const float* __restrict b,
                    const float* __restrict h,
                    std::uint32_t n_in,
                    std::uint32_t n_out,
                    float* __restrict out) noexcept
{
    // Blocks of outputs stay in registers across the n_in terms of their sums.
    constexpr std::uint32_t block = 32;
    std::uint32_t j = 0;
    for (; j + block <= n_out; j += block)
    {
        float sums[block];
        std::copy_n(b + j, block, sums);
        for (std::uint32_t i = 0; i < n_in; ++i)
        {
            const float* column = columns + std::size_t(i) * n_out + j;
            for (std::uint32_t k = 0; k < block; ++k)
            {
                sums[k] += column[k] * h[i];
            }
        }
        std::copy_n(sums, block, out + j);
    }
    for (; j < n_out; ++j)
    {
        float sum = b[j];
        for (std::uint32_t i = 0; i < n_in; ++i)
        {
            sum += columns[std::size_t(i) * n_out + j] * h[i];
        }
        out[j] = sum;
    }
}

}  // namespace

pass_workspace::pass_workspace(const network& net)
    : out_z(net.n_items())
    , out_a(net.n_items())
    , out_delta(net.n_items())
{
    const auto& layers = net.layers();
    for (std::size_t l = 0; l + 1 < layers.size(); ++l)
    {
        z.emplace_back(layers[l].fan_out);
        a.emplace_back(layers[l].fan_out);
        da.emplace_back(layers[l].fan_out);
    }
}

void encode(const network& net, sparse_row input, pass_workspace& ws) noexcept
{
    const float* params = net.params().data();
    const auto& layers = net.layers();

    // First layer, stored (n_items × width): sum the rows of the rated items only.
    const layer_layout& first = layers.front();
    float* z0 = ws.z[0].data();
    std::copy_n(params + first.biases, first.fan_out, z0);
    for (std::size_t k = 0; k < input.size; ++k)
    {
        const float* row = params + first.weights + std::size_t(input.items[k]) * first.fan_out;
        float value = input.values[k];
        for (std::uint32_t o = 0; o < first.fan_out; ++o)
        {
            z0[o] += value * row[o];
        }
    }
    activate(first.activation, z0, ws.a[0].data(), first.fan_out);

    for (std::size_t l = 1; l + 1 < layers.size(); ++l)
    {
        dense_forward(layers[l], params, ws.a[l - 1].data(), ws.z[l].data());
        activate(layers[l].activation, ws.z[l].data(), ws.a[l].data(), layers[l].fan_out);
    }
}

void decode_at(const network& net,
               const std::uint32_t* items,
               std::size_t n,
               pass_workspace& ws) noexcept
{
    const float* params = net.params().data();
    const layer_layout& last = net.layers().back();
    // Not cloned: for the few dozen items of a row, the wide clones were measured slower.
    decode_blocked(params + last.weights, params + last.biases, ws.a.back().data(), last.fan_in,
                   n, [items](std::size_t k) { return items[k]; }, ws.out_z.data());
    activate(last.activation, ws.out_z.data(), ws.out_a.data(), n);
}

void decode_all(const network& net, const pass_workspace& ws, float* out) noexcept
{
    const float* params = net.params().data();
    const layer_layout& last = net.layers().back();

    const float* hidden = ws.a.back().data();
    if (const float* columns = net.output_columns())
    {
        decode_columns(columns, params + last.biases, hidden, last.fan_in, last.fan_out, out);
    }
    else
    {
        decode_rows(params + last.weights, params + last.biases, hidden, last.fan_in,
                    last.fan_out, out);
    }
    activate(last.activation, out, out, last.fan_out);
}

void backward_output(const network& net,
                     const std::uint32_t* items,
                     std::size_t n,
                     pass_workspace& ws,
                     float* grad) noexcept
{
    const float* params = net.params().data();
    const auto& layers = net.layers();
    const std::size_t n_hidden = layers.size() - 1;

    // Stored (n_items × width): only the rows of the scored items move.
    const layer_layout& last = layers.back();
    scale_by_derivative(last.activation, ws.out_z.data(), ws.out_a.data(), ws.out_delta.data(), n);
    float* d_hidden = ws.da[n_hidden - 1].data();
    const float* hidden = ws.a[n_hidden - 1].data();
    std::fill(d_hidden, d_hidden + last.fan_in, 0.0f);
    for (std::size_t k = 0; k < n; ++k)
    {
        std::size_t row = last.weights + std::size_t(items[k]) * last.fan_in;
        float delta = ws.out_delta[k];
        grad[last.biases + items[k]] += delta;
        for (std::uint32_t i = 0; i < last.fan_in; ++i)
        {
            grad[row + i] += delta * hidden[i];
            d_hidden[i] += delta * params[row + i];
        }
    }
}

void backward_hidden(const network& net,
                     sparse_row input,
                     pass_workspace& ws,
                     float* grad) noexcept
{
    const float* params = net.params().data();
    const auto& layers = net.layers();
    const std::size_t n_hidden = layers.size() - 1;

    // Middle layers turn dL/da into dL/dz in place, then pass dL/da one layer down.
    for (std::size_t l = n_hidden - 1; l >= 1; --l)
    {
        float* delta = ws.da[l].data();
        scale_by_derivative(layers[l].activation, ws.z[l].data(), ws.a[l].data(), delta,
                            layers[l].fan_out);
        dense_backward(layers[l], params, ws.a[l - 1].data(), delta, ws.da[l - 1].data(), grad);
    }

    // First layer: only the rows of the rated inputs have a gradient.
    const layer_layout& first = layers.front();
    float* delta = ws.da[0].data();
    scale_by_derivative(first.activation, ws.z[0].data(), ws.a[0].data(), delta, first.fan_out);
    for (std::uint32_t o = 0; o < first.fan_out; ++o)
    {
        grad[first.biases + o] += delta[o];
    }
    for (std::size_t k = 0; k < input.size; ++k)
    {
        float* grow = grad + first.weights + std::size_t(input.items[k]) * first.fan_out;
        float value = input.values[k];
        for (std::uint32_t o = 0; o < first.fan_out; ++o)
        {
            grow[o] += value * delta[o];
        }
    }
}

void backward(const network& net,
              sparse_row input,
              const std::uint32_t* items,
              std::size_t n,
              pass_workspace& ws,
              float* grad) noexcept
{
    backward_output(net, items, n, ws, grad);
    backward_hidden(net, input, ws, grad);
}

}  // namespace sae
