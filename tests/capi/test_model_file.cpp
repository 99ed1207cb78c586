// Model files: sae_save() and sae_load(), round trips and damaged files.
#include "support.hpp"

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace capi_test;

namespace
{

constexpr std::uint32_t n_train_users = 8;

std::vector<float> predict_all(const sae_model* model)
{
    std::vector<float> all;
    for (std::uint32_t user = 1; user <= n_train_users; ++user)
    {
        const std::vector<float> row = predict_user(model, user);
        all.insert(all.end(), row.begin(), row.end());
    }
    return all;
}

/// Loads `path`, expecting `status`; returns the message and checks that no model came back.
std::string load_error(const std::filesystem::path& path, int status)
{
    sae_model* out = poison<sae_model>();
    EXPECT_EQ(status, sae_load(&out, path.string().c_str())) << path;
    EXPECT_EQ(nullptr, out);
    return last_error();
}

/// A trained model saved as `path`; returns the file's bytes.
std::string saved_model(const std::filesystem::path& path)
{
    model_ptr model = trained_model(small_options());
    EXPECT_EQ(SAE_OK, sae_save(model.get(), path.string().c_str())) << last_error();
    return read_file(path);
}

} // namespace

TEST(ModelFile, RoundTripKeepsPredictionsAndOptions)
{
    const std::filesystem::path path = scratch_dir() / "model.sae";
    sae_options opts = small_options();
    opts.learning_rate = 0.02;
    opts.clip_predictions = 1;
    opts.seed = 12345;
    model_ptr model = trained_model(opts);
    ASSERT_EQ(SAE_OK, sae_save(model.get(), path.string().c_str())) << last_error();

    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_load(&raw, path.string().c_str())) << last_error();
    model_ptr loaded(raw);

    EXPECT_EQ(sae_model_n_items(model.get()), sae_model_n_items(loaded.get()));
    const std::vector<float> before = predict_all(model.get());
    const std::vector<float> after = predict_all(loaded.get());
    ASSERT_EQ(before.size(), after.size());
    EXPECT_EQ(0, std::memcmp(before.data(), after.data(), before.size() * sizeof(float)))
        << "predictions of the loaded model differ";

    sae_options loaded_opts;
    loaded_opts.struct_size = sizeof(loaded_opts);
    ASSERT_EQ(SAE_OK, sae_model_options(&loaded_opts, loaded.get())) << last_error();
    expect_same_options(opts, loaded_opts);
}

TEST(ModelFile, LoadedModelTrainsFurther)
{
    const std::filesystem::path path = scratch_dir() / "model.sae";
    saved_model(path);
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_load(&raw, path.string().c_str())) << last_error();
    model_ptr loaded(raw);
    dataset_ptr train = make_dataset(train_ratings());

    const std::vector<float> before = predict_all(loaded.get());
    ASSERT_EQ(SAE_OK, sae_fit(loaded.get(), train.get(), nullptr, nullptr)) << last_error();
    EXPECT_NE(before, predict_all(loaded.get()));
}

TEST(ModelFile, SaveReplacesAnExistingFileAndLeavesNothingElse)
{
    const std::filesystem::path dir = scratch_dir();
    const std::filesystem::path path = dir / "model.sae";
    write_file(path, "an older file");

    const std::string bytes = saved_model(path);
    EXPECT_NE("an older file", bytes);

    // The temporary file written beside the destination must be gone after the rename.
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
    {
        names.push_back(entry.path().filename().string());
    }
    EXPECT_EQ(std::vector<std::string>{"model.sae"}, names);

    sae_model* raw = nullptr;
    EXPECT_EQ(SAE_OK, sae_load(&raw, path.string().c_str())) << last_error();
    sae_free(raw);
}

