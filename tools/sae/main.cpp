#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include <sae.h>

#include "cli_error.hpp"
#include "commands.hpp"

namespace
{

/// The library version, and the headers' too when a different libsae was picked up at run time.
std::string version_text()
{
    std::string text = std::string("sae ") + sae_version();
    if (std::strcmp(sae_version(), SAE_VERSION_STRING) != 0)
    {
        text += " (built with libsae " SAE_VERSION_STRING " headers)";
    }
    return text;
}

/// CLI11 reports a misspelt command as a missing one; name the word it did not know instead.
std::string describe(const CLI::App& app, const CLI::ParseError& error, const char* first_arg)
{
    const bool unknown_command = app.get_subcommands().empty() && first_arg[0] != '-';
    if (unknown_command)
    {
        return std::string("unknown command '") + first_arg + "'";
    }
    return error.what();
}

void print_error(const std::string& message)
{
    // Results printed so far come first, also when both streams go to one file.
    std::fflush(stdout);
    std::cerr << "sae: error: " << message << "\n";
}

/// Points at the help of the command that was being parsed, or of the program itself.
void print_usage_hint(const CLI::App& app)
{
    std::string command = "sae";
    const auto chosen = app.get_subcommands();
    if (!chosen.empty())
    {
        command += " " + chosen.front()->get_name();
    }
    std::cerr << "run '" << command << " --help' for usage\n";
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app("Train and query a stacked autoencoder movie recommender on MovieLens ratings.",
                 "sae");
    app.set_version_flag("--version", version_text);
    app.require_subcommand(1);
    app.get_formatter()->column_width(26);
    sae_cli::add_train_command(app);
    sae_cli::add_eval_command(app);
    sae_cli::add_recommend_command(app);
    sae_cli::add_cv_command(app);

    // A bare "sae" is someone finding their way around: show what there is.
    if (argc < 2)
    {
        std::cerr << app.help();
        return sae_cli::exit_usage;
    }

    // CLI11 runs the chosen command's callback from parse(), so its failures surface here too.
    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::Success& done)
    {
        return app.exit(done);
    }
    catch (const CLI::ParseError& error)
    {
        print_error(describe(app, error, argv[1]));
        print_usage_hint(app);
        return sae_cli::exit_usage;
    }
    catch (const sae_cli::cli_error& error)
    {
        print_error(error.what());
        if (error.exit_code() == sae_cli::exit_usage)
        {
            print_usage_hint(app);
        }
        return error.exit_code();
    }
    catch (const std::exception& error)
    {
        print_error(error.what());
        return sae_cli::exit_failure;
    }
    return 0;
}
