#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "activation.hpp"
#include "masked_loss.hpp"
#include "network.hpp"
#include "propagation.hpp"
#include "test_support.hpp"

namespace
{

constexpr std::uint32_t n_items = 7;

// One user's row, both the input and the target as in training. Items 1, 4 and 5 are unrated.
const std::vector<std::uint32_t> rated_items = {0, 2, 3, 6};
const std::vector<float> rated_values = {4.0f, 1.0f, 5.0f, 2.5f};

enum class shape
{
    shallow,      ///< 7 → 5 → 7
    deep,         ///< 7 → 4 → 3 → 4 → 7, one activation throughout
    deep_mixed,   ///< 7 → 4 → 3 → 4 → 7, activations f, f+1, f+2 (mod 6) by layer
};

using gradient_param = std::tuple<shape, sae_activation, sae_activation>;

sae_options options_for(const gradient_param& param)
{
    auto [form, hidden, output] = param;
    if (form == shape::shallow)
    {
        return unit_test::make_options({5}, hidden, output);
    }

    sae_options opts = unit_test::make_options({4, 3, 4}, hidden, output);
    if (form == shape::deep_mixed)
    {
        for (std::uint32_t l = 0; l < opts.n_hidden; ++l)
        {
            opts.hidden_activations[l] = (hidden + std::int32_t(l)) % 6;
        }
    }
    return opts;
}

std::vector<double> dense_input()
{
    std::vector<double> row(n_items, 0.0);
    for (std::size_t k = 0; k < rated_items.size(); ++k)
    {
        row[rated_items[k]] = rated_values[k];
    }
    return row;
}

/// The loss the library minimises, sum((out - r)²) / n_items over the rated items, evaluated
/// with the reference forward pass.
double reference_loss(const sae::network& net, const std::vector<double>& params)
{
    unit_test::reference_pass pass = unit_test::reference_forward(net, params, dense_input());
    double sum = 0.0;
    for (std::size_t k = 0; k < rated_items.size(); ++k)
    {
        double error = pass.output()[rated_items[k]] - double(rated_values[k]);
        sum += error * error;
    }
    return sum / n_items;
}

/// Random parameters with every pre-activation that matters at least `margin` away from 0.
///
/// relu and selu have a kink at 0 where a central difference is meaningless, so biases are
/// shifted, layer by layer, until each |z| ≥ margin; every hidden layer also keeps one unit with
/// z > 0 so that relu cannot switch the whole gradient off.
void initialise_away_from_kinks(sae::network& net, std::uint64_t seed)
{
    const double margin = 0.25;
    net.initialise(seed);

    for (std::size_t l = 0; l < net.layers().size(); ++l)
    {
        const sae::layer_layout& layer = net.layers()[l];
        unit_test::reference_pass pass =
            unit_test::reference_forward(net, unit_test::params_of(net), dense_input());
        const std::vector<double>& z = pass.z[l];
        bool output = l + 1 == net.layers().size();

        bool any_positive = false;
        for (std::uint32_t o = 0; o < layer.fan_out; ++o)
        {
            double wanted = z[o];
            if (std::fabs(z[o]) < margin)
            {
                wanted = z[o] >= 0.0 ? margin : -margin;
            }
            if (!output && o + 1 == layer.fan_out && !any_positive && wanted < 0.0)
            {
                wanted = 2.0 * margin;
            }
            any_positive = any_positive || wanted > 0.0;
            net.params()(layer.biases + o) += float(wanted - z[o]);
        }
    }
}

/// "layer 2 weight 5" for parameter `index`, to make a failure readable.
std::string describe(const sae::network& net, std::size_t index)
{
    for (std::size_t l = 0; l < net.layers().size(); ++l)
    {
        const sae::layer_layout& layer = net.layers()[l];
        const std::string name = "layer " + std::to_string(l);
        if (index >= layer.weights && index < layer.biases)
        {
            return name + " weight " + std::to_string(index - layer.weights);
        }
        if (index >= layer.biases && index < layer.biases + layer.fan_out)
        {
            return name + " bias " + std::to_string(index - layer.biases);
        }
    }
    return "parameter " + std::to_string(index);
}

/// Indices of the parameters that cannot affect the loss of this row: first-layer weights of
/// unrated inputs (multiplied by 0) and last-layer weights and biases of unrated outputs.
std::vector<bool> untouched_params(const sae::network& net)
{
    std::vector<bool> untouched(net.n_params(), false);
    std::vector<bool> rated(n_items, false);
    for (std::uint32_t item : rated_items)
    {
        rated[item] = true;
    }

    const sae::layer_layout& first = net.layers().front();
    const sae::layer_layout& last = net.layers().back();
    for (std::uint32_t item = 0; item < n_items; ++item)
    {
        if (rated[item])
        {
            continue;
        }
        for (std::uint32_t o = 0; o < first.fan_out; ++o)
        {
            untouched[first.weights + std::size_t(item) * first.fan_out + o] = true;
        }
        for (std::uint32_t i = 0; i < last.fan_in; ++i)
        {
            untouched[last.weights + std::size_t(item) * last.fan_in + i] = true;
        }
        untouched[last.biases + item] = true;
    }
    return untouched;
}

/// The library's loss (divided by n_items) and gradient for the row, added to `grad`.
double analytic_gradient(const sae::network& net, std::vector<float>& grad)
{
    sae::pass_workspace ws(net);
    sae::sparse_row row{rated_items.data(), rated_values.data(), rated_items.size()};

    sae::encode(net, row, ws);
    sae::decode_at(net, rated_items.data(), rated_items.size(), ws);
    double squared = sae::masked_squared_error(ws.out_a.data(), rated_values.data(),
                                               rated_items.size(), n_items, ws.out_delta.data());
    sae::backward(net, row, rated_items.data(), rated_items.size(), ws, grad.data());
    return squared / n_items;
}

class PropagationGradient : public ::testing::TestWithParam<gradient_param>
{
};

std::string param_name(const ::testing::TestParamInfo<gradient_param>& info)
{
    auto [form, hidden, output] = info.param;
    const char* forms[] = {"shallow", "deep", "deep_mixed"};
    return std::string(forms[int(form)]) + "_" + sae::activation_name(hidden) + "_to_"
           + sae::activation_name(output);
}

}  // namespace

