#include "batch_trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "batch_pass.hpp"
#include "dense_prediction.hpp"
#include "error.hpp"
#include "holdout.hpp"
#include "log.hpp"
#include "optimizer.hpp"
#include "prediction.hpp"
#include "sparse_batch.hpp"
#include "subnormal_mode.hpp"

namespace sae
{
namespace
{


/// Indices of the rows with at least one rating: the others carry no loss at all.
std::vector<std::size_t> rated_rows(const ratings& rows)
{
    std::vector<std::size_t> rated;
    for (std::uint32_t r = 0; r < rows.n_users(); ++r)
    {
        if (rows.row_size(r) != 0)
        {
            rated.push_back(r);
        }
    }
    return rated;
}

bool all_finite(const xt::xtensor<float, 1>& values)
{
    return std::all_of(values.begin(), values.end(), [](float v) { return std::isfinite(v); });
}

/// One pass of one network over its training rows.
class batch_epoch
{
public:
    batch_epoch(network& net, const sae_options& opts, const ratings& rows, std::uint64_t seed)
        : m_net(net)
        , m_opts(opts)
        , m_rows(rows)
        , m_order(rated_rows(rows))
        , m_engine(seed)
        , m_grad(xt::zeros<float>({net.n_params()}))
        , m_optimizer(make_optimizer(opts, net.n_params()))
    {
    }

    /// Trains on every rated row once, in a new random order; returns the training RMSE.
    double run()
    {
        // Shuffled with modulo draws, for the same order on every standard library.
        for (std::size_t i = m_order.size(); i > 1; --i)
        {
            std::swap(m_order[i - 1], m_order[std::size_t(m_engine() % i)]);
        }

        double squared_error = 0.0;
        std::size_t batch_size = std::max<std::uint32_t>(m_opts.batch_size, 1);
        for (std::size_t start = 0; start < m_order.size(); start += batch_size)
        {
            std::size_t n = std::min(batch_size, m_order.size() - start);
            squared_error += step(m_order.data() + start, n);
        }

        std::size_t observed = m_rows.size();
        return observed ? std::sqrt(squared_error / double(observed)) : 0.0;
    }

    /// Rows trained on: those with at least one rating.
    [[nodiscard]] std::uint32_t n_rows() const noexcept { return std::uint32_t(m_order.size()); }

private:
    /// Forward, loss, backward and update for `n` rows, each both input and target.
    double step(const std::size_t* which, std::size_t n)
    {
        // A batch sees n of the rows, so it carries n / rows of the weight penalty: over an
        // epoch the gradient sums to that of the whole objective.
        float l2 = float(m_opts.l2 * double(n) / double(m_order.size()));
        dropout_rates dropout{float(m_opts.input_dropout), float(m_opts.hidden_dropout)};

        gather_rated(m_rows, which, n, dropout.input, m_engine, m_acts.input);
        forward_gathered(m_net, dropout.hidden, m_engine, m_acts, batch_outputs::rated_entries);
        double squared_error = backward_batch(m_net, l2, m_acts, m_grad.data());
        m_optimizer->step(m_net.params().data(), m_grad.data());
        return squared_error;
    }

