#include "bare_update.hpp"

#include <chrono>
#include <cmath>
#include <vector>

namespace sae_bench
{
namespace
{

// Compiled with the library's flags and clones, so the only difference from libsae's update is
// everything libsae does besides it.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void bare_update(float* __restrict params,
                 const float* __restrict grad,
                 float* __restrict mean_square,
                 std::size_t n) noexcept
{
    const float lr = 0.01f;
    const float decay = 0.5f;
    const float alpha = 0.99f;
    const float eps = 1e-8f;

    for (std::size_t i = 0; i < n; ++i)
    {
        float g = grad[i] + decay * params[i];
        mean_square[i] = alpha * mean_square[i] + (1.0f - alpha) * g * g;
        params[i] -= lr * g / (std::sqrt(mean_square[i]) + eps);
    }
}

}  // namespace

double time_bare_update(std::size_t n_params, std::size_t steps)
{
    // Gradients of the size the notebook's accumulated ones reach; no value ever gets subnormal,
    // which would slow the loop for reasons unrelated to the update itself.
    std::vector<float> params(n_params), grad(n_params), mean_square(n_params, 0.0f);
    for (std::size_t i = 0; i < n_params; ++i)
    {
        params[i] = 0.01f * float(i % 97) - 0.5f;
        grad[i] = 0.001f * float(i % 13 + 1);
    }

    auto start = std::chrono::steady_clock::now();
    for (std::size_t s = 0; s < steps; ++s)
    {
        bare_update(params.data(), grad.data(), mean_square.data(), n_params);
    }
    auto stop = std::chrono::steady_clock::now();

    // Keeps the stores observable so that no step is optimised away.
    volatile float sink = params[n_params / 2];
    (void)sink;
    return std::chrono::duration<double>(stop - start).count();
}

}  // namespace sae_bench