TEST_P(PropagationGradient, MatchesCentralDifferences)
{
    sae_options opts = options_for(GetParam());
    sae::network net(n_items, opts);
    initialise_away_from_kinks(net, 20240611);
    const std::vector<double> params = unit_test::params_of(net);

    std::vector<float> grad(net.n_params(), 0.0f);
    double loss = analytic_gradient(net, grad);

    // The float forward pass agrees with the double reference to float rounding: outputs of a
    // few units, each a sum of at most 7 terms, lose well under 1e-6 relative.
    double expected_loss = reference_loss(net, params);
    EXPECT_NEAR(loss, expected_loss, 1e-5 * expected_loss + 1e-6);

    // (L(p + h) - L(p - h)) / 2h on the double reference: with h = 1e-4 its truncation error,
    // h²/6 · |L'''|, is below 1e-7 and its rounding error about 1e-16 · L / h below 1e-10, so
    // the difference measures the float gradient alone. That gradient is a short sum of float
    // products of values below ~10, accurate to ~1e-6 relative; 1e-3 relative plus 1e-5
    // absolute leaves a wide margin for it yet fails any missing or misplaced term.
    const double h = 1e-4;
    const std::vector<bool> untouched = untouched_params(net);
    std::size_t mismatches = 0;
    std::ostringstream report;
    for (std::size_t i = 0; i < params.size(); ++i)
    {
        std::vector<double> shifted = params;
        shifted[i] = params[i] + h;
        double above = reference_loss(net, shifted);
        shifted[i] = params[i] - h;
        double below = reference_loss(net, shifted);
        double numeric = (above - below) / (2.0 * h);

        if (untouched[i])
        {
            // No path from these parameters to the loss: both sides must be exactly zero.
            EXPECT_EQ(numeric, 0.0) << describe(net, i);
            EXPECT_EQ(grad[i], 0.0f) << describe(net, i);
            continue;
        }
        if (std::fabs(grad[i] - numeric) > 1e-3 * std::fabs(numeric) + 1e-5)
        {
            ++mismatches;
            report << "\n  " << describe(net, i) << ": analytic " << grad[i] << ", numeric "
                   << numeric;
        }
    }
    EXPECT_EQ(mismatches, 0u) << "of " << params.size() << " parameters:" << report.str();
}

