#include "rmsprop.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "cpu_clones.hpp"

namespace sae
{

namespace
{

// Below this many parameters per thread, waking a worker costs more than the updates it takes
// over (the notebook's 69,412 parameters gain from two threads).
constexpr std::size_t min_params_per_thread = 16384;

// Parts start on 64-byte boundaries so that two threads never write to one cache line.
constexpr std::size_t part_alignment = 16;

// One part per thread: the pool gives each thread the same part at every step, so that its
// parameters stay in that core's cache (see worker_pool); a part whose thread the system has
// paused is taken over whole by another.
constexpr unsigned parts_per_thread = 1;

// What a parked parameter computes on: values far from the subnormal range for any gradient.
constexpr float parked_value = 1.0f;

std::uint32_t bits_of(float value) noexcept
{
    std::uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

}  // namespace

rmsprop::rmsprop(rmsprop_config config,
                 std::size_t n_params,
                 std::uint32_t threads,
                 settling mode,
                 const float* params)
    : m_config(config)
    , m_mean_square(n_params, params)
    , m_settling(mode == settling::on)
{
    std::size_t useful = std::max<std::size_t>(1, n_params / min_params_per_thread);
    auto n_threads = unsigned(std::min<std::size_t>(resolve_threads(threads), useful));
    if (n_threads > 1)
    {
        m_pool = std::make_unique<worker_pool>(n_threads);
    }

    if (m_settling)
    {
        m_settled.assign((n_params + bits_per_word - 1) / bits_per_word, 0);
        m_settled_list.reserve(n_params);
        m_held_params.resize(n_params);
        m_held_mean_square.resize(n_params);
    }
}

namespace
{

// 16 floats a step where AVX-512 exists: the -march=native speed without -march.
SAE_CPU_CLONES
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

void rmsprop::update_part(void* context, unsigned part, unsigned n_parts) noexcept
{
    auto* self = static_cast<rmsprop*>(context);
    std::size_t n = self->m_mean_square.size();
    std::size_t share = (n + n_parts - 1) / n_parts;
    share = (share + part_alignment - 1) / part_alignment * part_alignment;
    std::size_t begin = std::min(n, share * part);
    std::size_t end = std::min(n, begin + share);

    self->update_range(begin, end);
}

void rmsprop::update_range(std::size_t begin, std::size_t end) noexcept
{
    float* params = m_params;
    float* mean_square = m_mean_square.data();

    // Settled parameters compute on ordinary values, then get their own back. The thread that
    // updates a range does this too, so that no other core writes to its cache lines.
    auto first = std::lower_bound(m_settled_list.begin(), m_settled_list.end(), begin);
    auto last = std::lower_bound(first, m_settled_list.end(), end);
    for (auto it = first; it != last; ++it)
    {
        params[*it] = parked_value;
        mean_square[*it] = parked_value;
    }

    rmsprop_update(params + begin, m_grad + begin, mean_square + begin, end - begin, m_config);

    for (auto it = first; it != last; ++it)
    {
        params[*it] = m_held_params[*it];
        mean_square[*it] = m_held_mean_square[*it];
    }
}

void rmsprop::update_all(float* params, const float* grad) noexcept
{
    m_params = params;
    m_grad = grad;
    if (!m_pool)
    {
        update_range(0, m_mean_square.size());
        return;
    }
    m_pool->run(&rmsprop::update_part, this, m_pool->size() * parts_per_thread);
}

void rmsprop::step(float* params, const float* grad) noexcept
{
    if (!m_settling)
    {
        update_all(params, grad);
        return;
    }

    // A parameter is settled once a whole step left its bits as they were, which a check
    // finds by keeping the values from before the step.
    bool check = m_steps % settle_check_interval == 0;
    ++m_steps;
    if (check)
    {
        std::copy_n(params, m_held_params.size(), m_held_params.data());
        std::copy_n(m_mean_square.data(), m_held_mean_square.size(), m_held_mean_square.data());
    }

    drop_unsettled();
    update_all(params, grad);

    if (check)
    {
        find_settled(params);
    }
}

void rmsprop::drop_unsettled() noexcept
{
    if (!m_list_stale)
    {
        return;
    }

    auto still_settled = [this](std::uint32_t i) {
        return (m_settled[i / bits_per_word] >> (i % bits_per_word)) & 1;
    };
    auto end = std::stable_partition(m_settled_list.begin(), m_settled_list.end(),
                                     still_settled);
    m_settled_list.erase(end, m_settled_list.end());
    m_list_stale = false;
}

void rmsprop::find_settled(const float* params) noexcept
{
    const float* mean_square = m_mean_square.data();
    std::size_t n = m_held_params.size();

    // Bits, not values, are compared: -0 and +0 are equal values but not the same state.
    m_settled_list.clear();
    std::fill(m_settled.begin(), m_settled.end(), 0);
    for (std::size_t i = 0; i < n; ++i)
    {
        if (bits_of(params[i]) == bits_of(m_held_params[i])
            && bits_of(mean_square[i]) == bits_of(m_held_mean_square[i]))
        {
            m_settled[i / bits_per_word] |= std::uint64_t(1) << (i % bits_per_word);
            m_settled_list.push_back(std::uint32_t(i));
        }
    }
    m_list_stale = false;
}

std::size_t rmsprop::settled_params() const noexcept
{
    std::size_t count = 0;
    for (std::uint64_t word : m_settled)
    {
        count += std::size_t(__builtin_popcountll(word));
    }
    return count;
}

}  // namespace sae
