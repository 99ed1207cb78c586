#ifndef SAE_CLI_HANDLES_HPP
#define SAE_CLI_HANDLES_HPP

#include <memory>
#include <string>

#include <sae.h>

namespace sae_cli
{

/// Releases a data set with sae_dataset_free().
struct dataset_deleter
{
    void operator()(sae_dataset* dataset) const noexcept { sae_dataset_free(dataset); }
};

/// Releases a model with sae_free().
struct model_deleter
{
    void operator()(sae_model* model) const noexcept { sae_free(model); }
};

using dataset_ptr = std::unique_ptr<sae_dataset, dataset_deleter>;
using model_ptr = std::unique_ptr<sae_model, model_deleter>;

/// Creates an untrained model from `options`.
[[nodiscard]] model_ptr create_model(const sae_options& options);

/// Reads a model written by sae_save().
[[nodiscard]] model_ptr load_model(const std::string& path);

}  // namespace sae_cli

#endif
