/// @file log.hpp
/// @brief The process-wide, opt-in log sink behind sae_set_log_callback().
#ifndef SAE_LIB_LOG_HPP
#define SAE_LIB_LOG_HPP

#include <string>

#include "sae.h"

namespace sae
{

/// Installs the sink; NULL `fn` switches logging off.
void set_log_sink(sae_log_fn fn, int max_level, void* user_data) noexcept;

/// True when a line of `level` would be delivered: test it before formatting a message.
[[nodiscard]] bool log_enabled(sae_log_level level) noexcept;

/// Delivers one line to the sink, if any; never throws.
void log_line(sae_log_level level, const std::string& message) noexcept;

}  // namespace sae

#endif
