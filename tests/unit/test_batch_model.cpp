#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include <xtensor/xview.hpp>

#include "autoencoder.hpp"
#include "batch_pass.hpp"
#include "dense_prediction.hpp"
#include "sparse_batch.hpp"
#include "test_support.hpp"

namespace
{

using matrix = xt::xtensor<float, 2>;

/// 6 users × 8 items; item 8 (index 7) is never rated, user 6 (index 5) rates one item.
sae::ratings sample_ratings()
{
    std::vector<sae::rating_entry> entries;
    for (std::uint32_t u = 0; u < 5; ++u)
    {
        for (std::uint32_t i = 0; i < 7; ++i)
        {
            if ((u + i) % 3 != 0)
            {
                entries.push_back({u, i, float(1 + (u + 2 * i) % 5)});
            }
        }
    }
    entries.push_back({5, 2, 4.0f});
    return unit_test::make_ratings(entries, 6, 8);
}

/// Options of a small batched model in the given orientation.
sae_options batched_options(sae_orientation orientation)
{
    sae_options opts = unit_test::make_options({4, 3}, SAE_ACTIVATION_SIGMOID,
                                               SAE_ACTIVATION_IDENTITY);
    opts.orientation = orientation;
    opts.batch_size = 2;
    opts.optimizer = SAE_OPTIMIZER_ADAM;
    opts.learning_rate = 0.01;
    opts.weight_decay = 0.0;
    opts.accumulate_gradients = 0;
    opts.epochs = 5;
    opts.clip_predictions = 1;
    return opts;
}

/// ½ · Σ observed (output - target)² + l2 / 2 · Σ W², from a forward pass without dropout.
double objective(const sae::network& net, const matrix& rows, double l2)
{
    std::mt19937_64 engine(0);
    sae::batch_activations acts;
    sae::forward_batch(net, rows, {}, engine, acts);

    double loss = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        if (rows.data()[i] > 0.0f)
        {
            double error = double(acts.a.back().data()[i]) - double(rows.data()[i]);
            loss += 0.5 * error * error;
        }
    }
    for (const sae::layer_layout& layer : net.layers())
    {
        for (std::size_t k = 0; k < std::size_t(layer.fan_in) * layer.fan_out; ++k)
        {
            double w = net.params()(layer.weights + k);
            loss += 0.5 * l2 * w * w;
        }
    }
    return loss;
}

}  // namespace

TEST(BatchPass, GradientMatchesCentralDifferences)
{
    sae_options opts = unit_test::make_options({4, 3}, SAE_ACTIVATION_TANH,
                                               SAE_ACTIVATION_IDENTITY);
    sae::network net(8, opts);
    net.initialise(3);
    matrix rows = sae::oriented_rows(sample_ratings(), SAE_ORIENTATION_USER);
    const float l2 = 0.3f;

    std::mt19937_64 engine(0);
    sae::batch_activations acts;
    std::vector<float> grad(net.n_params());
    sae::forward_batch(net, rows, {}, engine, acts, sae::batch_outputs::rated_entries);
    sae::backward_batch(net, l2, acts, grad.data());

    // Float forward passes: a step of 3e-3 keeps the rounding of the difference near 1e-4 and
    // the truncation error of the central difference (h² times the third derivative) below the
    // relative part of the tolerance.
    const float h = 3e-3f;
    for (std::size_t p = 0; p < net.n_params(); ++p)
    {
        float saved = net.params()(p);
        net.params()(p) = saved + h;
        double up = objective(net, rows, l2);
        net.params()(p) = saved - h;
        double down = objective(net, rows, l2);
        net.params()(p) = saved;

        double numeric = (up - down) / (2.0 * double(h));
        EXPECT_NEAR(grad[p], numeric, 1e-3 + 1e-3 * std::fabs(numeric)) << "parameter " << p;
    }
}

