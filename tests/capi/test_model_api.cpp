// Models: creation, training, progress and cancellation, prediction, evaluation and logging.
#include "support.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <thread>
#include <vector>

using namespace capi_test;

namespace
{

constexpr std::uint32_t n_train_users = 8;
constexpr std::uint32_t n_train_items = 6;

model_ptr untrained_model()
{
    const sae_options opts = small_options();
    sae_model* model = nullptr;
    EXPECT_EQ(SAE_OK, sae_create(&model, &opts)) << last_error();
    return model_ptr(model);
}

/// The test set reshaped to the training set, as evaluation needs.
dataset_ptr test_set()
{
    dataset_ptr test = make_dataset(test_ratings());
    EXPECT_EQ(SAE_OK, sae_dataset_resize(test.get(), n_train_users, n_train_items))
        << last_error();
    return test;
}

/// Every user's predictions, one row after the other.
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

bool bitwise_equal(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

bool is_argument_or_dimension_error(int status)
{
    return status == SAE_ERR_INVALID_ARGUMENT || status == SAE_ERR_DIMENSION;
}

/// What the progress callback saw, and when it asks training to stop.
struct progress_log
{
    std::vector<sae_epoch_report> reports;
    std::uint32_t stop_after = 0;
};

int record_progress(const sae_epoch_report* report, void* user_data)
{
    auto* log = static_cast<progress_log*>(user_data);
    log->reports.push_back(*report);
    return log->stop_after != 0 && report->epoch >= log->stop_after ? 1 : 0;
}

/// Trains a model of `opts` on train_ratings() and returns every progress report.
progress_log fit_with_progress(const sae_options& opts)
{
    progress_log log;
    sae_model* raw = nullptr;
    EXPECT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());
    EXPECT_EQ(SAE_OK, sae_fit(model.get(), train.get(), record_progress, &log)) << last_error();
    return log;
}

struct log_line
{
    int level;
    std::string message;
};

void record_log(int level, const char* message, void* user_data)
{
    static_cast<std::vector<log_line>*>(user_data)->push_back({level, message});
}

/// Removes the process-wide log callback even when a test fails half way.
struct log_callback_guard
{
    ~log_callback_guard()
    {
        sae_set_log_callback(nullptr, SAE_LOG_ERROR, nullptr);
    }
};

} // namespace

TEST(ModelNullArguments, FreeNullIsIgnored)
{
    sae_free(nullptr);
}

TEST(ModelNullArguments, QueriesOnNullGiveZero)
{
    EXPECT_EQ(0u, sae_model_n_items(nullptr));
}

TEST(ModelNullArguments, Fit)
{
    model_ptr model = untrained_model();
    dataset_ptr train = make_dataset(train_ratings());

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_fit(nullptr, train.get(), nullptr, nullptr));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_fit(model.get(), nullptr, nullptr, nullptr));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelNullArguments, Predict)
{
    model_ptr model = trained_model(small_options());
    std::vector<float> in(n_train_items, 0.0f);
    std::vector<float> out(n_train_items);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict(nullptr, out.size(), model.get(), in.data(), in.size()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict(out.data(), out.size(), nullptr, in.data(), in.size()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict(out.data(), out.size(), model.get(), nullptr, in.size()));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelNullArguments, PredictUsers)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    const std::uint32_t ids[] = {1, 2};
    std::vector<float> out(2 * n_train_items);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict_users(nullptr, out.size(), model.get(), train.get(), ids, 2));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict_users(out.data(), out.size(), nullptr, train.get(), ids, 2));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict_users(out.data(), out.size(), model.get(), nullptr, ids, 2));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict_users(out.data(), out.size(), model.get(), train.get(), nullptr, 2));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelNullArguments, EvaluateAndRmse)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    dataset_ptr test = test_set();
    sae_metrics metrics;
    metrics.struct_size = sizeof(metrics);
    double rmse = 0.0;

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_evaluate(nullptr, model.get(), train.get(), test.get()));
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_evaluate(&metrics, nullptr, train.get(), test.get()));
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_evaluate(&metrics, model.get(), nullptr, test.get()));
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_evaluate(&metrics, model.get(), train.get(), nullptr));
    EXPECT_STRNE("", sae_last_error());

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_rmse(nullptr, model.get(), train.get(), test.get()));
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_rmse(&rmse, nullptr, train.get(), test.get()));
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_rmse(&rmse, model.get(), nullptr, test.get()));
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_rmse(&rmse, model.get(), train.get(), nullptr));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelNullArguments, ModelOptions)
{
    model_ptr model = untrained_model();
    sae_options opts;
    opts.struct_size = sizeof(opts);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_model_options(nullptr, model.get()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_model_options(&opts, nullptr));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelBeforeFit, HasNoItems)
{
    model_ptr model = untrained_model();
    EXPECT_EQ(0u, sae_model_n_items(model.get()));
}

