#include "handles.hpp"

#include "cli_error.hpp"

namespace sae_cli
{

model_ptr create_model(const sae_options& options)
{
    sae_model* model = nullptr;
    const int status = sae_create(&model, &options);

    // Every option comes from the command line, so one the library refuses is a usage error.
    check(status, status == SAE_ERR_INVALID_ARGUMENT ? exit_usage : exit_failure);
    return model_ptr(model);
}

model_ptr load_model(const std::string& path)
{
    sae_model* model = nullptr;
    check(sae_load(&model, path.c_str()));
    return model_ptr(model);
}

}  // namespace sae_cli
