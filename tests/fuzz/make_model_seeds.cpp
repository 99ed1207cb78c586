// Writes small valid model files into the folder given as the argument: seeds for the model
// file fuzz target, made at build time rather than committed because they are binary.
#include <cstdio>
#include <string>
#include <vector>

#include "error.hpp"
#include "model_file.hpp"
#include "network.hpp"
#include "options.hpp"

namespace
{

void write_seed(const std::string& path, const sae_options& opts, std::uint32_t width,
                std::uint32_t n_items)
{
    std::vector<sae::network> nets;
    for (std::uint32_t k = 0; k < opts.ensemble_size; ++k)
    {
        nets.emplace_back(width, opts);
        nets.back().initialise(opts.seed + k);
    }
    sae::save_model(path, opts, nets, n_items);
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 2)
    {
        std::fprintf(stderr, "usage: %s FOLDER\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];

    try
    {
        // The notebook's kind of model, shrunk: 3 items, layers of 2 and 1.
        sae_options user = sae::seed_options();
        user.n_hidden = 2;
        user.hidden_sizes[0] = 2;
        user.hidden_sizes[1] = 1;
        write_seed(dir + "/user.sae", user, 3, 3);

        // A batched, item-based ensemble of two: rows are 4 users wide, 2 items predicted.
        sae_options item = user;
        item.orientation = SAE_ORIENTATION_ITEM;
        item.batch_size = 4;
        item.ensemble_size = 2;
        item.hidden_activations[1] = SAE_ACTIVATION_SELU;
        write_seed(dir + "/item-ensemble.sae", item, 4, 2);
    }
    catch (const sae::error& e)
    {
        std::fprintf(stderr, "make_model_seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