TEST(ModelBeforeFit, PredictIsAStateError)
{
    model_ptr model = untrained_model();
    std::vector<float> in(n_train_items, 0.0f);
    in[0] = 4.0f;
    std::vector<float> out(n_train_items);

    EXPECT_EQ(SAE_ERR_STATE,
              sae_predict(out.data(), out.size(), model.get(), in.data(), in.size()));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelBeforeFit, PredictUsersIsAStateError)
{
    model_ptr model = untrained_model();
    dataset_ptr train = make_dataset(train_ratings());
    const std::uint32_t ids[] = {1};
    std::vector<float> out(n_train_items);

    EXPECT_EQ(SAE_ERR_STATE,
              sae_predict_users(out.data(), out.size(), model.get(), train.get(), ids, 1));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelBeforeFit, EvaluateAndRmseAreStateErrors)
{
    model_ptr model = untrained_model();
    dataset_ptr train = make_dataset(train_ratings());
    dataset_ptr test = test_set();
    sae_metrics metrics;
    metrics.struct_size = sizeof(metrics);
    double rmse = 0.0;

    EXPECT_EQ(SAE_ERR_STATE, sae_evaluate(&metrics, model.get(), train.get(), test.get()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_STATE, sae_rmse(&rmse, model.get(), train.get(), test.get()));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelFit, EmptyDatasetIsRefused)
{
    model_ptr model = untrained_model();
    dataset_ptr empty = make_dataset({});

    const int status = sae_fit(model.get(), empty.get(), nullptr, nullptr);
    EXPECT_TRUE(is_argument_or_dimension_error(status)) << sae_status_string(status);
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(0u, sae_model_n_items(model.get()));
}

TEST(ModelFit, SuccessLeavesNoMessage)
{
    model_ptr model = untrained_model();
    dataset_ptr train = make_dataset(train_ratings());
    sae_options opts;
    ASSERT_NE(SAE_OK, sae_options_preset(&opts, "unknown"));

    ASSERT_EQ(SAE_OK, sae_fit(model.get(), train.get(), nullptr, nullptr)) << last_error();
    EXPECT_STREQ("", sae_last_error());
    EXPECT_EQ(n_train_items, sae_model_n_items(model.get()));
}

TEST(ModelFit, LaterFitNeedsTheSameItemCount)
{
    model_ptr model = trained_model(small_options(2));
    dataset_ptr wider = make_dataset(train_ratings());
    ASSERT_EQ(SAE_OK, sae_dataset_resize(wider.get(), n_train_users, n_train_items + 1));

    EXPECT_EQ(SAE_ERR_DIMENSION, sae_fit(model.get(), wider.get(), nullptr, nullptr));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(n_train_items, sae_model_n_items(model.get()));

    dataset_ptr same = make_dataset(train_ratings());
    EXPECT_EQ(SAE_OK, sae_fit(model.get(), same.get(), nullptr, nullptr)) << last_error();
}

TEST(ModelFit, SameSeedGivesTheSameModel)
{
    // Both models exist before either trains: a generator shared between models would give the
    // second one different initial weights.
    const sae_options opts = small_options();
    sae_model* a = nullptr;
    sae_model* b = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&a, &opts)) << last_error();
    ASSERT_EQ(SAE_OK, sae_create(&b, &opts)) << last_error();
    model_ptr first(a);
    model_ptr second(b);
    dataset_ptr train = make_dataset(train_ratings());

    ASSERT_EQ(SAE_OK, sae_fit(a, train.get(), nullptr, nullptr)) << last_error();
    ASSERT_EQ(SAE_OK, sae_fit(b, train.get(), nullptr, nullptr)) << last_error();
    EXPECT_TRUE(bitwise_equal(predict_all(a), predict_all(b)));
}

