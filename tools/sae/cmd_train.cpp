#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>

#include <sae.h>

#include "cli_error.hpp"
#include "commands.hpp"
#include "data_source.hpp"
#include "duration.hpp"
#include "metrics_report.hpp"
#include "number_check.hpp"
#include "progress_line.hpp"

namespace sae_cli
{

namespace
{

struct train_args
{
    data_source data;
    std::string preset = "default";
    std::optional<uint32_t> epochs;
    std::optional<uint64_t> seed;
    std::optional<uint32_t> threads;
    std::string save_path;
};

sae_options make_options(const train_args& args)
{
    sae_options options{};

    // The library owns the list of presets; an unknown name is still a mistake on the command
    // line, hence the usage exit code.
    check(sae_options_preset(&options, args.preset.c_str()), exit_usage);

    if (args.epochs)
    {
        options.epochs = *args.epochs;
    }
    if (args.seed)
    {
        options.seed = *args.seed;
    }
    if (args.threads)
    {
        options.threads = *args.threads;
    }
    return options;
}

/// Fails before training when --save points into a missing folder, rather than after it.
void check_save_path(const std::string& path)
{
    if (path.empty())
    {
        return;
    }

    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    std::error_code error;
    if (!folder.empty() && !std::filesystem::is_directory(folder, error))
    {
        throw cli_error(SAE_ERR_IO,
                        "cannot save to '" + path + "': folder '" + folder.string()
                            + "' does not exist",
                        exit_usage);
    }
}

/// "1 epoch", "200 epochs".
std::string count_of(uint64_t count, const std::string& noun)
{
    return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

void print_plan(const train_args& args, const split_data& split, const sae_options& options)
{
    const std::string threads = options.threads == 0 ? "all threads"
                                                     : count_of(options.threads, "thread");
    std::printf("split %s: %u users x %u movies, %llu training and %llu test ratings\n",
                args.data.split.c_str(), sae_dataset_n_users(split.base.get()),
                sae_dataset_n_items(split.base.get()),
                static_cast<unsigned long long>(sae_dataset_n_ratings(split.base.get())),
                static_cast<unsigned long long>(sae_dataset_n_ratings(split.test.get())));
    std::printf("preset %s: %s, seed %llu, %s\n", args.preset.c_str(),
                count_of(options.epochs, "epoch").c_str(),
                static_cast<unsigned long long>(options.seed), threads.c_str());

    // The plan goes to stdout and progress to stderr; flush so that they appear in order.
    std::fflush(stdout);
}

double fit(sae_model& model, const sae_dataset& train, progress_line& progress)
{
    const auto start = std::chrono::steady_clock::now();

    const int status = sae_fit(&model, &train, &progress_line::on_epoch, &progress);
    progress.finish();
    check(status);

    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    return took.count();
}

void run_train(const train_args& args)
{
    // Everything that can be refused is checked before the data is read and training starts.
    const sae_options options = make_options(args);
    const model_ptr model = create_model(options);
    check_save_path(args.save_path);

    const split_data split = load_split(args.data);
    print_plan(args, split, options);
    progress_line progress;
    const double seconds = fit(*model, *split.base, progress);

    print_metrics(evaluate(*model, *split.base, *split.test));
    if (!progress.chosen_epochs().empty())
    {
        std::string epochs;
        for (uint32_t epoch : progress.chosen_epochs())
        {
            epochs += (epochs.empty() ? "" : ", ") + std::to_string(epoch);
        }
        print_row("chosen epoch", epochs + " (lowest validation RMSE)");
    }
    print_row("training time", format_duration(seconds));

    if (!args.save_path.empty())
    {
        check(sae_save(model.get(), args.save_path.c_str()));
        print_row("saved to", args.save_path);
    }
}

}  // namespace

void add_train_command(CLI::App& app)
{
    auto args = std::make_shared<train_args>();
    CLI::App* command = app.add_subcommand("train", "Train a model on a split and score it");

    add_data_options(*command, args->data);
    command->add_option("--preset", args->preset, "Starting options: seed or default")
        ->capture_default_str()
        ->type_name("NAME");
    command->add_option("--epochs", args->epochs, "Passes over the training users")
        ->check(decimal_digits())
        ->check(CLI::Range(1u, 1'000'000u).description(""))
        ->type_name("N");
    command->add_option("--seed", args->seed, "Seed of the initial weights")
        ->check(decimal_digits())
        ->type_name("S");
    command->add_option("--threads", args->threads, "Worker threads; 0 means all cores")
        ->check(decimal_digits())
        ->type_name("N");
    command->add_option("--save", args->save_path, "Write the trained model to FILE")
        ->type_name("FILE");

    command->callback([args] {
        run_train(*args);
    });
}

}  // namespace sae_cli
