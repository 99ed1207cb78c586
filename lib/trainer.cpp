#include "trainer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>
#include <thread>

#include "error.hpp"
#include "log.hpp"
#include "masked_loss.hpp"
#include "propagation.hpp"
#include "rmsprop.hpp"
#include "step_signal.hpp"
#include "thread_watch.hpp"
#include "worker_pool.hpp"

namespace sae
{
namespace
{

rmsprop_config rmsprop_settings(const sae_options& opts)
{
    return {float(opts.learning_rate), float(opts.weight_decay), float(opts.rmsprop_alpha),
            float(opts.epsilon)};
}

/// Tells `optimizer`, which trains parameters [0, last.weights), which gradients a step on
/// `items` can have changed: the items' rows in the first layer, and everything between the
/// first layer's weights and the last layer's. The other items' rows keep their gradient and
/// may stay settled.
void mark_hidden_changes(const network& net,
                         const std::uint32_t* items,
                         std::size_t n,
                         rmsprop& optimizer) noexcept
{
    const layer_layout& first = net.layers().front();
    const layer_layout& last = net.layers().back();

    for (std::size_t k = 0; k < n; ++k)
    {
        std::size_t row = first.weights + std::size_t(items[k]) * first.fan_out;
        optimizer.mark_changed(row, row + first.fan_out);
    }
    optimizer.mark_changed(first.biases, last.weights);
}

/// The same for `optimizer` training the output layer, [last.weights, n_params): the items'
/// weight rows and output biases.
void mark_output_changes(const network& net,
                         const std::uint32_t* items,
                         std::size_t n,
                         rmsprop& optimizer) noexcept
{
    const layer_layout& last = net.layers().back();
    const std::size_t biases = last.biases - last.weights;

    for (std::size_t k = 0; k < n; ++k)
    {
        std::size_t row = std::size_t(items[k]) * last.fan_in;
        optimizer.mark_changed(row, row + last.fan_in);
        optimizer.mark_changed(biases + items[k], biases + items[k] + 1);
    }
}

/// State of one fit() call; nothing in it is allocated after construction.
///
/// A step has two sides that meet only at the last hidden layer: the output side decodes the
/// rated items from its activations, measures the loss and hands back their gradient; the
/// hidden side encodes and back-propagates the rest. Each side owns its parameters and their
/// optimiser, so with two threads or more the output side runs on a thread of its own and
/// updates the output layer while the hidden side updates the others; nothing else is shared,
/// and each parameter's update reads only its own values, so the bits do not depend on the
/// number of threads.
class epoch_runner
{
public:
    epoch_runner(network& net,
                 const sae_options& opts,
                 const ratings& train,
                 std::uint64_t switch_every)
        : m_net(net)
        , m_opts(opts)
        , m_train(train)
        , m_ws(net)
        , m_params(net.params().data())
        , m_grad(net.n_params(), m_params)
        , m_split(net.layers().back().weights)
        , m_hidden_optimizer(rmsprop_settings(opts), m_split, side_threads(opts), settling::on,
                             m_params)
        , m_output_optimizer(rmsprop_settings(opts), net.n_params() - m_split,
                             side_threads(opts), settling::on, m_params + m_split)
        , m_watch(switch_every)
    {
        if (m_multi_threaded)
        {
            start_output_thread();
        }
    }

    ~epoch_runner() { stop_output_thread(); }

    epoch_runner(const epoch_runner&) = delete;
    epoch_runner& operator=(const epoch_runner&) = delete;

    /// One pass over the users; returns the mean of each user's RMSE before its step.
    double run(std::uint32_t& users_trained)
    {
        double loss_sum = 0.0;
        users_trained = 0;

        for (std::uint32_t user = 0; user < m_train.n_users(); ++user)
        {
            std::size_t n = m_train.row_size(user);
            if (n == 0)
            {
                continue;
            }

            double squared_error = step(sparse_row{m_train.row_items(user),
                                                   m_train.row_values(user), n});
            loss_sum += std::sqrt(squared_error / double(n));
            ++users_trained;
        }

        // The caller reads every parameter next.
        if (m_output_thread.joinable())
        {
            m_output_done.wait_for(m_steps);
        }
        return users_trained ? loss_sum / users_trained : 0.0;
    }

private:
    static std::uint32_t side_threads(const sae_options& opts)
    {
        return std::max(1u, resolve_threads(opts.threads) / 2);
    }

