/// @file options.hpp
/// @brief Presets and validation of sae_options, shared by the C API and the model file reader.
#ifndef SAE_LIB_OPTIONS_HPP
#define SAE_LIB_OPTIONS_HPP

#include <string>

#include "sae.h"

namespace sae
{

/// Widest hidden layer accepted; bounds memory for options read from untrusted files.
inline constexpr std::uint32_t max_hidden_size = 1u << 16;

/// The reference notebook's configuration: 20-10-20 sigmoid, RMSprop, gradients accumulated.
[[nodiscard]] sae_options seed_options() noexcept;

/// What sae_options_default() gives.
[[nodiscard]] sae_options default_options() noexcept;

/// Options of the preset `name`; throws sae::error (SAE_ERR_INVALID_ARGUMENT) quoting an
/// unknown name.
[[nodiscard]] sae_options preset_options(const std::string& name);

/// Throws sae::error (SAE_ERR_INVALID_ARGUMENT) naming the first field with a bad value.
void validate(const sae_options& opts);

}  // namespace sae

#endif
