#include "data_source.hpp"

#include <sae.h>

#include "cli_error.hpp"
#include "count_text.hpp"

namespace sae_cli
{

void add_data_options(CLI::App& command, data_source& source)
{
    command.add_option("--data", source.dir, "MovieLens folder, such as ml-100k")
        ->envname("SAE_DATA_DIR")
        ->type_name("DIR");
    command.add_option("--split", source.split, "Split to use: reads SPLIT.base and SPLIT.test")
        ->capture_default_str()
        ->type_name("NAME");
}

const std::string& data_dir(const data_source& source)
{
    if (source.dir.empty())
    {
        throw cli_error(SAE_ERR_INVALID_ARGUMENT,
                        "no MovieLens folder given: pass --data DIR or set SAE_DATA_DIR",
                        exit_usage);
    }
    return source.dir;
}

split_data load_split(const data_source& source)
{
    sae_dataset* base = nullptr;
    sae_dataset* test = nullptr;
    check(sae_dataset_load_split(&base, &test, data_dir(source).c_str(), source.split.c_str()));
    return {dataset_ptr(base), dataset_ptr(test)};
}

void match_model(split_data& split, const sae_model& model, const data_source& source)
{
    const uint32_t model_items = sae_model_n_items(&model);
    const uint32_t split_items = sae_dataset_n_items(split.base.get());

    // A split whose highest movie ids were never rated is narrower than the full catalogue the
    // model was trained on; those movies simply have no ratings here.
    if (split_items > model_items)
    {
        throw cli_error(SAE_ERR_DIMENSION,
                        "split " + source.split + " has " + count_of(split_items, "movie")
                            + " but the model knows only " + std::to_string(model_items));
    }

    const uint32_t users = sae_dataset_n_users(split.base.get());
    check(sae_dataset_resize(split.base.get(), users, model_items));
    check(sae_dataset_resize(split.test.get(), users, model_items));
}

}  // namespace sae_cli
