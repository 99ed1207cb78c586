#include <gtest/gtest.h>

#include <set>
#include <tuple>
#include <vector>

#include "holdout.hpp"
#include "test_support.hpp"

namespace
{

using triple = std::tuple<std::uint32_t, std::uint32_t, float>;

/// Every rating of `r` as (user, item, value).
std::multiset<triple> triples_of(const sae::ratings& r)
{
    std::multiset<triple> all;
    for (std::uint32_t u = 0; u < r.n_users(); ++u)
    {
        for (std::size_t k = 0; k < r.row_size(u); ++k)
        {
            all.insert({u, r.row_items(u)[k], r.row_values(u)[k]});
        }
    }
    return all;
}

/// 40 users × 30 items with 300 distinct ratings.
sae::ratings sample_ratings()
{
    std::vector<sae::rating_entry> entries;
    for (std::uint32_t u = 0; u < 40; ++u)
    {
        for (std::uint32_t i = u % 4; i < 30; i += 4)
        {
            entries.push_back({u, i, float(1 + (u * i) % 5)});
        }
    }
    return unit_test::make_ratings(entries, 40, 30);
}

}  // namespace

TEST(Holdout, ValidationComesFromTheTrainingRatingsOnly)
{
    sae::ratings all = sample_ratings();
    sae::holdout_split split = sae::split_holdout(all, 0.1, 7);

    // 10 % of 300, and the two parts together are exactly the ratings given.
    ASSERT_EQ(split.held_out.size(), 30u);
    EXPECT_EQ(split.train.size(), 270u);
    EXPECT_EQ(split.train.n_users(), all.n_users());
    EXPECT_EQ(split.train.n_items(), all.n_items());

    std::multiset<triple> together = triples_of(split.train);
    for (const sae::rating_entry& e : split.held_out)
    {
        // Disjoint: a held-out rating is not also trained on.
        EXPECT_EQ(together.count({e.user, e.item, e.value}), 0u);
        together.insert({e.user, e.item, e.value});
    }
    EXPECT_EQ(together, triples_of(all));
}

TEST(Holdout, SameSeedSameSplitOtherSeedOtherSplit)
{
    sae::ratings all = sample_ratings();
    auto key = [](const sae::holdout_split& s) {
        std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
        for (const sae::rating_entry& e : s.held_out)
        {
            pairs.insert({e.user, e.item});
        }
        return pairs;
    };

    auto first = key(sae::split_holdout(all, 0.2, 42));
    EXPECT_EQ(first, key(sae::split_holdout(all, 0.2, 42)));
    EXPECT_NE(first, key(sae::split_holdout(all, 0.2, 43)));
}

TEST(Holdout, FractionZeroHoldsNothingOut)
{
    sae::ratings all = sample_ratings();
    sae::holdout_split split = sae::split_holdout(all, 0.0, 1);
    EXPECT_TRUE(split.held_out.empty());
    EXPECT_EQ(triples_of(split.train), triples_of(all));
}
