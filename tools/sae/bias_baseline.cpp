#include "bias_baseline.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "cli_error.hpp"

namespace sae_cli
{

namespace
{

constexpr double item_damping = 25.0;
constexpr double user_damping = 10.0;
constexpr int passes = 10;

/// Every user's dense row of `data`, one after another (n_users × n_items).
std::vector<float> dense_rows(const sae_dataset& data)
{
    const uint32_t n_users = sae_dataset_n_users(&data);
    const uint32_t n_items = sae_dataset_n_items(&data);
    std::vector<float> rows(std::size_t(n_users) * n_items);
    for (uint32_t u = 0; u < n_users; ++u)
    {
        check(sae_dataset_user_row(rows.data() + std::size_t(u) * n_items, n_items, &data, u + 1));
    }
    return rows;
}

}  // namespace

sae_metrics evaluate_bias_baseline(const sae_dataset& train, const sae_dataset& test)
{
    const uint32_t n_users = sae_dataset_n_users(&train);
    const uint32_t n_items = sae_dataset_n_items(&train);
    const std::vector<float> rows = dense_rows(train);

    double sum = 0.0;
    std::size_t count = 0;
    for (float r : rows)
    {
        sum += r;
        count += r > 0.0f;
    }
    const double mean = count ? sum / double(count) : 0.0;

    std::vector<double> user_bias(n_users, 0.0);
    std::vector<double> item_bias(n_items, 0.0);
    for (int pass = 0; pass < passes; ++pass)
    {
        std::vector<double> item_sum(n_items, 0.0);
        std::vector<double> item_count(n_items, 0.0);
        for (uint32_t u = 0; u < n_users; ++u)
        {
            for (uint32_t i = 0; i < n_items; ++i)
            {
                const float r = rows[std::size_t(u) * n_items + i];
                if (r > 0.0f)
                {
                    item_sum[i] += r - mean - user_bias[u];
                    item_count[i] += 1.0;
                }
            }
        }
        for (uint32_t i = 0; i < n_items; ++i)
        {
            item_bias[i] = item_sum[i] / (item_damping + item_count[i]);
        }

        for (uint32_t u = 0; u < n_users; ++u)
        {
            double user_sum = 0.0;
            double user_count = 0.0;
            for (uint32_t i = 0; i < n_items; ++i)
            {
                const float r = rows[std::size_t(u) * n_items + i];
                if (r > 0.0f)
                {
                    user_sum += r - mean - item_bias[i];
                    user_count += 1.0;
                }
            }
            user_bias[u] = user_sum / (user_damping + user_count);
        }
    }

    sae_metrics metrics{};
    metrics.struct_size = sizeof metrics;
    const std::vector<float> truth = dense_rows(test);
    double squared = 0.0;
    double absolute = 0.0;
    double user_rmse_sum = 0.0;
    for (uint32_t u = 0; u < n_users; ++u)
    {
        double user_squared = 0.0;
        std::size_t user_count = 0;
        for (uint32_t i = 0; i < n_items; ++i)
        {
            const float r = truth[std::size_t(u) * n_items + i];
            if (r > 0.0f)
            {
                const double predicted = std::clamp(mean + user_bias[u] + item_bias[i], 1.0, 5.0);
                user_squared += (predicted - r) * (predicted - r);
                absolute += std::fabs(predicted - r);
                ++user_count;
            }
        }
        if (user_count > 0)
        {
            squared += user_squared;
            user_rmse_sum += std::sqrt(user_squared / double(user_count));
            metrics.n_ratings += user_count;
            ++metrics.n_users;
        }
    }

    if (metrics.n_ratings > 0)
    {
        metrics.rmse = std::sqrt(squared / double(metrics.n_ratings));
        metrics.mae = absolute / double(metrics.n_ratings);
        metrics.mean_user_rmse = user_rmse_sum / metrics.n_users;
    }
    return metrics;
}

}  // namespace sae_cli
