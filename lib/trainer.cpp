#include "trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "error.hpp"
#include "log.hpp"
#include "masked_loss.hpp"
#include "propagation.hpp"
#include "rmsprop.hpp"

namespace sae
{
namespace
{

rmsprop_config rmsprop_settings(const sae_options& opts)
{
    return {float(opts.learning_rate), float(opts.weight_decay), float(opts.rmsprop_alpha),
            float(opts.epsilon)};
}

/// Tells `optimizer` which gradients a step on `items` can have changed: the rows of those
/// items in the first and the last layer, the items' output biases, and everything between
/// the two layers' weights. Only these are trained by a step, so the rows of the other items
/// keep their gradient and may stay settled.
void mark_step_changes(const network& net,
                       const std::uint32_t* items,
                       std::size_t n,
                       rmsprop& optimizer) noexcept
{
    const layer_layout& first = net.layers().front();
    const layer_layout& last = net.layers().back();

    for (std::size_t k = 0; k < n; ++k)
    {
        std::size_t in_row = first.weights + std::size_t(items[k]) * first.fan_out;
        std::size_t out_row = last.weights + std::size_t(items[k]) * last.fan_in;
        optimizer.mark_changed(in_row, in_row + first.fan_out);
        optimizer.mark_changed(out_row, out_row + last.fan_in);
        optimizer.mark_changed(last.biases + items[k], last.biases + items[k] + 1);
    }
    optimizer.mark_changed(first.biases, last.weights);
}

/// State of one fit() call; nothing in it is allocated after construction.
class epoch_runner
{
public:
    epoch_runner(network& net, const sae_options& opts, const ratings& train)
        : m_net(net)
        , m_opts(opts)
        , m_train(train)
        , m_ws(net)
        , m_grad(xt::zeros<float>({net.n_params()}))
        , m_optimizer(rmsprop_settings(opts), net.n_params(), opts.threads, settling::on)
    {
    }

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
        return users_trained ? loss_sum / users_trained : 0.0;
    }

private:
    /// Forward, loss, backward and update for one user whose row is both input and target.
    double step(sparse_row row)
    {
        if (!m_opts.accumulate_gradients)
        {
            // Clearing changes the gradients that the previous step set.
            std::fill(m_grad.begin(), m_grad.end(), 0.0f);
            mark_step_changes(m_net, m_previous.items, m_previous.size, m_optimizer);
        }

        encode(m_net, row, m_ws);
        decode_at(m_net, row.items, row.size, m_ws);
        double squared_error = masked_squared_error(m_ws.out_a.data(), row.values, row.size,
                                                    m_net.n_items(), m_ws.out_delta.data());
        backward(m_net, row, row.items, row.size, m_ws, m_grad.data());
        mark_step_changes(m_net, row.items, row.size, m_optimizer);
        m_optimizer.step(m_net.params().data(), m_grad.data());

        m_previous = row;
        return squared_error;
    }

    network& m_net;
    const sae_options& m_opts;
    const ratings& m_train;
    pass_workspace m_ws;
    xt::xtensor<float, 1> m_grad;
    rmsprop m_optimizer;
    sparse_row m_previous{nullptr, nullptr, 0};  ///< The row of the last step.
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
    auto start = std::chrono::steady_clock::now();
    epoch_runner runner(net, opts, train);
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
