#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <vector>

#include <sae.h>

#include "cli_error.hpp"
#include "commands.hpp"
#include "count_text.hpp"
#include "data_source.hpp"
#include "movie_titles.hpp"
#include "number_check.hpp"

namespace sae_cli
{

namespace
{

struct recommend_args
{
    std::string model_path;
    data_source data;
    /// Wider than a user id, so that any whole number reaches check_user() and its message.
    uint64_t user = 0;
    uint32_t top = 10;
};

/// One movie the user has not rated, with the rating the model predicts for it.
struct candidate
{
    uint32_t movie;
    float rating;
};

void check_user(const recommend_args& args, const sae_dataset& base)
{
    const uint32_t n_users = sae_dataset_n_users(&base);
    if (args.user == 0 || args.user > n_users)
    {
        throw cli_error(SAE_ERR_INVALID_ARGUMENT,
                        "--user " + std::to_string(args.user) + " is not in " + args.data.split
                            + ".base, whose users are 1 to " + std::to_string(n_users),
                        exit_usage);
    }
}

std::vector<float> known_ratings(const sae_dataset& base, uint32_t user)
{
    std::vector<float> row(sae_dataset_n_items(&base));
    check(sae_dataset_user_row(row.data(), row.size(), &base, user));
    return row;
}

std::vector<float> predict(const sae_model& model, const std::vector<float>& known)
{
    std::vector<float> predicted(known.size());
    check(sae_predict(predicted.data(), predicted.size(), &model, known.data(), known.size()));
    return predicted;
}

std::size_t count_rated(const std::vector<float>& known)
{
    std::size_t count = 0;
    for (const float rating : known)
    {
        count += rating != 0.0f ? 1 : 0;
    }
    return count;
}

/// The `count` best unrated movies, highest prediction first; ties go to the lower id so that
/// the list does not depend on the sort.
std::vector<candidate> best_unrated(const std::vector<float>& known,
                                    const std::vector<float>& predicted,
                                    std::size_t count)
{
    std::vector<candidate> unrated;
    for (std::size_t j = 0; j < known.size(); ++j)
    {
        if (known[j] == 0.0f)
        {
            unrated.push_back({static_cast<uint32_t>(j + 1), predicted[j]});
        }
    }

    const auto better = [](const candidate& a, const candidate& b) {
        return a.rating != b.rating ? a.rating > b.rating : a.movie < b.movie;
    };
    count = std::min(count, unrated.size());
    std::partial_sort(unrated.begin(), unrated.begin() + count, unrated.end(), better);
    unrated.resize(count);
    return unrated;
}

void print_list(const recommend_args& args,
                const std::vector<candidate>& best,
                std::size_t n_rated,
                const movie_titles& titles)
{
    std::printf("user %llu rated %s in %s.base; top %zu of the rest:\n",
                static_cast<unsigned long long>(args.user), count_of(n_rated, "movie").c_str(),
                args.data.split.c_str(), best.size());
    std::printf("%4s  %6s  %5s  %s\n", "rank", "rating", "movie", "title");
    for (std::size_t rank = 0; rank < best.size(); ++rank)
    {
        std::printf("%4zu  %6.2f  %5u  %s\n", rank + 1, static_cast<double>(best[rank].rating),
                    best[rank].movie, titles.title(best[rank].movie).c_str());
    }
}

void run_recommend(const recommend_args& args)
{
    const model_ptr model = load_model(args.model_path);
    split_data split = load_split(args.data);
    match_model(split, *model, args.data);
    check_user(args, *split.base);
    const movie_titles titles((std::filesystem::path(data_dir(args.data)) / "u.item").string());

    // check_user() has kept the id within the split's users.
    const auto user = static_cast<uint32_t>(args.user);
    const std::vector<float> known = known_ratings(*split.base, user);
    const std::vector<float> predicted = predict(*model, known);
    print_list(args, best_unrated(known, predicted, args.top), count_rated(known), titles);
}

}  // namespace

void add_recommend_command(CLI::App& app)
{
    auto args = std::make_shared<recommend_args>();
    CLI::App* command = app.add_subcommand("recommend",
                                           "List the unrated movies a saved model rates highest");

    command->add_option("--model", args->model_path, "Model file written by train --save")
        ->required()
        ->type_name("FILE");
    add_data_options(*command, args->data);
    command->add_option("--user", args->user, "User id, as in the ratings files")
        ->check(whole_number())
        ->required()
        ->type_name("ID");
    command->add_option("--top", args->top, "How many movies to list")
        ->capture_default_str()
        ->check(whole_number(1, 100'000))
        ->type_name("N");

    command->callback([args] {
        run_recommend(*args);
    });
}

}  // namespace sae_cli
