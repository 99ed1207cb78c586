// Threads: the queries a trained model allows at once give the single-threaded results, and
// sae_fit() overlapping a query on the same model fails cleanly on one side. The `concurrency`
// suite also runs under ThreadSanitizer, which turns any data race here into a failure.
#include "support.hpp"

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace capi_test;

namespace
{

constexpr int n_threads = 8;
constexpr int n_rounds = 6;
constexpr std::uint32_t n_users = 8;
constexpr std::uint32_t n_items = 6;

/// The two kinds of model: the notebook's (one user per step) and the batched item-based one.
sae_options options_for(bool batched)
{
    sae_options opts;
    EXPECT_EQ(SAE_OK, sae_options_preset(&opts, "seed")) << last_error();
    opts.n_hidden = 2;
    opts.hidden_sizes[0] = 4;
    opts.hidden_sizes[1] = 3;
    opts.epochs = 3;
    opts.threads = 1;
    opts.seed = 11;
    if (batched)
    {
        opts.orientation = SAE_ORIENTATION_ITEM;
        opts.batch_size = 4;
        opts.ensemble_size = 2;
    }
    return opts;
}

/// Everything the read-only queries return for one model, to compare bit for bit.
struct query_results
{
    std::vector<float> predictions;  // sae_predict(), user by user; empty for item models
    std::vector<float> user_rows;    // sae_predict_users() for every user
    double rmse = 0.0;
    sae_metrics metrics = {};
    int status = SAE_OK;  // the first failing status, if any
    std::string message;

    bool operator==(const query_results& other) const
    {
        return predictions == other.predictions && user_rows == other.user_rows
               && std::memcmp(&rmse, &other.rmse, sizeof rmse) == 0
               && metrics.n_users == other.metrics.n_users
               && metrics.n_ratings == other.metrics.n_ratings
               && std::memcmp(&metrics.rmse, &other.metrics.rmse, sizeof(double)) == 0
               && std::memcmp(&metrics.mae, &other.metrics.mae, sizeof(double)) == 0
               && std::memcmp(&metrics.mean_user_rmse, &other.metrics.mean_user_rmse,
                              sizeof(double))
                      == 0
               && status == other.status;
    }
};

void note(query_results& out, int status)
{
    if (status != SAE_OK && out.status == SAE_OK)
    {
        out.status = status;
        out.message = sae_last_error();
    }
}

/// Runs every query once; the data sets are shared between threads and only read.
query_results run_queries(const sae_model* model,
                          const sae_dataset* train,
                          const sae_dataset* test,
                          bool batched)
{
    query_results out;

    if (!batched)
    {
        std::vector<float> row(n_items);
        std::vector<float> predicted(n_items);
        for (std::uint32_t user = 1; user <= n_users; ++user)
        {
            note(out, sae_dataset_user_row(row.data(), row.size(), train, user));
            note(out, sae_predict(predicted.data(), predicted.size(), model, row.data(),
                                  row.size()));
            out.predictions.insert(out.predictions.end(), predicted.begin(), predicted.end());
        }
    }

    std::vector<std::uint32_t> ids;
    for (std::uint32_t user = n_users; user >= 1; --user)
    {
        ids.push_back(user);
    }
    out.user_rows.resize(ids.size() * n_items);
    note(out, sae_predict_users(out.user_rows.data(), out.user_rows.size(), model, train,
                                ids.data(), ids.size()));

    note(out, sae_rmse(&out.rmse, model, train, test));
    out.metrics.struct_size = sizeof(out.metrics);
    note(out, sae_evaluate(&out.metrics, model, train, test));
    return out;
}

dataset_ptr resized_test_set()
{
    dataset_ptr test = make_dataset(test_ratings());
    EXPECT_EQ(SAE_OK, sae_dataset_resize(test.get(), n_users, n_items)) << last_error();
    return test;
}

/// Stops a training run's progress callback from returning until a check has run beside it.
struct overlap_probe
{
    sae_model* model = nullptr;
    const sae_dataset* train = nullptr;
    int predict_status = SAE_OK;
    std::string predict_message;
    int fit_status = SAE_OK;
    std::string fit_message;
    int calls = 0;
};

/// Called on the training thread after each epoch, while sae_fit() is running: another thread
/// tries a query and a second fit on the same model.
int probe_during_fit(const sae_epoch_report*, void* user_data)
{
    auto* probe = static_cast<overlap_probe*>(user_data);
    if (probe->calls++ > 0)
    {
        return 0;
    }

    std::thread other([probe] {
        const std::uint32_t ids[] = {1};
        std::vector<float> out(n_items);
        probe->predict_status =
            sae_predict_users(out.data(), out.size(), probe->model, probe->train, ids, 1);
        probe->predict_message = sae_last_error();
        probe->fit_status = sae_fit(probe->model, probe->train, nullptr, nullptr);
        probe->fit_message = sae_last_error();
    });
    other.join();
    return 0;
}

} // namespace

