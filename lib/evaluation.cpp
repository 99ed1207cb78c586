#include "evaluation.hpp"

#include <cmath>

#include "prediction.hpp"
#include "propagation.hpp"

namespace sae
{

void metrics_accumulator::add_user(const float* predicted,
                                   const float* truth,
                                   std::size_t n) noexcept
{
    double user_squared = 0.0;
    for (std::size_t k = 0; k < n; ++k)
    {
        double error = double(predicted[k]) - double(truth[k]);
        user_squared += error * error;
        m_absolute_sum += std::fabs(error);
    }

    m_squared_sum += user_squared;
    m_user_rmse_sum += std::sqrt(user_squared / double(n));
    m_counts.n_ratings += n;
    ++m_counts.n_users;
}

metrics metrics_accumulator::result() const noexcept
{
    metrics result = m_counts;
    if (result.n_ratings > 0)
    {
        result.rmse = std::sqrt(m_squared_sum / double(result.n_ratings));
        result.mae = m_absolute_sum / double(result.n_ratings);
        result.mean_user_rmse = m_user_rmse_sum / result.n_users;
    }
    return result;
}

metrics evaluate(const network& net,
                 const sae_options& opts,
                 const ratings& input,
                 const ratings& target)
{
    metrics_accumulator accumulator;
    pass_workspace ws(net);

    for (std::uint32_t user = 0; user < target.n_users(); ++user)
    {
        std::size_t n = target.row_size(user);
        if (n == 0)
        {
            continue;
        }

        // Only the target items are decoded: the rest of the row is never scored.
        sparse_row known{input.row_items(user), input.row_values(user), input.row_size(user)};
        encode(net, known, ws);
        decode_at(net, target.row_items(user), n, ws);
        clip_predictions(opts, ws.out_a.data(), n);
        accumulator.add_user(ws.out_a.data(), target.row_values(user), n);
    }
    return accumulator.result();
}

}  // namespace sae
