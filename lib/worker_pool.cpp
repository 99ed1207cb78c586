#include "worker_pool.hpp"

#include <algorithm>

#include "spin_wait.hpp"

namespace sae
{
namespace
{

// Claims a task may have per thread at once; a task of more parts runs in batches.
constexpr unsigned claims_per_thread = 16;

}  // namespace

worker_pool::worker_pool(unsigned n_threads)
    : m_claims(std::size_t(std::max(1u, n_threads)) * claims_per_thread)
{
    for (unsigned i = 1; i < n_threads; ++i)
    {
        m_workers.emplace_back([this, i] { work(i); });
    }
}

worker_pool::~worker_pool()
{
    m_stop.store(true);
    m_generation.fetch_add(1);
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

    m_task = fn;
    m_context = context;
    m_n_parts = n_parts;
    auto capacity = unsigned(m_claims.size());
    for (unsigned first = 0; first < n_parts; first += capacity)
    {
        run_batch(first, std::min(capacity, n_parts - first));
    }
}

void worker_pool::run_batch(unsigned first, unsigned count) noexcept
{
    // Storing the new generation releases the task to the workers that load it.
    m_batch_first.store(first, std::memory_order_relaxed);
    m_batch_count.store(count, std::memory_order_relaxed);
    m_done.store(0, std::memory_order_relaxed);
    std::uint64_t generation = m_generation.load(std::memory_order_relaxed) + 1;
    m_generation.store(generation);
    if (m_sleepers.load() > 0)
    {
        // Taking the mutex means a sleeper is either waiting already or will see the new
        // generation when it tests it, so the notification cannot be lost.
        std::lock_guard<std::mutex> lock(m_mutex);
        m_wake.notify_all();
    }

    run_parts(0, generation);

    // The parts left are running on workers: wait for them, yielding the core if they take
    // long (the system has paused a worker).
    auto finished = [&] { return m_done.load(std::memory_order_acquire) == count; };
    if (!spin_until(finished))
    {
        while (!finished())
        {
            std::this_thread::yield();
        }
    }
}

void worker_pool::run_parts(unsigned thread, std::uint64_t generation) noexcept
{
    unsigned count = m_batch_count.load(std::memory_order_relaxed);
    unsigned n_threads = size();

    for (unsigned part = thread; part < count; part += n_threads)
    {
        try_part(part, generation);
    }
    for (unsigned part = 0; part < count; ++part)
    {
        try_part(part, generation);
    }
}

void worker_pool::try_part(unsigned part, std::uint64_t generation) noexcept
{
    // Generations only grow, so a claim older than this task's is free for it.
    auto& claim = m_claims[part].generation;
    std::uint64_t seen = claim.load(std::memory_order_relaxed);
    if (seen >= generation || !claim.compare_exchange_strong(seen, generation))
    {
        return;
    }

    // A worker that woke late still holds an older generation, and may have claimed a part of
    // a newer task under it: the task is not its own, and the claim, older than the newer
    // task's generation, stays free for that task's threads. A claim made while its task is
    // current cannot see the generation move on, since the task does not end before the part.
    if (m_generation.load() != generation)
    {
        return;
    }

    m_task(m_context, m_batch_first.load(std::memory_order_relaxed) + part, m_n_parts);
    m_done.fetch_add(1, std::memory_order_release);
}

std::uint64_t worker_pool::wait_for_task(std::uint64_t seen)
{
    std::uint64_t generation = seen;
    auto changed = [&] {
        generation = m_generation.load(std::memory_order_acquire);
        return generation != seen;
    };
    if (spin_until(changed))
    {
        return generation;
    }

    // Counting sleepers before testing the generation (both sequentially consistent) pairs with
    // run_batch(), which publishes the generation before reading the count: one sees the other.
    std::unique_lock<std::mutex> lock(m_mutex);
    m_sleepers.fetch_add(1);
    m_wake.wait(lock, [&] { return m_generation.load() != seen; });
    m_sleepers.fetch_sub(1);
    return m_generation.load();
}

void worker_pool::work(unsigned thread)
{
    std::uint64_t seen = 0;

    for (;;)
    {
        seen = wait_for_task(seen);
        if (m_stop.load())
        {
            return;
        }

        run_parts(thread, seen);
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
