#include <gtest/gtest.h>

#include <vector>

#include "evaluation.hpp"
#include "network.hpp"
#include "test_support.hpp"

namespace
{

constexpr std::uint32_t n_items = 4;

/// 4 → 1 → 4, identity throughout, with parameters chosen so predictions are easy by hand:
/// every first-layer weight 0.1 and bias 0 make the code h = 0.1 · (sum of the user's input
/// ratings); every output weight 1 and biases {1, 2, 3, 4} make prediction j = h + (j + 1).
sae::network hand_network()
{
    sae::network net(n_items, unit_test::make_options({1}, SAE_ACTIVATION_IDENTITY,
                                                      SAE_ACTIVATION_IDENTITY));
    const sae::layer_layout& first = net.layers()[0];
    const sae::layer_layout& last = net.layers()[1];
    for (std::uint32_t j = 0; j < n_items; ++j)
    {
        net.params()(first.weights + j) = 0.1f;
        net.params()(last.weights + j) = 1.0f;
        net.params()(last.biases + j) = float(j + 1);
    }
    net.params()(first.biases) = 0.0f;
    return net;
}

// Inputs (0-based ids): user 0 rated items 0 and 1 with 5 (h = 1.0), user 1 item 2 with 2
// (h = 0.2), user 2 nothing (h = 0), user 3 item 1 with 3 but has no target ratings.
sae::ratings hand_input()
{
    return unit_test::make_ratings({{0, 0, 5.0f}, {0, 1, 5.0f}, {1, 2, 2.0f}, {3, 1, 3.0f}}, 4,
                                   n_items);
}

// Targets: user 0 item 2 = 3, item 3 = 5; user 1 item 0 = 2, item 3 = 3; user 2 item 1 = 4.
sae::ratings hand_target()
{
    return unit_test::make_ratings({{0, 2, 3.0f}, {0, 3, 5.0f}, {1, 0, 2.0f}, {1, 3, 3.0f},
                                    {2, 1, 4.0f}},
                                   4, n_items);
}

// Predictions are float sums of a few terms below 6; 1e-6 covers their rounding (~5e-7).
constexpr double tolerance = 1e-6;

}  // namespace

TEST(Evaluation, MetricsMatchHandComputation)
{
    sae_options opts = sae::seed_options();
    opts.clip_predictions = 0;

    sae::metrics m = sae::evaluate(hand_network(), opts, hand_input(), hand_target());

    // user 0: predictions 1 + 3 = 4 and 1 + 4 = 5 against 3 and 5: errors 1, 0
    // user 1: predictions 0.2 + 1 = 1.2 and 0.2 + 4 = 4.2 against 2 and 3: errors -0.8, 1.2
    // user 2: prediction 0 + 2 = 2 against 4: error -2
    // squares 1 + 0 + 0.64 + 1.44 + 4 = 7.08, rmse = sqrt(7.08 / 5) = 1.189957982
    // absolute 1 + 0 + 0.8 + 1.2 + 2 = 5, mae = 1
    // per user sqrt(1/2) = 0.707106781, sqrt(2.08/2) = 1.019803903, sqrt(4/1) = 2,
    // mean_user_rmse = 3.726910684 / 3 = 1.242303561
    EXPECT_EQ(m.n_users, 3u);
    EXPECT_EQ(m.n_ratings, 5u);
    EXPECT_NEAR(m.rmse, 1.189957982, tolerance);
    EXPECT_NEAR(m.mae, 1.0, tolerance);
    EXPECT_NEAR(m.mean_user_rmse, 1.242303561, tolerance);
}

TEST(Evaluation, ClipsPredictionsWhenAsked)
{
    sae_options opts = sae::seed_options();
    opts.clip_predictions = 1;
    opts.rating_min = 1.5;
    opts.rating_max = 4.5;

    sae::metrics m = sae::evaluate(hand_network(), opts, hand_input(), hand_target());

    // Predictions 4, 5 → 4.5, 1.2 → 1.5, 4.2, 2: errors 1, -0.5, -0.5, 1.2, -2
    // squares 1 + 0.25 + 0.25 + 1.44 + 4 = 6.94, rmse = sqrt(6.94 / 5) = 1.178134118
    // absolute 1 + 0.5 + 0.5 + 1.2 + 2 = 5.2, mae = 1.04
    // per user sqrt(1.25/2) = 0.790569415, sqrt(1.69/2) = 0.919238816, 2,
    // mean_user_rmse = 3.709808231 / 3 = 1.236602744
    EXPECT_EQ(m.n_users, 3u);
    EXPECT_EQ(m.n_ratings, 5u);
    EXPECT_NEAR(m.rmse, 1.178134118, tolerance);
    EXPECT_NEAR(m.mae, 1.04, tolerance);
    EXPECT_NEAR(m.mean_user_rmse, 1.236602744, tolerance);
}

TEST(Evaluation, ConstantPredictionsGiveTheSpreadOfTheTargets)
{
    // All weights 0 and output biases 3.5: every prediction is 3.5 whatever the input.
    sae::network net(n_items, unit_test::make_options({2}, SAE_ACTIVATION_SIGMOID,
                                                      SAE_ACTIVATION_IDENTITY));
    const sae::layer_layout& last = net.layers().back();
    for (std::uint32_t j = 0; j < n_items; ++j)
    {
        net.params()(last.biases + j) = 3.5f;
    }

    sae::metrics m = sae::evaluate(net, sae::seed_options(), hand_input(), hand_target());

    // Errors 0.5, -1.5 (user 0), 1.5, 0.5 (user 1), -0.5 (user 2)
    // squares 0.25 + 2.25 + 2.25 + 0.25 + 0.25 = 5.25, rmse = sqrt(1.05) = 1.024695077
    // absolute 4.5, mae = 0.9
    // per user sqrt(2.5/2) = 1.118033989, sqrt(2.5/2) = 1.118033989, 0.5: mean 0.912022659
    EXPECT_NEAR(m.rmse, 1.024695077, tolerance);
    EXPECT_NEAR(m.mae, 0.9, tolerance);
    EXPECT_NEAR(m.mean_user_rmse, 0.912022659, tolerance);
}

TEST(Evaluation, NoTargetsGivesZeros)
{
    sae::metrics m = sae::evaluate(hand_network(), sae::seed_options(), hand_input(),
                                   unit_test::make_ratings({}, 4, n_items));

    EXPECT_EQ(m.n_users, 0u);
    EXPECT_EQ(m.n_ratings, 0u);
    EXPECT_EQ(m.rmse, 0.0);
    EXPECT_EQ(m.mae, 0.0);
    EXPECT_EQ(m.mean_user_rmse, 0.0);
}
