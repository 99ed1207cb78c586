/// @file ratings.hpp
/// @brief A sparse set of ratings stored by user, the form every training step reads.
#ifndef SAE_LIB_RATINGS_HPP
#define SAE_LIB_RATINGS_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sae
{

/// One observed rating; ids are 0-based inside the core.
struct rating_entry
{
    std::uint32_t user;
    std::uint32_t item;
    float value;
};

/// Ratings of n_users × n_items, compressed by user (CSR): rows are users, columns items.
///
/// Items inside a row are sorted by id. A (user, item) pair appears at most once.
class ratings
{
public:
    ratings() = default;

    /// Names where entry `index` came from ("line 12", "index 3") in error messages.
    using origin_fn = std::function<std::string(std::size_t index)>;

    /// Builds from entries in any order, ids below n_users and n_items.
    ///
    /// Throws sae::error (SAE_ERR_PARSE) naming both origins of the first duplicate pair.
    ratings(const std::vector<rating_entry>& entries,
            std::uint32_t n_users,
            std::uint32_t n_items,
            const origin_fn& origin);

    [[nodiscard]] std::uint32_t n_users() const noexcept { return m_n_users; }
    [[nodiscard]] std::uint32_t n_items() const noexcept { return m_n_items; }
    [[nodiscard]] std::size_t size() const noexcept { return m_items.size(); }

    /// Number of ratings of one user.
    [[nodiscard]] std::size_t row_size(std::uint32_t user) const noexcept
    {
        return m_row_start[user + 1] - m_row_start[user];
    }

    /// Item ids of one user's ratings, ascending; row_size(user) of them.
    [[nodiscard]] const std::uint32_t* row_items(std::uint32_t user) const noexcept
    {
        return m_items.data() + m_row_start[user];
    }

    /// Rating values matching row_items(user).
    [[nodiscard]] const float* row_values(std::uint32_t user) const noexcept
    {
        return m_values.data() + m_row_start[user];
    }

    /// Largest user id + 1 and item id + 1 present (0 when empty).
    [[nodiscard]] std::uint32_t min_users() const noexcept;
    [[nodiscard]] std::uint32_t min_items() const noexcept;

    /// Widens the shape; throws sae::error when a size falls below an id present.
    void resize(std::uint32_t n_users, std::uint32_t n_items);

    /// Writes one user's row densely into `out` (n_items floats, 0 where not rated).
    void dense_row(std::uint32_t user, float* out) const noexcept;

    /// The same ratings stored by item: its rows are items, its columns users.
    [[nodiscard]] ratings transposed() const;

private:
    std::uint32_t m_n_users = 0;
    std::uint32_t m_n_items = 0;
    std::vector<std::size_t> m_row_start = {0};
    std::vector<std::uint32_t> m_items;
    std::vector<float> m_values;
};

}  // namespace sae

#endif
