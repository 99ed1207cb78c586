#include "evaluation.hpp"

#include <cmath>

#include "prediction.hpp"
#include "propagation.hpp"

namespace sae
{

metrics evaluate(const network& net,
                 const sae_options& opts,
                 const ratings& input,
                 const ratings& target)
{
    metrics result;
    pass_workspace ws(net);
    double squared_sum = 0.0;
    double absolute_sum = 0.0;
    double user_rmse_sum = 0.0;

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

        double user_squared = 0.0;
        const float* truth = target.row_values(user);
        for (std::size_t k = 0; k < n; ++k)
        {
            double error = double(ws.out_a[k]) - double(truth[k]);
            user_squared += error * error;
            absolute_sum += std::fabs(error);
        }

        squared_sum += user_squared;
        user_rmse_sum += std::sqrt(user_squared / double(n));
        result.n_ratings += n;
        ++result.n_users;
    }

    if (result.n_ratings > 0)
    {
        result.rmse = std::sqrt(squared_sum / double(result.n_ratings));
        result.mae = absolute_sum / double(result.n_ratings);
        result.mean_user_rmse = user_rmse_sum / result.n_users;
    }
    return result;
}

}  // namespace sae
