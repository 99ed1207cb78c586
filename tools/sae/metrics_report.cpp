#include "metrics_report.hpp"

#include <cstdio>

#include "cli_error.hpp"
#include "count_text.hpp"

namespace sae_cli
{

namespace
{

std::string fixed4(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4f", value);
    return text;
}

}  // namespace

sae_metrics evaluate(const sae_model& model, const sae_dataset& input, const sae_dataset& target)
{
    sae_metrics metrics{};
    metrics.struct_size = sizeof metrics;
    check(sae_evaluate(&metrics, &model, &input, &target));
    return metrics;
}

void print_row(const std::string& label, const std::string& value)
{
    // Wide enough for the longest label, "test loss (mean per-user RMSE)".
    std::printf("%-32s%s\n", label.c_str(), value.c_str());
}

void print_metrics(const sae_metrics& metrics)
{
    print_row("test loss (mean per-user RMSE)", fixed4(metrics.mean_user_rmse));
    print_row("global RMSE", fixed4(metrics.rmse));
    print_row("MAE", fixed4(metrics.mae));
    print_row("test ratings", std::to_string(metrics.n_ratings) + " from "
                                  + count_of(metrics.n_users, "user"));
}

}  // namespace sae_cli
