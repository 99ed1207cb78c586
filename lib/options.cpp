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

/// The fields only the batched trainer reads, and the notebook trainer's restrictions.
void validate_batched(const sae_options& opts)
{
    require(opts.orientation == SAE_ORIENTATION_USER || opts.orientation == SAE_ORIENTATION_ITEM,
            "orientation", std::to_string(opts.orientation), "not an sae_orientation value");
    require(opts.batch_size <= (1u << 24), "batch_size", std::to_string(opts.batch_size),
            "must be at most 16777216");
    if (opts.batch_size == 0)
    {
        require(opts.optimizer == SAE_OPTIMIZER_RMSPROP, "optimizer",
                std::to_string(opts.optimizer), "batch_size 0 (one user per step) needs RMSprop");
        require(opts.orientation == SAE_ORIENTATION_USER, "orientation",
                std::to_string(opts.orientation), "batch_size 0 (one user per step) needs users");
        require(opts.ensemble_size == 1, "ensemble_size", std::to_string(opts.ensemble_size),
                "batch_size 0 (one user per step) trains a single network");
    }

    require(std::isfinite(opts.l2) && opts.l2 >= 0, "l2", text(opts.l2),
            "must be finite and not negative");
    require(opts.input_dropout >= 0 && opts.input_dropout < 1, "input_dropout",
            text(opts.input_dropout), "must be in [0, 1)");
    require(opts.hidden_dropout >= 0 && opts.hidden_dropout < 1, "hidden_dropout",
            text(opts.hidden_dropout), "must be in [0, 1)");
    require(opts.momentum >= 0 && opts.momentum < 1, "momentum", text(opts.momentum),
            "must be in [0, 1)");
    require(opts.beta2 >= 0 && opts.beta2 < 1, "beta2", text(opts.beta2), "must be in [0, 1)");
    require(opts.validation_fraction >= 0 && opts.validation_fraction < 1,
            "validation_fraction", text(opts.validation_fraction), "must be in [0, 1)");
    require(opts.ensemble_size >= 1 && opts.ensemble_size <= 64, "ensemble_size",
            std::to_string(opts.ensemble_size), "must be between 1 and 64");
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
    opts.orientation = SAE_ORIENTATION_USER;
    opts.batch_size = 0;
    opts.l2 = 0.0;
    opts.input_dropout = 0.0;
    opts.hidden_dropout = 0.0;
    opts.momentum = 0.9;
    opts.beta2 = 0.999;
    opts.validation_fraction = 0.0;
    opts.patience = 0;
    opts.ensemble_size = 1;
    return opts;
}

sae_options default_options() noexcept
{
    // Item-based autoencoder (I-AutoRec): an item's ratings by all users in, the same out,
    // through one wide sigmoid layer, with the weight penalty in the loss. The values were
    // chosen on validation ratings drawn from u1.base only; see the README for the figures.
    sae_options opts = seed_options();
    opts.orientation = SAE_ORIENTATION_ITEM;
    opts.n_hidden = 1;
    opts.hidden_sizes[0] = 500;
    opts.hidden_sizes[1] = 0;
    opts.hidden_sizes[2] = 0;
    opts.optimizer = SAE_OPTIMIZER_ADAM;
    opts.learning_rate = 2e-3;
    opts.weight_decay = 0.0;
    opts.epsilon = 1e-8;
    opts.accumulate_gradients = 0;
    opts.batch_size = 256;
    opts.l2 = 60.0;
    opts.input_dropout = 0.2;
    opts.epochs = 150;
    opts.validation_fraction = 0.05;
    opts.patience = 10;
    opts.clip_predictions = 1;

    // Each network holds out other validation ratings, so together they train on all of them;
    // averaging three gained about 0.005 RMSE over one on u1.
    opts.ensemble_size = 3;
    return opts;
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
    require(opts.optimizer >= SAE_OPTIMIZER_RMSPROP && opts.optimizer <= SAE_OPTIMIZER_ADAMW,
            "optimizer", std::to_string(opts.optimizer), "not an sae_optimizer value");
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
    // Bounded so that the scale survives the conversion to float, where predictions live.
    require(std::fabs(opts.rating_min) <= 1e6 && std::fabs(opts.rating_max) <= 1e6
                && opts.rating_min < opts.rating_max,
            "rating_min", text(opts.rating_min),
            "must be below rating_max, both within [-1e6, 1e6]");
    validate_batched(opts);
}

}  // namespace sae
