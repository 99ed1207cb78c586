// Benchmarks of libsae through its C API; every mode prints one JSON object on stdout.
//
//   sae_bench train   --data DIR [--split u1] [--preset seed] [--epochs N] [--threads T]
//   sae_bench predict --data DIR [--split u1] [--epochs N] [--repeat K]
//   sae_bench scale   --shape ml-1m [--preset seed] [--epochs N] [--threads T]
//   sae_bench floor   [--params 69412] [--steps 188600]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <sae.h>

#include "bare_update.hpp"
#include "synthetic.hpp"

namespace
{

struct arguments
{
    std::string mode;
    std::string data;
    std::string split = "u1";
    std::string preset = "seed";
    std::string shape = "ml-1m";
    long epochs = -1;
    long threads = 1;
    long repeat = 2000;
    long params = 69412;
    long steps = 188600;
    long seed = 1;
};

long number(const std::string& flag, const char* text)
{
    char* end = nullptr;
    long value = std::strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value < 0)
    {
        throw std::invalid_argument(flag + " needs a non-negative integer, not '" + text + "'");
    }
    return value;
}

arguments parse(int argc, char** argv)
{
    arguments args;
    if (argc < 2)
    {
        throw std::invalid_argument("usage: sae_bench train|predict|scale|floor [--flag value]...");
    }
    args.mode = argv[1];
    if (const char* dir = std::getenv("SAE_DATA_DIR"))
    {
        args.data = dir;
    }

    for (int i = 2; i < argc; i += 2)
    {
        std::string flag = argv[i];
        if (i + 1 >= argc || std::string(argv[i + 1]).rfind("--", 0) == 0)
        {
            throw std::invalid_argument(flag + " needs a value");
        }
        const char* value = argv[i + 1];
        if (flag == "--data") args.data = value;
        else if (flag == "--split") args.split = value;
        else if (flag == "--preset") args.preset = value;
        else if (flag == "--shape") args.shape = value;
        else if (flag == "--epochs") args.epochs = number(flag, value);
        else if (flag == "--threads") args.threads = number(flag, value);
        else if (flag == "--repeat") args.repeat = std::max(1L, number(flag, value));
        else if (flag == "--params") args.params = std::max(1L, number(flag, value));
        else if (flag == "--steps") args.steps = number(flag, value);
        else if (flag == "--seed") args.seed = number(flag, value);
        else throw std::invalid_argument("unknown flag " + flag);
    }
    return args;
}

/// Turns a failed libsae call into an exception carrying libsae's own message.
void check(int status, const char* what)
{
    if (status != SAE_OK)
    {
        throw std::runtime_error(std::string(what) + ": " + sae_status_string(status) + ": "
                                 + sae_last_error());
    }
}

