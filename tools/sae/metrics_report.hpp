#ifndef SAE_CLI_METRICS_REPORT_HPP
#define SAE_CLI_METRICS_REPORT_HPP

#include <string>

#include <sae.h>

namespace sae_cli
{

/// Scores `model` the notebook's way: each user's predictions come from `input` and are
/// compared with that user's ratings in `target`.
[[nodiscard]] sae_metrics evaluate(const sae_model& model,
                                   const sae_dataset& input,
                                   const sae_dataset& target);

/// Prints one "label  value" row of a report to stdout, labels aligned in one column.
void print_row(const std::string& label, const std::string& value);

/// Prints the test loss, global RMSE, MAE and rating count as report rows.
void print_metrics(const sae_metrics& metrics);

}  // namespace sae_cli

#endif
