#include "activation.hpp"

#include <cmath>

namespace sae
{
namespace
{

// The SELU constants of Klambauer et al. (2017), which keep unit variance through layers.
constexpr float selu_lambda = 1.0507009873554805f;
constexpr float selu_alpha = 1.6732632423543772f;

}  // namespace

bool is_activation(int code) noexcept
{
    return code >= SAE_ACTIVATION_IDENTITY && code <= SAE_ACTIVATION_SELU;
}

const char* activation_name(int code) noexcept
{
    switch (code)
    {
        case SAE_ACTIVATION_IDENTITY: return "identity";
        case SAE_ACTIVATION_SIGMOID: return "sigmoid";
        case SAE_ACTIVATION_TANH: return "tanh";
        case SAE_ACTIVATION_RELU: return "relu";
        case SAE_ACTIVATION_ELU: return "elu";
        case SAE_ACTIVATION_SELU: return "selu";
        default: return "unknown";
    }
}

void activate(sae_activation f, const float* z, float* a, std::size_t n) noexcept
{
    switch (f)
    {
        case SAE_ACTIVATION_IDENTITY:
            for (std::size_t i = 0; i < n; ++i) { a[i] = z[i]; }
            break;
        case SAE_ACTIVATION_SIGMOID:
            for (std::size_t i = 0; i < n; ++i) { a[i] = 1.0f / (1.0f + std::exp(-z[i])); }
            break;
        case SAE_ACTIVATION_TANH:
            for (std::size_t i = 0; i < n; ++i) { a[i] = std::tanh(z[i]); }
            break;
        case SAE_ACTIVATION_RELU:
            for (std::size_t i = 0; i < n; ++i) { a[i] = z[i] > 0.0f ? z[i] : 0.0f; }
            break;
        case SAE_ACTIVATION_ELU:
            for (std::size_t i = 0; i < n; ++i) { a[i] = z[i] > 0.0f ? z[i] : std::expm1(z[i]); }
            break;
        case SAE_ACTIVATION_SELU:
            for (std::size_t i = 0; i < n; ++i)
            {
                a[i] = selu_lambda * (z[i] > 0.0f ? z[i] : selu_alpha * std::expm1(z[i]));
            }
            break;
    }
}

void scale_by_derivative(sae_activation f,
                         const float* z,
                         const float* a,
                         float* g,
                         std::size_t n) noexcept
{
    switch (f)
    {
        case SAE_ACTIVATION_IDENTITY:
            break;
        case SAE_ACTIVATION_SIGMOID:
            for (std::size_t i = 0; i < n; ++i) { g[i] *= a[i] * (1.0f - a[i]); }
            break;
        case SAE_ACTIVATION_TANH:
            for (std::size_t i = 0; i < n; ++i) { g[i] *= 1.0f - a[i] * a[i]; }
            break;
        case SAE_ACTIVATION_RELU:
            for (std::size_t i = 0; i < n; ++i) { g[i] = z[i] > 0.0f ? g[i] : 0.0f; }
            break;
        case SAE_ACTIVATION_ELU:
            for (std::size_t i = 0; i < n; ++i) { g[i] *= z[i] > 0.0f ? 1.0f : a[i] + 1.0f; }
            break;
        case SAE_ACTIVATION_SELU:
            for (std::size_t i = 0; i < n; ++i)
            {
                g[i] *= z[i] > 0.0f ? selu_lambda : a[i] + selu_lambda * selu_alpha;
            }
            break;
    }
}

}  // namespace sae
