#include "log.hpp"

#include <atomic>
#include <mutex>

namespace sae
{
namespace
{

struct log_sink
{
    std::mutex mutex;
    sae_log_fn fn = nullptr;
    void* user_data = nullptr;
    // Read without the lock on every call, so a disabled log costs one atomic load.
    std::atomic<int> max_level{-1};
};

log_sink& sink()
{
    static log_sink instance;
    return instance;
}

}  // namespace

void set_log_sink(sae_log_fn fn, int max_level, void* user_data) noexcept
{
    log_sink& s = sink();
    std::lock_guard<std::mutex> lock(s.mutex);
    s.fn = fn;
    s.user_data = user_data;
    s.max_level.store(fn ? max_level : -1);
}

bool log_enabled(sae_log_level level) noexcept
{
    return int(level) <= sink().max_level.load(std::memory_order_relaxed);
}

void log_line(sae_log_level level, const std::string& message) noexcept
{
    log_sink& s = sink();
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.fn && int(level) <= s.max_level.load())
    {
        s.fn(int(level), message.c_str(), s.user_data);
    }
}

}  // namespace sae