TEST(ModelFit, OtherSeedGivesAnotherModel)
{
    sae_options opts = small_options();
    model_ptr first = trained_model(opts);
    opts.seed += 1;
    model_ptr second = trained_model(opts);

    EXPECT_FALSE(bitwise_equal(predict_all(first.get()), predict_all(second.get())));
}

TEST(ModelFit, ProgressIsReportedOncePerEpoch)
{
    const std::uint32_t epochs = 5;
    const progress_log log = fit_with_progress(small_options(epochs));

    ASSERT_EQ(epochs, log.reports.size());
    double previous_elapsed = 0.0;
    for (std::uint32_t i = 0; i < epochs; ++i)
    {
        const sae_epoch_report& report = log.reports[i];
        EXPECT_EQ(sizeof(sae_epoch_report), report.struct_size);
        EXPECT_EQ(i + 1, report.epoch);
        EXPECT_EQ(epochs, report.n_epochs);
        EXPECT_EQ(n_train_users, report.n_users_trained) << "every user has ratings";
        EXPECT_TRUE(std::isfinite(report.train_loss)) << "epoch " << report.epoch;
        EXPECT_GE(report.train_loss, 0.0);
        EXPECT_GE(report.elapsed_seconds, previous_elapsed);
        previous_elapsed = report.elapsed_seconds;
    }
}

TEST(ModelFit, ElapsedTimeCountsFromTheStartOfTheFitForEveryNetwork)
{
    // The default preset's ensemble, small: its networks train one after the other.
    sae_options opts;
    sae_options_default(&opts);
    opts.hidden_sizes[0] = 4;
    opts.epochs = 3;
    opts.ensemble_size = 3;
    opts.validation_fraction = 0.0;
    const progress_log log = fit_with_progress(opts);

    ASSERT_EQ(9u, log.reports.size());
    for (std::size_t i = 1; i < log.reports.size(); ++i)
    {
        EXPECT_GE(log.reports[i].elapsed_seconds, log.reports[i - 1].elapsed_seconds)
            << "report " << i << ", network " << log.reports[i].ensemble_member;
    }
    EXPECT_EQ(3u, log.reports.back().ensemble_member);
}

TEST(ModelFit, UsersWithoutRatingsTakeNoStep)
{
    const sae_options opts = small_options(1);
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());
    ASSERT_EQ(SAE_OK, sae_dataset_resize(train.get(), n_train_users + 2, n_train_items));

    progress_log log;
    ASSERT_EQ(SAE_OK, sae_fit(model.get(), train.get(), record_progress, &log)) << last_error();
    ASSERT_EQ(1u, log.reports.size());
    EXPECT_EQ(n_train_users, log.reports[0].n_users_trained);
}

TEST(ModelFit, CallbackStopsTrainingAfterThatEpoch)
{
    const sae_options opts = small_options(5);
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());

    progress_log log;
    log.stop_after = 2;
    EXPECT_EQ(SAE_ERR_CANCELLED, sae_fit(model.get(), train.get(), record_progress, &log));
    EXPECT_STRNE("", sae_last_error());
    ASSERT_EQ(2u, log.reports.size());
    EXPECT_EQ(2u, log.reports.back().epoch);

    // The model keeps the weights of the last finished epoch: those of a two-epoch run.
    EXPECT_EQ(n_train_items, sae_model_n_items(model.get()));
    model_ptr two_epochs = trained_model(small_options(2));
    EXPECT_TRUE(bitwise_equal(predict_all(two_epochs.get()), predict_all(model.get())));
}

TEST(ModelFit, HugeLearningRateDiverges)
{
    // Identity layers and a step of 1e30 push activations past the float range in a few steps.
    sae_options opts = small_options(3);
    opts.learning_rate = 1e30;
    opts.hidden_activations[0] = SAE_ACTIVATION_IDENTITY;
    opts.hidden_activations[1] = SAE_ACTIVATION_IDENTITY;
    sae_model* raw = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&raw, &opts)) << last_error();
    model_ptr model(raw);
    dataset_ptr train = make_dataset(train_ratings());

    EXPECT_EQ(SAE_ERR_DIVERGED, sae_fit(model.get(), train.get(), nullptr, nullptr));
    EXPECT_TRUE(contains(last_error(), "epoch")) << last_error();
}

