#ifndef SAE_CLI_COMMANDS_HPP
#define SAE_CLI_COMMANDS_HPP

#include <CLI/CLI.hpp>

namespace sae_cli
{

/// Adds `sae train`: train a model on a split, report its test metrics, optionally save it.
void add_train_command(CLI::App& app);

/// Adds `sae eval`: report the test metrics of a saved model on a split.
void add_eval_command(CLI::App& app);

/// Adds `sae recommend`: list the movies a saved model rates highest for one user.
void add_recommend_command(CLI::App& app);

/// Adds `sae cv`: train and score one model per fold, then the mean and spread of the scores.
void add_cv_command(CLI::App& app);

}  // namespace sae_cli

#endif
