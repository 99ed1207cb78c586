#ifndef SAE_CLI_DATA_SOURCE_HPP
#define SAE_CLI_DATA_SOURCE_HPP

#include <string>

#include <CLI/CLI.hpp>

#include "handles.hpp"

namespace sae_cli
{

/// Where a command finds its ratings: a MovieLens folder and a split within it.
struct data_source
{
    std::string dir;
    std::string split = "u1";
};

/// The two halves of a split, sharing one shape.
struct split_data
{
    dataset_ptr base;
    dataset_ptr test;
};

/// Adds --data (falling back to SAE_DATA_DIR) and --split to `command`.
void add_data_options(CLI::App& command, data_source& source);

/// The data folder, or a usage error when neither --data nor SAE_DATA_DIR gave one.
[[nodiscard]] const std::string& data_dir(const data_source& source);

/// Loads DIR/SPLIT.base and DIR/SPLIT.test.
[[nodiscard]] split_data load_split(const data_source& source);

/// Widens `split` to the items `model` reads, or fails when the split has more items than that.
void match_model(split_data& split, const sae_model& model, const data_source& source);

}  // namespace sae_cli

#endif