TEST(ModelPredict, EndToEnd)
{
    model_ptr model = trained_model(small_options());
    ASSERT_EQ(n_train_items, sae_model_n_items(model.get()));

    for (std::uint32_t user = 1; user <= n_train_users; ++user)
    {
        const std::vector<float> row = predict_user(model.get(), user);
        ASSERT_EQ(n_train_items, row.size());
        for (float value : row)
        {
            EXPECT_TRUE(std::isfinite(value)) << "user " << user;
        }
    }
}

TEST(ModelPredict, InputIsOnlyRead)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    const std::vector<float> input = user_row(train.get(), 3);
    std::vector<float> copy = input;
    std::vector<float> out(n_train_items);

    ASSERT_EQ(SAE_OK, sae_predict(out.data(), out.size(), model.get(), copy.data(), copy.size()))
        << last_error();
    EXPECT_EQ(input, copy);
}

TEST(ModelPredict, ClippedToTheRatingScale)
{
    sae_options opts = small_options();
    opts.clip_predictions = 1;
    opts.rating_min = 2.5;
    opts.rating_max = 3.5;
    model_ptr model = trained_model(opts);

    for (float value : predict_all(model.get()))
    {
        EXPECT_GE(value, 2.5f);
        EXPECT_LE(value, 3.5f);
    }
}

TEST(ModelPredict, WrongSizesAreDimensionErrors)
{
    model_ptr model = trained_model(small_options());
    std::vector<float> in(n_train_items + 1, 0.0f);
    std::vector<float> out(n_train_items + 1);

    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_predict(out.data(), n_train_items - 1, model.get(), in.data(), n_train_items));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_predict(out.data(), n_train_items, model.get(), in.data(), n_train_items + 1));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_predict(out.data(), n_train_items + 1, model.get(), in.data(), n_train_items));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelPredict, NanInTheInputIsRefused)
{
    model_ptr model = trained_model(small_options());
    std::vector<float> in(n_train_items, 0.0f);
    in[4] = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> out(n_train_items);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict(out.data(), out.size(), model.get(), in.data(), in.size()));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelPredict, InfinityInTheInputIsRefused)
{
    model_ptr model = trained_model(small_options());
    std::vector<float> in(n_train_items, 0.0f);
    in[0] = -std::numeric_limits<float>::infinity();
    std::vector<float> out(n_train_items);

    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT,
              sae_predict(out.data(), out.size(), model.get(), in.data(), in.size()));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelPredict, ConcurrentCallsAgree)
{
    model_ptr model = trained_model(small_options());
    const std::vector<float> expected = predict_all(model.get());

    std::vector<std::vector<float>> results(4);
    std::vector<std::thread> workers;
    for (std::vector<float>& result : results)
    {
        workers.emplace_back([&model, &result] {
            for (int repeat = 0; repeat < 20; ++repeat)
            {
                result = predict_all(model.get());
            }
        });
    }
    for (std::thread& worker : workers)
    {
        worker.join();
    }

    for (const std::vector<float>& result : results)
    {
        EXPECT_TRUE(bitwise_equal(expected, result));
    }
}

TEST(ModelPredictUsers, SameRowsAsPredict)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    const std::vector<std::uint32_t> ids = {3, 1, 8, 3, 5};
    std::vector<float> out(ids.size() * n_train_items);

    ASSERT_EQ(SAE_OK, sae_predict_users(out.data(), out.size(), model.get(), train.get(),
                                        ids.data(), ids.size()))
        << last_error();

    // A batched product may add in another order than a single row does, hence the tolerance.
    for (std::size_t row = 0; row < ids.size(); ++row)
    {
        const std::vector<float> expected = predict_user(model.get(), ids[row]);
        for (std::size_t item = 0; item < n_train_items; ++item)
        {
            EXPECT_NEAR(expected[item], out[row * n_train_items + item], 1e-5)
                << "user " << ids[row] << ", item " << item + 1;
        }
    }
}

