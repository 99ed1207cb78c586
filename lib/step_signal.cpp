#include "step_signal.hpp"

#include "spin_wait.hpp"

namespace sae
{

void step_signal::publish(std::uint64_t count) noexcept
{
    m_count.store(count);

    // Storing the count before reading the sleepers (both sequentially consistent) pairs with
    // wait_for(), which counts itself before testing the count: one of the two sees the other,
    // and taking the mutex means a sleeper is either waiting already or has yet to test.
    if (m_sleepers.load() > 0)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_wake.notify_all();
    }
}

std::uint64_t step_signal::wait_for(std::uint64_t count) noexcept
{
    std::uint64_t seen = 0;
    auto reached = [&] {
        seen = m_count.load(std::memory_order_acquire);
        return seen >= count;
    };
    if (spin_until(reached))
    {
        return seen;
    }

    m_slow_waits.fetch_add(1, std::memory_order_relaxed);
    std::unique_lock<std::mutex> lock(m_mutex);
    m_sleepers.fetch_add(1);
    m_wake.wait(lock, [&] { return m_count.load() >= count; });
    m_sleepers.fetch_sub(1);
    return m_count.load();
}

}  // namespace sae
