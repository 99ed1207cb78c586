#include <memory>

#include "commands.hpp"
#include "data_source.hpp"
#include "metrics_report.hpp"

namespace sae_cli
{

namespace
{

struct eval_args
{
    std::string model_path;
    data_source data;
};

void run_eval(const eval_args& args)
{
    const model_ptr model = load_model(args.model_path);
    split_data split = load_split(args.data);
    match_model(split, *model, args.data);

    print_metrics(evaluate(*model, *split.base, *split.test));
}

}  // namespace

void add_eval_command(CLI::App& app)
{
    auto args = std::make_shared<eval_args>();
    CLI::App* command = app.add_subcommand("eval", "Score a saved model on a split");

    command->add_option("--model", args->model_path, "Model file written by train --save")
        ->required()
        ->type_name("FILE");
    add_data_options(*command, args->data);

    command->callback([args] {
        run_eval(*args);
    });
}

}  // namespace sae_cli