TEST(ModelFile, SaveBeforeFitIsAStateError)
{
    const std::filesystem::path path = scratch_dir() / "model.sae";
    const sae_options opts = small_options();
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);

    EXPECT_EQ(SAE_ERR_STATE, sae_save(model.get(), path.string().c_str()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ModelFile, SaveIntoAMissingFolderIsAnIoErrorNamingThePath)
{
    const std::filesystem::path path = scratch_dir() / "no-such-folder" / "model.sae";
    model_ptr model = trained_model(small_options(2));

    EXPECT_EQ(SAE_ERR_IO, sae_save(model.get(), path.string().c_str()));
    EXPECT_TRUE(contains(last_error(), path.string())) << last_error();
}

TEST(ModelFile, SaveNullArguments)
{
    const std::filesystem::path path = scratch_dir() / "model.sae";
    model_ptr model = trained_model(small_options(2));

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_save(nullptr, path.string().c_str()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_save(model.get(), nullptr));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelFile, LoadNullArguments)
{
    const std::filesystem::path path = scratch_dir() / "model.sae";
    saved_model(path);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_load(nullptr, path.string().c_str()));
    EXPECT_STRNE("", sae_last_error());

    sae_model* out = poison<sae_model>();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_load(&out, nullptr));
    EXPECT_EQ(nullptr, out);
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelFile, MissingFileIsAnIoErrorNamingThePath)
{
    const std::filesystem::path path = scratch_dir() / "missing.sae";
    const std::string message = load_error(path, SAE_ERR_IO);
    EXPECT_TRUE(contains(message, path.string())) << message;
}

TEST(ModelFile, FolderIsAnIoError)
{
    const std::filesystem::path dir = scratch_dir();
    const std::string message = load_error(dir, SAE_ERR_IO);
    EXPECT_TRUE(contains(message, dir.string())) << message;
}

TEST(ModelFile, TextFileIsAFormatError)
{
    const std::filesystem::path path = scratch_dir() / "notes.txt";
    write_file(path, "This is not a model file, only a few words of text.\n");
    EXPECT_FALSE(load_error(path, SAE_ERR_FORMAT).empty());
}

TEST(ModelFile, EmptyFileIsAFormatError)
{
    const std::filesystem::path path = scratch_dir() / "empty.sae";
    write_file(path, "");
    EXPECT_FALSE(load_error(path, SAE_ERR_FORMAT).empty());
}

TEST(ModelFile, BinaryGarbageIsAFormatError)
{
    const std::filesystem::path path = scratch_dir() / "garbage.sae";
    std::string bytes(4096, '\0');
    std::uint32_t state = 2463534242u;
    for (char& byte : bytes)
    {
        // xorshift32: a fixed, reproducible byte stream.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        byte = static_cast<char>(state & 0xff);
    }
    write_file(path, bytes);
    EXPECT_FALSE(load_error(path, SAE_ERR_FORMAT).empty());
}

TEST(ModelFile, TruncatedFileIsAFormatError)
{
    const std::filesystem::path dir = scratch_dir();
    const std::string bytes = saved_model(dir / "model.sae");
    ASSERT_GT(bytes.size(), 64u);

    for (std::size_t length : {std::size_t{1}, std::size_t{4}, std::size_t{8}, std::size_t{16},
                               bytes.size() / 2, bytes.size() - 1})
    {
        const std::filesystem::path path = dir / ("cut" + std::to_string(length) + ".sae");
        write_file(path, bytes.substr(0, length));
        EXPECT_FALSE(load_error(path, SAE_ERR_FORMAT).empty()) << "first " << length << " bytes";
    }
}

TEST(ModelFile, FileCutInsideItsHeaderSaysTruncated)
{
    const std::filesystem::path dir = scratch_dir();
    const std::string bytes = saved_model(dir / "model.sae");
    const std::filesystem::path path = dir / "cut10.sae";
    write_file(path, bytes.substr(0, 10));

    std::string message = load_error(path, SAE_ERR_FORMAT);
    EXPECT_TRUE(contains(message, "truncated")) << message;
}

TEST(ModelFile, SaveToAnEmptyPathIsAnIoError)
{
    model_ptr model = trained_model(small_options(2));

    EXPECT_EQ(SAE_ERR_IO, sae_save(model.get(), ""));
    EXPECT_TRUE(contains(last_error(), "path is empty")) << last_error();
}

TEST(ModelFile, CorruptedByteIsAFormatError)
{
    const std::filesystem::path dir = scratch_dir();
    std::string bytes = saved_model(dir / "model.sae");
    ASSERT_GT(bytes.size(), 64u);

    // A byte in the middle belongs to the weights; the checksum must catch the change.
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
    const std::filesystem::path path = dir / "flipped.sae";
    write_file(path, bytes);
    EXPECT_FALSE(load_error(path, SAE_ERR_FORMAT).empty());
}

TEST(ModelFile, ExtraBytesAfterTheModelAreAFormatError)
{
    const std::filesystem::path dir = scratch_dir();
    const std::string bytes = saved_model(dir / "model.sae");
    const std::filesystem::path path = dir / "longer.sae";
    write_file(path, bytes + "tail");
    EXPECT_FALSE(load_error(path, SAE_ERR_FORMAT).empty());
}
