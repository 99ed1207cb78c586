#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "error.hpp"
#include "ratings_reader.hpp"
#include "test_support.hpp"

namespace
{

const std::string data_dir = SAE_TEST_DATA_DIR;

/// The twelve ratings of the tiny.* fixtures, 0-based as the reader returns them.
const std::vector<sae::rating_entry> tiny_entries = {
    {0, 1, 4.0f}, {0, 4, 2.0f}, {0, 6, 5.0f}, {1, 0, 3.0f}, {1, 1, 5.0f}, {2, 2, 1.0f},
    {2, 5, 4.0f}, {2, 7, 3.0f}, {3, 0, 2.0f}, {3, 3, 5.0f}, {4, 2, 4.0f}, {4, 7, 1.0f},
};

void expect_entries(const sae::ratings_file& file, const std::vector<sae::rating_entry>& expected)
{
    ASSERT_EQ(file.entries.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
    {
        EXPECT_EQ(file.entries[k].user, expected[k].user) << "entry " << k;
        EXPECT_EQ(file.entries[k].item, expected[k].item) << "entry " << k;
        EXPECT_EQ(file.entries[k].value, expected[k].value) << "entry " << k;
    }
}

/// Writes `content` to a scratch file and reads it back.
sae::ratings_file read_text(const std::string& content)
{
    unit_test::scratch_dir dir;
    std::string path = dir.file("ratings.data");
    unit_test::write_bytes(path, content);
    return sae::read_ratings_file(path);
}

/// Reads `content` from a scratch file, expecting an sae::error with `status` whose message
/// names the file, "file:line" when `line` is not 0, and every one of `parts`.
void expect_failure(const std::string& content,
                    sae_status status,
                    std::size_t line,
                    const std::vector<std::string>& parts)
{
    unit_test::scratch_dir dir;
    std::string path = dir.file("bad.data");
    unit_test::write_bytes(path, content);

    try
    {
        (void)sae::read_ratings_file(path);
        ADD_FAILURE() << "no error for " << ::testing::PrintToString(content);
    }
    catch (const sae::error& e)
    {
        const std::string message = e.what();
        EXPECT_EQ(e.status(), status) << message;
        EXPECT_TRUE(unit_test::contains(message, path)) << message;
        if (line != 0)
        {
            std::string where = path + ":" + std::to_string(line) + ":";
            EXPECT_TRUE(unit_test::contains(message, where)) << message << "\nwants " << where;
        }
        for (const std::string& part : parts)
        {
            EXPECT_TRUE(unit_test::contains(message, part)) << message << "\nwants " << part;
        }
    }
}

}  // namespace

TEST(RatingsReader, ReadsTheCommittedFixturesAlike)
{
    // The same twelve ratings as u.data (tabs), ratings.dat ("::") and ratings.csv (header,
    // commas, decimal ratings).
    for (const char* name : {"tiny.data", "tiny.dat", "tiny.csv"})
    {
        SCOPED_TRACE(name);
        sae::ratings_file file = sae::read_ratings_file(data_dir + "/" + name);

        expect_entries(file, tiny_entries);
        EXPECT_EQ(file.n_users, 5u);
        EXPECT_EQ(file.n_items, 8u);
    }

    // The csv header is line 1, so its ratings start on line 2.
    EXPECT_EQ(sae::read_ratings_file(data_dir + "/tiny.data").lines.front(), 1u);
    EXPECT_EQ(sae::read_ratings_file(data_dir + "/tiny.csv").lines.front(), 2u);
}

TEST(RatingsReader, BuildsRatingsFromAFile)
{
    const std::string path = data_dir + "/tiny.data";
    sae::ratings_file file = sae::read_ratings_file(path);

    sae::ratings r = sae::to_ratings(file, path, 6, 10);

    EXPECT_EQ(r.n_users(), 6u);
    EXPECT_EQ(r.n_items(), 10u);
    EXPECT_EQ(r.size(), 12u);
    std::vector<float> row(10);
    r.dense_row(2, row.data());
    EXPECT_EQ(row, (std::vector<float>{0, 0, 1, 0, 0, 4, 0, 3, 0, 0}));
}

TEST(RatingsReader, AcceptsEverySeparator)
{
    for (const char* sep : {"\t", " ", "   ", " \t ", ",", ", ", " , ", "::", " :: "})
    {
        SCOPED_TRACE(::testing::PrintToString(std::string(sep)));
        std::string s = sep;
        sae::ratings_file file = read_text("1" + s + "2" + s + "3" + s + "964982703\n" + "4" + s
                                           + "5" + s + "2.5\n");

        expect_entries(file, {{0, 1, 3.0f}, {3, 4, 2.5f}});
        EXPECT_EQ(file.lines, (std::vector<std::size_t>{1, 2}));
        EXPECT_EQ(file.n_users, 4u);
        EXPECT_EQ(file.n_items, 5u);
    }
}

TEST(RatingsReader, HandlesCrlfBomAndMissingFinalNewline)
{
    expect_entries(read_text("1\t2\t3\t10\r\n2\t3\t4\t11\r\n"), {{0, 1, 3.0f}, {1, 2, 4.0f}});
    expect_entries(read_text("\xEF\xBB\xBF" "7\t8\t2\n"), {{6, 7, 2.0f}});
    expect_entries(read_text("1\t2\t3\n4\t5\t1"), {{0, 1, 3.0f}, {3, 4, 1.0f}});
    expect_entries(read_text("1\t2\t3\r\n4\t5\t1\r"), {{0, 1, 3.0f}, {3, 4, 1.0f}});
}

TEST(RatingsReader, SkipsACsvHeaderEvenAfterABom)
{
    sae::ratings_file file =
        read_text("\xEF\xBB\xBFuserId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n");

    expect_entries(file, {{0, 30, 2.5f}});
    EXPECT_EQ(file.lines, std::vector<std::size_t>{2});
}

TEST(RatingsReader, SkipsBlankLinesAndCountsThem)
{
    sae::ratings_file file = read_text("\n1\t2\t3\n\n   \n\t\n  2\t2\t4  \n\n");

    expect_entries(file, {{0, 1, 3.0f}, {1, 1, 4.0f}});
    EXPECT_EQ(file.lines, (std::vector<std::size_t>{2, 6}));
}

TEST(RatingsReader, AcceptsTheLargestIdAndALineOfTheLongestLength)
{
    sae::ratings_file file = read_text("16777216\t1\t3\n");
    EXPECT_EQ(file.n_users, sae::max_id);

    // Exactly max_line_length bytes before the newline, padded with trailing blanks.
    std::string line = "1\t2\t3";
    line.resize(sae::max_line_length, ' ');
    expect_entries(read_text(line + "\n"), {{0, 1, 3.0f}});
}

TEST(RatingsReader, WrongFieldCountNamesTheLine)
{
    expect_failure("1\t2\t3\n1\t2\n", SAE_ERR_PARSE, 2, {"found 2", "'1\t2'"});
    expect_failure("1\t2\t3\t4\t5\n", SAE_ERR_PARSE, 1, {"found 5", "'1\t2\t3\t4\t5'"});
}

TEST(RatingsReader, NonNumericIdNamesTheValue)
{
    expect_failure("1\t2\t3\nx7\t2\t3\n", SAE_ERR_PARSE, 2, {"user", "'x7'"});
    expect_failure("1\t2b\t3\n", SAE_ERR_PARSE, 1, {"item", "'2b'"});
    expect_failure("-1\t2\t3\n", SAE_ERR_PARSE, 1, {"user", "'-1'"});
    // Two commas or two tabs in a row leave an empty field, never a shifted line.
    expect_failure("1,,3\n", SAE_ERR_PARSE, 1, {"item id is empty"});
    expect_failure("1\t2\t3\n5\t446\t\t875720845\n", SAE_ERR_PARSE, 2, {"rating is empty"});
    expect_failure("1\t\t3\t875720845\n", SAE_ERR_PARSE, 1, {"item id is empty"});
    // A header is only recognised on line 1.
    expect_failure("1\t2\t3\nuserId,movieId,rating\n", SAE_ERR_PARSE, 2, {"'userId'"});
}

TEST(RatingsReader, IdOutOfRangeNamesTheValue)
{
    expect_failure("0\t2\t3\n", SAE_ERR_PARSE, 1, {"user", "'0'"});
    expect_failure("1\t2\t3\n3\t0\t3\n", SAE_ERR_PARSE, 2, {"item", "'0'"});
    expect_failure("99999999999\t2\t3\n", SAE_ERR_PARSE, 1, {"user", "'99999999999'"});
    expect_failure("1\t16777217\t3\n", SAE_ERR_PARSE, 1, {"item", "'16777217'"});
    // 2^64 + 1 would wrap a 64-bit accumulator back to 1.
    expect_failure("18446744073709551617\t1\t3\n", SAE_ERR_PARSE, 1,
                   {"'18446744073709551617'"});
}

TEST(RatingsReader, RatingMustBePositive)
{
    expect_failure("1\t2\t0\n", SAE_ERR_PARSE, 1, {"rating", "'0'"});
    expect_failure("1\t2\t3\n1\t3\t-1\n", SAE_ERR_PARSE, 2, {"rating", "'-1'"});
    expect_failure("1\t2\t-0.0\n", SAE_ERR_PARSE, 1, {"rating", "'-0.0'"});
}

TEST(RatingsReader, RatingMustBeAFiniteNumber)
{
    for (const char* value : {"nan", "NaN", "inf", "-inf", "infinity", "1e999"})
    {
        SCOPED_TRACE(value);
        expect_failure(std::string("1\t2\t") + value + "\n", SAE_ERR_PARSE, 1,
                       {"rating", "'" + std::string(value) + "'"});
    }
    expect_failure("1\t2\t3.5x\n", SAE_ERR_PARSE, 1, {"rating", "'3.5x'"});
}

TEST(RatingsReader, DuplicatePairNamesBothLines)
{
    unit_test::scratch_dir dir;
    std::string path = dir.file("dup.data");
    unit_test::write_bytes(path, "1\t2\t3\n4\t2\t1\n\n5\t5\t5\n1\t2\t4\n");
    sae::ratings_file file = sae::read_ratings_file(path);

    try
    {
        (void)sae::to_ratings(file, path, file.n_users, file.n_items);
        FAIL() << "duplicate (user 1, item 2) was accepted";
    }
    catch (const sae::error& e)
    {
        const std::string message = e.what();
        EXPECT_EQ(e.status(), SAE_ERR_PARSE);
        EXPECT_TRUE(unit_test::contains(message, path + ":1")) << message;
        EXPECT_TRUE(unit_test::contains(message, path + ":5")) << message;
    }
}

TEST(RatingsReader, FileWithoutRatingsFails)
{
    expect_failure("", SAE_ERR_PARSE, 0, {"no ratings"});
    expect_failure("\n\n  \n", SAE_ERR_PARSE, 0, {"no ratings"});
    expect_failure("userId,movieId,rating,timestamp\n", SAE_ERR_PARSE, 0, {"no ratings"});
}

TEST(RatingsReader, MissingFileOrFolderIsAnIoError)
{
    unit_test::scratch_dir dir;

    for (const std::string& path : {dir.file("absent.data"), dir.path().string()})
    {
        try
        {
            (void)sae::read_ratings_file(path);
            ADD_FAILURE() << "no error reading " << path;
        }
        catch (const sae::error& e)
        {
            EXPECT_EQ(e.status(), SAE_ERR_IO) << e.what();
            EXPECT_TRUE(unit_test::contains(e.what(), "'" + path + "'")) << e.what();
        }
    }
}

TEST(RatingsReader, OverlongLineFails)
{
    std::string line(sae::max_line_length + 1, '1');
    expect_failure("1\t2\t3\n" + line + "\n", SAE_ERR_PARSE, 2, {"longer than 4096"});

    // A file without any newline must stop at the limit, not read on.
    expect_failure(std::string(1u << 20, '7'), SAE_ERR_PARSE, 1, {"longer than 4096"});
}
