#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
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
    EXPECT_NEAR(optimizer.mean_square()[0], 0.1, tolerance);
    EXPECT_NEAR(optimizer.mean_square()[1], 0.1, tolerance);
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
    EXPECT_NEAR(optimizer.mean_square()[0], 0.160877224, tolerance);
    EXPECT_NEAR(optimizer.mean_square()[1], 0.0925, tolerance);
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
    EXPECT_NEAR(optimizer.mean_square()[0], 0.270065836, tolerance);
    EXPECT_NEAR(optimizer.mean_square()[1], 0.0925, tolerance);
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
        ASSERT_EQ(single.mean_square()[i], threaded.mean_square()[i]) << "parameter " << i;
    }
}

namespace
{

/// Parameters that converge to fixed points: weight decay alone, or a constant gradient that
/// weight decay balances, so that g² underflows and the mean square decays to a subnormal.
struct converging_problem
{
    std::vector<float> params;
    std::vector<float> grad;

    explicit converging_problem(std::size_t n) : params(n), grad(n)
    {
        for (std::size_t i = 0; i < n; ++i)
        {
            params[i] = 0.37f * float(i % 11) / 11.0f - 0.2f;
            grad[i] = i % 3 == 0 ? 0.0f : 0.01f * float(i % 7) - 0.03f;
        }
    }
};

const sae::rmsprop_config notebook = {0.01f, 0.5f, 0.99f, 1e-8f};

}  // namespace

TEST(Rmsprop, SettledParametersKeepTheBitsOfUpdatingEverything)
{
    constexpr std::size_t n = 100;
    converging_problem every(n);
    converging_problem settling(n);
    sae::rmsprop reference(notebook, n);
    sae::rmsprop skipping(notebook, n, 1, sae::settling::on);

    // Long enough for the decaying parameters to reach their fixed points; then the gradient
    // of a few parameters changes, as a training step changes the rows it touches.
    for (int step = 0; step < 30000; ++step)
    {
        if (step == 20000)
        {
            for (std::size_t i = 40; i < 45; ++i)
            {
                every.grad[i] += 0.5f;
                settling.grad[i] += 0.5f;
            }
            skipping.mark_changed(40, 45);
        }
        reference.step(every.params.data(), every.grad.data());
        skipping.step(settling.params.data(), settling.grad.data());
    }

    // The optimisation was really exercised, and changed nothing.
    EXPECT_GT(skipping.settled_params(), n / 4);
    for (std::size_t i = 0; i < n; ++i)
    {
        ASSERT_EQ(std::memcmp(&every.params[i], &settling.params[i], sizeof(float)), 0)
            << "parameter " << i;
        ASSERT_EQ(std::memcmp(&reference.mean_square()[i], &skipping.mean_square()[i],
                              sizeof(float)),
                  0)
            << "mean square " << i;
    }
}

TEST(Rmsprop, MarkChangedWakesASettledParameter)
{
    constexpr std::size_t n = 16;
    converging_problem problem(n);
    sae::rmsprop skipping(notebook, n, 1, sae::settling::on);
    for (int step = 0; step < 20000; ++step)
    {
        skipping.step(problem.params.data(), problem.grad.data());
    }
    ASSERT_GT(skipping.settled_params(), 0u);

    // Every parameter gets a large gradient: once marked, none may stay where it was.
    std::vector<float> before = problem.params;
    std::fill(problem.grad.begin(), problem.grad.end(), 1.0f);
    skipping.mark_changed(0, n);
    skipping.step(problem.params.data(), problem.grad.data());

    EXPECT_EQ(skipping.settled_params(), 0u);
    for (std::size_t i = 0; i < n; ++i)
    {
        EXPECT_LT(problem.params[i], before[i]) << "parameter " << i;
    }
}

TEST(Rmsprop, SettlingWithThreadsGivesTheSameBitsAsOneThread)
{
    // Two threads take at least 2 × 16,384 parameters, and an odd count makes a ragged part.
    // The first eighth decays to fixed points in some 9,000 steps; the others get a gradient
    // that flips at every step, which keeps them moving (and the test fast, since they never
    // become subnormal).
    constexpr std::size_t n = 32771;
    constexpr std::size_t decaying = n / 8;
    converging_problem one(n);
    std::fill(one.grad.begin(), one.grad.end(), 0.0f);
    converging_problem many = one;
    sae::rmsprop single(notebook, n, 1, sae::settling::on);
    sae::rmsprop threaded(notebook, n, 2, sae::settling::on);

    for (int step = 0; step < 9500; ++step)
    {
        float flip = step % 2 == 0 ? 0.01f : -0.01f;
        std::fill(one.grad.begin() + decaying, one.grad.end(), flip);
        std::fill(many.grad.begin() + decaying, many.grad.end(), flip);
        single.mark_changed(decaying, n);
        threaded.mark_changed(decaying, n);

        single.step(one.params.data(), one.grad.data());
        threaded.step(many.params.data(), many.grad.data());
    }

    EXPECT_GT(threaded.settled_params(), 0u);
    EXPECT_EQ(single.settled_params(), threaded.settled_params());
    EXPECT_EQ(std::memcmp(one.params.data(), many.params.data(), n * sizeof(float)), 0);
}
