#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include <sae.h>

#include "cli_error.hpp"
#include "commands.hpp"
#include "count_text.hpp"
#include "data_source.hpp"
#include "duration.hpp"
#include "metrics_report.hpp"
#include "number_check.hpp"
#include "progress_line.hpp"
#include "save_target.hpp"

namespace sae_cli
{

namespace
{

/// The most threads sae_create() accepts; the help and the range message name it.
constexpr uint32_t max_threads = 1024;

// Help lines are indented to the option column, 26 wide; these stay within 100 columns.
constexpr const char* epochs_help =
    "Most passes over the training rows: users' rows (preset seed) or\n"
    "items' rows (preset default, which may stop early on validation)";

std::string threads_help()
{
    const std::string limit = std::to_string(max_threads);
    return "Threads of the one-user-per-step trainer (preset seed, batch size 0),\n"
           "counting the calling thread; 0 means one per core, at most " + limit + ".\n"
           "The default preset's batched trainer runs on the calling thread;\n"
           "its matrix products use OpenBLAS's own threads";
}

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

/// ", 2 threads" for the one-user-per-step trainer; nothing for the batched trainer, which runs
/// on the calling thread and leaves its matrix products to OpenBLAS's own threads.
std::string threads_note(const sae_options& options)
{
    if (options.batch_size != 0)
    {
        return "";
    }
    const bool per_core = options.threads == 0;
    return ", " + (per_core ? "one thread per core" : count_of(options.threads, "thread"));
}

void print_plan(const train_args& args, const split_data& split, const sae_options& options)
{
    const std::string users = count_of(sae_dataset_n_users(split.base.get()), "user");
    const std::string movies = count_of(sae_dataset_n_items(split.base.get()), "movie");
    const uint64_t n_train = sae_dataset_n_ratings(split.base.get());
    const std::string test = count_of(sae_dataset_n_ratings(split.test.get()), "test rating");
    std::printf("split %s: %s x %s, %llu training and %s\n", args.data.split.c_str(),
                users.c_str(), movies.c_str(), static_cast<unsigned long long>(n_train),
                test.c_str());
    std::printf("preset %s: %s, seed %llu%s\n", args.preset.c_str(),
                count_of(options.epochs, "epoch").c_str(),
                static_cast<unsigned long long>(options.seed), threads_note(options).c_str());

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
    if (!args.save_path.empty())
    {
        check_save_target(args.save_path);
    }

    const split_data split = load_split(args.data);
    print_plan(args, split, options);
    progress_line progress(options.ensemble_size);
    const double seconds = fit(*model, *split.base, progress);

    print_metrics(evaluate(*model, *split.base, *split.test));
    if (!progress.chosen_epochs().empty())
    {
        std::string epochs;
        for (uint32_t epoch : progress.chosen_epochs())
        {
            epochs += (epochs.empty() ? "" : ", ") + std::to_string(epoch);
        }
        const std::size_t n_chosen = progress.chosen_epochs().size();
        print_row(noun_for(n_chosen, "chosen epoch"), epochs + " (lowest validation RMSE)");
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
    command->add_option("--epochs", args->epochs, epochs_help)
        ->check(whole_number(1, 1'000'000))
        ->type_name("N");
    command->add_option("--seed", args->seed, "Seed of the initial weights")
        ->check(whole_number())
        ->type_name("S");
    command->add_option("--threads", args->threads, threads_help())
        ->check(whole_number(0, max_threads))
        ->type_name("N");
    command->add_option("--save", args->save_path, "Write the trained model to FILE")
        ->check(non_empty_file_name())
        ->type_name("FILE");

    command->callback([args] {
        run_train(*args);
    });
}

}  // namespace sae_cli