    void start_output_thread() noexcept
    {
        // Steps are counted from the one in progress, which a stopped thread may have passed.
        m_hidden_ready.reset(m_steps);
        m_output_ready.reset(m_steps);
        m_output_done.reset(m_steps);
        m_stop.store(false, std::memory_order_relaxed);
        try
        {
            std::uint64_t first = m_steps + 1;
            m_output_thread = std::thread([this, first] { serve_output_side(first); });
        }
        catch (const std::system_error&)
        {
            // Without a second thread both sides run in turn, with the same results.
        }
        m_watch.started(m_steps, slow_waits());
    }

    void stop_output_thread() noexcept
    {
        if (!m_output_thread.joinable())
        {
            return;
        }
        m_output_done.wait_for(m_steps);
        m_stop.store(true, std::memory_order_relaxed);
        m_hidden_ready.publish(std::numeric_limits<std::uint64_t>::max());
        m_output_thread.join();
    }

    [[nodiscard]] std::uint64_t slow_waits() const noexcept
    {
        return m_hidden_ready.slow_waits() + m_output_ready.slow_waits()
               + m_output_done.slow_waits();
    }

    void watch_threads() noexcept
    {
        auto counted = [this] { return slow_waits(); };
        switch (m_watch.before_step(m_steps, m_output_thread.joinable(), counted))
        {
        case thread_watch::action::stop_second_thread:
            stop_output_thread();
            break;
        case thread_watch::action::start_second_thread:
            start_output_thread();
            break;
        case thread_watch::action::none:
            break;
        }
    }

    /// Forward, loss, backward and update for one user whose row is both input and target.
    double step(sparse_row row)
    {
        if (m_multi_threaded)
        {
            watch_threads();
        }
        if (!m_opts.accumulate_gradients)
        {
            // Clearing changes the gradients that the previous step set.
            std::fill(m_grad.begin(), m_grad.begin() + m_split, 0.0f);
            mark_hidden_changes(m_net, m_previous.items, m_previous.size, m_hidden_optimizer);
        }
        encode(m_net, row, m_ws);
        ++m_steps;

        double squared_error = 0.0;
        if (m_output_thread.joinable())
        {
            // Publishing hands over the row and the last hidden layer's activations; the
            // output side hands back their gradient and goes on to its update.
            m_row = row;
            m_hidden_ready.publish(m_steps);
            m_output_ready.wait_for(m_steps);
            squared_error = m_squared_error;
        }
        else
        {
            squared_error = output_gradient(row);
            update_output_side(row);
        }

        backward_hidden(m_net, row, m_ws, m_grad.data());
        mark_hidden_changes(m_net, row.items, row.size, m_hidden_optimizer);
        m_hidden_optimizer.step(m_params, m_grad.data());
        m_previous = row;
        return squared_error;
    }

    /// The output side's loss and gradients, up to dL/d(last hidden activation) in m_ws.
    double output_gradient(sparse_row row) noexcept
    {
        if (!m_opts.accumulate_gradients)
        {
            std::fill(m_grad.begin() + m_split, m_grad.end(), 0.0f);
            mark_output_changes(m_net, m_output_previous.items, m_output_previous.size,
                                m_output_optimizer);
        }

        decode_at(m_net, row.items, row.size, m_ws);
        double squared_error = masked_squared_error(m_ws.out_a.data(), row.values, row.size,
                                                    m_net.n_items(), m_ws.out_delta.data());
        backward_output(m_net, row.items, row.size, m_ws, m_grad.data());
        return squared_error;
    }

    void update_output_side(sparse_row row) noexcept
    {
        mark_output_changes(m_net, row.items, row.size, m_output_optimizer);
        m_output_optimizer.step(m_params + m_split, m_grad.data() + m_split);
        m_output_previous = row;
    }