TEST(ModelPredictUsers, SeveralThreadsGiveTheSameRows)
{
    sae_options opts = small_options();
    opts.threads = 3;
    model_ptr model = trained_model(opts);
    dataset_ptr train = make_dataset(train_ratings());
    std::vector<std::uint32_t> ids;
    for (std::uint32_t user = 1; user <= n_train_users; ++user)
    {
        ids.push_back(user);
    }
    std::vector<float> out(ids.size() * n_train_items);

    ASSERT_EQ(SAE_OK, sae_predict_users(out.data(), out.size(), model.get(), train.get(),
                                        ids.data(), ids.size()))
        << last_error();

    // Same tolerance as above: only the order of additions may differ.
    const std::vector<float> expected = predict_all(model.get());
    ASSERT_EQ(expected.size(), out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
    {
        EXPECT_NEAR(expected[i], out[i], 1e-5) << "entry " << i;
    }
}

TEST(ModelPredictUsers, WrongSizesAreDimensionErrors)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    const std::uint32_t ids[] = {1, 2};
    std::vector<float> out(3 * n_train_items);

    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_predict_users(out.data(), 3 * n_train_items, model.get(), train.get(), ids, 2));
    EXPECT_STRNE("", sae_last_error());

    dataset_ptr wider = make_dataset(train_ratings());
    ASSERT_EQ(SAE_OK, sae_dataset_resize(wider.get(), n_train_users, n_train_items + 1));
    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_predict_users(out.data(), 2 * n_train_items, model.get(), wider.get(), ids, 2));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelPredictUsers, UnknownUserIsRefused)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    std::vector<float> out(2 * n_train_items);

    for (std::uint32_t bad : {0u, n_train_users + 1})
    {
        const std::uint32_t ids[] = {1, bad};
        const int status =
            sae_predict_users(out.data(), out.size(), model.get(), train.get(), ids, 2);
        EXPECT_TRUE(is_argument_or_dimension_error(status))
            << "user " << bad << ": " << sae_status_string(status);
        EXPECT_STRNE("", sae_last_error());
    }
}

TEST(ModelEvaluate, MetricsMatchPredictionsComputedHere)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr test = test_set();
    dataset_ptr train = make_dataset(train_ratings());

    sae_metrics metrics;
    metrics.struct_size = sizeof(metrics);
    ASSERT_EQ(SAE_OK, sae_evaluate(&metrics, model.get(), train.get(), test.get()))
        << last_error();

    // The notebook's protocol, written out: predict each test user from its training ratings.
    double squared = 0.0;
    double absolute = 0.0;
    std::map<std::uint32_t, std::vector<double>> user_errors;
    for (const rating& r : test_ratings())
    {
        const double error = predict_user(model.get(), r.user)[r.item - 1] - r.value;
        squared += error * error;
        absolute += std::abs(error);
        user_errors[r.user].push_back(error);
    }
    const double n = static_cast<double>(test_ratings().size());
    double user_rmse_sum = 0.0;
    for (const auto& [user, errors] : user_errors)
    {
        double sum = 0.0;
        for (double e : errors)
        {
            sum += e * e;
        }
        user_rmse_sum += std::sqrt(sum / static_cast<double>(errors.size()));
    }

    // Predictions are floats, so the sums agree to float precision only.
    EXPECT_EQ(test_ratings().size(), metrics.n_ratings);
    EXPECT_EQ(user_errors.size(), metrics.n_users);
    EXPECT_NEAR(std::sqrt(squared / n), metrics.rmse, 1e-5);
    EXPECT_NEAR(absolute / n, metrics.mae, 1e-5);
    EXPECT_NEAR(user_rmse_sum / static_cast<double>(user_errors.size()),
                metrics.mean_user_rmse, 1e-5);
    EXPECT_LE(metrics.mae, metrics.rmse + 1e-12);
}