TEST(BatchPass, DropoutChangesTrainingPassesOnly)
{
    sae_options opts = batched_options(SAE_ORIENTATION_USER);
    opts.input_dropout = 0.5;
    opts.hidden_dropout = 0.5;
    sae::autoencoder model(opts);
    sae::ratings data = sample_ratings();
    model.fit(data, nullptr, nullptr);

    // Two predictions agree bit for bit: nothing random happens at prediction time.
    std::vector<std::uint32_t> users = {0, 1, 2, 3, 4, 5};
    std::vector<float> first(6 * 8);
    std::vector<float> second(6 * 8);
    model.predict_users(data, users.data(), users.size(), first.data());
    model.predict_users(data, users.data(), users.size(), second.data());
    EXPECT_EQ(first, second);

    // A training pass with the same rates does drop something.
    sae::network net(8, opts);
    net.initialise(1);
    matrix rows = sae::oriented_rows(data, SAE_ORIENTATION_USER);
    std::mt19937_64 engine(5);
    sae::batch_activations with;
    sae::batch_activations without;
    sae::forward_batch(net, rows, {0.5f, 0.5f}, engine, with);
    sae::forward_batch(net, rows, {}, engine, without);
    EXPECT_NE(with.a.back(), without.a.back());

    // And the model's predictions are the pass without dropout, before fallback and clipping.
    matrix predicted = sae::predict_matrix(&net, 1, opts, data);
    for (std::uint32_t u = 0; u < 5; ++u)
    {
        for (std::uint32_t i = 0; i < 7; ++i)
        {
            float expected = std::fmin(5.0f, std::fmax(1.0f, without.a.back()(u, i)));
            EXPECT_FLOAT_EQ(predicted(u, i), expected) << "user " << u << " item " << i;
        }
    }
}

TEST(BatchModel, ItemAndUserRowsGiveTheSameShapesAndIds)
{
    sae::ratings data = sample_ratings();
    std::vector<std::uint32_t> users = {4, 0, 2};

    for (sae_orientation orientation : {SAE_ORIENTATION_USER, SAE_ORIENTATION_ITEM})
    {
        sae::autoencoder model(batched_options(orientation));
        model.fit(data, nullptr, nullptr);
        EXPECT_EQ(model.n_items(), 8u) << "orientation " << orientation;

        std::vector<float> batch(users.size() * 8, -1.0f);
        model.predict_users(data, users.data(), users.size(), batch.data());
        for (float value : batch)
        {
            EXPECT_GE(value, 1.0f);
            EXPECT_LE(value, 5.0f);
        }

        // Row k of the batch is user users[k]: it matches that user's row of a full prediction.
        std::vector<std::uint32_t> everyone = {0, 1, 2, 3, 4, 5};
        std::vector<float> all(6 * 8);
        model.predict_users(data, everyone.data(), everyone.size(), all.data());
        for (std::size_t k = 0; k < users.size(); ++k)
        {
            for (std::uint32_t i = 0; i < 8; ++i)
            {
                EXPECT_EQ(batch[k * 8 + i], all[users[k] * 8 + i]);
            }
        }

        sae::metrics m = model.evaluate(data, data);
        EXPECT_EQ(m.n_ratings, data.size());
        EXPECT_EQ(m.n_users, 6u);
        EXPECT_TRUE(std::isfinite(m.rmse));
    }
}

TEST(BatchModel, UnratedItemFallsBackToTheUserMean)
{
    sae::ratings data = sample_ratings();
    sae::autoencoder model(batched_options(SAE_ORIENTATION_ITEM));
    model.fit(data, nullptr, nullptr);

    std::vector<std::uint32_t> users = {0, 5};
    std::vector<float> out(2 * 8);
    model.predict_users(data, users.data(), users.size(), out.data());

    // Item 8 has no ratings, so the network has no row to read; user 6's only rating is a 4.
    double user0_mean = 0.0;
    for (std::size_t k = 0; k < data.row_size(0); ++k)
    {
        user0_mean += data.row_values(0)[k];
    }
    user0_mean /= double(data.row_size(0));
    EXPECT_NEAR(out[7], user0_mean, 1e-5);
    EXPECT_NEAR(out[8 + 7], 4.0, 1e-6);
}

