/// @file step_signal.hpp
/// @brief A step count that one thread publishes and another waits for.
#ifndef SAE_LIB_STEP_SIGNAL_HPP
#define SAE_LIB_STEP_SIGNAL_HPP

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace sae
{

/// A count that grows, published by one thread and awaited by another.
///
/// Publishing releases every write made before it to the thread whose wait_for() sees the
/// count, so two threads can pass a step's activations and gradients back and forth through
/// ordinary memory. Waiting polls for a while before it sleeps (see spin_wait.hpp).
class step_signal
{
public:
    /// Makes `count` visible, with everything this thread wrote before.
    void publish(std::uint64_t count) noexcept;

    /// Returns once the published count is at least `count`; returns the count seen.
    std::uint64_t wait_for(std::uint64_t count) noexcept;

    [[nodiscard]] std::uint64_t current() const noexcept
    {
        return m_count.load(std::memory_order_acquire);
    }

    /// Sets the count, which may go down, while no other thread uses the signal.
    void reset(std::uint64_t count) noexcept { m_count.store(count); }

    /// Waits so far that polling gave up and the thread slept: a sign that the two threads
    /// do not run at the same time.
    [[nodiscard]] std::uint64_t slow_waits() const noexcept
    {
        return m_slow_waits.load(std::memory_order_relaxed);
    }

private:
    std::atomic<std::uint64_t> m_count{0};
    std::atomic<std::uint64_t> m_slow_waits{0};
    std::atomic<unsigned> m_sleepers{0};
    std::mutex m_mutex;
    std::condition_variable m_wake;
};

}  // namespace sae

#endif
