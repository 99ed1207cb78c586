#include "bare_update.hpp"

#include <algorithm>
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
    // With a fixed gradient the parameters converge until g² underflows, and subnormal
    // arithmetic would then time the CPU's slow path rather than the update: the state restarts
    // every `restart` steps, long before that, at a cost of a copy per hundred updates.
    constexpr std::size_t restart = 100;
    std::vector<float> start_params(n_params), grad(n_params);
    for (std::size_t i = 0; i < n_params; ++i)
    {
        start_params[i] = 0.01f * float(i % 97) - 0.5f;
        grad[i] = 0.001f * float(i % 13 + 1);
    }
    std::vector<float> params = start_params;
    std::vector<float> mean_square(n_params, 0.0f);

    auto start = std::chrono::steady_clock::now();
    for (std::size_t s = 0; s < steps; ++s)
    {
        if (s % restart == 0)
        {
            params = start_params;
            std::fill(mean_square.begin(), mean_square.end(), 0.0f);
        }
        bare_update(params.data(), grad.data(), mean_square.data(), n_params);
    }
    auto stop = std::chrono::steady_clock::now();

    // Keeps the stores observable so that no step is optimised away.
    volatile float sink = params[n_params / 2];
    (void)sink;
    return std::chrono::duration<double>(stop - start).count();
}

}  // namespace sae_bench
