// Status codes, error messages and versions of the C API.
#include "support.hpp"

#include <climits>
#include <cstring>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace capi_test;

namespace
{

// Status values are part of the ABI: a renumbered code must break the build of this test.
static_assert(SAE_OK == 0, "status values are fixed");
static_assert(SAE_ERR_INVALID_ARGUMENT == -1, "status values are fixed");
static_assert(SAE_ERR_OUT_OF_MEMORY == -2, "status values are fixed");
static_assert(SAE_ERR_IO == -3, "status values are fixed");
static_assert(SAE_ERR_PARSE == -4, "status values are fixed");
static_assert(SAE_ERR_FORMAT == -5, "status values are fixed");
static_assert(SAE_ERR_VERSION == -6, "status values are fixed");
static_assert(SAE_ERR_DIMENSION == -7, "status values are fixed");
static_assert(SAE_ERR_STATE == -8, "status values are fixed");
static_assert(SAE_ERR_CANCELLED == -9, "status values are fixed");
static_assert(SAE_ERR_DIVERGED == -10, "status values are fixed");
static_assert(SAE_ERR_INTERNAL == -100, "status values are fixed");

const std::vector<int> all_statuses = {
    SAE_OK,
    SAE_ERR_INVALID_ARGUMENT,
    SAE_ERR_OUT_OF_MEMORY,
    SAE_ERR_IO,
    SAE_ERR_PARSE,
    SAE_ERR_FORMAT,
    SAE_ERR_VERSION,
    SAE_ERR_DIMENSION,
    SAE_ERR_STATE,
    SAE_ERR_CANCELLED,
    SAE_ERR_DIVERGED,
    SAE_ERR_INTERNAL,
};

/// Makes one call fail with a known status, so the tests below have a message to look at.
int fail_once()
{
    sae_options opts;
    return sae_options_preset(&opts, "no-such-preset");
}

} // namespace

TEST(Status, EveryStatusHasItsOwnName)
{
    std::set<std::string> names;
    for (int status : all_statuses)
    {
        const char* name = sae_status_string(status);
        ASSERT_NE(nullptr, name) << "status " << status;
        EXPECT_GT(std::strlen(name), 0u) << "status " << status;
        EXPECT_STRNE("unknown status", name) << "status " << status;
        names.insert(name);
    }

    EXPECT_EQ(all_statuses.size(), names.size()) << "two statuses share a name";
}

TEST(Status, NameOfInvalidArgumentIsTheDocumentedOne)
{
    EXPECT_STREQ("invalid argument", sae_status_string(SAE_ERR_INVALID_ARGUMENT));
}

TEST(Status, UnknownValuesGiveUnknownStatus)
{
    for (int status : {1, 2, -11, -99, -101, 12345, INT_MAX, INT_MIN})
    {
        const char* name = sae_status_string(status);
        ASSERT_NE(nullptr, name) << "status " << status;
        EXPECT_STREQ("unknown status", name) << "status " << status;
    }
}

TEST(LastError, FailureIsDescribed)
{
    ASSERT_EQ(SAE_ERR_INVALID_ARGUMENT, fail_once());

    const char* message = sae_last_error();
    ASSERT_NE(nullptr, message);
    EXPECT_TRUE(contains(message, "no-such-preset")) << message;
}

TEST(LastError, ReadingTwiceChangesNothing)
{
    ASSERT_NE(SAE_OK, fail_once());

    const std::string first = sae_last_error();
    const std::string second = sae_last_error();
    EXPECT_FALSE(first.empty());
    EXPECT_EQ(first, second);
}

TEST(LastError, EmptyAfterSuccess)
{
    sae_options opts;
    ASSERT_EQ(SAE_OK, sae_options_preset(&opts, "default")) << last_error();

    ASSERT_NE(nullptr, sae_last_error());
    EXPECT_STREQ("", sae_last_error());
}

TEST(LastError, ClearedByTheNextSuccessfulCall)
{
    ASSERT_NE(SAE_OK, fail_once());
    ASSERT_STRNE("", sae_last_error());

    sae_dataset* dataset = nullptr;
    const std::uint32_t users[] = {1};
    const std::uint32_t items[] = {1};
    const float ratings[] = {3.0f};
    ASSERT_EQ(SAE_OK, sae_dataset_from_arrays(&dataset, users, items, ratings, 1));
    EXPECT_STREQ("", sae_last_error());

    sae_dataset_free(dataset);
}

TEST(LastError, ReplacedByTheNextFailure)
{
    ASSERT_NE(SAE_OK, fail_once());

    sae_model* model = nullptr;
    sae_options opts;
    sae_options_default(&opts);
    opts.epochs = 0;
    ASSERT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_create(&model, &opts));

    const std::string message = sae_last_error();
    EXPECT_TRUE(contains(message, "epochs")) << message;
    EXPECT_FALSE(contains(message, "no-such-preset")) << message;
    EXPECT_EQ(nullptr, model);
}

TEST(LastError, IsKeptPerThread)
{
    ASSERT_NE(SAE_OK, fail_once());
    const std::string before = sae_last_error();

    // A success on another thread must neither clear this thread's message nor see it.
    std::string other_thread_message = "not run";
    std::thread worker([&other_thread_message] {
        other_thread_message = sae_last_error();
        sae_options opts;
        sae_options_preset(&opts, "default");
    });
    worker.join();

    EXPECT_EQ("", other_thread_message);
    EXPECT_EQ(before, std::string(sae_last_error()));
}

TEST(Version, StringMatchesTheHeader)
{
    ASSERT_NE(nullptr, sae_version());
    EXPECT_STREQ(SAE_VERSION_STRING, sae_version());
}

TEST(Version, NumberMatchesTheHeader)
{
    EXPECT_EQ(static_cast<std::uint32_t>(SAE_VERSION_NUMBER), sae_version_number());
}

TEST(Version, NumberAndStringAgree)
{
    const std::uint32_t number = sae_version_number();
    const std::string expected = std::to_string(number / 10000) + "." +
                                 std::to_string(number / 100 % 100) + "." +
                                 std::to_string(number % 100);
    EXPECT_EQ(expected, std::string(sae_version()));
}
