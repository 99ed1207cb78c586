#include "arguments.hpp"

#include <limits>
#include <string>

#include <CLI/CLI.hpp>

namespace sae_bench
{

namespace
{

constexpr const char* description =
    "Benchmarks libsae through its C API, as an embedder would. Every mode prints one JSON "
    "object on one line of stdout; a figure that is not a finite number is printed as null.";

/// The flags each mode reads; a mode refuses the others, so that a mistyped run fails.
class flag_set
{
public:
    flag_set(CLI::App& mode, arguments& args) : m_mode(mode), m_args(args) {}

    flag_set& data()
    {
        m_mode.add_option("--data", m_args.data, "ML-100K folder")->envname("SAE_DATA_DIR");
        m_mode.add_option("--split", m_args.split, "reads NAME.base and NAME.test")
            ->capture_default_str();
        return *this;
    }

    flag_set& preset()
    {
        m_mode.add_option("--preset", m_args.preset, "seed or default")->capture_default_str();
        return *this;
    }

    flag_set& training()
    {
        m_mode.add_option("--epochs", m_epochs, "most epochs of each network (default: the "
                                                "preset's; scale: 1)")
            ->check(CLI::Range(1u, 1000000u));
        m_mode.add_option("--threads", m_args.threads,
                          "threads of the per-user trainer, 0 = one per core")
            ->check(CLI::Range(0u, 1024u))
            ->capture_default_str();
        m_mode.add_option("--seed", m_args.seed, "seed of the model and of scale's ratings")
            ->capture_default_str();
        return *this;
    }

    /// Copies the flags that have no natural default into `args` after parsing.
    void finish()
    {
        if (m_mode.count("--epochs") != 0)
        {
            m_args.epochs = m_epochs;
        }
    }

    CLI::App& mode() { return m_mode; }

private:
    CLI::App& m_mode;
    arguments& m_args;
    std::uint32_t m_epochs = 0;
};

}  // namespace

int parse_arguments(int argc, char** argv, arguments& args)
{
    CLI::App app(description, "sae_bench");
    app.require_subcommand(1);

    auto* train = app.add_subcommand(
        "train", "Trains on an ML-100K split and scores the model on its test set. Prints "
                 "trainer (per_user or batched), threads, networks, epochs, seconds (all of "
                 "sae_fit()), test_loss, rmse, peak_rss_mb and more.");
    auto* predict = app.add_subcommand(
        "predict", "Trains the seed preset (sae_predict() reads a user's row), then times "
                   "sae_predict() for one user (predict_median_us, predict_p99_us) and "
                   "sae_predict_users() for every user.");
    auto* scale = app.add_subcommand(
        "scale", "Trains one epoch on synthetic ratings with the shape of a MovieLens "
                 "release; prints seconds_per_epoch (every network's, summed) and "
                 "peak_rss_mb, or not_trained with libsae's reason.");
    auto* floor = app.add_subcommand(
        "floor", "Times the bare RMSprop update on one thread, the floor of the seed preset's "
                 "steps; prints seconds and ns_per_param.");

    flag_set train_flags(*train, args);
    train_flags.data().preset().training();
    flag_set predict_flags(*predict, args);
    predict_flags.data().training();
    predict->add_option("--repeat", args.repeat, "timed sae_predict() calls")
        ->check(CLI::Range(std::uint64_t(1), std::uint64_t(10000000)))
        ->capture_default_str();
    flag_set scale_flags(*scale, args);
    scale_flags.preset().training();
    scale->add_option("--shape", args.shape, "ml-100k, ml-1m, ml-10m or ml-20m")
        ->capture_default_str();
    floor->add_option("--params", args.params, "parameters per update step")
        ->check(CLI::Range(std::uint64_t(1), std::uint64_t(1) << 28))
        ->capture_default_str();
    floor->add_option("--steps", args.steps, "update steps")
        ->check(CLI::Range(std::uint64_t(1), std::uint64_t(10000000000)))
        ->capture_default_str();

    try
    {
        app.parse(argc, argv);
    }
    catch (const CLI::ParseError& e)
    {
        return app.exit(e);
    }

    for (flag_set* flags : {&train_flags, &predict_flags, &scale_flags})
    {
        if (flags->mode().parsed())
        {
            args.mode = flags->mode().get_name();
            flags->finish();
        }
    }
    if (floor->parsed())
    {
        args.mode = "floor";
    }
    return -1;
}

}  // namespace sae_bench
