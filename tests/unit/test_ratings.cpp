#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "error.hpp"
#include "ratings.hpp"
#include "test_support.hpp"

namespace
{

// Deliberately out of order by user and, within user 2, by item.
const std::vector<sae::rating_entry> unsorted = {
    {2, 5, 4.0f},
    {0, 3, 1.0f},
    {2, 1, 5.0f},
    {0, 0, 2.0f},
    {2, 4, 3.5f},
};

std::vector<std::uint32_t> items_of(const sae::ratings& r, std::uint32_t user)
{
    return std::vector<std::uint32_t>(r.row_items(user), r.row_items(user) + r.row_size(user));
}

std::vector<float> values_of(const sae::ratings& r, std::uint32_t user)
{
    return std::vector<float>(r.row_values(user), r.row_values(user) + r.row_size(user));
}

}  // namespace

TEST(Ratings, BuildsSortedRowsFromUnsortedEntries)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);

    EXPECT_EQ(r.n_users(), 4u);
    EXPECT_EQ(r.n_items(), 6u);
    EXPECT_EQ(r.size(), 5u);

    EXPECT_EQ(items_of(r, 0), (std::vector<std::uint32_t>{0, 3}));
    EXPECT_EQ(values_of(r, 0), (std::vector<float>{2.0f, 1.0f}));
    EXPECT_EQ(r.row_size(1), 0u);
    EXPECT_EQ(items_of(r, 2), (std::vector<std::uint32_t>{1, 4, 5}));
    EXPECT_EQ(values_of(r, 2), (std::vector<float>{5.0f, 3.5f, 4.0f}));
    EXPECT_EQ(r.row_size(3), 0u);
}

TEST(Ratings, MinimumShapeFollowsTheLargestIds)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);

    // User 2 is the last with ratings, item 5 the largest id: 3 users and 6 items are needed.
    EXPECT_EQ(r.min_users(), 3u);
    EXPECT_EQ(r.min_items(), 6u);

    sae::ratings empty = unit_test::make_ratings({}, 3, 3);
    EXPECT_EQ(empty.min_users(), 0u);
    EXPECT_EQ(empty.min_items(), 0u);
    EXPECT_EQ(empty.size(), 0u);
}

TEST(Ratings, DenseRowHasZerosWhereNotRated)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);
    std::vector<float> row(6, -1.0f);

    r.dense_row(2, row.data());
    EXPECT_EQ(row, (std::vector<float>{0.0f, 5.0f, 0.0f, 0.0f, 3.5f, 4.0f}));

    r.dense_row(1, row.data());
    EXPECT_EQ(row, std::vector<float>(6, 0.0f));
}

TEST(Ratings, ResizeUpKeepsRatingsAndAddsEmptyRows)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);

    r.resize(6, 9);

    EXPECT_EQ(r.n_users(), 6u);
    EXPECT_EQ(r.n_items(), 9u);
    EXPECT_EQ(r.size(), 5u);
    EXPECT_EQ(items_of(r, 2), (std::vector<std::uint32_t>{1, 4, 5}));
    EXPECT_EQ(r.row_size(4), 0u);
    EXPECT_EQ(r.row_size(5), 0u);

    std::vector<float> row(9, -1.0f);
    r.dense_row(0, row.data());
    EXPECT_EQ(row, (std::vector<float>{2.0f, 0.0f, 0.0f, 1.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f}));
    r.dense_row(5, row.data());
    EXPECT_EQ(row, std::vector<float>(9, 0.0f));
}

TEST(Ratings, ResizeDownToTheIdsPresentIsAllowed)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);

    r.resize(3, 6);

    EXPECT_EQ(r.n_users(), 3u);
    EXPECT_EQ(r.size(), 5u);
    EXPECT_EQ(items_of(r, 2), (std::vector<std::uint32_t>{1, 4, 5}));
}

TEST(Ratings, ResizeBelowAnIdPresentFails)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);

    // User id 2 needs 3 users; item id 5 needs 6 items.
    for (auto [users, items] : {std::pair{2u, 6u}, std::pair{3u, 5u}, std::pair{0u, 0u}})
    {
        try
        {
            r.resize(users, items);
            ADD_FAILURE() << "resize(" << users << ", " << items << ") did not throw";
        }
        catch (const sae::error& e)
        {
            EXPECT_EQ(e.status(), SAE_ERR_DIMENSION);
            EXPECT_TRUE(unit_test::contains(e.what(), "3 x 6")) << e.what();
        }
    }

    // A failed resize leaves the shape as it was.
    EXPECT_EQ(r.n_users(), 4u);
    EXPECT_EQ(r.n_items(), 6u);
}

TEST(Ratings, DuplicatePairNamesBothOrigins)
{
    const std::vector<sae::rating_entry> entries = {
        {1, 2, 3.0f},
        {0, 2, 4.0f},
        {1, 4, 1.0f},
        {1, 2, 5.0f},
    };
    auto origin = [](std::size_t index) { return "line " + std::to_string(10 * (index + 1)); };

    try
    {
        sae::ratings r(entries, 2, 5, origin);
        FAIL() << "a duplicate pair was accepted";
    }
    catch (const sae::error& e)
    {
        EXPECT_EQ(e.status(), SAE_ERR_PARSE);
        // Entries 0 and 3 give user 2, item 3 (1-based in messages) twice.
        const std::string message = e.what();
        EXPECT_TRUE(unit_test::contains(message, "line 10")) << message;
        EXPECT_TRUE(unit_test::contains(message, "line 40")) << message;
        EXPECT_TRUE(unit_test::contains(message, "user 2")) << message;
        EXPECT_TRUE(unit_test::contains(message, "item 3")) << message;
    }
}

TEST(Ratings, SameItemForDifferentUsersIsNotADuplicate)
{
    const std::vector<sae::rating_entry> entries = {{0, 1, 2.0f}, {1, 1, 3.0f}, {2, 1, 4.0f}};

    sae::ratings r = unit_test::make_ratings(entries, 3, 2);

    EXPECT_EQ(r.size(), 3u);
    EXPECT_EQ(values_of(r, 2), std::vector<float>{4.0f});
}

TEST(Ratings, TransposedHasARowPerItemWithUsersSorted)
{
    sae::ratings r = unit_test::make_ratings(unsorted, 4, 6);
    sae::ratings by_item = r.transposed();

    EXPECT_EQ(by_item.n_users(), 6u);
    EXPECT_EQ(by_item.n_items(), 4u);
    EXPECT_EQ(by_item.size(), r.size());
    EXPECT_EQ(items_of(by_item, 0), (std::vector<std::uint32_t>{0}));
    EXPECT_EQ(values_of(by_item, 0), (std::vector<float>{2.0f}));
    EXPECT_EQ(items_of(by_item, 1), (std::vector<std::uint32_t>{2}));
    EXPECT_EQ(by_item.row_size(2), 0u);
    EXPECT_EQ(items_of(by_item, 3), (std::vector<std::uint32_t>{0}));
    EXPECT_EQ(values_of(by_item, 4), (std::vector<float>{3.5f}));
    EXPECT_EQ(values_of(by_item, 5), (std::vector<float>{4.0f}));

    // Twice is the identity.
    sae::ratings back = by_item.transposed();
    for (std::uint32_t user = 0; user < r.n_users(); ++user)
    {
        EXPECT_EQ(items_of(back, user), items_of(r, user)) << "user " << user;
        EXPECT_EQ(values_of(back, user), values_of(r, user)) << "user " << user;
    }
}
