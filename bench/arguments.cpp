#include "arguments.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <vector>

namespace sae_bench
{

namespace
{

const char* const usage = R"(usage: sae_bench MODE [--flag value]...
       sae_bench [MODE] --help

Benchmarks libsae through its C API, as an embedder would. Every mode prints one JSON object
on one line of stdout; a figure that is not a finite number is printed as null.

Modes:
  train    Trains on an ML-100K split and scores the model on the split's test set.
           Flags: --data --split --preset --epochs --threads --seed
           Prints: implementation, preset, split, seed; trainer ("per_user" when the preset's
           batch_size is 0, else "batched", which runs on the calling thread); threads (the
           count --threads resolves to); networks (ensemble size); patience; epochs (summed
           over the networks) and epochs_per_network; rows_per_epoch; seconds (all of
           sae_fit(): the time to the final model); last_network_best_epoch_seconds (from the
           start of sae_fit() to the end of the epoch the last network keeps); train_loss;
           test_loss (mean over users of each user's RMSE); rmse; peak_rss_mb.
  predict  Trains the seed preset, since sae_predict() reads one user's row, which only a
           user-based model can use; then times predictions.
           Flags: --data --split --epochs --threads --seed --repeat
           Prints: preset, split, trainer, threads, n_items, repeat; predict_median_us and
           predict_p99_us (over --repeat sae_predict() calls for one user); predict_users and
           predict_users_seconds (one sae_predict_users() call for every user); peak_rss_mb.
  scale    Trains on synthetic ratings with the shape of a MovieLens release.
           Flags: --shape --preset --epochs --threads --seed
           Prints: shape, users, items, ratings, preset, trainer, threads, networks, epochs,
           epochs_per_network, seconds, seconds_per_epoch (one epoch of every network,
           summed), peak_rss_mb; or not_trained with libsae's reason when it refuses the
           network for that shape.
  floor    Times the bare RMSprop update on one thread, the floor of the seed preset's steps.
           Flags: --params --steps
           Prints: params, steps, seconds, ns_per_param.

Flags:
  --data DIR      ML-100K folder; default $SAE_DATA_DIR
  --split NAME    reads NAME.base and NAME.test in DIR; default u1
  --preset NAME   seed or default; default seed
  --shape NAME    ml-100k, ml-1m, ml-10m or ml-20m; default ml-1m
  --epochs N      1..1000000, most epochs of each network; default the preset's (scale: 1)
  --threads T     0..1024 threads of the per-user trainer, 0 = one per core; default 1
  --seed S        0..18446744073709551615, seed of the model and of scale's ratings; default 1
  --repeat K      1..10000000 timed sae_predict() calls; default 2000
  --params P      1..268435456 parameters per update step; default 69412
  --steps S       1..10000000000 update steps; default 188600
  -h, --help      prints this text and exits
)";

struct mode_flags
{
    std::string mode;
    std::vector<std::string> flags;
};

// A flag a mode does not read is refused rather than ignored, so that a mistyped run does not
// pass for the one that was meant.
const std::vector<mode_flags> modes = {
    {"train", {"--data", "--split", "--preset", "--epochs", "--threads", "--seed"}},
    {"predict", {"--data", "--split", "--epochs", "--threads", "--seed", "--repeat"}},
    {"scale", {"--shape", "--preset", "--epochs", "--threads", "--seed"}},
    {"floor", {"--params", "--steps"}},
};

bool is_help(const std::string& word)
{
    return word == "--help" || word == "-h";
}

const mode_flags& mode_named(const std::string& name)
{
    for (const mode_flags& m : modes)
    {
        if (m.mode == name)
        {
            return m;
        }
    }
    throw std::invalid_argument("unknown mode '" + name + "' (train, predict, scale, floor)");
}

void require_flag_of(const mode_flags& mode, const std::string& flag)
{
    if (std::find(mode.flags.begin(), mode.flags.end(), flag) != mode.flags.end())
    {
        return;
    }

    std::string known;
    for (const std::string& f : mode.flags)
    {
        known += (known.empty() ? "" : " ") + f;
    }
    throw std::invalid_argument("'" + flag + "' is not a flag of " + mode.mode + " (it reads "
                                + known + ")");
}

/// Reads `text` as a whole number in [low, high].
///
/// Only decimal digits are taken, as by the sae tool: strtoull would also accept leading
/// spaces and a '+', and wrap a '-' around. A leading '-' is read so that the message can say
/// the value is out of range rather than not a number.
std::uint64_t bounded(const std::string& flag,
                      const std::string& text,
                      std::uint64_t low,
                      std::uint64_t high)
{
    bool negative = !text.empty() && text[0] == '-';
    std::string digits = negative ? text.substr(1) : text;
    bool all_digits = !digits.empty() && std::all_of(digits.begin(), digits.end(), [](char c) {
        return c >= '0' && c <= '9';
    });
    if (!all_digits)
    {
        throw std::invalid_argument(flag + ": '" + text + "' is not a number");
    }

    const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t value = 0;
    bool in_range = !negative;
    for (char c : digits)
    {
        auto digit = std::uint64_t(c - '0');
        in_range = in_range && value <= (max - digit) / 10;
        value = in_range ? value * 10 + digit : 0;
    }
    if (!in_range || value < low || value > high)
    {
        throw std::invalid_argument(flag + ": '" + text + "' must be in " + std::to_string(low)
                                    + ".." + std::to_string(high));
    }
    return value;
}

void set_flag(arguments& args, const std::string& flag, const std::string& value)
{
    const std::uint64_t any = std::numeric_limits<std::uint64_t>::max();
    if (flag == "--data")
    {
        args.data = value;
    }
    else if (flag == "--split")
    {
        args.split = value;
    }
    else if (flag == "--preset")
    {
        args.preset = value;
    }
    else if (flag == "--shape")
    {
        args.shape = value;
    }
    else if (flag == "--epochs")
    {
        // The bounds libsae itself sets on sae_options.epochs and .threads.
        args.epochs = std::uint32_t(bounded(flag, value, 1, 1000000));
    }
    else if (flag == "--threads")
    {
        args.threads = std::uint32_t(bounded(flag, value, 0, 1024));
    }
    else if (flag == "--seed")
    {
        args.seed = bounded(flag, value, 0, any);
    }
    else if (flag == "--repeat")
    {
        // Every call's latency is kept in memory for the median: 80 MB at the bound.
        args.repeat = bounded(flag, value, 1, 10000000);
    }
    else if (flag == "--params")
    {
        args.params = bounded(flag, value, 1, std::uint64_t(1) << 28);
    }
    else
    {
        args.steps = bounded(flag, value, 1, 10000000000);
    }
}

}  // namespace

arguments parse_arguments(int argc, char** argv)
{
    arguments args;
    if (argc < 2)
    {
        throw std::invalid_argument("usage: sae_bench train|predict|scale|floor [--flag value]..."
                                    " (sae_bench --help describes them)");
    }
    args.mode = argv[1];
    if (is_help(args.mode))
    {
        args.help = true;
        return args;
    }
    const mode_flags& mode = mode_named(args.mode);
    if (const char* dir = std::getenv("SAE_DATA_DIR"))
    {
        args.data = dir;
    }

    for (int i = 2; i < argc; i += 2)
    {
        std::string flag = argv[i];
        if (is_help(flag))
        {
            args.help = true;
            return args;
        }
        require_flag_of(mode, flag);
        if (i + 1 >= argc || std::string(argv[i + 1]).rfind("--", 0) == 0)
        {
            throw std::invalid_argument(flag + " needs a value");
        }
        set_flag(args, flag, argv[i + 1]);
    }
    return args;
}

const char* usage_text()
{
    return usage;
}

}  // namespace sae_bench
