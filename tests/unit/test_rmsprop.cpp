#include <gtest/gtest.h>

#include <vector>

#include "rmsprop.hpp"

namespace
{

// lr = 0.1, weight decay = 0.5, alpha = 0.9, eps = 1e-8: round numbers that still exercise every
// term of the update.
const sae::rmsprop_config config = {0.1f, 0.5f, 0.9f, 1e-8f};

// The values below are computed by hand in double precision; the library works in float, whose
// rounding after a few operations on numbers below 2 stays under 1e-6.
constexpr double tolerance = 1e-6;

}  // namespace

TEST(Rmsprop, FirstStepMatchesHandComputation)
{
    sae::rmsprop optimizer(config, 2);
    std::vector<float> params = {1.0f, -2.0f};
    const std::vector<float> grad = {0.5f, 0.0f};

    optimizer.step(params.data(), grad.data());

    // g = grad + 0.5 · p = {0.5 + 0.5, 0 - 1} = {1, -1}
    // v = 0.9 · 0 + 0.1 · g² = {0.1, 0.1}
    // p -= 0.1 · g / (sqrt(0.1) + 1e-8) = ∓0.1 / 0.316227776 = ∓0.316227756
    EXPECT_NEAR(optimizer.mean_square()(0), 0.1, tolerance);
    EXPECT_NEAR(optimizer.mean_square()(1), 0.1, tolerance);
    EXPECT_NEAR(params[0], 0.683772244, tolerance);
    EXPECT_NEAR(params[1], -1.683772244, tolerance);
}

TEST(Rmsprop, SecondStepWithClearedGradient)
{
    sae::rmsprop optimizer(config, 2);
    std::vector<float> params = {1.0f, -2.0f};
    const std::vector<float> first = {0.5f, 0.0f};
    const std::vector<float> second = {0.5f, 1.0f};

    optimizer.step(params.data(), first.data());
    optimizer.step(params.data(), second.data());

    // After step 1, p = {0.683772244, -1.683772244} and v = {0.1, 0.1}.
    // g = {0.5 + 0.5 · 0.683772244, 1 - 0.5 · 1.683772244} = {0.841886122, 0.158113878}
    // v = 0.9 · 0.1 + 0.1 · g² = {0.09 + 0.070877224, 0.09 + 0.0025} = {0.160877224, 0.0925}
    // sqrt(v) = {0.401095031, 0.304138126}
    // p -= 0.1 · g / sqrt(v) = {0.209896916, 0.051987521}
    EXPECT_NEAR(optimizer.mean_square()(0), 0.160877224, tolerance);
    EXPECT_NEAR(optimizer.mean_square()(1), 0.0925, tolerance);
    EXPECT_NEAR(params[0], 0.473875328, tolerance);
    EXPECT_NEAR(params[1], -1.735759765, tolerance);
}

TEST(Rmsprop, SecondStepWithAccumulatedGradient)
{
    // With accumulation the trainer never clears its gradient buffer, so step 2 sees the sum
    // of both steps' raw gradients: {0.5 + 0.5, 0 + 1} = {1, 1}.
    sae::rmsprop optimizer(config, 2);
    std::vector<float> params = {1.0f, -2.0f};
    std::vector<float> buffer = {0.5f, 0.0f};

    optimizer.step(params.data(), buffer.data());
    const std::vector<float> second = {0.5f, 1.0f};
    for (std::size_t i = 0; i < buffer.size(); ++i)
    {
        buffer[i] += second[i];
    }
    optimizer.step(params.data(), buffer.data());

    // g = {1 + 0.5 · 0.683772244, 1 - 0.5 · 1.683772244} = {1.341886122, 0.158113878}
    // v = {0.09 + 0.1 · 1.800658362, 0.0925} = {0.270065836, 0.0925}
    // sqrt(v) = {0.519678590, 0.304138126}
    // p -= 0.1 · g / sqrt(v) = {0.258214620, 0.051987521}
    // Parameter 1 had no gradient in step 1, so it moves as in the cleared case.
    EXPECT_NEAR(optimizer.mean_square()(0), 0.270065836, tolerance);
    EXPECT_NEAR(optimizer.mean_square()(1), 0.0925, tolerance);
    EXPECT_NEAR(params[0], 0.425557624, tolerance);
    EXPECT_NEAR(params[1], -1.735759765, tolerance);
}

TEST(Rmsprop, WeightDecayMovesParametersWithoutGradient)
{
    // A zero gradient still gives g = 0.5 · p, and the normalised step is then lr · sign(p):
    // g = 0.5 · 4 = 2, v = 0.1 · 4 = 0.4, step = 0.1 · 2 / sqrt(0.4) = 0.316227766.
    sae::rmsprop optimizer(config, 3);
    std::vector<float> params = {4.0f, -4.0f, 0.0f};
    const std::vector<float> grad = {0.0f, 0.0f, 0.0f};

    optimizer.step(params.data(), grad.data());

    EXPECT_NEAR(params[0], 4.0 - 0.316227766, tolerance);
    EXPECT_NEAR(params[1], -4.0 + 0.316227766, tolerance);
    // g = 0 and v = 0: eps keeps 0 / (0 + eps) at 0 instead of NaN.
    EXPECT_EQ(params[2], 0.0f);
}

TEST(Rmsprop, ThreadsGiveTheSameBitsAsOneThread)
{
    // Enough parameters that the optimizer really splits the update (it keeps one thread below
    // 16,384 parameters per thread), and an odd count so that the last part is ragged.
    constexpr std::size_t n = 100003;
    std::vector<float> one(n), many(n), grad(n);
    for (std::size_t i = 0; i < n; ++i)
    {
        one[i] = many[i] = 0.001f * float(i % 1999) - 1.0f;
        grad[i] = 0.0001f * float(i % 37) - 0.002f;
    }
    sae::rmsprop single(config, n, 1);
    sae::rmsprop threaded(config, n, 5);

    for (int step = 0; step < 20; ++step)
    {
        single.step(one.data(), grad.data());
        threaded.step(many.data(), grad.data());
    }

    // Bitwise: the update of one parameter reads nothing else, so the split changes nothing.
    EXPECT_EQ(one, many);
    for (std::size_t i = 0; i < n; ++i)
    {
        ASSERT_EQ(single.mean_square()(i), threaded.mean_square()(i)) << "parameter " << i;
    }
}
