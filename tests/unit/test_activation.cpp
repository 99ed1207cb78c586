#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "activation.hpp"
#include "test_support.hpp"

namespace
{

constexpr std::array<sae_activation, 6> all_activations = {
    SAE_ACTIVATION_IDENTITY, SAE_ACTIVATION_SIGMOID, SAE_ACTIVATION_TANH,
    SAE_ACTIVATION_RELU,     SAE_ACTIVATION_ELU,     SAE_ACTIVATION_SELU,
};

// Points on both sides of 0 but at least 0.1 away from it, so that a finite difference with
// h = 1e-2 never straddles the kinks of relu and selu.
const std::vector<float> points = {-3.0f, -1.25f, -0.4f, -0.1f, 0.1f, 0.7f, 2.0f, 4.5f};

float activate_one(sae_activation f, float z)
{
    float a = 0.0f;
    sae::activate(f, &z, &a, 1);
    return a;
}

}  // namespace

TEST(Activation, ValuesMatchTheTextbookFormulas)
{
    for (sae_activation f : all_activations)
    {
        std::vector<float> a(points.size());
        sae::activate(f, points.data(), a.data(), points.size());

        // Float evaluation of exp/tanh is good to a few ulps: 1e-6 relative (≈ 8 ulps) plus
        // 1e-7 absolute for values near zero.
        for (std::size_t i = 0; i < points.size(); ++i)
        {
            double expected = unit_test::reference_activation(f, points[i]);
            EXPECT_NEAR(a[i], expected, 1e-6 * std::fabs(expected) + 1e-7)
                << sae::activation_name(f) << " at " << points[i];
        }
    }
}

TEST(Activation, KnownValuesAtFixedPoints)
{
    // Written out by hand so that a wrong reference formula cannot hide a wrong activation:
    // sigmoid(0) = 1/2, elu(-1) = 1/e - 1, selu(1) = lambda and selu(-30) ≈ -lambda · alpha.
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_SIGMOID, 0.0f), 0.5, 1e-7);
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_SIGMOID, 2.0f), 0.8807970779778823, 1e-7);
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_TANH, 0.0f), 0.0, 1e-7);
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_TANH, 1.0f), 0.7615941559557649, 1e-7);
    EXPECT_EQ(activate_one(SAE_ACTIVATION_RELU, -2.0f), 0.0f);
    EXPECT_EQ(activate_one(SAE_ACTIVATION_RELU, 2.5f), 2.5f);
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_ELU, -1.0f), -0.6321205588285577, 1e-7);
    EXPECT_EQ(activate_one(SAE_ACTIVATION_ELU, 1.5f), 1.5f);
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_SELU, 1.0f), 1.0507009873554805, 1e-6);
    EXPECT_NEAR(activate_one(SAE_ACTIVATION_SELU, -30.0f), -1.7580993408473766, 1e-6);
    EXPECT_EQ(activate_one(SAE_ACTIVATION_IDENTITY, -7.25f), -7.25f);
}

TEST(Activation, WorksInPlace)
{
    for (sae_activation f : all_activations)
    {
        std::vector<float> separate(points.size());
        sae::activate(f, points.data(), separate.data(), points.size());
        std::vector<float> in_place = points;
        sae::activate(f, in_place.data(), in_place.data(), in_place.size());

        EXPECT_EQ(in_place, separate) << sae::activation_name(f);
    }
}

TEST(Activation, DerivativeMatchesCentralDifferences)
{
    const float h = 1e-2f;

    for (sae_activation f : all_activations)
    {
        std::vector<float> a(points.size());
        sae::activate(f, points.data(), a.data(), points.size());
        std::vector<float> g(points.size(), 1.0f);
        sae::scale_by_derivative(f, points.data(), a.data(), g.data(), points.size());

        // (f(z+h) - f(z-h)) / 2h on the library's own float activation, divided by the spacing
        // the two float arguments really have. The truncation error is h²/6 · |f'''| ≤ 3.5e-5
        // (tanh has |f'''| ≤ 2) and the rounding error ulp(f) / 2h ≤ 2.5e-5, so 2e-4 absolute
        // plus 1e-4 relative still fails any derivative wrong by more than a hundredth.
        for (std::size_t i = 0; i < points.size(); ++i)
        {
            const float above = points[i] + h;
            const float below = points[i] - h;
            double numeric = (double(activate_one(f, above)) - double(activate_one(f, below)))
                             / (double(above) - double(below));
            EXPECT_NEAR(g[i], numeric, 2e-4 + 1e-4 * std::fabs(numeric))
                << sae::activation_name(f) << " at " << points[i];
        }
    }
}

TEST(Activation, DerivativeScalesTheIncomingGradient)
{
    // scale_by_derivative multiplies: an incoming gradient of -3 must come out as -3 · f'(z).
    const float z = 0.7f;
    for (sae_activation f : all_activations)
    {
        float a = activate_one(f, z);
        float unit = 1.0f;
        sae::scale_by_derivative(f, &z, &a, &unit, 1);
        float scaled = -3.0f;
        sae::scale_by_derivative(f, &z, &a, &scaled, 1);

        EXPECT_NEAR(scaled, -3.0f * unit, 1e-6) << sae::activation_name(f);
    }
}

TEST(Activation, NamesAndCodes)
{
    EXPECT_STREQ(sae::activation_name(SAE_ACTIVATION_SIGMOID), "sigmoid");
    EXPECT_STREQ(sae::activation_name(SAE_ACTIVATION_SELU), "selu");
    EXPECT_STREQ(sae::activation_name(42), "unknown");
    for (sae_activation f : all_activations)
    {
        EXPECT_TRUE(sae::is_activation(f));
    }
    EXPECT_FALSE(sae::is_activation(-1));
    EXPECT_FALSE(sae::is_activation(SAE_ACTIVATION_SELU + 1));
}
