#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "subnormal_mode.hpp"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace
{

// Through a volatile, so that the compiler computes it at run time, in the current mode.
float times_one(float value)
{
    volatile float one = 1.0f;
    return value * one;
}

}  // namespace

#if defined(__SSE__) || defined(__x86_64__)

TEST(SubnormalMode, SubnormalsCountAsZeroInsideTheScope)
{
    const float subnormal = std::numeric_limits<float>::denorm_min() * 1000.0f;
    ASSERT_EQ(std::fpclassify(subnormal), FP_SUBNORMAL);

    EXPECT_EQ(times_one(subnormal), subnormal);
    {
        sae::subnormals_as_zero scope;
        EXPECT_EQ(times_one(subnormal), 0.0f);
        // Normal numbers are untouched.
        EXPECT_EQ(times_one(1.5f), 1.5f);
    }
    EXPECT_EQ(times_one(subnormal), subnormal);
}

TEST(SubnormalMode, RestoresTheCallersModeExactly)
{
    const unsigned before = _mm_getcsr();

    // The caller's rounding mode, say, must come back along with the subnormal bits.
    _mm_setcsr(before | 0x6000);  // round toward zero
    const unsigned callers = _mm_getcsr();
    {
        sae::subnormals_as_zero scope;
        EXPECT_NE(_mm_getcsr(), callers);
    }
    EXPECT_EQ(_mm_getcsr(), callers);

    _mm_setcsr(before);
}

#endif