INSTANTIATE_TEST_SUITE_P(
    AllActivations,
    PropagationGradient,
    ::testing::Combine(::testing::Values(shape::shallow, shape::deep, shape::deep_mixed),
                       ::testing::Values(SAE_ACTIVATION_IDENTITY, SAE_ACTIVATION_SIGMOID,
                                         SAE_ACTIVATION_TANH, SAE_ACTIVATION_RELU,
                                         SAE_ACTIVATION_ELU, SAE_ACTIVATION_SELU),
                       ::testing::Values(SAE_ACTIVATION_IDENTITY, SAE_ACTIVATION_SIGMOID,
                                         SAE_ACTIVATION_TANH, SAE_ACTIVATION_RELU,
                                         SAE_ACTIVATION_ELU, SAE_ACTIVATION_SELU)),
    param_name);

TEST(Propagation, KinkMarginHoldsInTheGradientCheck)
{
    // The gradient check relies on initialise_away_from_kinks(); if it silently failed, relu
    // cases would compare one-sided slopes. Every pre-activation must be 0.25 or more from 0.
    sae_options opts = unit_test::make_options({4, 3, 4}, SAE_ACTIVATION_RELU,
                                               SAE_ACTIVATION_RELU);
    sae::network net(n_items, opts);
    initialise_away_from_kinks(net, 20240611);

    unit_test::reference_pass pass =
        unit_test::reference_forward(net, unit_test::params_of(net), dense_input());
    for (std::size_t l = 0; l < pass.z.size(); ++l)
    {
        bool any_positive = false;
        for (double z : pass.z[l])
        {
            // Float biases can land a rounding step short of the margin.
            EXPECT_GE(std::fabs(z), 0.25 - 1e-6) << "layer " << l;
            any_positive = any_positive || z > 0.0;
        }
        EXPECT_TRUE(any_positive) << "layer " << l;
    }
}

TEST(Propagation, BackwardAddsToTheGradientBuffer)
{
    // The trainer relies on backward() accumulating, never overwriting.
    sae::network net(n_items, unit_test::make_options({4, 3, 4}, SAE_ACTIVATION_TANH,
                                                      SAE_ACTIVATION_IDENTITY));
    net.initialise(3);

    std::vector<float> fresh(net.n_params(), 0.0f);
    analytic_gradient(net, fresh);
    std::vector<float> offset(net.n_params(), 1.5f);
    analytic_gradient(net, offset);

    // 1.5 + g rounds g to the float grid around 1.5 (spacing 1.2e-7).
    for (std::size_t i = 0; i < fresh.size(); ++i)
    {
        EXPECT_NEAR(offset[i], 1.5 + double(fresh[i]), 2e-7) << describe(net, i);
    }
}

TEST(Propagation, DecodeAtMatchesDecodeAll)
{
    // Training decodes only the rated items; prediction decodes the whole row. Both must give
    // the same values at the same items, in the order the items were asked for.
    sae::network net(n_items, unit_test::make_options({4, 3, 4}, SAE_ACTIVATION_ELU,
                                                      SAE_ACTIVATION_SIGMOID));
    net.initialise(11);
    sae::pass_workspace ws(net);
    sae::sparse_row row{rated_items.data(), rated_values.data(), rated_items.size()};
    sae::encode(net, row, ws);

    std::vector<float> all(n_items);
    sae::decode_all(net, ws, all.data());
    const std::vector<std::uint32_t> wanted = {6, 1, 4};
    sae::decode_at(net, wanted.data(), wanted.size(), ws);

    // Same float operations in the same order: equal bit for bit.
    for (std::size_t k = 0; k < wanted.size(); ++k)
    {
        EXPECT_EQ(ws.out_a[k], all[wanted[k]]) << "item " << wanted[k];
    }
}

