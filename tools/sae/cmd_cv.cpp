#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <sae.h>

#include "bias_baseline.hpp"
#include "cli_error.hpp"
#include "commands.hpp"
#include "count_text.hpp"
#include "data_source.hpp"
#include "handles.hpp"
#include "metrics_report.hpp"
#include "number_check.hpp"

namespace sae_cli
{

namespace
{

struct cv_args
{
    data_source data;
    std::vector<std::string> folds = {"u1", "u2", "u3", "u4", "u5"};
    std::string preset = "default";
    std::vector<uint64_t> seeds;
    std::optional<uint32_t> epochs;
    bool baseline = false;
};

/// One trained and scored fold.
struct fold_result
{
    std::string fold;
    uint64_t seed;
    sae_metrics metrics;
    double seconds;
};

/// Mean and sample standard deviation.
struct spread
{
    double mean = 0.0;
    double sd = 0.0;
};

spread spread_of(const std::vector<double>& values)
{
    spread s;
    for (double v : values)
    {
        s.mean += v;
    }
    s.mean /= double(values.size());

    for (double v : values)
    {
        s.sd += (v - s.mean) * (v - s.mean);
    }
    s.sd = values.size() > 1 ? std::sqrt(s.sd / double(values.size() - 1)) : 0.0;
    return s;
}

fold_result run_fold(const cv_args& args, const std::string& fold, uint64_t seed)
{
    data_source source = args.data;
    source.split = fold;
    const split_data split = load_split(source);
    const auto start = std::chrono::steady_clock::now();

    sae_metrics metrics{};
    if (args.baseline)
    {
        metrics = evaluate_bias_baseline(*split.base, *split.test);
    }
    else
    {
        sae_options options{};
        check(sae_options_preset(&options, args.preset.c_str()), exit_usage);
        options.seed = seed;
        if (args.epochs)
        {
            options.epochs = *args.epochs;
        }
        const model_ptr model = create_model(options);
        check(sae_fit(model.get(), split.base.get(), nullptr, nullptr));
        metrics = evaluate(*model, *split.base, *split.test);
    }

    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    return {fold, seed, metrics, took.count()};
}

void print_spread(const std::string& label, const std::vector<fold_result>& results)
{
    std::vector<double> rmse;
    std::vector<double> mae;
    for (const fold_result& r : results)
    {
        rmse.push_back(r.metrics.rmse);
        mae.push_back(r.metrics.mae);
    }
    const spread s_rmse = spread_of(rmse);
    const spread s_mae = spread_of(mae);
    std::printf("%-24s RMSE %.4f ± %.4f   MAE %.4f ± %.4f   (%s)\n", label.c_str(), s_rmse.mean,
                s_rmse.sd, s_mae.mean, s_mae.sd, count_of(results.size(), "run").c_str());
}

void run_cv(cv_args args)
{
    // Refuse a bad preset before any data is read.
    sae_options options{};
    check(sae_options_preset(&options, args.preset.c_str()), exit_usage);
    if (args.seeds.empty() || args.baseline)
    {
        args.seeds = {options.seed};
    }

    const std::string what = args.baseline ? "bias baseline" : "preset " + args.preset;
    std::printf("%s, %s, %s\n", what.c_str(), count_of(args.folds.size(), "fold").c_str(),
                count_of(args.seeds.size(), "seed").c_str());
    std::printf("%-6s %-6s %-8s %-8s %s\n", "fold", "seed", "RMSE", "MAE", "time");
    std::fflush(stdout);

    std::vector<fold_result> results;
    for (uint64_t seed : args.seeds)
    {
        for (const std::string& fold : args.folds)
        {
            results.push_back(run_fold(args, fold, seed));
            const fold_result& r = results.back();
            std::printf("%-6s %-6llu %.4f   %.4f   %.1f s\n", r.fold.c_str(),
                        static_cast<unsigned long long>(r.seed), r.metrics.rmse, r.metrics.mae,
                        r.seconds);
            std::fflush(stdout);
        }
    }

    // Over the folds for each seed, then over the seeds for each fold.
    for (uint64_t seed : args.seeds)
    {
        std::vector<fold_result> of_seed;
        for (const fold_result& r : results)
        {
            if (r.seed == seed)
            {
                of_seed.push_back(r);
            }
        }
        print_spread("seed " + std::to_string(seed) + ", over folds", of_seed);
    }
    if (args.seeds.size() > 1)
    {
        for (const std::string& fold : args.folds)
        {
            std::vector<fold_result> of_fold;
            for (const fold_result& r : results)
            {
                if (r.fold == fold)
                {
                    of_fold.push_back(r);
                }
            }
            print_spread(fold + ", over seeds", of_fold);
        }
        print_spread("all runs", results);
    }
}

}  // namespace

void add_cv_command(CLI::App& app)
{
    auto args = std::make_shared<cv_args>();
    CLI::App* command = app.add_subcommand(
        "cv", "Train and score one model per fold; print each fold and mean ± sd");

    command->add_option("--data", args->data.dir, "MovieLens folder, such as ml-100k")
        ->envname("SAE_DATA_DIR")
        ->type_name("DIR");
    command->add_option("--folds", args->folds, "Splits to score, such as u1,u2,u3,u4,u5 or ua,ub")
        ->delimiter(',')
        ->capture_default_str()
        ->type_name("LIST");
    command->add_option("--preset", args->preset, "Options to train with: seed or default")
        ->capture_default_str()
        ->type_name("NAME");
    command->add_option("--seeds", args->seeds, "Seeds to train each fold with (default: the "
                                                "preset's)")
        ->delimiter(',')
        ->check(whole_number())
        ->type_name("LIST");
    command->add_option("--epochs", args->epochs, "Most epochs per model")
        ->check(whole_number(1, 1'000'000))
        ->type_name("N");
    command->add_flag("--baseline", args->baseline,
                      "Score the damped user and item bias baseline instead of a model");

    command->callback([args] {
        run_cv(*args);
    });
}

}  // namespace sae_cli
