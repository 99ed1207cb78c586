// Data sets: building from arrays, loading ratings files and splits, shape and rows.
#include "support.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

using namespace capi_test;

namespace
{

/// Loads `path`, expecting success.
dataset_ptr load(const std::filesystem::path& path)
{
    sae_dataset* out = nullptr;
    EXPECT_EQ(SAE_OK, sae_dataset_load(&out, path.string().c_str())) << last_error();
    return dataset_ptr(out);
}

/// Loads `path`, expecting `status`; returns the message and checks that no set came back.
std::string load_error(const std::filesystem::path& path, int status)
{
    sae_dataset* out = poison<sae_dataset>();
    EXPECT_EQ(status, sae_dataset_load(&out, path.string().c_str()));
    EXPECT_EQ(nullptr, out);
    return last_error();
}

/// Builds from arrays, expecting `status`; returns the message and checks *out is NULL.
std::string from_arrays_error(const std::vector<std::uint32_t>& users,
                              const std::vector<std::uint32_t>& items,
                              const std::vector<float>& ratings,
                              int status)
{
    sae_dataset* out = poison<sae_dataset>();
    EXPECT_EQ(status,
              sae_dataset_from_arrays(
                  &out, users.data(), items.data(), ratings.data(), ratings.size()));
    EXPECT_EQ(nullptr, out);
    return last_error();
}

/// Twelve valid parallel arrays; tests break one entry to check that its index is reported.
struct arrays
{
    std::vector<std::uint32_t> users = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6};
    std::vector<std::uint32_t> items = {1, 2, 2, 3, 1, 3, 2, 4, 1, 4, 3, 4};
    std::vector<float> ratings = {5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 5, 4};
};

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_argument_or_dimension_error(int status)
{
    return status == SAE_ERR_INVALID_ARGUMENT || status == SAE_ERR_DIMENSION;
}

const char* const four_ratings_tsv = "1\t1\t5\t881250949\n"
                                     "1\t3\t4\t881250950\n"
                                     "2\t2\t3\t881250951\n"
                                     "3\t4\t2\t881250952\n";

/// Checks the set described by four_ratings_tsv, whichever separators wrote it.
void expect_four_ratings(const sae_dataset* dataset)
{
    ASSERT_NE(nullptr, dataset);
    EXPECT_EQ(3u, sae_dataset_n_users(dataset));
    EXPECT_EQ(4u, sae_dataset_n_items(dataset));
    EXPECT_EQ(4u, sae_dataset_n_ratings(dataset));
    EXPECT_EQ((std::vector<float>{5, 0, 4, 0}), user_row(dataset, 1));
    EXPECT_EQ((std::vector<float>{0, 3, 0, 0}), user_row(dataset, 2));
    EXPECT_EQ((std::vector<float>{0, 0, 0, 2}), user_row(dataset, 3));
}

} // namespace

TEST(DatasetFromArrays, ShapeCountAndRows)
{
    dataset_ptr dataset = make_dataset({{1, 2, 4.5f}, {3, 1, 2.0f}, {1, 5, 1.0f}});
    ASSERT_NE(nullptr, dataset);

    EXPECT_EQ(3u, sae_dataset_n_users(dataset.get()));
    EXPECT_EQ(5u, sae_dataset_n_items(dataset.get()));
    EXPECT_EQ(3u, sae_dataset_n_ratings(dataset.get()));
    EXPECT_EQ((std::vector<float>{0, 4.5f, 0, 0, 1.0f}), user_row(dataset.get(), 1));
    EXPECT_EQ((std::vector<float>{0, 0, 0, 0, 0}), user_row(dataset.get(), 2));
    EXPECT_EQ((std::vector<float>{2.0f, 0, 0, 0, 0}), user_row(dataset.get(), 3));
}

TEST(DatasetFromArrays, ArraysAreCopied)
{
    std::vector<std::uint32_t> users = {1, 2};
    std::vector<std::uint32_t> items = {1, 2};
    std::vector<float> ratings = {3, 4};
    sae_dataset* out = nullptr;
    ASSERT_EQ(SAE_OK, sae_dataset_from_arrays(&out, users.data(), items.data(), ratings.data(), 2))
        << last_error();
    dataset_ptr dataset(out);

    ratings[0] = 1;
    users[1] = 7;
    EXPECT_EQ((std::vector<float>{3, 0}), user_row(dataset.get(), 1));
    EXPECT_EQ(2u, sae_dataset_n_users(dataset.get()));
}

