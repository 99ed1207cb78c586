#ifndef SAE_CLI_SAVE_TARGET_HPP
#define SAE_CLI_SAVE_TARGET_HPP

#include <string>

#include <CLI/CLI.hpp>

namespace sae_cli
{

/// Refuses an empty file name, which would otherwise train a model only to save it nowhere.
[[nodiscard]] CLI::Validator non_empty_file_name();

/// Throws a usage cli_error when sae_save() could not write `path`: it is a directory or another
/// file that is not a regular one, or its folder is missing or refuses new files.
///
/// Run before training, so that a bad target costs nothing; the save itself still replaces the
/// file atomically and leaves no partial one if it fails anyway.
void check_save_target(const std::string& path);

}  // namespace sae_cli

#endif
