/// @file thread_watch.hpp
/// @brief When a step split across two threads should go on with one, and when to retry two.
#ifndef SAE_LIB_THREAD_WATCH_HPP
#define SAE_LIB_THREAD_WATCH_HPP

#include <cstdint>

namespace sae
{

/// Two threads that hand work back and forth at every step gain only while both run at once.
/// On cores shared with other work each handoff waits for the system to run the other side,
/// and one thread is several times faster; both ways give the same results, so the caller can
/// switch at any step. The watch looks at how many handoffs had to sleep: many of them in two
/// watches in a row (one is a passing hiccup) means one thread; two are tried again later,
/// less and less often while they keep failing, and soon again once they have run well.
class thread_watch
{
public:
    enum class action
    {
        none,
        stop_second_thread,
        start_second_thread,
    };

    /// Steps between two looks at the handoffs.
    static constexpr std::uint64_t interval = 128;

    /// `switch_every` > 0, for tests: also switch every that many steps.
    explicit thread_watch(std::uint64_t switch_every = 0) : m_switch_every(switch_every) {}

    /// Before step `step`; `running` says whether the second thread runs, `slow_waits()`
    /// returns how many handoffs have slept so far (read only when a watch is due).
    template <class SlowWaits>
    action before_step(std::uint64_t step, bool running, SlowWaits&& slow_waits) noexcept
    {
        if (m_switch_every != 0 && step != 0 && step % m_switch_every == 0)
        {
            return running ? action::stop_second_thread : action::start_second_thread;
        }
        if (!running)
        {
            bool retry = m_retry_at != 0 && step >= m_retry_at;
            return retry ? action::start_second_thread : action::none;
        }
        if (step - m_watched_from < interval)
        {
            return action::none;
        }
        return judge(step, slow_waits());
    }

    /// The second thread has started before step `step`, after `slow_waits` sleeps in all.
    void started(std::uint64_t step, std::uint64_t slow_waits) noexcept;

private:
    static constexpr std::uint64_t first_retry_wait = 16 * interval;

    action judge(std::uint64_t step, std::uint64_t slow_waits) noexcept;

    std::uint64_t m_switch_every;
    std::uint64_t m_started_at = 0;         ///< Step at which the second thread last started.
    std::uint64_t m_watched_from = 0;       ///< Step at which the current watch began.
    std::uint64_t m_slow_waits_before = 0;  ///< The sleeps counted then.
    bool m_troubled_before = false;         ///< Whether the last watch saw many sleeps.
    std::uint64_t m_retry_at = 0;           ///< With one thread: the step to try two again.
    std::uint64_t m_retry_wait = first_retry_wait;
};

}  // namespace sae

#endif
