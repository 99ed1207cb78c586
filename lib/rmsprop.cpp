#include "rmsprop.hpp"

#include <algorithm>
#include <cmath>

namespace sae
{

namespace
{

// Below this many parameters per thread, waking a worker costs more than the updates it takes
// over (the notebook's 69,412 parameters gain from two threads).
constexpr std::size_t min_params_per_thread = 16384;

// Parts start on 64-byte boundaries so that two threads never write to one cache line.
constexpr std::size_t part_alignment = 16;

// Parts per thread: small enough parts let a running thread take over the share of one the
// system has paused, large enough ones keep the claiming cheap.
constexpr unsigned parts_per_thread = 4;

}  // namespace

rmsprop::rmsprop(rmsprop_config config, std::size_t n_params, std::uint32_t threads)
    : m_config(config)
    , m_mean_square(xt::zeros<float>({n_params}))
{
    std::size_t useful = std::max<std::size_t>(1, n_params / min_params_per_thread);
    auto n_threads = unsigned(std::min<std::size_t>(resolve_threads(threads), useful));
    if (n_threads > 1)
    {
        m_pool = std::make_unique<worker_pool>(n_threads);
    }
}

namespace
{

// Cloned per instruction set and picked at load time: the installed library stays portable,
// yet runs 16 floats a step where AVX-512 exists (the -march=native speed without -march).
// Not under ThreadSanitizer: the clone is picked by an ifunc resolver that the dynamic loader
// runs before the sanitizer's runtime has started, and the instrumented resolver crashes.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) \
    && !defined(__SANITIZE_THREAD__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
void rmsprop_update(float* __restrict params,
                    const float* __restrict grad,
                    float* __restrict mean_square,
                    std::size_t n,
                    rmsprop_config config) noexcept
{
    const float one_minus_alpha = 1.0f - config.alpha;

    // Every parameter moves at every step (weight decay alone guarantees a non-zero g), so this
    // loop is the floor of the training cost; it must stay branch-free to vectorise.
    for (std::size_t i = 0; i < n; ++i)
    {
        float g = grad[i] + config.weight_decay * params[i];
        mean_square[i] = config.alpha * mean_square[i] + one_minus_alpha * g * g;
        params[i] -= config.learning_rate * g / (std::sqrt(mean_square[i]) + config.epsilon);
    }
}

}  // namespace

void rmsprop::step_part(void* context, unsigned part, unsigned n_parts) noexcept
{
    auto* self = static_cast<rmsprop*>(context);
    std::size_t n = self->m_mean_square.size();
    std::size_t share = (n + n_parts - 1) / n_parts;
    share = (share + part_alignment - 1) / part_alignment * part_alignment;
    std::size_t begin = std::min(n, share * part);
    std::size_t end = std::min(n, begin + share);

    rmsprop_update(self->m_params + begin, self->m_grad + begin,
                   self->m_mean_square.data() + begin, end - begin, self->m_config);
}

void rmsprop::step(float* params, const float* grad) noexcept
{
    if (!m_pool)
    {
        rmsprop_update(params, grad, m_mean_square.data(), m_mean_square.size(), m_config);
        return;
    }

    m_params = params;
    m_grad = grad;
    m_pool->run(&rmsprop::step_part, this, m_pool->size() * parts_per_thread);
}

}  // namespace sae
