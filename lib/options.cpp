#include "options.hpp"

#include <cmath>

#include "activation.hpp"
#include "error.hpp"

namespace sae
{
namespace
{

void require(bool ok, const std::string& field, const std::string& value, const char* rule)
{
    if (!ok)
    {
        fail(SAE_ERR_INVALID_ARGUMENT,
             "options: " + field + " = " + value + " is invalid: " + rule);
    }
}

std::string text(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

}  // namespace

sae_options seed_options() noexcept
{
    sae_options opts = {};
    opts.struct_size = sizeof(sae_options);
    opts.n_hidden = 3;
    opts.hidden_sizes[0] = 20;
    opts.hidden_sizes[1] = 10;
    opts.hidden_sizes[2] = 20;
    for (int32_t& activation : opts.hidden_activations)
    {
        activation = SAE_ACTIVATION_SIGMOID;
    }
    opts.output_activation = SAE_ACTIVATION_IDENTITY;
    opts.optimizer = SAE_OPTIMIZER_RMSPROP;
    opts.learning_rate = 0.01;
    opts.weight_decay = 0.5;
    opts.rmsprop_alpha = 0.99;
    opts.epsilon = 1e-8;
    opts.epochs = 200;
    opts.accumulate_gradients = 1;
    opts.seed = 1;
    opts.threads = 0;
    opts.clip_predictions = 0;
    opts.rating_min = 1.0;
    opts.rating_max = 5.0;
    return opts;
}

sae_options default_options() noexcept
{
    // TODO: the default is the notebook's configuration until a configuration tuned on
    // validation ratings has been measured to beat it.
    return seed_options();
}

sae_options preset_options(const std::string& name)
{
    if (name == "default")
    {
        return default_options();
    }
    if (name == "seed")
    {
        return seed_options();
    }
    fail(SAE_ERR_INVALID_ARGUMENT, "unknown preset '" + name + "' (known: default, seed)");
}

void validate(const sae_options& opts)
{
    require(opts.n_hidden >= 1 && opts.n_hidden <= SAE_MAX_HIDDEN_LAYERS, "n_hidden",
            std::to_string(opts.n_hidden), "must be between 1 and 8");

    for (std::uint32_t l = 0; l < opts.n_hidden; ++l)
    {
        std::string index = "[" + std::to_string(l) + "]";
        require(opts.hidden_sizes[l] >= 1 && opts.hidden_sizes[l] <= max_hidden_size,
                "hidden_sizes" + index, std::to_string(opts.hidden_sizes[l]),
                "must be between 1 and 65536");
        require(is_activation(opts.hidden_activations[l]), "hidden_activations" + index,
                std::to_string(opts.hidden_activations[l]), "not an sae_activation value");
    }

    require(is_activation(opts.output_activation), "output_activation",
            std::to_string(opts.output_activation), "not an sae_activation value");
    require(opts.optimizer == SAE_OPTIMIZER_RMSPROP, "optimizer", std::to_string(opts.optimizer),
            "not an sae_optimizer value");
    require(std::isfinite(opts.learning_rate) && opts.learning_rate > 0, "learning_rate",
            text(opts.learning_rate), "must be finite and positive");
    require(std::isfinite(opts.weight_decay) && opts.weight_decay >= 0, "weight_decay",
            text(opts.weight_decay), "must be finite and not negative");
    require(opts.rmsprop_alpha >= 0 && opts.rmsprop_alpha < 1, "rmsprop_alpha",
            text(opts.rmsprop_alpha), "must be in [0, 1)");
    require(std::isfinite(opts.epsilon) && opts.epsilon > 0, "epsilon", text(opts.epsilon),
            "must be finite and positive");
    require(opts.epochs >= 1 && opts.epochs <= 1000000, "epochs", std::to_string(opts.epochs),
            "must be between 1 and 1000000");
    require(opts.threads <= 1024, "threads", std::to_string(opts.threads),
            "must be at most 1024 (0 means all cores)");
    require(std::isfinite(opts.rating_min) && std::isfinite(opts.rating_max)
                && opts.rating_min < opts.rating_max,
            "rating_min", text(opts.rating_min), "must be finite and below rating_max");
}

}  // namespace sae
