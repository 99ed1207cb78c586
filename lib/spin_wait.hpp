/// @file spin_wait.hpp
/// @brief Polling for a condition another core is about to make true, for a bounded time.
///
/// Training hands work between threads tens of thousands of times a second; going through the
/// kernel at each handoff would cost as much as the work. A waiter polls first, and sleeps only
/// when the other side takes far longer than usual (the system paused it).
#ifndef SAE_LIB_SPIN_WAIT_HPP
#define SAE_LIB_SPIN_WAIT_HPP

#include <chrono>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace sae
{

/// A fraction of a millisecond of polling: far longer than the gap between two training steps,
/// so a busy thread never sleeps, yet short enough that an idle one soon leaves the core to
/// others. Measured in time, because what one pause instruction costs varies tenfold between
/// processors.
inline constexpr std::chrono::microseconds spin_time{200};

/// Tells the core that this thread is polling, so that it yields resources to its sibling.
inline void cpu_pause() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

/// Polls `done` for about spin_time; returns whether it became true meanwhile.
template <class Condition>
bool spin_until(Condition done) noexcept
{
    // The clock is read once every few pauses: reading it costs more than a pause.
    constexpr int pauses_per_clock_read = 32;
    auto deadline = std::chrono::steady_clock::now() + spin_time;

    for (int spins = 1;; ++spins)
    {
        if (done())
        {
            return true;
        }
        if (spins % pauses_per_clock_read == 0 && std::chrono::steady_clock::now() >= deadline)
        {
            return false;
        }
        cpu_pause();
    }
}

}  // namespace sae

#endif