TEST(Propagation, BlockedDecodeAllMatchesDecodeAtBitForBit)
{
    // decode_all() sums blocks of outputs in wide registers, from the stored rows or, once the
    // network is indexed, from the transposed output layer; decode_at() sums one row at a
    // time. 75 items cover full blocks of both and a ragged tail, and a 20-wide last hidden
    // layer is the notebook's.
    constexpr std::uint32_t wide = 75;
    sae::network net(wide, unit_test::make_options({20, 10, 20}, SAE_ACTIVATION_SIGMOID,
                                                   SAE_ACTIVATION_IDENTITY));
    net.initialise(5);
    sae::pass_workspace ws(net);
    const std::vector<std::uint32_t> items = {1, 8, 17, 42, 74};
    const std::vector<float> values = {3.0f, 5.0f, 1.0f, 4.0f, 2.0f};
    sae::encode(net, sae::sparse_row{items.data(), values.data(), items.size()}, ws);

    std::vector<float> from_rows(wide);
    ASSERT_EQ(net.output_columns(), nullptr);
    sae::decode_all(net, ws, from_rows.data());
    std::vector<float> from_columns(wide);
    net.index_output_layer();
    ASSERT_NE(net.output_columns(), nullptr);
    sae::decode_all(net, ws, from_columns.data());

    std::vector<std::uint32_t> every(wide);
    for (std::uint32_t j = 0; j < wide; ++j)
    {
        every[j] = j;
    }
    sae::decode_at(net, every.data(), every.size(), ws);

    for (std::uint32_t j = 0; j < wide; ++j)
    {
        EXPECT_EQ(ws.out_a[j], from_rows[j]) << "item " << j;
        EXPECT_EQ(ws.out_a[j], from_columns[j]) << "item " << j;
    }
}

TEST(Propagation, WritingParametersRetiresTheOutputIndex)
{
    sae::network net(n_items, unit_test::make_options({4, 3, 4}, SAE_ACTIVATION_SIGMOID,
                                                      SAE_ACTIVATION_IDENTITY));
    net.initialise(3);
    net.index_output_layer();
    sae::pass_workspace ws(net);
    sae::sparse_row row{rated_items.data(), rated_values.data(), rated_items.size()};
    sae::encode(net, row, ws);
    std::vector<float> before(n_items);
    sae::decode_all(net, ws, before.data());

    // A stale index would still give `before`; the decode must see the new biases.
    const sae::layer_layout& last = net.layers().back();
    for (std::uint32_t j = 0; j < n_items; ++j)
    {
        net.params()(last.biases + j) += 1.0f;
    }
    EXPECT_EQ(net.output_columns(), nullptr);
    std::vector<float> after(n_items);
    sae::decode_all(net, ws, after.data());

    for (std::uint32_t j = 0; j < n_items; ++j)
    {
        EXPECT_NEAR(after[j], before[j] + 1.0f, 1e-6) << "item " << j;
    }
}

TEST(Propagation, EncodeIgnoresUnratedInputs)
{
    // A sparse row with rated items only and a row listing the same items plus explicit zeros
    // must give the same code: zeros contribute nothing to the first layer.
    sae::network net(n_items, unit_test::make_options({5}, SAE_ACTIVATION_SIGMOID,
                                                      SAE_ACTIVATION_IDENTITY));
    net.initialise(5);

    sae::pass_workspace sparse(net);
    sae::encode(net, sae::sparse_row{rated_items.data(), rated_values.data(), rated_items.size()},
                sparse);
    const std::vector<std::uint32_t> every = {0, 1, 2, 3, 4, 5, 6};
    std::vector<float> dense(n_items);
    for (std::uint32_t j = 0; j < n_items; ++j)
    {
        dense[j] = float(dense_input()[j]);
    }
    sae::pass_workspace full(net);
    sae::encode(net, sae::sparse_row{every.data(), dense.data(), every.size()}, full);

    // Adding 0 · w changes no float sum, so the codes are equal; 1e-6 allows a reordering.
    for (std::size_t o = 0; o < 5; ++o)
    {
        EXPECT_NEAR(sparse.a[0][o], full.a[0][o], 1e-6);
    }
}
