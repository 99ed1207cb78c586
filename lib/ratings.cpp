#include "ratings.hpp"

#include <algorithm>
#include <numeric>

#include "error.hpp"

namespace sae
{

ratings::ratings(const std::vector<rating_entry>& entries,
                 std::uint32_t n_users,
                 std::uint32_t n_items,
                 const origin_fn& origin)
    : m_n_users(n_users)
    , m_n_items(n_items)
    , m_row_start(std::size_t(n_users) + 1, 0)
    , m_items(entries.size())
    , m_values(entries.size())
{
    // Counting sort by user keeps construction linear in the number of ratings.
    for (const auto& e : entries)
    {
        ++m_row_start[e.user + 1];
    }
    std::partial_sum(m_row_start.begin(), m_row_start.end(), m_row_start.begin());

    std::vector<std::size_t> order(entries.size());
    std::vector<std::size_t> next(m_row_start.begin(), m_row_start.end() - 1);
    for (std::size_t i = 0; i < entries.size(); ++i)
    {
        order[next[entries[i].user]++] = i;
    }

    for (std::uint32_t user = 0; user < n_users; ++user)
    {
        auto first = order.begin() + std::ptrdiff_t(m_row_start[user]);
        auto last = order.begin() + std::ptrdiff_t(m_row_start[user + 1]);
        std::stable_sort(first, last, [&](std::size_t a, std::size_t b) {
            return entries[a].item < entries[b].item;
        });

        auto dup = std::adjacent_find(first, last, [&](std::size_t a, std::size_t b) {
            return entries[a].item == entries[b].item;
        });
        if (dup != last)
        {
            fail(SAE_ERR_PARSE,
                 origin(dup[1]) + ": duplicate rating for user " + std::to_string(user + 1)
                     + ", item " + std::to_string(entries[*dup].item + 1) + " (first given at "
                     + origin(dup[0]) + ")");
        }
    }

    for (std::size_t k = 0; k < order.size(); ++k)
    {
        m_items[k] = entries[order[k]].item;
        m_values[k] = entries[order[k]].value;
    }
}

ratings ratings::transposed() const
{
    ratings by_item;
    by_item.m_n_users = m_n_items;
    by_item.m_n_items = m_n_users;
    by_item.m_row_start.assign(std::size_t(m_n_items) + 1, 0);
    by_item.m_items.resize(m_items.size());
    by_item.m_values.resize(m_values.size());

    // Counting sort again; users are visited in order, so each item's row comes out sorted.
    for (std::uint32_t item : m_items)
    {
        ++by_item.m_row_start[item + 1];
    }
    std::partial_sum(by_item.m_row_start.begin(), by_item.m_row_start.end(),
                     by_item.m_row_start.begin());
    std::vector<std::size_t> next(by_item.m_row_start.begin(), by_item.m_row_start.end() - 1);
    for (std::uint32_t user = 0; user < m_n_users; ++user)
    {
        for (std::size_t k = m_row_start[user]; k < m_row_start[user + 1]; ++k)
        {
            std::size_t at = next[m_items[k]]++;
            by_item.m_items[at] = user;
            by_item.m_values[at] = m_values[k];
        }
    }
    return by_item;
}

std::uint32_t ratings::min_users() const noexcept
{
    std::uint32_t users = m_n_users;
    while (users > 0 && row_size(users - 1) == 0)
    {
        --users;
    }
    return users;
}

std::uint32_t ratings::min_items() const noexcept
{
    std::uint32_t largest = 0;
    for (std::uint32_t item : m_items)
    {
        largest = std::max(largest, item + 1);
    }
    return largest;
}

void ratings::resize(std::uint32_t n_users, std::uint32_t n_items)
{
    if (n_users < min_users() || n_items < min_items())
    {
        fail(SAE_ERR_DIMENSION,
             "resize: " + std::to_string(n_users) + " x " + std::to_string(n_items)
                 + " is smaller than the ids present need (" + std::to_string(min_users()) + " x "
                 + std::to_string(min_items()) + ")");
    }

    m_row_start.resize(std::size_t(n_users) + 1, m_row_start.back());
    m_n_users = n_users;
    m_n_items = n_items;
}

void ratings::dense_row(std::uint32_t user, float* out) const noexcept
{
    std::fill(out, out + m_n_items, 0.0f);

    const std::uint32_t* items = row_items(user);
    const float* values = row_values(user);
    for (std::size_t k = 0; k < row_size(user); ++k)
    {
        out[items[k]] = values[k];
    }
}

}  // namespace sae