    /// The output side's thread: one step each time the hidden side publishes one, from step
    /// `first` on.
    void serve_output_side(std::uint64_t first) noexcept
    {
        for (std::uint64_t step = first;; ++step)
        {
            m_hidden_ready.wait_for(step);
            if (m_stop.load(std::memory_order_relaxed))
            {
                return;
            }

            sparse_row row = m_row;
            m_squared_error = output_gradient(row);
            m_output_ready.publish(step);
            update_output_side(row);
            m_output_done.publish(step);
        }
    }

    network& m_net;
    const sae_options& m_opts;
    const ratings& m_train;
    pass_workspace m_ws;
    float* m_params;  ///< Taken once: handing out the parameters for writing is not free.
    line_aligned_floats m_grad;
    std::size_t m_split;   ///< Where the output layer's parameters start.
    rmsprop m_hidden_optimizer;
    rmsprop m_output_optimizer;
    sparse_row m_previous{nullptr, nullptr, 0};         ///< The row of the last step.
    sparse_row m_output_previous{nullptr, nullptr, 0};  ///< The same, for the output side.
    std::uint64_t m_steps = 0;

    // With a thread for the output side: the row and the result of the step in progress,
    // passed through the signals' ordering.
    std::thread m_output_thread;
    step_signal m_hidden_ready;  ///< Steps whose row and hidden activations are published.
    step_signal m_output_ready;  ///< Steps whose loss and hidden-layer gradient are ready.
    step_signal m_output_done;   ///< Steps whose output layer is updated.
    std::atomic<bool> m_stop{false};
    bool m_multi_threaded = resolve_threads(m_opts.threads) >= 2;
    thread_watch m_watch;
    sparse_row m_row{nullptr, nullptr, 0};
    double m_squared_error = 0.0;
};

/// The last step of an epoch can overflow the weights after a finite loss was measured.
bool all_finite(const xt::xtensor<float, 1>& values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void train_network(network& net,
                   const sae_options& opts,
                   const ratings& train,
                   sae_progress_fn progress,
                   void* user_data)
{
    train_network(net, opts, train, progress, user_data, 0);
}

void train_network(network& net,
                   const sae_options& opts,
                   const ratings& train,
                   sae_progress_fn progress,
                   void* user_data,
                   std::uint64_t switch_every)
{
    auto start = std::chrono::steady_clock::now();
    epoch_runner runner(net, opts, train, switch_every);
    xt::xtensor<float, 1> last_good = net.params();

    if (log_enabled(SAE_LOG_INFO))
    {
        log_line(SAE_LOG_INFO, "fit: " + std::to_string(train.n_users()) + " users, "
                                   + std::to_string(train.size()) + " ratings, "
                                   + std::to_string(net.n_params()) + " parameters, "
                                   + std::to_string(opts.epochs) + " epochs");
    }

    for (std::uint32_t epoch = 1; epoch <= opts.epochs; ++epoch)
    {
        std::uint32_t users_trained = 0;
        double loss = runner.run(users_trained);

        if (!std::isfinite(loss) || !all_finite(net.params()))
        {
            net.params() = last_good;
            fail(SAE_ERR_DIVERGED, "fit: training diverged at epoch " + std::to_string(epoch)
                                       + " (loss " + std::to_string(loss)
                                       + "); the model keeps the parameters of epoch "
                                       + std::to_string(epoch - 1));
        }
        last_good = net.params();

        if (log_enabled(SAE_LOG_DEBUG))
        {
            log_line(SAE_LOG_DEBUG, "fit: epoch " + std::to_string(epoch) + " loss "
                                        + std::to_string(loss));
        }

        sae_epoch_report report = {sizeof(sae_epoch_report), epoch, opts.epochs,
                                   users_trained, loss, seconds_since(start), 0.0, 0, 1};
        if (progress && progress(&report, user_data) != 0)
        {
            fail(SAE_ERR_CANCELLED, "fit: cancelled by the progress callback after epoch "
                                        + std::to_string(epoch));
        }
    }

    if (log_enabled(SAE_LOG_INFO))
    {
        log_line(SAE_LOG_INFO, "fit: done in " + std::to_string(seconds_since(start)) + " s");
    }
}

}  // namespace sae