TEST(DatasetFromArrays, ZeroCountGivesAnEmptySet)
{
    const std::uint32_t users[] = {1};
    const std::uint32_t items[] = {1};
    const float ratings[] = {1};
    sae_dataset* out = nullptr;
    ASSERT_EQ(SAE_OK, sae_dataset_from_arrays(&out, users, items, ratings, 0)) << last_error();
    dataset_ptr dataset(out);

    EXPECT_EQ(0u, sae_dataset_n_users(dataset.get()));
    EXPECT_EQ(0u, sae_dataset_n_items(dataset.get()));
    EXPECT_EQ(0u, sae_dataset_n_ratings(dataset.get()));
}

TEST(DatasetFromArrays, NullArguments)
{
    arrays a;
    sae_dataset* out = poison<sae_dataset>();
    const std::size_t n = a.ratings.size();

    EXPECT_EQ(
        SAE_ERR_INVALID_ARGUMENT,
        sae_dataset_from_arrays(nullptr, a.users.data(), a.items.data(), a.ratings.data(), n));
    EXPECT_STRNE("", sae_last_error());

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_from_arrays(&out, nullptr, a.items.data(), a.ratings.data(), n));
    EXPECT_EQ(nullptr, out);

    out = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_from_arrays(&out, a.users.data(), nullptr, a.ratings.data(), n));
    EXPECT_EQ(nullptr, out);

    out = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_from_arrays(&out, a.users.data(), a.items.data(), nullptr, n));
    EXPECT_EQ(nullptr, out);
    EXPECT_STRNE("", sae_last_error());
}

TEST(DatasetFromArrays, UserIdZeroNamesTheIndex)
{
    arrays a;
    a.users[11] = 0;
    const std::string message =
        from_arrays_error(a.users, a.items, a.ratings, SAE_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(message, "11")) << message;
}

TEST(DatasetFromArrays, ItemIdZeroNamesTheIndex)
{
    arrays a;
    a.items[10] = 0;
    const std::string message =
        from_arrays_error(a.users, a.items, a.ratings, SAE_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(message, "10")) << message;
}

TEST(DatasetFromArrays, ZeroRatingNamesTheIndex)
{
    arrays a;
    a.ratings[11] = 0.0f;
    const std::string message =
        from_arrays_error(a.users, a.items, a.ratings, SAE_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(message, "11")) << message;
}

TEST(DatasetFromArrays, NegativeRatingNamesIndexAndValue)
{
    arrays a;
    a.ratings[11] = -2.5f;
    const std::string message =
        from_arrays_error(a.users, a.items, a.ratings, SAE_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(message, "11")) << message;
    EXPECT_TRUE(contains(message, "-2.5")) << message;
}

TEST(DatasetFromArrays, NanRatingNamesTheIndex)
{
    arrays a;
    a.ratings[11] = std::numeric_limits<float>::quiet_NaN();
    const std::string message =
        from_arrays_error(a.users, a.items, a.ratings, SAE_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(message, "11")) << message;
    EXPECT_TRUE(contains(lower(message), "nan")) << message;
}

TEST(DatasetFromArrays, InfiniteRatingIsRefused)
{
    arrays a;
    a.ratings[11] = std::numeric_limits<float>::infinity();
    const std::string message =
        from_arrays_error(a.users, a.items, a.ratings, SAE_ERR_INVALID_ARGUMENT);
    EXPECT_TRUE(contains(message, "11")) << message;
}

TEST(DatasetShape, NullDatasetGivesZero)
{
    EXPECT_EQ(0u, sae_dataset_n_users(nullptr));
    EXPECT_EQ(0u, sae_dataset_n_items(nullptr));
    EXPECT_EQ(0u, sae_dataset_n_ratings(nullptr));
}

TEST(DatasetShape, FreeNullIsIgnored)
{
    sae_dataset_free(nullptr);
}

TEST(DatasetResize, WidensTheShape)
{
    dataset_ptr dataset = make_dataset({{2, 3, 4.0f}});
    ASSERT_EQ(SAE_OK, sae_dataset_resize(dataset.get(), 5, 7)) << last_error();

    EXPECT_EQ(5u, sae_dataset_n_users(dataset.get()));
    EXPECT_EQ(7u, sae_dataset_n_items(dataset.get()));
    EXPECT_EQ(1u, sae_dataset_n_ratings(dataset.get()));
    EXPECT_EQ((std::vector<float>{0, 0, 4, 0, 0, 0, 0}), user_row(dataset.get(), 2));
    EXPECT_EQ((std::vector<float>(7, 0.0f)), user_row(dataset.get(), 5));
}

