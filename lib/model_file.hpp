/// @file model_file.hpp
/// @brief The versioned, checksummed binary model file, written atomically.
///
/// Layout, all integers and floats little-endian:
///
/// | bytes | content                                                                  |
/// |-------|--------------------------------------------------------------------------|
/// | 8     | magic `89 53 41 45 0D 0A 1A 0A` ("\x89SAE\r\n\x1a\n")                     |
/// | 4     | format version (u32), currently 2                                        |
/// | 4     | width of a network row (u32): items, or users for item rows              |
/// | 212   | the options, field by field in declaration order, without struct_size    |
/// | 4     | n_items predicted (u32)                                                  |
/// | 8     | number of parameters of the first network (u64)                          |
/// | 4·n   | its parameters (f32), layer by layer: weights then biases                |
/// | ...   | the same two fields for each further network of the ensemble             |
/// | 4     | CRC-32 (zlib) of every byte before it                                    |
///
/// Version 1 ends the options after rating_max (148 bytes), has no n_items field (it equals the
/// width) and holds a single network. The magic catches text-mode mangling (CR/LF, ^Z) as
/// PNG's does.
#ifndef SAE_LIB_MODEL_FILE_HPP
#define SAE_LIB_MODEL_FILE_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "network.hpp"
#include "sae.h"

namespace sae
{

/// Format version written by this build; readers accept this and older versions.
inline constexpr std::uint32_t model_format_version = 2;

/// A model as stored in a file.
struct stored_model
{
    sae_options options;
    std::vector<network> nets;  ///< options.ensemble_size networks.
    std::uint32_t n_items;      ///< Items read and predicted.
};

/// Writes `nets` and `opts` to `path` through a temporary file and a rename, so that `path`
/// holds either its old content or the complete new one. Throws sae::error (SAE_ERR_IO).
void save_model(const std::string& path,
                const sae_options& opts,
                const std::vector<network>& nets,
                std::uint32_t n_items);

/// Reads a file written by save_model(); throws sae::error naming the path and the problem.
[[nodiscard]] stored_model load_model(const std::string& path);

}  // namespace sae

#endif
