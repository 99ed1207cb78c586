/// @file worker_pool.hpp
/// @brief A fixed set of threads that share one short task, many thousand times a second.
///
/// Training splits each step's parameter update across the pool. A step takes tens of
/// microseconds, so waking threads through the kernel every time would cost as much as the work:
/// idle workers spin for a while before they sleep, and nothing is allocated per task.
///
/// Each thread first runs its own parts (part k of n threads: k, k + n, ...), so that a thread
/// updates the same memory at every step and finds it in its own cache; then it claims any
/// part still left, so that when the system has paused a worker the others do its share
/// instead of waiting for it.
#ifndef SAE_LIB_WORKER_POOL_HPP
#define SAE_LIB_WORKER_POOL_HPP

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace sae
{

/// Runs the parts of a task on the calling thread and `size() - 1` workers.
class worker_pool
{
public:
    /// One part of a task; `part` counts from 0 to `n_parts - 1`, in no particular order.
    using task = void (*)(void* context, unsigned part, unsigned n_parts);

    /// Starts `n_threads - 1` workers (none for 0 or 1).
    explicit worker_pool(unsigned n_threads);
    ~worker_pool();

    worker_pool(const worker_pool&) = delete;
    worker_pool& operator=(const worker_pool&) = delete;

    [[nodiscard]] unsigned size() const noexcept { return unsigned(m_workers.size()) + 1; }

    /// Runs parts 0 to `n_parts - 1` of `fn`, each once, and returns when all have finished.
    /// One caller at a time.
    void run(task fn, void* context, unsigned n_parts) noexcept;

private:
    /// The task of one generation that a claim belongs to, on a cache line of its own.
    struct alignas(64) part_claim
    {
        std::atomic<std::uint64_t> generation{0};
    };

    void run_batch(unsigned first, unsigned count) noexcept;
    void work(unsigned thread);
    std::uint64_t wait_for_task(std::uint64_t seen);
    void run_parts(unsigned thread, std::uint64_t generation) noexcept;
    void try_part(unsigned part, std::uint64_t generation) noexcept;

    std::vector<std::thread> m_workers;
    std::vector<part_claim> m_claims;  ///< One a part of a batch; a task has one or more.

    // The task in progress. Storing a new generation publishes the fields set before it.
    task m_task = nullptr;
    void* m_context = nullptr;
    unsigned m_n_parts = 0;
    std::atomic<unsigned> m_batch_first{0};
    std::atomic<unsigned> m_batch_count{0};
    std::atomic<std::uint64_t> m_generation{0};
    std::atomic<unsigned> m_done{0};

    std::atomic<unsigned> m_sleepers{0};
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

/// Threads to use for a `threads` option: 0 means one per core the system reports.
[[nodiscard]] unsigned resolve_threads(std::uint32_t threads) noexcept;

}  // namespace sae

#endif