TEST(DatasetResize, BelowAnIdPresentIsADimensionError)
{
    dataset_ptr dataset = make_dataset({{2, 3, 4.0f}});

    EXPECT_EQ(SAE_ERR_DIMENSION, sae_dataset_resize(dataset.get(), 1, 3));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_DIMENSION, sae_dataset_resize(dataset.get(), 2, 2));
    EXPECT_STRNE("", sae_last_error());

    // A refused resize leaves the shape alone.
    EXPECT_EQ(2u, sae_dataset_n_users(dataset.get()));
    EXPECT_EQ(3u, sae_dataset_n_items(dataset.get()));
}

TEST(DatasetResize, NullDataset)
{
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_dataset_resize(nullptr, 3, 3));
    EXPECT_STRNE("", sae_last_error());
}

TEST(DatasetResize, HugeShapeFailsCleanlyOrSucceeds)
{
    // Whatever the storage and its limits, an absurd shape must come back as a status with a
    // reason, never as a crash, and a refusal must leave the shape alone.
    dataset_ptr dataset = make_dataset({{1, 1, 1.0f}});
    const int status = sae_dataset_resize(dataset.get(), 4000000000u, 4000000000u);
    if (status == SAE_OK)
    {
        EXPECT_EQ(4000000000u, sae_dataset_n_users(dataset.get()));
        return;
    }

    EXPECT_TRUE(status == SAE_ERR_INVALID_ARGUMENT || status == SAE_ERR_OUT_OF_MEMORY)
        << sae_status_string(status) << ": " << last_error();
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(1u, sae_dataset_n_users(dataset.get()));
    EXPECT_EQ(1u, sae_dataset_n_items(dataset.get()));
}

TEST(DatasetUserRow, NullArguments)
{
    dataset_ptr dataset = make_dataset({{1, 2, 3.0f}});
    std::vector<float> row(2);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_dataset_user_row(nullptr, 2, dataset.get(), 1));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_dataset_user_row(row.data(), 2, nullptr, 1));
    EXPECT_STRNE("", sae_last_error());
}

TEST(DatasetUserRow, WrongLengthIsADimensionError)
{
    dataset_ptr dataset = make_dataset({{1, 2, 3.0f}});
    std::vector<float> row(5);

    EXPECT_EQ(SAE_ERR_DIMENSION, sae_dataset_user_row(row.data(), 1, dataset.get(), 1));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_DIMENSION, sae_dataset_user_row(row.data(), 3, dataset.get(), 1));
    EXPECT_STRNE("", sae_last_error());
}

TEST(DatasetUserRow, UserOutOfRangeIsRefused)
{
    dataset_ptr dataset = make_dataset({{1, 2, 3.0f}, {2, 1, 1.0f}});
    std::vector<float> row(2);

    // The header allows either status here; what matters is a refusal with a reason.
    int status = sae_dataset_user_row(row.data(), row.size(), dataset.get(), 0);
    EXPECT_TRUE(is_argument_or_dimension_error(status)) << sae_status_string(status);
    EXPECT_STRNE("", sae_last_error());

    status = sae_dataset_user_row(row.data(), row.size(), dataset.get(), 3);
    EXPECT_TRUE(is_argument_or_dimension_error(status)) << sae_status_string(status);
    EXPECT_STRNE("", sae_last_error());
}

TEST(DatasetLoad, TabsWithTimestamps)
{
    const std::filesystem::path path = scratch_dir() / "u.data";
    write_file(path, four_ratings_tsv);
    dataset_ptr dataset = load(path);
    expect_four_ratings(dataset.get());
}

TEST(DatasetLoad, DoubleColonsAsInMl1m)
{
    const std::filesystem::path path = scratch_dir() / "ratings.dat";
    write_file(path, "1::1::5::978300760\n1::3::4::978300761\n2::2::3::978300762\n"
                     "3::4::2::978300763\n");
    dataset_ptr dataset = load(path);
    expect_four_ratings(dataset.get());
}

TEST(DatasetLoad, CommasWithoutTimestamps)
{
    const std::filesystem::path path = scratch_dir() / "ratings.csv";
    write_file(path, "1,1,5\n1,3,4\n2,2,3\n3,4,2\n");
    dataset_ptr dataset = load(path);
    expect_four_ratings(dataset.get());
}

