/// @file ratings_reader.hpp
/// @brief Parses MovieLens ratings files (`u.data`, `ratings.dat`, `ratings.csv` layouts).
#ifndef SAE_LIB_RATINGS_READER_HPP
#define SAE_LIB_RATINGS_READER_HPP

#include <cstdint>
#include <string>
#include <vector>

#include "ratings.hpp"

namespace sae
{

/// Largest user or item id accepted: bounds the memory a hostile file can make us allocate.
inline constexpr std::uint32_t max_id = 1u << 24;

/// Longest line accepted, in bytes; MovieLens lines are under 40.
inline constexpr std::size_t max_line_length = 4096;

/// Ratings read from a file, with 0-based ids, before a shape is chosen.
struct ratings_file
{
    std::vector<rating_entry> entries;
    std::vector<std::size_t> lines;  ///< 1-based line of each entry, for error messages.
    std::uint32_t n_users = 0;       ///< Largest user id seen.
    std::uint32_t n_items = 0;       ///< Largest item id seen.
};

/// Reads every rating of `path`; throws sae::error naming the file, line and value on bad input.
[[nodiscard]] ratings_file read_ratings_file(const std::string& path);

/// Builds the sparse set of a file read by read_ratings_file() with the given shape.
[[nodiscard]] ratings to_ratings(const ratings_file& file,
                                 const std::string& path,
                                 std::uint32_t n_users,
                                 std::uint32_t n_items);

}  // namespace sae

#endif
