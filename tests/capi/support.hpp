// Helpers shared by the C API tests. They use nothing but <sae.h> and the standard library, so
// the tests see libsae exactly as an application linking the shared library does.
#ifndef SAE_TESTS_CAPI_SUPPORT_HPP
#define SAE_TESTS_CAPI_SUPPORT_HPP

#include <sae.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace capi_test
{

struct dataset_deleter
{
    void operator()(sae_dataset* dataset) const
    {
        sae_dataset_free(dataset);
    }
};

struct model_deleter
{
    void operator()(sae_model* model) const
    {
        sae_free(model);
    }
};

using dataset_ptr = std::unique_ptr<sae_dataset, dataset_deleter>;
using model_ptr = std::unique_ptr<sae_model, model_deleter>;

/// One (user, item, rating) triple of a synthetic data set.
struct rating
{
    std::uint32_t user;
    std::uint32_t item;
    float value;
};

inline std::string last_error()
{
    return sae_last_error();
}

inline bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

/// True when `message` names line `line` in one of the usual ways ("line 7" or "file:7").
inline bool names_line(const std::string& message, int line)
{
    const std::string number = std::to_string(line);
    return contains(message, "line " + number) || contains(message, ":" + number);
}

/// A handle value no allocator returns, so a test can see whether a failing call reset `*out`.
template <typename T>
T* poison()
{
    return reinterpret_cast<T*>(static_cast<std::uintptr_t>(0x5ae));
}

/// Builds a data set from triples; the test fails if libsae refuses them.
inline dataset_ptr make_dataset(const std::vector<rating>& ratings)
{
    std::vector<std::uint32_t> users;
    std::vector<std::uint32_t> items;
    std::vector<float> values;
    for (const rating& r : ratings)
    {
        users.push_back(r.user);
        items.push_back(r.item);
        values.push_back(r.value);
    }

    sae_dataset* out = nullptr;
    const int status =
        sae_dataset_from_arrays(&out, users.data(), items.data(), values.data(), ratings.size());
    EXPECT_EQ(SAE_OK, status) << last_error();
    return dataset_ptr(out);
}

/// Eight users rating six items on a 1-5 scale: two groups with opposite tastes.
inline std::vector<rating> train_ratings()
{
    return {
        {1, 1, 5}, {1, 2, 4}, {1, 4, 1}, {1, 5, 2},
        {2, 1, 4}, {2, 3, 5}, {2, 4, 2}, {2, 6, 1},
        {3, 2, 5}, {3, 3, 4}, {3, 5, 1},
        {4, 1, 5}, {4, 2, 5}, {4, 6, 2},
        {5, 1, 1}, {5, 4, 5}, {5, 5, 4},
        {6, 2, 2}, {6, 4, 4}, {6, 6, 5},
        {7, 1, 2}, {7, 3, 1}, {7, 5, 5},
        {8, 3, 2}, {8, 4, 5},
    };
}

/// Held-out ratings for the users above: no (user, item) pair is also in train_ratings().
inline std::vector<rating> test_ratings()
{
    return {
        {1, 3, 4}, {2, 2, 5}, {3, 1, 4}, {5, 6, 5}, {6, 5, 4}, {8, 6, 4},
    };
}

/// Small, quick and deterministic options: two hidden layers, one thread, a fixed seed.
inline sae_options small_options(std::uint32_t epochs = 4)
{
    // The notebook's trainer: one user per step, deterministic order, no validation split.
    sae_options opts;
    sae_options_preset(&opts, "seed");
    opts.n_hidden = 2;
    opts.hidden_sizes[0] = 4;
    opts.hidden_sizes[1] = 4;
    opts.epochs = epochs;
    opts.threads = 1;
    opts.seed = 7;
    return opts;
}

/// Creates a model from `opts` and trains it on train_ratings(); the test fails on any error.
inline model_ptr trained_model(const sae_options& opts)
{
    sae_model* raw = nullptr;
    EXPECT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    if (!model)
    {
        return model;
    }

    dataset_ptr train = make_dataset(train_ratings());
    EXPECT_EQ(SAE_OK, sae_fit(model.get(), train.get(), nullptr, nullptr)) << last_error();
    return model;
}

/// Compares every field, so a field lost on the way (a copy, a file) is reported by name.
inline void expect_same_options(const sae_options& expected, const sae_options& actual)
{
    EXPECT_EQ(expected.struct_size, actual.struct_size);
    EXPECT_EQ(expected.n_hidden, actual.n_hidden);
    for (std::uint32_t i = 0; i < SAE_MAX_HIDDEN_LAYERS; ++i)
    {
        EXPECT_EQ(expected.hidden_sizes[i], actual.hidden_sizes[i]) << "layer " << i;
        EXPECT_EQ(expected.hidden_activations[i], actual.hidden_activations[i]) << "layer " << i;
    }
    EXPECT_EQ(expected.output_activation, actual.output_activation);
    EXPECT_EQ(expected.optimizer, actual.optimizer);
    EXPECT_EQ(expected.learning_rate, actual.learning_rate);
    EXPECT_EQ(expected.weight_decay, actual.weight_decay);
    EXPECT_EQ(expected.rmsprop_alpha, actual.rmsprop_alpha);
    EXPECT_EQ(expected.epsilon, actual.epsilon);
    EXPECT_EQ(expected.epochs, actual.epochs);
    EXPECT_EQ(expected.accumulate_gradients, actual.accumulate_gradients);
    EXPECT_EQ(expected.seed, actual.seed);
    EXPECT_EQ(expected.threads, actual.threads);
    EXPECT_EQ(expected.clip_predictions, actual.clip_predictions);
    EXPECT_EQ(expected.rating_min, actual.rating_min);
    EXPECT_EQ(expected.rating_max, actual.rating_max);
}

/// Dense row of one user's ratings in `dataset`.
inline std::vector<float> user_row(const sae_dataset* dataset, std::uint32_t user)
{
    std::vector<float> row(sae_dataset_n_items(dataset));
    EXPECT_EQ(SAE_OK, sae_dataset_user_row(row.data(), row.size(), dataset, user))
        << last_error();
    return row;
}

/// Predictions of `model` for one user of train_ratings().
inline std::vector<float> predict_user(const sae_model* model, std::uint32_t user)
{
    dataset_ptr train = make_dataset(train_ratings());
    const std::vector<float> input = user_row(train.get(), user);

    std::vector<float> out(sae_model_n_items(model));
    EXPECT_EQ(SAE_OK, sae_predict(out.data(), out.size(), model, input.data(), input.size()))
        << last_error();
    return out;
}

/// A fresh, empty folder for the running test, under SAE_TEST_TMPDIR (set by meson to a folder
/// in the build tree) or else the system temporary folder.
inline std::filesystem::path scratch_dir()
{
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const char* root = std::getenv("SAE_TEST_TMPDIR");
    const std::filesystem::path base =
        root != nullptr ? std::filesystem::path(root) : std::filesystem::temp_directory_path();

    const std::filesystem::path dir =
        base / (std::string(info->test_suite_name()) + "." + info->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

inline void write_file(const std::filesystem::path& path, const std::string& contents)
{
    std::ofstream file(path, std::ios::binary);
    file << contents;
    ASSERT_TRUE(file.good()) << "cannot write " << path;
}

inline std::string read_file(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

} // namespace capi_test

#endif // SAE_TESTS_CAPI_SUPPORT_HPP