double peak_rss_mb()
{
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // Linux reports kibibytes.
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

sae_options options_for(const arguments& args)
{
    sae_options opts = {};
    check(sae_options_preset(&opts, args.preset.c_str()), "preset");
    if (args.epochs >= 0)
    {
        opts.epochs = std::uint32_t(args.epochs);
    }
    opts.threads = std::uint32_t(args.threads);
    opts.seed = std::uint64_t(args.seed);
    return opts;
}

/// Owns what a mode creates, so that an exception releases it too.
struct handles
{
    sae_dataset* train = nullptr;
    sae_dataset* test = nullptr;
    sae_model* model = nullptr;

    handles() = default;
    handles(const handles&) = delete;
    handles& operator=(const handles&) = delete;
    ~handles()
    {
        sae_free(model);
        sae_dataset_free(train);
        sae_dataset_free(test);
    }
};

/// What the progress callback learns: the time at which the best epoch so far ended.
struct fit_trace
{
    double last_seconds = 0.0;
    double best_seconds = 0.0;
    std::uint32_t epochs_run = 0;
    double train_loss = 0.0;
};

int record_epoch(const sae_epoch_report* report, void* user_data)
{
    auto* trace = static_cast<fit_trace*>(user_data);
    trace->last_seconds = report->elapsed_seconds;
    trace->epochs_run = report->epoch;
    trace->train_loss = report->train_loss;
    if (report->best_epoch == 0 || report->best_epoch == report->epoch)
    {
        trace->best_seconds = report->elapsed_seconds;
    }
    return 0;
}

/// Loads the split and trains; returns the wall seconds of sae_fit().
double load_and_fit(const arguments& args, handles& h, fit_trace& trace)
{
    if (args.data.empty())
    {
        throw std::invalid_argument("pass --data or set SAE_DATA_DIR");
    }
    check(sae_dataset_load_split(&h.train, &h.test, args.data.c_str(), args.split.c_str()),
          "load");
    sae_options opts = options_for(args);
    check(sae_create(&h.model, &opts), "create");

    auto start = std::chrono::steady_clock::now();
    check(sae_fit(h.model, h.train, record_epoch, &trace), "fit");
    return seconds_since(start);
}

void run_train(const arguments& args)
{
    handles h;
    fit_trace trace;
    double seconds = load_and_fit(args, h, trace);

    sae_metrics metrics = {};
    metrics.struct_size = sizeof metrics;
    check(sae_evaluate(&metrics, h.model, h.train, h.test), "evaluate");

    std::printf("{\"implementation\": \"libsae %s\", \"preset\": \"%s\", \"split\": \"%s\", "
                "\"seed\": %ld, \"epochs\": %u, \"threads\": %ld, \"seconds\": %.3f, "
                "\"seconds_to_best_epoch\": %.3f, \"train_loss\": %.6f, \"test_loss\": %.6f, "
                "\"rmse\": %.6f, \"peak_rss_mb\": %.1f}\n",
                sae_version(), args.preset.c_str(), args.split.c_str(), args.seed,
                trace.epochs_run, args.threads, seconds, trace.best_seconds, trace.train_loss,
                metrics.mean_user_rmse, metrics.rmse, peak_rss_mb());
}

void run_predict(arguments args)
{
    // sae_predict() takes one user's row, which only a user-based model reads.
    args.preset = "seed";
    handles h;
    fit_trace trace;
    load_and_fit(args, h, trace);

    std::uint32_t n_users = sae_dataset_n_users(h.train);
    std::uint32_t n_items = sae_model_n_items(h.model);
    std::vector<float> row(n_items), out(n_items);
    check(sae_dataset_user_row(row.data(), row.size(), h.train, 1), "user row");

    // The median of many single calls, since one call is shorter than a scheduler tick.
    std::vector<double> latencies;
    for (long r = 0; r < args.repeat; ++r)
    {
        auto start = std::chrono::steady_clock::now();
        check(sae_predict(out.data(), out.size(), h.model, row.data(), row.size()), "predict");
        latencies.push_back(seconds_since(start));
    }
    std::sort(latencies.begin(), latencies.end());

    std::vector<std::uint32_t> ids(n_users);
    for (std::uint32_t u = 0; u < n_users; ++u)
    {
        ids[u] = u + 1;
    }
    std::vector<float> all(std::size_t(n_users) * n_items);
    auto start = std::chrono::steady_clock::now();
    check(sae_predict_users(all.data(), all.size(), h.model, h.train, ids.data(), ids.size()),
          "predict users");
    double all_seconds = seconds_since(start);

    std::printf("{\"preset\": \"seed\", \"n_items\": %u, \"predict_median_us\": %.2f, "
                "\"predict_p99_us\": %.2f, \"predict_users\": %u, \"predict_users_seconds\": "
                "%.4f, \"users_per_second\": %.0f, \"peak_rss_mb\": %.1f}\n",
                n_items, latencies[latencies.size() / 2] * 1e6,
                latencies[latencies.size() * 99 / 100] * 1e6, n_users, all_seconds,
                double(n_users) / all_seconds, peak_rss_mb());
}

void run_scale(const arguments& args)
{
    sae_bench::shape s = sae_bench::shape_named(args.shape);
    sae_bench::triples t = sae_bench::generate(s, std::uint64_t(args.seed));
    handles h;
    check(sae_dataset_from_arrays(&h.train, t.users.data(), t.items.data(), t.ratings.data(),
                                  t.ratings.size()),
          "dataset");
    t = {};

    sae_options opts = options_for(args);
    if (args.epochs < 0)
    {
        opts.epochs = 1;
    }
    check(sae_create(&h.model, &opts), "create");
    fit_trace trace;
    auto start = std::chrono::steady_clock::now();
    int status = sae_fit(h.model, h.train, record_epoch, &trace);
    double seconds = seconds_since(start);

    // A network the library refuses for this shape (too many parameters) is a finding of the
    // benchmark, not a broken one.
    if (status == SAE_ERR_INVALID_ARGUMENT)
    {
        std::string reason = sae_last_error();
        std::replace(reason.begin(), reason.end(), '"', '\'');
        std::printf("{\"shape\": \"%s\", \"users\": %u, \"items\": %u, \"ratings\": %llu, "
                    "\"preset\": \"%s\", \"threads\": %ld, \"not_trained\": \"%s\", "
                    "\"peak_rss_mb\": %.1f}\n",
                    s.name.c_str(), s.n_users, s.n_items, (unsigned long long)s.n_ratings,
                    args.preset.c_str(), args.threads, reason.c_str(), peak_rss_mb());
        return;
    }
    check(status, "fit");

    std::printf("{\"shape\": \"%s\", \"users\": %u, \"items\": %u, \"ratings\": %llu, "
                "\"preset\": \"%s\", \"threads\": %ld, \"epochs\": %u, \"seconds\": %.3f, "
                "\"seconds_per_epoch\": %.3f, \"peak_rss_mb\": %.1f}\n",
                s.name.c_str(), s.n_users, s.n_items, (unsigned long long)s.n_ratings,
                args.preset.c_str(), args.threads, trace.epochs_run, seconds,
                trace.epochs_run ? seconds / trace.epochs_run : 0.0, peak_rss_mb());
}

void run_floor(const arguments& args)
{
    double seconds = sae_bench::time_bare_update(std::size_t(args.params),
                                                 std::size_t(args.steps));
    std::printf("{\"params\": %ld, \"steps\": %ld, \"seconds\": %.3f, \"ns_per_param\": %.4f}\n",
                args.params, args.steps, seconds,
                args.steps ? seconds * 1e9 / (double(args.params) * double(args.steps)) : 0.0);
}

}  // namespace

int main(int argc, char** argv)
{
    try
    {
        arguments args = parse(argc, argv);
        if (args.mode == "train") run_train(args);
        else if (args.mode == "predict") run_predict(args);
        else if (args.mode == "scale") run_scale(args);
        else if (args.mode == "floor") run_floor(args);
        else throw std::invalid_argument("unknown mode '" + args.mode + "'");
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "sae_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
