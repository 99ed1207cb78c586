#include "thread_watch.hpp"

namespace sae
{

void thread_watch::started(std::uint64_t step, std::uint64_t slow_waits) noexcept
{
    m_started_at = step;
    m_watched_from = step;
    m_slow_waits_before = slow_waits;
    m_troubled_before = false;
    m_retry_at = 0;
}

thread_watch::action thread_watch::judge(std::uint64_t step, std::uint64_t slow_waits) noexcept
{
    // More than one sleep per eight steps: the two sides rarely run at the same time.
    bool troubled = (slow_waits - m_slow_waits_before) * 8 > step - m_watched_from;
    if (troubled && m_troubled_before)
    {
        m_retry_at = step + m_retry_wait;
        m_retry_wait *= 4;
        return action::stop_second_thread;
    }

    m_troubled_before = troubled;
    if (step - m_started_at >= 64 * interval)
    {
        m_retry_wait = first_retry_wait;
    }
    m_watched_from = step;
    m_slow_waits_before = slow_waits;
    return action::none;
}

}  // namespace sae
