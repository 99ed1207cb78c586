#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "error.hpp"
#include "masked_loss.hpp"
#include "network.hpp"
#include "propagation.hpp"
#include "rmsprop.hpp"
#include "trainer.hpp"
#include "test_support.hpp"

namespace
{

constexpr std::uint32_t n_items = 7;

/// Six users, user 3 without ratings; listed out of order on purpose.
sae::ratings small_set()
{
    return unit_test::make_ratings({{0, 0, 4.0f}, {0, 2, 3.0f}, {0, 5, 5.0f}, {1, 1, 2.0f},
                                    {1, 2, 4.0f}, {5, 6, 1.0f}, {2, 0, 5.0f}, {2, 3, 3.5f},
                                    {2, 4, 2.0f}, {4, 1, 4.0f}, {4, 6, 5.0f}, {5, 3, 3.0f}},
                                   6, n_items);
}

sae_options small_options(std::int32_t accumulate)
{
    sae_options opts = unit_test::make_options({5, 3, 5}, SAE_ACTIVATION_SIGMOID,
                                               SAE_ACTIVATION_IDENTITY);
    opts.epochs = 3;
    opts.accumulate_gradients = accumulate;
    opts.learning_rate = 0.05;
    return opts;
}

sae::network initial_network(const sae_options& opts, std::uint64_t seed = 7)
{
    sae::network net(n_items, opts);
    net.initialise(seed);
    return net;
}

std::vector<float> params_of(const sae::network& net)
{
    return std::vector<float>(net.params().begin(), net.params().end());
}

/// The training loop written out from its description: users in id order, one step each,
/// the gradient buffer cleared before each step unless gradients accumulate, in which case
/// it is never cleared at all (the notebook never calls zero_grad). Returns each epoch's mean
/// per-user RMSE before the step.
std::vector<double> replica_training(sae::network& net, const sae_options& opts,
                                     const sae::ratings& train)
{
    sae::pass_workspace ws(net);
    std::vector<float> grad(net.n_params(), 0.0f);
    sae::rmsprop optimizer({float(opts.learning_rate), float(opts.weight_decay),
                            float(opts.rmsprop_alpha), float(opts.epsilon)},
                           net.n_params());
    std::vector<double> losses;

    for (std::uint32_t epoch = 0; epoch < opts.epochs; ++epoch)
    {
        double rmse_sum = 0.0;
        std::uint32_t users = 0;
        for (std::uint32_t user = 0; user < train.n_users(); ++user)
        {
            std::size_t n = train.row_size(user);
            if (n == 0)
            {
                continue;
            }
            if (!opts.accumulate_gradients)
            {
                std::fill(grad.begin(), grad.end(), 0.0f);
            }

            sae::sparse_row row{train.row_items(user), train.row_values(user), n};
            sae::encode(net, row, ws);
            sae::decode_at(net, row.items, n, ws);
            double squared = sae::masked_squared_error(ws.out_a.data(), row.values, n, n_items,
                                                       ws.out_delta.data());
            sae::backward(net, row, row.items, n, ws, grad.data());
            optimizer.step(net.params().data(), grad.data());

            rmse_sum += std::sqrt(squared / double(n));
            ++users;
        }
        losses.push_back(rmse_sum / users);
    }
    return losses;
}

/// What the progress callback saw, and when it asks to stop.
struct progress_log
{
    std::vector<sae_epoch_report> reports;
    std::vector<std::vector<float>> params;  ///< The network's parameters after each epoch.
    const sae::network* net = nullptr;
    std::uint32_t stop_after = 0;            ///< 0: never stop.
};

int record_progress(const sae_epoch_report* report, void* user_data)
{
    auto* log = static_cast<progress_log*>(user_data);
    log->reports.push_back(*report);
    if (log->net)
    {
        log->params.push_back(params_of(*log->net));
    }
    return log->stop_after != 0 && report->epoch >= log->stop_after ? 1 : 0;
}

double largest_difference(const std::vector<float>& a, const std::vector<float>& b)
{
    double largest = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
    {
        largest = std::max(largest, std::fabs(double(a[i]) - double(b[i])));
    }
    return largest;
}

std::size_t count_non_finite(const std::vector<float>& values)
{
    return std::size_t(std::count_if(values.begin(), values.end(),
                                     [](float v) { return !std::isfinite(v); }));
}

}  // namespace

