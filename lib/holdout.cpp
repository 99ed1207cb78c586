#include "holdout.hpp"

#include <cmath>
#include <random>
#include <string>

namespace sae
{

holdout_split split_holdout(const ratings& all, double fraction, std::uint64_t seed)
{
    std::vector<rating_entry> entries;
    entries.reserve(all.size());
    for (std::uint32_t user = 0; user < all.n_users(); ++user)
    {
        for (std::size_t k = 0; k < all.row_size(user); ++k)
        {
            entries.push_back({user, all.row_items(user)[k], all.row_values(user)[k]});
        }
    }

    // A partial Fisher-Yates shuffle moves the held-out ratings to the front. The index is
    // drawn with a modulo rather than a std distribution, whose output the standard leaves to
    // each library; the bias is below 2^-40 for any data set that fits in memory.
    std::mt19937_64 engine(seed);
    auto n_held = std::size_t(std::llround(fraction * double(entries.size())));
    for (std::size_t i = 0; i < n_held; ++i)
    {
        std::size_t j = i + std::size_t(engine() % (entries.size() - i));
        std::swap(entries[i], entries[j]);
    }

    holdout_split split;
    split.held_out.assign(entries.begin(), entries.begin() + std::ptrdiff_t(n_held));
    std::vector<rating_entry> kept(entries.begin() + std::ptrdiff_t(n_held), entries.end());
    split.train = ratings(kept, all.n_users(), all.n_items(),
                          [](std::size_t i) { return "rating " + std::to_string(i); });
    return split;
}

}  // namespace sae