TEST(DatasetLoad, SpacesCrlfBomAndNoFinalNewline)
{
    const std::filesystem::path path = scratch_dir() / "u.data";
    write_file(path, "\xEF\xBB\xBF" "1 1 5 881250949\r\n1 3 4 881250950\r\n"
                     "2 2 3 881250951\r\n3 4 2 881250952");
    dataset_ptr dataset = load(path);
    expect_four_ratings(dataset.get());
}

TEST(DatasetLoad, FractionalRatings)
{
    const std::filesystem::path path = scratch_dir() / "u.data";
    write_file(path, "1\t2\t3.5\n2\t1\t0.5\n");
    dataset_ptr dataset = load(path);
    ASSERT_NE(nullptr, dataset);

    EXPECT_EQ((std::vector<float>{0, 3.5f}), user_row(dataset.get(), 1));
    EXPECT_EQ((std::vector<float>{0.5f, 0}), user_row(dataset.get(), 2));
}

TEST(DatasetLoad, MissingFileIsAnIoErrorNamingIt)
{
    const std::filesystem::path path = scratch_dir() / "missing.data";
    const std::string message = load_error(path, SAE_ERR_IO);
    EXPECT_TRUE(contains(message, path.string())) << message;
}

TEST(DatasetLoad, FolderIsAnIoError)
{
    const std::filesystem::path dir = scratch_dir();
    const std::string message = load_error(dir, SAE_ERR_IO);
    EXPECT_TRUE(contains(message, dir.string())) << message;
}

TEST(DatasetLoad, NullArguments)
{
    const std::filesystem::path path = scratch_dir() / "u.data";
    write_file(path, four_ratings_tsv);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_dataset_load(nullptr, path.string().c_str()));
    EXPECT_STRNE("", sae_last_error());

    sae_dataset* out = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_dataset_load(&out, nullptr));
    EXPECT_EQ(nullptr, out);
    EXPECT_STRNE("", sae_last_error());
}

TEST(DatasetLoad, BadLineNamesFileLineAndValue)
{
    const std::filesystem::path path = scratch_dir() / "u.data";
    write_file(path, "1\t1\t5\t1\n1\t2\t4\t1\n2\t1\t3\t1\n2\t2\t3\t1\n3\t1\t1\t1\n"
                     "3\t2\t2\t1\n4\tabc\t3\t1\n4\t1\t5\t1\n");

    const std::string message = load_error(path, SAE_ERR_PARSE);
    EXPECT_TRUE(contains(message, path.string())) << message;
    EXPECT_TRUE(names_line(message, 7)) << message;
    EXPECT_TRUE(contains(message, "abc")) << message;
}

TEST(DatasetLoad, EveryKindOfBadValueIsAParseError)
{
    const std::filesystem::path dir = scratch_dir();
    const std::vector<std::string> bad_lines = {
        "0\t1\t3",        // user ids start at 1
        "1\t0\t3",        // item ids start at 1
        "-2\t1\t3",       // negative id
        "1.5\t1\t3",      // ids are integers
        "1\t2\t0",        // 0 means "not rated"
        "1\t2\t-1",       // ratings are positive
        "1\t2\tnan",      // ratings are finite
        "1\t2",           // rating missing
        "1\t2\t3x",       // trailing junk in a number
        "99999999999\t1\t3", // beyond 32 bits
    };

    for (std::size_t i = 0; i < bad_lines.size(); ++i)
    {
        const std::filesystem::path path = dir / ("bad" + std::to_string(i) + ".data");
        write_file(path, "1\t1\t5\n2\t1\t4\n" + bad_lines[i] + "\n3\t3\t3\n");

        const std::string message = load_error(path, SAE_ERR_PARSE);
        EXPECT_TRUE(contains(message, path.string())) << bad_lines[i] << ": " << message;
        EXPECT_TRUE(names_line(message, 3)) << bad_lines[i] << ": " << message;
    }
}

TEST(DatasetLoad, DuplicatePairNamesBothLines)
{
    const std::filesystem::path path = scratch_dir() / "u.data";
    std::string contents;
    for (int user = 1; user <= 11; ++user)
    {
        contents += std::to_string(user) + "\t1\t4\n";
    }
    contents += "3\t1\t2\n";
    write_file(path, contents);

    const std::string message = load_error(path, SAE_ERR_PARSE);
    EXPECT_TRUE(names_line(message, 12)) << message;
    EXPECT_TRUE(names_line(message, 3)) << message;
}

