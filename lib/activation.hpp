/// @file activation.hpp
/// @brief Element-wise activation functions and their derivatives.
#ifndef SAE_LIB_ACTIVATION_HPP
#define SAE_LIB_ACTIVATION_HPP

#include <cstddef>

#include "sae.h"

namespace sae
{

/// True when `code` is one of the sae_activation values.
[[nodiscard]] bool is_activation(int code) noexcept;

/// Short lower-case name ("sigmoid"), for messages and the CLI.
[[nodiscard]] const char* activation_name(int code) noexcept;

/// a[i] = f(z[i]) for n elements; `a` may alias `z`.
void activate(sae_activation f, const float* z, float* a, std::size_t n) noexcept;

/// g[i] *= f'(z[i]), where a[i] = f(z[i]) was computed by activate(): several derivatives are
/// cheaper from the output than from the input.
void scale_by_derivative(sae_activation f,
                         const float* z,
                         const float* a,
                         float* g,
                         std::size_t n) noexcept;

}  // namespace sae

#endif
