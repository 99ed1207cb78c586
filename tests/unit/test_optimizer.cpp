#include <gtest/gtest.h>

#include <vector>

#include "optimizer.hpp"

namespace
{

// Every expected value below was worked out by hand in double precision from the update rules
// written in optimizer.hpp; float rounding over two steps stays well under the tolerance.
constexpr double tolerance = 1e-5;

}  // namespace

TEST(Optimizer, SgdMomentumTwoStepsMatchHandComputation)
{
    sae::sgd_momentum optimizer(0.1f, 0.9f, 0.5f, 2);
    std::vector<float> params = {1.0f, -2.0f};
    const std::vector<float> grad = {0.5f, 0.0f};

    // g = grad + 0.5 · p = {1, -1};  v = g;  p -= 0.1 · v
    optimizer.step(params.data(), grad.data());
    EXPECT_NEAR(params[0], 0.9, tolerance);
    EXPECT_NEAR(params[1], -1.9, tolerance);

    // g = {0.5 + 0.45, -0.95};  v = 0.9 · {1, -1} + g = {1.85, -1.85};  p -= 0.185
    optimizer.step(params.data(), grad.data());
    EXPECT_NEAR(params[0], 0.715, tolerance);
    EXPECT_NEAR(params[1], -1.715, tolerance);
}

TEST(Optimizer, AdamTwoStepsMatchHandComputation)
{
    sae::adam optimizer(0.1f, 0.9f, 0.999f, 1e-8f, 0.0f, false, 2);
    std::vector<float> params = {1.0f, -2.0f};

    // First step: the bias-corrected moments are g and g², so each parameter moves by lr.
    const std::vector<float> first = {0.5f, -0.25f};
    optimizer.step(params.data(), first.data());
    EXPECT_NEAR(params[0], 0.9, tolerance);
    EXPECT_NEAR(params[1], -1.9, tolerance);

    // Second step, g = {0.5, 0.25}:
    //   m = {0.095, 0.0025}, m̂ = m / 0.19 = {0.5, 0.0131578947}
    //   v = {0.00049975, 0.0001249375}, v̂ = v / 0.001999 = {0.25, 0.0625}
    //   p -= 0.1 · m̂ / sqrt(v̂) = {0.1, 0.00526315789}
    const std::vector<float> second = {0.5f, 0.25f};
    optimizer.step(params.data(), second.data());
    EXPECT_NEAR(params[0], 0.8, tolerance);
    EXPECT_NEAR(params[1], -1.90526315789, tolerance);
}

TEST(Optimizer, AdamAddsWeightDecayToTheGradient)
{
    sae::adam optimizer(0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, false, 2);
    std::vector<float> params = {1.0f, -2.0f};
    const std::vector<float> grad = {0.5f, 0.0f};

    // g = grad + 0.5 · p = {1, -1}: the second parameter moves although its gradient is 0.
    optimizer.step(params.data(), grad.data());
    EXPECT_NEAR(params[0], 0.9, tolerance);
    EXPECT_NEAR(params[1], -1.9, tolerance);
}

TEST(Optimizer, AdamwDecaysTheWeightsApartFromTheStep)
{
    sae::adam optimizer(0.1f, 0.9f, 0.999f, 1e-8f, 0.5f, true, 2);
    std::vector<float> params = {1.0f, -2.0f};
    const std::vector<float> grad = {0.5f, 0.0f};

    // p = (1 - 0.1 · 0.5) · p - 0.1 · m̂ / sqrt(v̂):  {0.95 - 0.1, -1.9 - 0}
    optimizer.step(params.data(), grad.data());
    EXPECT_NEAR(params[0], 0.85, tolerance);
    EXPECT_NEAR(params[1], -1.9, tolerance);
}

TEST(Optimizer, FactoryBuildsWhatTheOptionsName)
{
    sae_options opts = {};
    opts.learning_rate = 0.1;
    opts.momentum = 0.9;
    opts.weight_decay = 0.5;
    opts.beta2 = 0.999;
    opts.epsilon = 1e-8;

    opts.optimizer = SAE_OPTIMIZER_SGD;
    EXPECT_NE(dynamic_cast<sae::sgd_momentum*>(sae::make_optimizer(opts, 1).get()), nullptr);
    opts.optimizer = SAE_OPTIMIZER_ADAMW;
    EXPECT_NE(dynamic_cast<sae::adam*>(sae::make_optimizer(opts, 1).get()), nullptr);
    opts.optimizer = SAE_OPTIMIZER_RMSPROP;
    EXPECT_NE(dynamic_cast<sae::rmsprop_optimizer*>(sae::make_optimizer(opts, 1).get()),
              nullptr);
}