    network& m_net;
    const sae_options& m_opts;
    const ratings& m_rows;
    std::vector<std::size_t> m_order;
    std::mt19937_64 m_engine;
    xt::xtensor<float, 1> m_grad;
    std::unique_ptr<optimizer> m_optimizer;
    batch_activations m_acts;
};

/// RMSE of the network's predictions, clipped as the model's are, at the held-out ratings,
/// from the rows it trains on. Only the held-out outputs are computed.
double held_out_rmse(const network& net,
                     const sae_options& opts,
                     const ratings& rows,
                     const std::vector<rating_entry>& held_out,
                     batch_activations& acts)
{
    // No dropout, so the engine is never drawn from.
    std::mt19937_64 unused(0);
    gather_every_row(rows, acts.input);
    forward_gathered(net, 0.0f, unused, acts, batch_outputs::rated_entries);
    std::vector<float> predicted;
    outputs_at(net, acts, held_out, opts.orientation == SAE_ORIENTATION_ITEM, predicted);
    clip_predictions(opts, predicted.data(), predicted.size());

    double squared_sum = 0.0;
    for (std::size_t k = 0; k < held_out.size(); ++k)
    {
        double error = double(predicted[k]) - double(held_out[k].value);
        squared_sum += error * error;
    }
    return held_out.empty() ? 0.0 : std::sqrt(squared_sum / double(held_out.size()));
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

// TODO: options.threads does not reach the matrix products, which run on OpenBLAS's own
// threads (OPENBLAS_NUM_THREADS); OpenBLAS sets its count for the whole process, not per call.
void train_batched(network& net,
                   const sae_options& opts,
                   const ratings& train,
                   member_run member,
                   sae_progress_fn progress,
                   void* user_data)
{
    // Unlike the notebook's path, nothing here is meant to match another implementation bit
    // for bit, so subnormals may count as zero, as most training frameworks set it.
    subnormals_as_zero fast_arithmetic;

    auto start = std::chrono::steady_clock::now();  // This network's, for the log.
    bool validating = opts.validation_fraction > 0.0;
    holdout_split split = validating ? split_holdout(train, opts.validation_fraction, member.seed)
                                     : holdout_split{train, {}};
    ratings rows = oriented_ratings(split.train, sae_orientation(opts.orientation));
    batch_epoch runner(net, opts, rows, member.seed);
    batch_activations validation;

    xt::xtensor<float, 1> last_good = net.params();
    xt::xtensor<float, 1> best = net.params();
    double best_rmse = std::numeric_limits<double>::infinity();
    std::uint32_t best_epoch = 0;

    for (std::uint32_t epoch = 1; epoch <= opts.epochs; ++epoch)
    {
        double loss = runner.run();
        if (!std::isfinite(loss) || !all_finite(net.params()))
        {
            net.params() = last_good;
            fail(SAE_ERR_DIVERGED, "fit: training diverged at epoch " + std::to_string(epoch)
                                       + " (loss " + std::to_string(loss)
                                       + "); the model keeps the parameters of epoch "
                                       + std::to_string(epoch - 1));
        }
        last_good = net.params();

        // The held-out ratings are predicted from the ratings trained on, as a user's unseen
        // ratings are at prediction time.
        double validation_rmse = 0.0;
        if (validating)
        {
            validation_rmse = held_out_rmse(net, opts, rows, split.held_out, validation);
            if (validation_rmse < best_rmse)
            {
                best_rmse = validation_rmse;
                best_epoch = epoch;
                best = net.params();
            }
        }

        if (log_enabled(SAE_LOG_DEBUG))
        {
            log_line(SAE_LOG_DEBUG, "fit: epoch " + std::to_string(epoch) + " loss "
                                        + std::to_string(loss) + " validation RMSE "
                                        + std::to_string(validation_rmse));
        }

        sae_epoch_report report = {sizeof(sae_epoch_report), epoch, opts.epochs,
                                   runner.n_rows(), loss, seconds_since(member.fit_start),
                                   validation_rmse, best_epoch, member.index};
        if (progress && progress(&report, user_data) != 0)
        {
            if (validating && best_epoch > 0)
            {
                net.params() = best;
            }
            fail(SAE_ERR_CANCELLED, "fit: cancelled by the progress callback after epoch "
                                        + std::to_string(epoch));
        }

        if (validating && opts.patience > 0 && epoch - best_epoch >= opts.patience)
        {
            break;
        }
    }

    if (validating && best_epoch > 0)
    {
        net.params() = best;
    }
    if (log_enabled(SAE_LOG_INFO))
    {
        log_line(SAE_LOG_INFO, "fit: network " + std::to_string(member.index) + " done in "
                                   + std::to_string(seconds_since(start)) + " s, best epoch "
                                   + std::to_string(best_epoch) + " (validation RMSE "
                                   + std::to_string(best_rmse) + ")");
    }
}

}  // namespace sae