TEST(Trainer, FollowsTheStepByStepLoopInBothModes)
{
    const sae::ratings train = small_set();

    for (std::int32_t accumulate : {0, 1})
    {
        SCOPED_TRACE("accumulate_gradients " + std::to_string(accumulate));
        sae_options opts = small_options(accumulate);
        sae::network trained = initial_network(opts);
        sae::network replica = initial_network(opts);
        progress_log log;

        sae::train_network(trained, opts, train, record_progress, &log);
        std::vector<double> losses = replica_training(replica, opts, train);

        // The same float operations in the same order: equal bit for bit.
        EXPECT_EQ(params_of(trained), params_of(replica));
        ASSERT_EQ(log.reports.size(), 3u);
        for (std::uint32_t e = 0; e < 3; ++e)
        {
            EXPECT_EQ(log.reports[e].struct_size, sizeof(sae_epoch_report));
            EXPECT_EQ(log.reports[e].epoch, e + 1);
            EXPECT_EQ(log.reports[e].n_epochs, 3u);
            EXPECT_EQ(log.reports[e].n_users_trained, 5u);  // user 3 has no ratings
            EXPECT_EQ(log.reports[e].train_loss, losses[e]);
            EXPECT_GE(log.reports[e].elapsed_seconds, 0.0);
        }
    }
}

TEST(Trainer, AccumulatingGradientsChangesTheTrajectory)
{
    const sae::ratings train = small_set();
    sae::network cleared = initial_network(small_options(0));
    sae::network accumulated = initial_network(small_options(1));

    sae::train_network(cleared, small_options(0), train, nullptr, nullptr);
    sae::train_network(accumulated, small_options(1), train, nullptr, nullptr);

    // After 15 steps of lr 0.05 the two runs must be far apart, not a rounding step apart.
    EXPECT_GT(largest_difference(params_of(cleared), params_of(accumulated)), 1e-2);
}

TEST(Trainer, FirstStepIsTheSameInBothModes)
{
    // One user and one epoch: the buffer holds a single gradient either way, so both modes must
    // agree exactly; the difference above comes from accumulation alone.
    const sae::ratings one_user =
        unit_test::make_ratings({{0, 1, 3.0f}, {0, 4, 5.0f}}, 1, n_items);
    sae_options cleared_opts = small_options(0);
    sae_options accumulated_opts = small_options(1);
    cleared_opts.epochs = 1;
    accumulated_opts.epochs = 1;
    sae::network cleared = initial_network(cleared_opts);
    sae::network accumulated = initial_network(accumulated_opts);

    sae::train_network(cleared, cleared_opts, one_user, nullptr, nullptr);
    sae::train_network(accumulated, accumulated_opts, one_user, nullptr, nullptr);

    EXPECT_EQ(params_of(cleared), params_of(accumulated));
    EXPECT_NE(params_of(cleared), params_of(initial_network(cleared_opts)));
}

TEST(Trainer, IsDeterministicForASeed)
{
    const sae::ratings train = small_set();
    sae_options opts = small_options(1);
    sae::network first = initial_network(opts, 42);
    sae::network second = initial_network(opts, 42);
    sae::network other = initial_network(opts, 43);

    sae::train_network(first, opts, train, nullptr, nullptr);
    sae::train_network(second, opts, train, nullptr, nullptr);
    sae::train_network(other, opts, train, nullptr, nullptr);

    ASSERT_EQ(first.n_params(), second.n_params());
    EXPECT_EQ(std::memcmp(first.params().data(), second.params().data(),
                          first.n_params() * sizeof(float)),
              0);
    EXPECT_NE(params_of(first), params_of(other));
}