TEST(BatchModel, ValidationPicksTheBestEpochAndEnsemblesSaveAndLoad)
{
    sae_options opts = batched_options(SAE_ORIENTATION_ITEM);
    opts.validation_fraction = 0.2;
    opts.ensemble_size = 2;
    opts.epochs = 4;
    sae::autoencoder model(opts);
    sae::ratings data = sample_ratings();

    std::vector<sae_epoch_report> reports;
    auto record = [](const sae_epoch_report* r, void* user_data) {
        static_cast<std::vector<sae_epoch_report>*>(user_data)->push_back(*r);
        return 0;
    };
    model.fit(data, record, &reports);

    // Two networks of four epochs, each reporting a validation RMSE and a best epoch so far.
    ASSERT_EQ(reports.size(), 8u);
    EXPECT_EQ(reports[0].ensemble_member, 1u);
    EXPECT_EQ(reports[7].ensemble_member, 2u);
    for (const sae_epoch_report& r : reports)
    {
        EXPECT_GT(r.validation_rmse, 0.0);
        EXPECT_GE(r.best_epoch, 1u);
        EXPECT_LE(r.best_epoch, r.epoch);
    }

    unit_test::scratch_dir dir;
    std::string path = (dir.path() / "ensemble.sae").string();
    model.save(path);
    auto loaded = sae::autoencoder::load(path);
    EXPECT_EQ(loaded->options().ensemble_size, 2u);
    EXPECT_EQ(loaded->options().orientation, SAE_ORIENTATION_ITEM);

    std::vector<std::uint32_t> users = {0, 1, 2, 3, 4, 5};
    std::vector<float> before(6 * 8);
    std::vector<float> after(6 * 8);
    model.predict_users(data, users.data(), users.size(), before.data());
    loaded->predict_users(data, users.data(), users.size(), after.data());
    EXPECT_EQ(before, after);
}

// The trainer gathers its batches from the ratings themselves; it must see exactly what the
// dense rows give, dropout draws included, in both orientations.
TEST(BatchModel, GatheringFromRatingsMatchesTheDenseRows)
{
    const std::vector<std::size_t> which = {3, 0, 4, 1};

    for (bool by_item : {false, true})
    {
        sae::ratings stored = by_item ? sample_ratings().transposed() : sample_ratings();
        matrix rows = sae::oriented_rows(sample_ratings(), by_item ? SAE_ORIENTATION_ITEM
                                                                   : SAE_ORIENTATION_USER);
        matrix picked = xt::zeros<float>({which.size(), rows.shape()[1]});
        for (std::size_t k = 0; k < which.size(); ++k)
        {
            xt::view(picked, k) = xt::view(rows, which[k]);
        }

        std::mt19937_64 dense_engine(11);
        std::mt19937_64 sparse_engine(11);
        sae::sparse_batch from_dense;
        sae::sparse_batch from_ratings;
        sae::gather_rated(picked, 0.5f, dense_engine, from_dense);
        sae::gather_rated(stored, which.data(), which.size(), 0.5f, sparse_engine,
                          from_ratings);

        EXPECT_GT(from_dense.columns.size(), 4u);
        EXPECT_EQ(from_ratings.row_starts, from_dense.row_starts) << "by item " << by_item;
        EXPECT_EQ(from_ratings.columns, from_dense.columns) << "by item " << by_item;
        EXPECT_EQ(from_ratings.values, from_dense.values) << "by item " << by_item;
        EXPECT_EQ(from_ratings.targets, from_dense.targets) << "by item " << by_item;
        EXPECT_EQ(sparse_engine(), dense_engine());
    }
}
