/// @file subnormal_mode.hpp
/// @brief A scope in which the calling thread computes with subnormal floats as zero.
#ifndef SAE_LIB_SUBNORMAL_MODE_HPP
#define SAE_LIB_SUBNORMAL_MODE_HPP

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace sae
{

/// While alive, the calling thread reads subnormal inputs as zero and flushes subnormal results
/// to zero; the destructor restores the caller's mode.
///
/// Training leaves parameters at subnormal fixed points (see rmsprop), and on x86 every vector
/// operation that meets one takes a microcode path a hundred times slower than the usual one,
/// which made a one-row prediction several times slower. A subnormal is below 1.2e-38, so
/// counting it as zero changes no prediction of a rating by anything representable next to it.
/// Training itself keeps subnormals, to compute exactly what the notebook computes.
class subnormals_as_zero
{
public:
    subnormals_as_zero() noexcept
    {
#if defined(__SSE__) || defined(__x86_64__)
        m_saved = _mm_getcsr();
        _mm_setcsr(m_saved | flush_to_zero | denormals_are_zero);
#endif
    }

    ~subnormals_as_zero()
    {
#if defined(__SSE__) || defined(__x86_64__)
        _mm_setcsr(m_saved);
#endif
    }

    subnormals_as_zero(const subnormals_as_zero&) = delete;
    subnormals_as_zero& operator=(const subnormals_as_zero&) = delete;

private:
#if defined(__SSE__) || defined(__x86_64__)
    static constexpr unsigned flush_to_zero = 0x8000;      // MXCSR bit 15
    static constexpr unsigned denormals_are_zero = 0x0040;  // MXCSR bit 6
    unsigned m_saved = 0;
#endif
};

}  // namespace sae

#endif
