#include "dense_prediction.hpp"

#include <cmath>
#include <random>
#include <vector>

#include "batch_pass.hpp"
#include "evaluation.hpp"
#include "prediction.hpp"
#include "sparse_batch.hpp"

namespace sae
{
namespace
{

/// Per-row and per-column means of the ratings in `r` (users × items), and the global mean.
struct rating_means
{
    std::vector<double> user;
    std::vector<double> item;
    std::vector<std::uint32_t> user_count;
    std::vector<std::uint32_t> item_count;
    double global = 0.0;
};

rating_means means_of(const ratings& r)
{
    rating_means m;
    m.user.assign(r.n_users(), 0.0);
    m.item.assign(r.n_items(), 0.0);
    m.user_count.assign(r.n_users(), 0);
    m.item_count.assign(r.n_items(), 0);

    double total = 0.0;
    for (std::uint32_t u = 0; u < r.n_users(); ++u)
    {
        for (std::size_t k = 0; k < r.row_size(u); ++k)
        {
            std::uint32_t i = r.row_items(u)[k];
            double value = r.row_values(u)[k];
            m.user[u] += value;
            m.item[i] += value;
            ++m.user_count[u];
            ++m.item_count[i];
            total += value;
        }
    }

    m.global = r.size() ? total / double(r.size()) : 0.0;
    for (std::uint32_t u = 0; u < r.n_users(); ++u)
    {
        m.user[u] = m.user_count[u] ? m.user[u] / m.user_count[u] : m.global;
    }
    for (std::uint32_t i = 0; i < r.n_items(); ++i)
    {
        m.item[i] = m.item_count[i] ? m.item[i] / m.item_count[i] : m.global;
    }
    return m;
}

/// Overwrites the predictions of rows the networks could not read with the means' fallback.
void apply_fallback(xt::xtensor<float, 2>& predicted, const ratings& input, bool item_rows)
{
    rating_means m = means_of(input);

    for (std::uint32_t u = 0; u < input.n_users(); ++u)
    {
        for (std::uint32_t i = 0; i < input.n_items(); ++i)
        {
            if (item_rows && m.item_count[i] == 0)
            {
                predicted(u, i) = float(m.user[u]);
            }
            else if (!item_rows && m.user_count[u] == 0)
            {
                predicted(u, i) = float(m.item[i]);
            }
        }
    }
}

}  // namespace

xt::xtensor<float, 2> oriented_rows(const ratings& r, sae_orientation orientation)
{
    bool by_item = orientation == SAE_ORIENTATION_ITEM;
    xt::xtensor<float, 2> rows = by_item ? xt::xtensor<float, 2>::from_shape({r.n_items(),
                                                                               r.n_users()})
                                         : xt::xtensor<float, 2>::from_shape({r.n_users(),
                                                                               r.n_items()});
    rows.fill(0.0f);

    for (std::uint32_t u = 0; u < r.n_users(); ++u)
    {
        for (std::size_t k = 0; k < r.row_size(u); ++k)
        {
            std::uint32_t i = r.row_items(u)[k];
            float value = r.row_values(u)[k];
            if (by_item)
            {
                rows(i, u) = value;
            }
            else
            {
                rows(u, i) = value;
            }
        }
    }
    return rows;
}

ratings oriented_ratings(const ratings& r, sae_orientation orientation)
{
    return orientation == SAE_ORIENTATION_ITEM ? r.transposed() : r;
}

xt::xtensor<float, 2> predict_matrix(const network* nets,
                                     std::size_t n_nets,
                                     const sae_options& opts,
                                     const ratings& input)
{
    auto orientation = sae_orientation(opts.orientation);
    bool by_item = orientation == SAE_ORIENTATION_ITEM;
    xt::xtensor<float, 2> predicted = xt::zeros<float>({input.n_users(), input.n_items()});

    // No dropout at prediction time, so the engine is never drawn from.
    std::mt19937_64 unused(0);
    batch_activations acts;
    gather_every_row(oriented_ratings(input, orientation), acts.input);
    for (std::size_t n = 0; n < n_nets; ++n)
    {
        forward_gathered(nets[n], 0.0f, unused, acts, batch_outputs::every_entry);
        const xt::xtensor<float, 2>& out = acts.a.back();
        for (std::uint32_t u = 0; u < input.n_users(); ++u)
        {
            for (std::uint32_t i = 0; i < input.n_items(); ++i)
            {
                predicted(u, i) += by_item ? out(i, u) : out(u, i);
            }
        }
    }
    if (n_nets > 1)
    {
        predicted /= float(n_nets);
    }

    apply_fallback(predicted, input, by_item);
    clip_predictions(opts, predicted.data(), predicted.size());
    return predicted;
}

metrics score_matrix(const xt::xtensor<float, 2>& predicted, const ratings& target)
{
    metrics_accumulator accumulator;
    std::vector<float> row;

    for (std::uint32_t u = 0; u < target.n_users(); ++u)
    {
        std::size_t n = target.row_size(u);
        row.resize(n);
        for (std::size_t k = 0; k < n; ++k)
        {
            row[k] = predicted(u, target.row_items(u)[k]);
        }
        if (n > 0)
        {
            accumulator.add_user(row.data(), target.row_values(u), n);
        }
    }
    return accumulator.result();
}

}  // namespace sae
