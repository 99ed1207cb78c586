#include <gtest/gtest.h>

#include <cmath>
#include <tuple>
#include <vector>

#include "activation.hpp"
#include "network.hpp"
#include "prediction.hpp"
#include "propagation.hpp"
#include "test_support.hpp"

namespace
{

constexpr std::uint32_t n_items = 9;

/// Five users; user 1 has no ratings.
sae::ratings some_ratings()
{
    return unit_test::make_ratings({{0, 0, 4.0f}, {0, 4, 2.0f}, {0, 8, 5.0f}, {2, 1, 3.0f},
                                    {2, 2, 1.0f}, {2, 5, 4.5f}, {2, 7, 2.0f}, {3, 3, 5.0f},
                                    {4, 0, 1.0f}, {4, 6, 3.0f}, {4, 8, 4.0f}},
                                   5, n_items);
}

/// Random parameters with output biases near the middle of the rating scale, so that clipping
/// at [1, 5] catches some predictions and not others.
sae::network some_network(const sae_options& opts)
{
    sae::network net(n_items, opts);
    net.initialise(17);
    const sae::layer_layout& last = net.layers().back();
    for (std::uint32_t j = 0; j < n_items; ++j)
    {
        net.params()(last.biases + j) += j % 2 ? 3.0f : 0.5f + 1.1f * float(j);
    }
    return net;
}

using prediction_param = std::tuple<sae_activation, sae_activation, bool>;

class PredictionPaths : public ::testing::TestWithParam<prediction_param>
{
protected:
    sae_options options() const
    {
        auto [hidden, output, clip] = GetParam();
        sae_options opts = unit_test::make_options({6, 3, 6}, hidden, output);
        opts.clip_predictions = clip ? 1 : 0;
        return opts;
    }
};

std::string param_name(const ::testing::TestParamInfo<prediction_param>& info)
{
    auto [hidden, output, clip] = info.param;
    return std::string(sae::activation_name(hidden)) + "_to_" + sae::activation_name(output)
           + (clip ? "_clipped" : "");
}

}  // namespace

TEST_P(PredictionPaths, BatchEqualsRowByRow)
{
    sae_options opts = options();
    sae::network net = some_network(opts);
    sae::ratings input = some_ratings();
    // Out of order, repeated, and including the user without ratings.
    const std::vector<std::uint32_t> users = {3, 0, 4, 1, 0, 2};

    std::vector<float> batch(users.size() * n_items, -99.0f);
    sae::predict_users(net, opts, input, users.data(), users.size(), batch.data());

    sae::pass_workspace ws(net);
    std::vector<float> row(n_items);
    std::vector<float> single(n_items);
    for (std::size_t u = 0; u < users.size(); ++u)
    {
        input.dense_row(users[u], row.data());
        sae::predict_dense(net, opts, row.data(), single.data(), ws);

        // The batch sums the output layer through BLAS in another order: 1e-5 covers float
        // reassociation of a 6-term sum of values below ~10.
        for (std::uint32_t j = 0; j < n_items; ++j)
        {
            EXPECT_NEAR(batch[u * n_items + j], single[j], 1e-5)
                << "user " << users[u] << ", item " << j;
        }
    }
}

TEST_P(PredictionPaths, DenseMatchesTheReferenceForwardPass)
{
    sae_options opts = options();
    sae::network net = some_network(opts);
    sae::ratings input = some_ratings();
    sae::pass_workspace ws(net);
    std::vector<float> row(n_items);
    std::vector<float> out(n_items);

    for (std::uint32_t user = 0; user < input.n_users(); ++user)
    {
        input.dense_row(user, row.data());
        sae::predict_dense(net, opts, row.data(), out.data(), ws);

        std::vector<double> dense(row.begin(), row.end());
        unit_test::reference_pass pass =
            unit_test::reference_forward(net, unit_test::params_of(net), dense);
        for (std::uint32_t j = 0; j < n_items; ++j)
        {
            double expected = pass.output()[j];
            if (opts.clip_predictions)
            {
                expected = std::min(std::max(expected, opts.rating_min), opts.rating_max);
            }
            // Float against double through four layers of at most 9 terms: 1e-5 relative.
            EXPECT_NEAR(out[j], expected, 1e-5 * std::max(1.0, std::fabs(expected)))
                << "user " << user << ", item " << j;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Configurations,
    PredictionPaths,
    ::testing::Values(prediction_param{SAE_ACTIVATION_SIGMOID, SAE_ACTIVATION_IDENTITY, false},
                      prediction_param{SAE_ACTIVATION_SIGMOID, SAE_ACTIVATION_IDENTITY, true},
                      prediction_param{SAE_ACTIVATION_RELU, SAE_ACTIVATION_SELU, false},
                      prediction_param{SAE_ACTIVATION_TANH, SAE_ACTIVATION_ELU, true},
                      prediction_param{SAE_ACTIVATION_SELU, SAE_ACTIVATION_SIGMOID, false}),
    param_name);

TEST(Prediction, ClipOnlyWhenAsked)
{
    sae_options opts = sae::seed_options();
    opts.rating_min = 1.0;
    opts.rating_max = 5.0;
    const std::vector<float> raw = {0.2f, 1.0f, 3.25f, 5.0f, 7.5f, -4.0f};

    std::vector<float> values = raw;
    opts.clip_predictions = 0;
    sae::clip_predictions(opts, values.data(), values.size());
    EXPECT_EQ(values, raw);

    opts.clip_predictions = 1;
    sae::clip_predictions(opts, values.data(), values.size());
    EXPECT_EQ(values, (std::vector<float>{1.0f, 1.0f, 3.25f, 5.0f, 5.0f, 1.0f}));
}

TEST(Prediction, ClippingActuallyHappensInTheClippedCases)
{
    // Guards the parameterised tests above: with these biases some raw predictions fall outside
    // [1, 5], so the clipped configurations really exercise clipping.
    sae_options opts = unit_test::make_options({6, 3, 6}, SAE_ACTIVATION_TANH,
                                               SAE_ACTIVATION_ELU);
    sae::network net = some_network(opts);
    sae::ratings input = some_ratings();
    std::vector<float> raw(5 * n_items);
    const std::vector<std::uint32_t> users = {0, 1, 2, 3, 4};

    sae::predict_users(net, opts, input, users.data(), users.size(), raw.data());

    std::size_t outside = 0;
    for (float value : raw)
    {
        outside += value < 1.0f || value > 5.0f ? 1 : 0;
    }
    EXPECT_GT(outside, 0u);
    EXPECT_LT(outside, raw.size());
}