class ConcurrentQueries : public ::testing::TestWithParam<bool>
{
};

TEST_P(ConcurrentQueries, EightThreadsGetTheSingleThreadedResults)
{
    const bool batched = GetParam();
    const sae_options opts = options_for(batched);
    model_ptr model = trained_model(opts);
    ASSERT_NE(nullptr, model);
    dataset_ptr train = make_dataset(train_ratings());
    dataset_ptr test = resized_test_set();

    const query_results expected = run_queries(model.get(), train.get(), test.get(), batched);
    ASSERT_EQ(SAE_OK, expected.status) << expected.message;

    // Every thread starts at once and repeats all the queries, so that they overlap.
    std::atomic<int> waiting{n_threads};
    std::vector<std::vector<query_results>> seen(n_threads);
    std::vector<std::thread> threads;
    for (int t = 0; t < n_threads; ++t)
    {
        threads.emplace_back([&, t] {
            waiting.fetch_sub(1);
            while (waiting.load() > 0)
            {
                std::this_thread::yield();
            }
            for (int round = 0; round < n_rounds; ++round)
            {
                seen[t].push_back(run_queries(model.get(), train.get(), test.get(), batched));
            }
        });
    }
    for (std::thread& thread : threads)
    {
        thread.join();
    }

    for (int t = 0; t < n_threads; ++t)
    {
        for (const query_results& result : seen[t])
        {
            EXPECT_EQ(SAE_OK, result.status) << "thread " << t << ": " << result.message;
            EXPECT_TRUE(result == expected) << "thread " << t << " got other results";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(BothTrainers, ConcurrentQueries, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                             return info.param ? "Batched" : "Notebook";
                         });

TEST(FitOverlap, QueryAndSecondFitDuringFitAreStateErrors)
{
    for (bool batched : {false, true})
    {
        SCOPED_TRACE(batched ? "batched" : "notebook");
        model_ptr model = trained_model(options_for(batched));
        ASSERT_NE(nullptr, model);
        dataset_ptr train = make_dataset(train_ratings());

        overlap_probe probe;
        probe.model = model.get();
        probe.train = train.get();
        ASSERT_EQ(SAE_OK, sae_fit(model.get(), train.get(), probe_during_fit, &probe))
            << last_error();

        EXPECT_EQ(SAE_ERR_STATE, probe.predict_status) << probe.predict_message;
        EXPECT_TRUE(contains(probe.predict_message, "being trained")) << probe.predict_message;
        EXPECT_EQ(SAE_ERR_STATE, probe.fit_status) << probe.fit_message;
        EXPECT_TRUE(contains(probe.fit_message, "being trained")) << probe.fit_message;

        // Once the fit is over, the model answers again.
        const std::uint32_t ids[] = {1};
        std::vector<float> out(n_items);
        EXPECT_EQ(SAE_OK, sae_predict_users(out.data(), out.size(), model.get(), train.get(),
                                            ids, 1))
            << last_error();
    }
}

TEST(FitOverlap, FitRacingQueriesEitherRunsOrIsRefused)
{
    // Which side loses depends on timing; each call must succeed or fail with SAE_ERR_STATE
    // and say why, and ThreadSanitizer must see no race on the weights.
    model_ptr model = trained_model(options_for(false));
    ASSERT_NE(nullptr, model);
    dataset_ptr train = make_dataset(train_ratings());
    dataset_ptr test = resized_test_set();
    std::atomic<bool> done{false};
    std::atomic<int> unexpected{0};
    std::atomic<int> refused_queries{0};
    std::atomic<int> refused_fits{0};

    auto check = [&](int status, const char* why, std::atomic<int>& refusals) {
        if (status == SAE_ERR_STATE && contains(sae_last_error(), why))
        {
            refusals.fetch_add(1);
        }
        else if (status != SAE_OK)
        {
            unexpected.fetch_add(1);
            ADD_FAILURE() << sae_status_string(status) << ": " << sae_last_error();
        }
    };

    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t)
    {
        readers.emplace_back([&] {
            while (!done.load())
            {
                double rmse = 0.0;
                check(sae_rmse(&rmse, model.get(), train.get(), test.get()), "being trained",
                      refused_queries);
            }
        });
    }
    for (int round = 0; round < 20; ++round)
    {
        check(sae_fit(model.get(), train.get(), nullptr, nullptr), "being queried", refused_fits);
    }
    done.store(true);
    for (std::thread& reader : readers)
    {
        reader.join();
    }

    EXPECT_EQ(0, unexpected.load());
    RecordProperty("refused_queries", refused_queries.load());
    RecordProperty("refused_fits", refused_fits.load());
    double rmse = 0.0;
    EXPECT_EQ(SAE_OK, sae_rmse(&rmse, model.get(), train.get(), test.get())) << last_error();
}