TEST(ModelEvaluate, RmseIsTheEvaluateRmse)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr test = test_set();
    dataset_ptr train = make_dataset(train_ratings());

    sae_metrics metrics;
    metrics.struct_size = sizeof(metrics);
    ASSERT_EQ(SAE_OK, sae_evaluate(&metrics, model.get(), train.get(), test.get()))
        << last_error();
    double rmse = -1.0;
    ASSERT_EQ(SAE_OK, sae_rmse(&rmse, model.get(), train.get(), test.get())) << last_error();

    EXPECT_TRUE(std::isfinite(rmse));
    EXPECT_DOUBLE_EQ(metrics.rmse, rmse);
}

TEST(ModelEvaluate, ShapesMustAgree)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    sae_metrics metrics;
    metrics.struct_size = sizeof(metrics);
    double rmse = 0.0;

    dataset_ptr more_users = test_set();
    ASSERT_EQ(SAE_OK, sae_dataset_resize(more_users.get(), n_train_users + 2, n_train_items));
    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_evaluate(&metrics, model.get(), train.get(), more_users.get()));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_DIMENSION, sae_rmse(&rmse, model.get(), train.get(), more_users.get()));

    dataset_ptr more_items = test_set();
    ASSERT_EQ(SAE_OK, sae_dataset_resize(more_items.get(), n_train_users, n_train_items + 1));
    EXPECT_EQ(SAE_ERR_DIMENSION,
              sae_evaluate(&metrics, model.get(), train.get(), more_items.get()));
    EXPECT_STRNE("", sae_last_error());
}

TEST(ModelEvaluate, UnknownMetricsSizeIsAVersionError)
{
    model_ptr model = trained_model(small_options());
    dataset_ptr train = make_dataset(train_ratings());
    dataset_ptr test = test_set();
    sae_metrics metrics;

    for (std::uint32_t size : {0u, static_cast<std::uint32_t>(sizeof(sae_metrics) + 8)})
    {
        metrics.struct_size = size;
        EXPECT_EQ(SAE_ERR_VERSION, sae_evaluate(&metrics, model.get(), train.get(), test.get()))
            << "struct_size " << size;
        EXPECT_STRNE("", sae_last_error());
    }
}

TEST(ModelOptions, UnknownSizeIsAVersionError)
{
    model_ptr model = untrained_model();
    sae_options opts;

    for (std::uint32_t size : {0u, static_cast<std::uint32_t>(sizeof(sae_options) + 8)})
    {
        opts.struct_size = size;
        EXPECT_EQ(SAE_ERR_VERSION, sae_model_options(&opts, model.get())) << "size " << size;
        EXPECT_TRUE(contains(last_error(), "struct_size")) << last_error();
    }
}

TEST(ModelLogging, LinesArriveUpToTheChosenLevel)
{
    log_callback_guard guard;
    std::vector<log_line> lines;
    sae_set_log_callback(record_log, SAE_LOG_DEBUG, &lines);
    model_ptr model = trained_model(small_options(3));
    sae_set_log_callback(nullptr, SAE_LOG_ERROR, nullptr);

    int info = 0;
    int debug = 0;
    for (const log_line& line : lines)
    {
        EXPECT_GE(line.level, SAE_LOG_ERROR);
        EXPECT_LE(line.level, SAE_LOG_DEBUG);
        EXPECT_FALSE(line.message.empty());
        EXPECT_NE('\n', line.message.back()) << line.message;
        info += line.level == SAE_LOG_INFO ? 1 : 0;
        debug += line.level == SAE_LOG_DEBUG ? 1 : 0;
    }
    EXPECT_GE(info, 1);
    EXPECT_GE(debug, 3) << "one DEBUG line per epoch";
}

TEST(ModelLogging, QuieterLevelsAreFilteredOut)
{
    log_callback_guard guard;
    std::vector<log_line> lines;
    sae_set_log_callback(record_log, SAE_LOG_WARN, &lines);
    model_ptr model = trained_model(small_options(3));

    for (const log_line& line : lines)
    {
        EXPECT_LE(line.level, SAE_LOG_WARN) << line.message;
    }
}

TEST(ModelLogging, NullCallbackSwitchesLoggingOff)
{
    log_callback_guard guard;
    std::vector<log_line> lines;
    sae_set_log_callback(record_log, SAE_LOG_DEBUG, &lines);
    sae_set_log_callback(nullptr, SAE_LOG_DEBUG, &lines);
    model_ptr model = trained_model(small_options(2));

    EXPECT_TRUE(lines.empty());
}
