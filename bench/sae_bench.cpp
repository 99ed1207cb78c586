// Benchmarks of libsae through its C API; every mode prints one JSON object on one line of stdout.
//
//   sae_bench train   [--data DIR] [--split u1] [--preset seed] [--epochs N] [--threads 1]
//                     [--seed 1]
//   sae_bench predict [--data DIR] [--split u1] [--epochs N] [--threads 1] [--seed 1]
//                     [--repeat 2000]
//   sae_bench scale   [--shape ml-1m] [--preset seed] [--epochs 1] [--threads 1] [--seed 1]
//   sae_bench floor   [--params 69412] [--steps 188600]
//   sae_bench [MODE] --help
//
// --data defaults to $SAE_DATA_DIR and --epochs to the preset's count; `sae_bench MODE --help`
// gives each flag's range.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <sae.h>

#include "arguments.hpp"
#include "bare_update.hpp"
#include "synthetic.hpp"

using sae_bench::arguments;
// Fields stay in the order they are set; the report reads them by name.
using json_line = nlohmann::ordered_json;

namespace
{

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
    if (args.epochs)
    {
        opts.epochs = *args.epochs;
    }
    opts.threads = args.threads;
    opts.seed = args.seed;
    return opts;
}

/// Threads the per-user trainer runs, with 0 resolved as libsae resolves it: one per core.
std::uint32_t threads_used(const sae_options& opts)
{
    if (opts.threads > 0)
    {
        return opts.threads;
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

/// Writes `line` and a newline to stdout; NaN and infinity become null, and bytes that are
/// not UTF-8 (a path, an error message) become U+FFFD, so the line stays valid JSON.
void print(const json_line& line)
{
    std::string text = line.dump(-1, ' ', false, json_line::error_handler_t::replace);
    std::printf("%s\n", text.c_str());
}

/// How the options train: the batched trainer runs on the calling thread whatever `threads`.
void add_trainer(json_line& line, const sae_options& opts)
{
    line["trainer"] = opts.batch_size == 0 ? "per_user" : "batched";
    line["threads"] = threads_used(opts);
    line["networks"] = opts.ensemble_size;
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

/// What the progress callback learns about the networks of one sae_fit() call.
struct fit_trace
{
    std::vector<std::uint32_t> epochs_per_network;
    /// libsae's elapsed time, counted from the start of sae_fit(), at the end of the epoch the
    /// last network keeps: its best one when it validates, else its last.
    double last_network_best_seconds = 0.0;
    std::uint32_t rows_per_epoch = 0;
    double train_loss = 0.0;

    [[nodiscard]] std::uint64_t epochs_total() const
    {
        return std::accumulate(epochs_per_network.begin(), epochs_per_network.end(),
                               std::uint64_t(0));
    }
};

int record_epoch(const sae_epoch_report* report, void* user_data)
{
    auto* trace = static_cast<fit_trace*>(user_data);
    std::size_t network = std::max(1u, report->ensemble_member);
    if (trace->epochs_per_network.size() < network)
    {
        trace->epochs_per_network.resize(network, 0);
    }
    trace->epochs_per_network[network - 1] = report->epoch;
    trace->rows_per_epoch = report->n_users_trained;
    trace->train_loss = report->train_loss;

    // The networks train one after another, so the latest report is from the last network.
    if (report->best_epoch == 0 || report->best_epoch == report->epoch)
    {
        trace->last_network_best_seconds = report->elapsed_seconds;
    }
    return 0;
}

/// Loads the split and trains; returns the wall seconds of sae_fit().
double load_and_fit(const arguments& args, const sae_options& opts, handles& h, fit_trace& trace)
{
    if (args.data.empty())
    {
        throw std::invalid_argument("pass --data or set SAE_DATA_DIR");
    }
    check(sae_dataset_load_split(&h.train, &h.test, args.data.c_str(), args.split.c_str()),
          "load");
    check(sae_create(&h.model, &opts), "create");

    auto start = std::chrono::steady_clock::now();
    check(sae_fit(h.model, h.train, record_epoch, &trace), "fit");
    return seconds_since(start);
}

void run_train(const arguments& args)
{
    handles h;
    fit_trace trace;
    sae_options opts = options_for(args);
    double seconds = load_and_fit(args, opts, h, trace);

    sae_metrics metrics = {};
    metrics.struct_size = sizeof metrics;
    check(sae_evaluate(&metrics, h.model, h.train, h.test), "evaluate");

    json_line line;
    line["implementation"] = std::string("libsae ") + sae_version();
    line["preset"] = args.preset;
    line["split"] = args.split;
    line["seed"] = args.seed;
    add_trainer(line, opts);
    line["patience"] = opts.patience;
    line["epochs"] = trace.epochs_total();
    line["epochs_per_network"] = trace.epochs_per_network;
    line["rows_per_epoch"] = trace.rows_per_epoch;
    line["seconds"] = seconds;
    line["last_network_best_epoch_seconds"] = trace.last_network_best_seconds;
    line["train_loss"] = trace.train_loss;
    line["test_loss"] = metrics.mean_user_rmse;
    line["rmse"] = metrics.rmse;
    line["peak_rss_mb"] = peak_rss_mb();
    print(line);
}

/// Seconds of each of `repeat` sae_predict() calls for one user, sorted.
std::vector<double> single_user_latencies(const handles& h, std::uint64_t repeat)
{
    std::uint32_t n_items = sae_model_n_items(h.model);
    std::vector<float> row(n_items), out(n_items);
    check(sae_dataset_user_row(row.data(), row.size(), h.train, 1), "user row");

    // Many single calls and their median, since one call is shorter than a scheduler tick.
    std::vector<double> latencies;
    latencies.reserve(repeat);
    for (std::uint64_t r = 0; r < repeat; ++r)
    {
        auto start = std::chrono::steady_clock::now();
        check(sae_predict(out.data(), out.size(), h.model, row.data(), row.size()), "predict");
        latencies.push_back(seconds_since(start));
    }
    std::sort(latencies.begin(), latencies.end());
    return latencies;
}

/// Seconds of one sae_predict_users() call for every user of the training set.
double all_users_seconds(const handles& h)
{
    std::uint32_t n_users = sae_dataset_n_users(h.train);
    std::vector<std::uint32_t> ids(n_users);
    std::iota(ids.begin(), ids.end(), 1u);
    std::vector<float> all(std::size_t(n_users) * sae_model_n_items(h.model));

    auto start = std::chrono::steady_clock::now();
    check(sae_predict_users(all.data(), all.size(), h.model, h.train, ids.data(), ids.size()),
          "predict users");
    return seconds_since(start);
}

void run_predict(const arguments& args)
{
    // sae_predict() takes one user's row, which only a user-based model reads.
    arguments seeded = args;
    seeded.preset = "seed";
    sae_options opts = options_for(seeded);
    handles h;
    fit_trace trace;
    load_and_fit(seeded, opts, h, trace);

    std::vector<double> latencies = single_user_latencies(h, args.repeat);
    double all_seconds = all_users_seconds(h);

    json_line line;
    line["preset"] = seeded.preset;
    line["split"] = args.split;
    add_trainer(line, opts);
    line["n_items"] = sae_model_n_items(h.model);
    line["repeat"] = args.repeat;
    line["predict_median_us"] = latencies[latencies.size() / 2] * 1e6;
    line["predict_p99_us"] = latencies[latencies.size() * 99 / 100] * 1e6;
    line["predict_users"] = sae_dataset_n_users(h.train);
    line["predict_users_seconds"] = all_seconds;
    line["peak_rss_mb"] = peak_rss_mb();
    print(line);
}

void add_shape(json_line& line, const sae_bench::shape& s, const arguments& args)
{
    line["shape"] = s.name;
    line["users"] = s.n_users;
    line["items"] = s.n_items;
    line["ratings"] = s.n_ratings;
    line["preset"] = args.preset;
}

void run_scale(const arguments& args)
{
    sae_bench::shape s = sae_bench::shape_named(args.shape);
    sae_bench::triples t = sae_bench::generate(s, args.seed);
    handles h;
    check(sae_dataset_from_arrays(&h.train, t.users.data(), t.items.data(), t.ratings.data(),
                                  t.ratings.size()),
          "dataset");
    t = {};

    sae_options opts = options_for(args);
    opts.epochs = args.epochs.value_or(1);
    check(sae_create(&h.model, &opts), "create");
    fit_trace trace;
    auto start = std::chrono::steady_clock::now();
    int status = sae_fit(h.model, h.train, record_epoch, &trace);
    double seconds = seconds_since(start);

    json_line line;
    add_shape(line, s, args);
    add_trainer(line, opts);

    // A network the library refuses for this shape (too many parameters) is a finding of the
    // benchmark, not a broken one.
    if (status == SAE_ERR_INVALID_ARGUMENT)
    {
        line["not_trained"] = sae_last_error();
        line["peak_rss_mb"] = peak_rss_mb();
        print(line);
        return;
    }
    check(status, "fit");

    // The networks of an ensemble run the same epochs here, so this is one epoch of each.
    std::uint64_t epochs = trace.epochs_total();
    double per_epoch = epochs > 0 ? seconds * opts.ensemble_size / double(epochs)
                                  : std::numeric_limits<double>::quiet_NaN();
    line["epochs"] = epochs;
    line["epochs_per_network"] = trace.epochs_per_network;
    line["seconds"] = seconds;
    line["seconds_per_epoch"] = per_epoch;
    line["peak_rss_mb"] = peak_rss_mb();
    print(line);
}

void run_floor(const arguments& args)
{
    double seconds = sae_bench::time_bare_update(std::size_t(args.params),
                                                 std::size_t(args.steps));
    json_line line;
    line["params"] = args.params;
    line["steps"] = args.steps;
    line["seconds"] = seconds;
    line["ns_per_param"] = seconds * 1e9 / (double(args.params) * double(args.steps));
    print(line);
}

void run(const arguments& args)
{
    if (args.mode == "train")
    {
        run_train(args);
    }
    else if (args.mode == "predict")
    {
        run_predict(args);
    }
    else if (args.mode == "scale")
    {
        run_scale(args);
    }
    else
    {
        run_floor(args);
    }
}

}  // namespace

int main(int argc, char** argv)
{
    try
    {
        arguments args;
        int status = sae_bench::parse_arguments(argc, argv, args);
        if (status >= 0)
        {
            return status;
        }
        run(args);
    }
    catch (const std::exception& e)
    {
        std::fprintf(stderr, "sae_bench: %s\n", e.what());
        return 1;
    }
    return 0;
}
