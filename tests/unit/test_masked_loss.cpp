#include <gtest/gtest.h>

#include <vector>

#include "masked_loss.hpp"

TEST(MaskedLoss, ValueAndGradientMatchHandComputation)
{
    // Three rated outputs of a row of 10 items. Errors: 3.5 - 4 = -0.5, 1 - 2 = -1, 4 - 4 = 0.
    // Sum of squares: 0.25 + 1 + 0 = 1.25. Gradient 2 · error / 10: -0.1, -0.2, 0.
    const std::vector<float> predicted = {3.5f, 1.0f, 4.0f};
    const std::vector<float> target = {4.0f, 2.0f, 4.0f};
    std::vector<float> gradient(3, 99.0f);

    double sum = sae::masked_squared_error(predicted.data(), target.data(), 3, 10,
                                           gradient.data());

    // The inputs are exact in binary except for 0.1 and 0.2 in float: 1e-7 covers one rounding.
    EXPECT_NEAR(sum, 1.25, 1e-12);
    EXPECT_NEAR(gradient[0], -0.1, 1e-7);
    EXPECT_NEAR(gradient[1], -0.2, 1e-7);
    EXPECT_EQ(gradient[2], 0.0f);
}

TEST(MaskedLoss, DividesByTheFullRowWidthNotTheRatedCount)
{
    // The same single error of 2 over rows of 4 and of 400 items: the gradient 2 · 2 / n_items
    // is 1 and 0.01; the undivided sum of squares stays 4 for both.
    const float predicted = 5.0f;
    const float target = 3.0f;
    float narrow = 0.0f;
    float wide = 0.0f;

    EXPECT_EQ(sae::masked_squared_error(&predicted, &target, 1, 4, &narrow), 4.0);
    EXPECT_EQ(sae::masked_squared_error(&predicted, &target, 1, 400, &wide), 4.0);

    EXPECT_NEAR(narrow, 1.0, 1e-7);
    EXPECT_NEAR(wide, 0.01, 1e-9);
}

TEST(MaskedLoss, UnratedOutputsContributeNothing)
{
    // Only the n rated outputs are passed; whatever follows them in the buffers (here huge
    // values standing for unrated outputs) must neither change the loss nor be written to.
    const std::vector<float> predicted = {2.0f, 1e6f, -1e6f};
    const std::vector<float> target = {3.0f, 0.0f, 0.0f};
    std::vector<float> gradient = {7.0f, 7.0f, 7.0f};

    double sum = sae::masked_squared_error(predicted.data(), target.data(), 1, 5,
                                           gradient.data());

    EXPECT_EQ(sum, 1.0);
    EXPECT_NEAR(gradient[0], -0.4, 1e-7);
    EXPECT_EQ(gradient[1], 7.0f);
    EXPECT_EQ(gradient[2], 7.0f);
}

TEST(MaskedLoss, EmptyRowHasZeroLoss)
{
    float unused = 0.0f;
    EXPECT_EQ(sae::masked_squared_error(&unused, &unused, 0, 10, &unused), 0.0);
}
