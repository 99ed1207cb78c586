#include "worker_pool.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace sae
{
namespace
{

// Some tens of microseconds of polling: longer than the gap between two training steps, so
// a busy pool never sleeps, yet short enough that an idle one soon leaves the core to others.
constexpr int spin_limit = 1000;

void pause() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

std::uint32_t generation_of(std::uint64_t next) noexcept
{
    return std::uint32_t(next >> 32);
}

}  // namespace

worker_pool::worker_pool(unsigned n_threads)
{
    for (unsigned i = 1; i < n_threads; ++i)
    {
        m_workers.emplace_back([this] { work(); });
    }
}

worker_pool::~worker_pool()
{
    m_stop.store(true);
    m_next.store(std::uint64_t(m_generation + 1) << 32);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
    }
    m_wake.notify_all();

    for (auto& worker : m_workers)
    {
        worker.join();
    }
}

void worker_pool::run(task fn, void* context, unsigned n_parts) noexcept
{
    if (m_workers.empty())
    {
        for (unsigned part = 0; part < n_parts; ++part)
        {
            fn(context, part, n_parts);
        }
        return;
    }

    // Storing the new generation releases the task to the workers that load it.
    m_task = fn;
    m_context = context;
    m_n_parts.store(n_parts, std::memory_order_relaxed);
    m_done.store(0, std::memory_order_relaxed);
    ++m_generation;
    m_next.store(std::uint64_t(m_generation) << 32);
    if (m_sleepers.load() > 0)
    {
        // Taking the mutex means a sleeper is either waiting already or will see the new
        // generation when it tests it, so the notification cannot be lost.
        std::lock_guard<std::mutex> lock(m_mutex);
        m_wake.notify_all();
    }

    claim_parts(m_generation);

    for (int spins = 0; m_done.load(std::memory_order_acquire) != n_parts; ++spins)
    {
        if (spins < spin_limit)
        {
            pause();
        }
        else
        {
            std::this_thread::yield();
        }
    }
}

void worker_pool::claim_parts(std::uint32_t generation) noexcept
{
    // A worker that wakes late still holds an old generation: the compare-exchange fails for it,
    // so it can neither take a part of a newer task nor count one as done.
    auto next = m_next.load(std::memory_order_acquire);
    for (;;)
    {
        unsigned n_parts = m_n_parts.load(std::memory_order_relaxed);
        if (generation_of(next) != generation || unsigned(next) >= n_parts)
        {
            return;
        }
        if (!m_next.compare_exchange_weak(next, next + 1, std::memory_order_acq_rel))
        {
            continue;
        }

        m_task(m_context, unsigned(next), n_parts);
        m_done.fetch_add(1, std::memory_order_release);
        next = m_next.load(std::memory_order_acquire);
    }
}

std::uint32_t worker_pool::wait_for_task(std::uint32_t seen)
{
    for (int spins = 0; spins < spin_limit; ++spins)
    {
        auto generation = generation_of(m_next.load(std::memory_order_acquire));
        if (generation != seen)
        {
            return generation;
        }
        pause();
    }

    // Counting sleepers before testing the generation (both sequentially consistent) pairs with
    // run(), which publishes the generation before reading the count: one sees the other.
    std::unique_lock<std::mutex> lock(m_mutex);
    m_sleepers.fetch_add(1);
    m_wake.wait(lock, [&] { return generation_of(m_next.load()) != seen; });
    m_sleepers.fetch_sub(1);
    return generation_of(m_next.load());
}

void worker_pool::work()
{
    std::uint32_t seen = 0;

    for (;;)
    {
        seen = wait_for_task(seen);
        if (m_stop.load())
        {
            return;
        }

        claim_parts(seen);
    }
}

unsigned resolve_threads(std::uint32_t threads) noexcept
{
    if (threads > 0)
    {
        return threads;
    }

    unsigned cores = std::thread::hardware_concurrency();
    return cores > 0 ? cores : 1;
}

}  // namespace sae