TEST(DatasetLoadSplit, BothSetsShareTheLargestShape)
{
    const std::filesystem::path dir = scratch_dir();
    write_file(dir / "u1.base", "1\t1\t5\t0\n3\t4\t2\t0\n2\t2\t3\t0\n");
    write_file(dir / "u1.test", "5\t2\t4\t0\n1\t3\t1\t0\n");

    sae_dataset* train = nullptr;
    sae_dataset* test = nullptr;
    ASSERT_EQ(SAE_OK, sae_dataset_load_split(&train, &test, dir.string().c_str(), "u1"))
        << last_error();
    dataset_ptr train_owner(train);
    dataset_ptr test_owner(test);

    EXPECT_EQ(5u, sae_dataset_n_users(train));
    EXPECT_EQ(4u, sae_dataset_n_items(train));
    EXPECT_EQ(5u, sae_dataset_n_users(test));
    EXPECT_EQ(4u, sae_dataset_n_items(test));
    EXPECT_EQ(3u, sae_dataset_n_ratings(train));
    EXPECT_EQ(2u, sae_dataset_n_ratings(test));
    EXPECT_EQ((std::vector<float>{0, 4, 0, 0}), user_row(test, 5));
    EXPECT_EQ((std::vector<float>{0, 0, 0, 0}), user_row(train, 5));
}

TEST(DatasetLoadSplit, OnePointerForBothSetsIsRefused)
{
    const std::filesystem::path dir = scratch_dir();
    write_file(dir / "u1.base", "1\t1\t5\t0\n");
    write_file(dir / "u1.test", "1\t2\t4\t0\n");

    sae_dataset* both = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_load_split(&both, &both, dir.string().c_str(), "u1"));
    EXPECT_EQ(nullptr, both);
    EXPECT_TRUE(contains(last_error(), "same pointer")) << last_error();
}

TEST(DatasetLoadSplit, MissingTestFileGivesNeitherSet)
{
    const std::filesystem::path dir = scratch_dir();
    write_file(dir / "u2.base", "1\t1\t5\t0\n");

    sae_dataset* train = poison<sae_dataset>();
    sae_dataset* test = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_IO, sae_dataset_load_split(&train, &test, dir.string().c_str(), "u2"));
    EXPECT_EQ(nullptr, train);
    EXPECT_EQ(nullptr, test);
    EXPECT_TRUE(contains(last_error(), "u2.test")) << last_error();
}

TEST(DatasetLoadSplit, BadLineInTheTestFile)
{
    const std::filesystem::path dir = scratch_dir();
    write_file(dir / "u3.base", "1\t1\t5\t0\n");
    write_file(dir / "u3.test", "1\t2\t4\t0\n1\t3\t\t0\n");

    sae_dataset* train = poison<sae_dataset>();
    sae_dataset* test = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_PARSE, sae_dataset_load_split(&train, &test, dir.string().c_str(), "u3"));
    EXPECT_EQ(nullptr, train);
    EXPECT_EQ(nullptr, test);
    EXPECT_TRUE(contains(last_error(), "u3.test")) << last_error();
    EXPECT_TRUE(names_line(last_error(), 2)) << last_error();
}

TEST(DatasetLoadSplit, NullArguments)
{
    const std::filesystem::path dir = scratch_dir();
    const std::string dir_name = dir.string();
    sae_dataset* train = poison<sae_dataset>();
    sae_dataset* test = poison<sae_dataset>();

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_load_split(nullptr, &test, dir_name.c_str(), "u1"));
    EXPECT_EQ(nullptr, test);

    train = poison<sae_dataset>();
    test = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_load_split(&train, nullptr, dir_name.c_str(), "u1"));
    EXPECT_EQ(nullptr, train);

    train = poison<sae_dataset>();
    test = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_dataset_load_split(&train, &test, nullptr, "u1"));
    EXPECT_EQ(nullptr, train);
    EXPECT_EQ(nullptr, test);

    train = poison<sae_dataset>();
    test = poison<sae_dataset>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_dataset_load_split(&train, &test, dir_name.c_str(), nullptr));
    EXPECT_EQ(nullptr, train);
    EXPECT_EQ(nullptr, test);
    EXPECT_STRNE("", sae_last_error());
}
