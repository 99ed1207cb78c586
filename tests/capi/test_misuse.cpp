// Misuse of the C API: every refusal carries a status and a message that names the function,
// the argument or value at fault, and the call leaves the model as usable as before.
#include "support.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

using namespace capi_test;

namespace
{

constexpr std::uint32_t n_users = 8;
constexpr std::uint32_t n_items = 6;

/// The notebook's kind of model (rows are users), small and quick.
sae_options user_options(std::uint32_t epochs = 3)
{
    sae_options opts;
    EXPECT_EQ(SAE_OK, sae_options_preset(&opts, "seed")) << last_error();
    opts.n_hidden = 2;
    opts.hidden_sizes[0] = 4;
    opts.hidden_sizes[1] = 3;
    opts.epochs = epochs;
    opts.threads = 1;
    return opts;
}

/// Expects `status` from the call just made and every one of `parts` in its message.
void expect_refusal(int expected, int status, const std::vector<std::string>& parts)
{
    const std::string message = last_error();
    EXPECT_EQ(expected, status) << sae_status_string(status) << ": " << message;
    for (const std::string& part : parts)
    {
        EXPECT_TRUE(contains(message, part)) << message << "\nwants " << part;
    }
}

bool all_finite(const std::vector<float>& values)
{
    for (float value : values)
    {
        if (!std::isfinite(value))
        {
            return false;
        }
    }
    return true;
}

int cancel_at_once(const sae_epoch_report*, void*)
{
    return 1;
}

} // namespace