// With two threads or more the output layer's side of each step runs on a thread of its own;
// the results must not depend on that, in either mode.
TEST(Trainer, IsTheSameForAnyNumberOfThreads)
{
    const sae::ratings train = small_set();

    for (std::int32_t accumulate : {0, 1})
    {
        sae_options opts = small_options(accumulate);
        opts.threads = 1;
        sae::network sequential = initial_network(opts);
        sae::train_network(sequential, opts, train, nullptr, nullptr);
        EXPECT_NE(params_of(sequential), params_of(initial_network(opts)));

        for (std::int32_t threads : {2, 3, 4})
        {
            opts.threads = threads;
            sae::network threaded = initial_network(opts);
            sae::train_network(threaded, opts, train, nullptr, nullptr);
            EXPECT_EQ(params_of(threaded), params_of(sequential))
                << threads << " threads, accumulate_gradients " << accumulate;
        }
    }
}

// The trainer drops to one thread when two cannot run at once and takes two again later, at
// any step; the bits must not show it.
TEST(Trainer, SwitchingBetweenOneAndTwoThreadsChangesNothing)
{
    const sae::ratings train = small_set();

    for (std::int32_t accumulate : {0, 1})
    {
        sae_options opts = small_options(accumulate);
        opts.epochs = 4;
        opts.threads = 1;
        sae::network sequential = initial_network(opts);
        sae::train_network(sequential, opts, train, nullptr, nullptr);

        for (std::uint64_t every : {1u, 2u, 3u, 7u})
        {
            opts.threads = 2;
            sae::network switching = initial_network(opts);
            sae::train_network(switching, opts, train, nullptr, nullptr, every);
            EXPECT_EQ(params_of(switching), params_of(sequential))
                << "switching every " << every << " steps, accumulate_gradients " << accumulate;
        }
    }
}

TEST(Trainer, ProgressCallbackCancelsAfterItsEpoch)
{
    const sae::ratings train = small_set();
    sae_options opts = small_options(1);
    opts.epochs = 5;
    sae::network cancelled = initial_network(opts);
    progress_log log;
    log.stop_after = 2;

    try
    {
        sae::train_network(cancelled, opts, train, record_progress, &log);
        FAIL() << "training ran to the end";
    }
    catch (const sae::error& e)
    {
        EXPECT_EQ(e.status(), SAE_ERR_CANCELLED);
        EXPECT_TRUE(unit_test::contains(e.what(), "after epoch 2")) << e.what();
    }

    // Stopped right after epoch 2: its parameters are those of a two-epoch run.
    EXPECT_EQ(log.reports.size(), 2u);
    sae_options two = opts;
    two.epochs = 2;
    sae::network reference = initial_network(two);
    sae::train_network(reference, two, train, nullptr, nullptr);
    EXPECT_EQ(params_of(cancelled), params_of(reference));
}

TEST(Trainer, DivergenceRestoresTheLastFiniteEpoch)
{
    // Two users (each step's gradient overflows only after the parameters have exploded once)
    // and the six-user set.
    const std::vector<sae::ratings> sets = {
        unit_test::make_ratings({{0, 0, 5.0f}, {0, 3, 1.0f}, {1, 2, 4.0f}}, 2, n_items),
        small_set(),
    };

    for (std::size_t s = 0; s < sets.size(); ++s)
    {
        SCOPED_TRACE("set " + std::to_string(s));
        sae_options opts = small_options(1);
        opts.learning_rate = 1e30;
        opts.epochs = 4;
        sae::network net = initial_network(opts);
        progress_log log;
        log.net = &net;
        std::vector<float> last_good = params_of(net);

        try
        {
            sae::train_network(net, opts, sets[s], record_progress, &log);
            ADD_FAILURE() << "a learning rate of 1e30 did not diverge";
        }
        catch (const sae::error& e)
        {
            EXPECT_EQ(e.status(), SAE_ERR_DIVERGED) << e.what();
        }

        // An epoch reported as finished must have left finite parameters, and the model must
        // keep exactly the parameters of the last such epoch (the initial ones if none).
        if (!log.params.empty())
        {
            last_good = log.params.back();
        }
        std::vector<float> kept = params_of(net);
        EXPECT_EQ(count_non_finite(last_good), 0u)
            << "epoch " << log.reports.size() << " was reported with non-finite parameters";
        EXPECT_EQ(count_non_finite(kept), 0u) << "of " << kept.size() << " parameters kept";
        EXPECT_TRUE(kept == last_good) << "kept parameters differ from those of epoch "
                                       << log.reports.size();
    }
}