TEST(Misuse, NullPointersNameTheFunctionAndTheArgument)
{
    model_ptr model = trained_model(user_options());
    dataset_ptr train = make_dataset(train_ratings());
    std::vector<float> row(n_items, 0.0f);
    const std::uint32_t ids[] = {1};
    double rmse = 0.0;

    expect_refusal(SAE_ERR_INVALID_ARGUMENT,
                   sae_predict(row.data(), row.size(), model.get(), nullptr, row.size()),
                   {"sae_predict", "ratings is NULL"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT,
                   sae_predict_users(row.data(), row.size(), model.get(), train.get(), nullptr,
                                     1),
                   {"sae_predict_users", "user_ids is NULL"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT,
                   sae_predict_users(row.data(), row.size(), nullptr, train.get(), ids, 1),
                   {"sae_predict_users", "model is NULL"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT, sae_rmse(&rmse, model.get(), train.get(), nullptr),
                   {"sae_rmse", "target is NULL"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT, sae_fit(model.get(), nullptr, nullptr, nullptr),
                   {"sae_fit", "train is NULL"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT, sae_save(model.get(), nullptr),
                   {"sae_save", "path is NULL"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT, sae_dataset_load(nullptr, "u.data"),
                   {"sae_dataset_load", "out is NULL"});
}

TEST(Misuse, ZeroAndHugeSizesAreDimensionErrors)
{
    model_ptr model = trained_model(user_options());
    dataset_ptr train = make_dataset(train_ratings());
    std::vector<float> row(n_items, 0.0f);
    std::vector<float> out(n_items);
    const std::uint32_t ids[] = {1, 2};
    const size_t huge = std::numeric_limits<size_t>::max();

    expect_refusal(SAE_ERR_DIMENSION, sae_predict(out.data(), 0, model.get(), row.data(), 0),
                   {"sae_predict", "is 0", "6 items"});
    expect_refusal(SAE_ERR_DIMENSION,
                   sae_predict(out.data(), out.size(), model.get(), row.data(), huge),
                   {"sae_predict", std::to_string(huge)});

    expect_refusal(SAE_ERR_DIMENSION,
                   sae_predict_users(out.data(), 0, model.get(), train.get(), ids, 0),
                   {"sae_predict_users", "out_len is 0"});
    // Two ids given, a huge count claimed: refused on the sizes before any id is read.
    expect_refusal(SAE_ERR_DIMENSION,
                   sae_predict_users(out.data(), out.size(), model.get(), train.get(), ids, huge),
                   {"sae_predict_users", "out_len is 6"});
    expect_refusal(SAE_ERR_DIMENSION,
                   sae_predict_users(out.data(), huge, model.get(), train.get(), ids, 2),
                   {"sae_predict_users", std::to_string(huge)});

    expect_refusal(SAE_ERR_DIMENSION, sae_dataset_user_row(out.data(), 0, train.get(), 1),
                   {"sae_dataset_user_row", "out_len is 0"});
    expect_refusal(SAE_ERR_INVALID_ARGUMENT,
                   sae_dataset_resize(train.get(), UINT32_MAX, UINT32_MAX),
                   {"sae_dataset_resize", "limited"});
}

TEST(Misuse, DataSetOfAnotherShapeNamesBothShapes)
{
    model_ptr model = trained_model(user_options());
    dataset_ptr wider = make_dataset(train_ratings());
    ASSERT_EQ(SAE_OK, sae_dataset_resize(wider.get(), n_users, n_items + 3));
    const std::uint32_t ids[] = {1};
    std::vector<float> out(n_items);
    double rmse = 0.0;

    expect_refusal(SAE_ERR_DIMENSION,
                   sae_predict_users(out.data(), out.size(), model.get(), wider.get(), ids, 1),
                   {"8 x 9", "6 items"});
    expect_refusal(SAE_ERR_DIMENSION, sae_rmse(&rmse, model.get(), wider.get(), wider.get()),
                   {"8 x 9", "6 items"});
    expect_refusal(SAE_ERR_DIMENSION, sae_fit(model.get(), wider.get(), nullptr, nullptr),
                   {"fit", "8 x 9", "6 items"});
    EXPECT_EQ(n_items, sae_model_n_items(model.get()));
}

TEST(Misuse, QueriesBeforeFitSayTheModelIsNotTrained)
{
    const sae_options opts = user_options();
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());
    std::vector<float> row(n_items, 0.0f);
    double rmse = 0.0;

    expect_refusal(SAE_ERR_STATE,
                   sae_predict(row.data(), row.size(), model.get(), row.data(), row.size()),
                   {"sae_predict", "not been trained"});
    expect_refusal(SAE_ERR_STATE, sae_rmse(&rmse, model.get(), train.get(), train.get()),
                   {"not been trained"});
    expect_refusal(SAE_ERR_STATE, sae_save(model.get(), "never-written.sae"),
                   {"not been trained"});
}

TEST(Misuse, NonFiniteInputNamesTheIndex)
{
    model_ptr model = trained_model(user_options());
    std::vector<float> out(n_items);

    for (float bad : {std::numeric_limits<float>::quiet_NaN(),
                      std::numeric_limits<float>::infinity()})
    {
        std::vector<float> row(n_items, 0.0f);
        row[3] = bad;
        expect_refusal(SAE_ERR_INVALID_ARGUMENT,
                       sae_predict(out.data(), out.size(), model.get(), row.data(), row.size()),
                       {"ratings[3]", "not finite"});
    }

    const std::uint32_t users[] = {1, 2};
    const std::uint32_t items[] = {1, 2};
    const float ratings[] = {4.0f, std::numeric_limits<float>::quiet_NaN()};
    sae_dataset* dataset = poison<sae_dataset>();
    expect_refusal(SAE_ERR_INVALID_ARGUMENT,
                   sae_dataset_from_arrays(&dataset, users, items, ratings, 2),
                   {"ratings[1]"});
    EXPECT_EQ(nullptr, dataset);
}

TEST(Misuse, FreeingTheTrainingSetLeavesTheModelWhole)
{
    // Models copy what they need from a data set; none keeps a pointer to it.
    sae_model* raw = nullptr;
    const sae_options opts = user_options();
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    sae_dataset* train = nullptr;
    const std::vector<rating> triples = train_ratings();
    {
        dataset_ptr built = make_dataset(triples);
        train = built.release();
    }
    ASSERT_EQ(SAE_OK, sae_fit(model.get(), train, nullptr, nullptr)) << last_error();
    const std::vector<float> before = predict_user(model.get(), 3);
    sae_dataset_free(train);

    EXPECT_EQ(before, predict_user(model.get(), 3));
    dataset_ptr again = make_dataset(triples);
    EXPECT_EQ(SAE_OK, sae_fit(model.get(), again.get(), nullptr, nullptr)) << last_error();
}

TEST(Misuse, DivergenceNamesTheEpochAndKeepsAFiniteModel)
{
    // Identity layers and a step of 1e30 overflow the float range within a few steps.
    sae_options opts = user_options(5);
    opts.learning_rate = 1e30;
    opts.hidden_activations[0] = SAE_ACTIVATION_IDENTITY;
    opts.hidden_activations[1] = SAE_ACTIVATION_IDENTITY;
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());

    expect_refusal(SAE_ERR_DIVERGED, sae_fit(model.get(), train.get(), nullptr, nullptr),
                   {"diverged", "epoch"});

    // The last good weights stay: finite predictions, and a model that saves and loads.
    EXPECT_TRUE(all_finite(predict_user(model.get(), 1)));
    const std::string path = (scratch_dir() / "diverged.sae").string();
    EXPECT_EQ(SAE_OK, sae_save(model.get(), path.c_str())) << last_error();
    sae_model* loaded = nullptr;
    EXPECT_EQ(SAE_OK, sae_load(&loaded, path.c_str())) << last_error();
    sae_free(loaded);
}

TEST(Misuse, CancelledFitSaysSoAndLeavesAUsableModel)
{
    const sae_options opts = user_options(4);
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());

    expect_refusal(SAE_ERR_CANCELLED, sae_fit(model.get(), train.get(), cancel_at_once, nullptr),
                   {"cancelled", "epoch 1"});
    EXPECT_EQ(n_items, sae_model_n_items(model.get()));
    EXPECT_TRUE(all_finite(predict_user(model.get(), 2)));
    EXPECT_EQ(SAE_OK, sae_fit(model.get(), train.get(), nullptr, nullptr)) << last_error();
}

TEST(Misuse, RatingsAboveTheScaleLoadAsGiven)
{
    // A ratings file has no scale of its own: rating_min and rating_max belong to a model's
    // options and only bound (clip) its predictions, so a 7.5 on a 1-5 file loads unchanged.
    const std::filesystem::path path = scratch_dir() / "u.data";
    write_file(path, "1\t1\t7.5\n2\t2\t3\n");
    sae_dataset* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_dataset_load(&raw, path.string().c_str())) << last_error();
    dataset_ptr dataset(raw);

    EXPECT_EQ((std::vector<float>{7.5f, 0.0f}), user_row(dataset.get(), 1));
}
