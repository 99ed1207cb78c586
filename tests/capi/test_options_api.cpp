// Options: defaults, presets, struct_size versioning and validation by sae_create().
#include "support.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>

using namespace capi_test;

namespace
{

// The layout of sae_options is part of the ABI. Every field sits on its natural boundary, so
// these offsets hold on every platform libsae supports; a reordered field breaks the build.
static_assert(offsetof(sae_options, struct_size) == 0, "sae_options layout is fixed");
static_assert(offsetof(sae_options, n_hidden) == 4, "sae_options layout is fixed");
static_assert(offsetof(sae_options, hidden_sizes) == 8, "sae_options layout is fixed");
static_assert(offsetof(sae_options, hidden_activations) == 40, "sae_options layout is fixed");
static_assert(offsetof(sae_options, output_activation) == 72, "sae_options layout is fixed");
static_assert(offsetof(sae_options, optimizer) == 76, "sae_options layout is fixed");
static_assert(offsetof(sae_options, learning_rate) == 80, "sae_options layout is fixed");
static_assert(offsetof(sae_options, weight_decay) == 88, "sae_options layout is fixed");
static_assert(offsetof(sae_options, rmsprop_alpha) == 96, "sae_options layout is fixed");
static_assert(offsetof(sae_options, epsilon) == 104, "sae_options layout is fixed");
static_assert(offsetof(sae_options, epochs) == 112, "sae_options layout is fixed");
static_assert(offsetof(sae_options, accumulate_gradients) == 116, "sae_options layout is fixed");
static_assert(offsetof(sae_options, seed) == 120, "sae_options layout is fixed");
static_assert(offsetof(sae_options, threads) == 128, "sae_options layout is fixed");
static_assert(offsetof(sae_options, clip_predictions) == 132, "sae_options layout is fixed");
static_assert(offsetof(sae_options, rating_min) == 136, "sae_options layout is fixed");
static_assert(offsetof(sae_options, rating_max) == 144, "sae_options layout is fixed");
static_assert(offsetof(sae_options, orientation) == 152, "sae_options layout is fixed");
static_assert(offsetof(sae_options, batch_size) == 156, "sae_options layout is fixed");
static_assert(offsetof(sae_options, l2) == 160, "sae_options layout is fixed");
static_assert(offsetof(sae_options, input_dropout) == 168, "sae_options layout is fixed");
static_assert(offsetof(sae_options, hidden_dropout) == 176, "sae_options layout is fixed");
static_assert(offsetof(sae_options, momentum) == 184, "sae_options layout is fixed");
static_assert(offsetof(sae_options, beta2) == 192, "sae_options layout is fixed");
static_assert(offsetof(sae_options, validation_fraction) == 200, "sae_options layout is fixed");
static_assert(offsetof(sae_options, patience) == 208, "sae_options layout is fixed");
static_assert(offsetof(sae_options, ensemble_size) == 212, "sae_options layout is fixed");
static_assert(sizeof(sae_options) == 216, "sae_options layout is fixed");
static_assert(offsetof(sae_epoch_report, validation_rmse) == 32, "sae_epoch_report is fixed");
static_assert(offsetof(sae_epoch_report, best_epoch) == 40, "sae_epoch_report is fixed");
static_assert(sizeof(sae_epoch_report) == 48, "sae_epoch_report layout is fixed");
static_assert(sizeof(sae_metrics) == 40, "sae_metrics layout is fixed");

/// Calls sae_create() with `opts`; returns the status and checks that a failure leaves no model.
int create_status(const sae_options& opts)
{
    sae_model* model = poison<sae_model>();
    const int status = sae_create(&model, &opts);
    if (status == SAE_OK)
    {
        sae_free(model);
    }
    else
    {
        EXPECT_EQ(nullptr, model) << "a failed sae_create() must set *out to NULL";
    }
    return status;
}

/// Expects sae_create() to refuse `opts` with a message that names `field`.
void expect_rejected(const sae_options& opts, const std::string& field)
{
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, create_status(opts)) << field;
    EXPECT_TRUE(contains(last_error(), field)) << "message: " << last_error();
}

} // namespace

TEST(OptionsDefault, HasTheDocumentedValues)
{
    sae_options opts;
    sae_options_default(&opts);

    EXPECT_EQ(sizeof(sae_options), opts.struct_size);
    EXPECT_EQ(SAE_ORIENTATION_ITEM, opts.orientation);
    ASSERT_EQ(1u, opts.n_hidden);
    EXPECT_EQ(500u, opts.hidden_sizes[0]);
    EXPECT_EQ(SAE_ACTIVATION_SIGMOID, opts.hidden_activations[0]);
    EXPECT_EQ(SAE_ACTIVATION_IDENTITY, opts.output_activation);
    EXPECT_EQ(SAE_OPTIMIZER_ADAM, opts.optimizer);
    EXPECT_GT(opts.batch_size, 0u);
    EXPECT_GT(opts.l2, 0.0);
    EXPECT_DOUBLE_EQ(0.0, opts.weight_decay);
    EXPECT_DOUBLE_EQ(0.05, opts.validation_fraction);
    EXPECT_GT(opts.patience, 0u);
    EXPECT_EQ(0, opts.accumulate_gradients);
    EXPECT_EQ(1u, opts.seed);
    EXPECT_EQ(0u, opts.threads);
    EXPECT_EQ(1, opts.clip_predictions);
    EXPECT_DOUBLE_EQ(1.0, opts.rating_min);
    EXPECT_DOUBLE_EQ(5.0, opts.rating_max);
}

TEST(OptionsDefault, NullIsIgnored)
{
    sae_options_default(nullptr);
}

TEST(OptionsPreset, DefaultEqualsOptionsDefault)
{
    sae_options expected;
    sae_options_default(&expected);

    sae_options actual;
    ASSERT_EQ(SAE_OK, sae_options_preset(&actual, "default")) << last_error();
    expect_same_options(expected, actual);
}

TEST(OptionsPreset, SeedIsTheNotebookConfiguration)
{
    sae_options opts;
    ASSERT_EQ(SAE_OK, sae_options_preset(&opts, "seed")) << last_error();

    EXPECT_EQ(sizeof(sae_options), opts.struct_size);
    ASSERT_EQ(3u, opts.n_hidden);
    EXPECT_EQ(20u, opts.hidden_sizes[0]);
    EXPECT_EQ(10u, opts.hidden_sizes[1]);
    EXPECT_EQ(20u, opts.hidden_sizes[2]);
    for (std::uint32_t i = 0; i < opts.n_hidden; ++i)
    {
        EXPECT_EQ(SAE_ACTIVATION_SIGMOID, opts.hidden_activations[i]) << "layer " << i;
    }
    EXPECT_EQ(SAE_OPTIMIZER_RMSPROP, opts.optimizer);
    EXPECT_DOUBLE_EQ(0.01, opts.learning_rate);
    EXPECT_DOUBLE_EQ(0.5, opts.weight_decay);
    EXPECT_EQ(200u, opts.epochs);
    EXPECT_NE(0, opts.accumulate_gradients);
}

TEST(OptionsPreset, UnknownNameIsQuotedInTheMessage)
{
    sae_options opts;
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_options_preset(&opts, "turbo"));

    const std::string message = last_error();
    EXPECT_TRUE(contains(message, "\"turbo\"") || contains(message, "'turbo'")) << message;
}

TEST(OptionsPreset, NullArguments)
{
    sae_options opts;
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_options_preset(nullptr, "default"));
    EXPECT_STRNE("", sae_last_error());
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_options_preset(&opts, nullptr));
    EXPECT_STRNE("", sae_last_error());
}

TEST(OptionsCreate, NullOptionsMeanDefaults)
{
    sae_model* model = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&model, nullptr)) << last_error();
    model_ptr owner(model);

    sae_options expected;
    sae_options_default(&expected);
    sae_options actual;
    actual.struct_size = sizeof(actual);
    ASSERT_EQ(SAE_OK, sae_model_options(&actual, model)) << last_error();
    expect_same_options(expected, actual);
}

TEST(OptionsCreate, ModelKeepsACopyOfItsOptions)
{
    sae_options opts = small_options();
    opts.learning_rate = 0.003;
    opts.seed = 99;
    opts.clip_predictions = 1;

    sae_model* model = nullptr;
    ASSERT_EQ(SAE_OK, sae_create(&model, &opts)) << last_error();
    model_ptr owner(model);

    // Changing the caller's struct afterwards must not reach the model.
    const sae_options expected = opts;
    opts.learning_rate = 0.5;

    sae_options actual;
    actual.struct_size = sizeof(actual);
    ASSERT_EQ(SAE_OK, sae_model_options(&actual, model)) << last_error();
    expect_same_options(expected, actual);
}

TEST(OptionsCreate, NullOut)
{
    sae_options opts = small_options();
    EXPECT_EQ(SAE_ERR_INVALID_ARGUMENT, sae_create(nullptr, &opts));
    EXPECT_STRNE("", sae_last_error());
}

TEST(OptionsStructSize, ZeroIsRefused)
{
    sae_options opts = small_options();
    opts.struct_size = 0;
    EXPECT_EQ(SAE_ERR_VERSION, create_status(opts));
    EXPECT_TRUE(contains(last_error(), "struct_size")) << last_error();
}

TEST(OptionsStructSize, TooSmallIsRefused)
{
    for (std::uint32_t size : {4u, 8u, static_cast<std::uint32_t>(sizeof(sae_options) - 8)})
    {
        sae_options opts = small_options();
        opts.struct_size = size;
        EXPECT_EQ(SAE_ERR_VERSION, create_status(opts)) << "struct_size " << size;
        EXPECT_TRUE(contains(last_error(), "struct_size")) << last_error();
    }
}

TEST(OptionsStructSize, LargerThanThisBuildIsRefused)
{
    sae_options opts = small_options();
    opts.struct_size = sizeof(sae_options) + 8;
    EXPECT_EQ(SAE_ERR_VERSION, create_status(opts));
    EXPECT_TRUE(contains(last_error(), "struct_size")) << last_error();
}

TEST(OptionsValidation, SmallOptionsAreAccepted)
{
    EXPECT_EQ(SAE_OK, create_status(small_options())) << last_error();
}

TEST(OptionsValidation, NoHiddenLayer)
{
    sae_options opts = small_options();
    opts.n_hidden = 0;
    expect_rejected(opts, "n_hidden");
}

TEST(OptionsValidation, TooManyHiddenLayers)
{
    sae_options opts = small_options();
    opts.n_hidden = SAE_MAX_HIDDEN_LAYERS + 1;
    expect_rejected(opts, "n_hidden");
}

TEST(OptionsValidation, MaximumHiddenLayersAreAccepted)
{
    sae_options opts = small_options();
    opts.n_hidden = SAE_MAX_HIDDEN_LAYERS;
    for (std::uint32_t i = 0; i < SAE_MAX_HIDDEN_LAYERS; ++i)
    {
        opts.hidden_sizes[i] = 3;
        opts.hidden_activations[i] = SAE_ACTIVATION_TANH;
    }
    EXPECT_EQ(SAE_OK, create_status(opts)) << last_error();
}

TEST(OptionsValidation, HiddenSizeZero)
{
    sae_options opts = small_options();
    opts.hidden_sizes[1] = 0;
    expect_rejected(opts, "hidden_sizes");
}

TEST(OptionsValidation, UnusedLayersAreNotChecked)
{
    // Only the first n_hidden entries describe layers; the rest may hold anything.
    sae_options opts = small_options();
    opts.hidden_sizes[opts.n_hidden] = 0;
    opts.hidden_activations[opts.n_hidden] = 1000;
    EXPECT_EQ(SAE_OK, create_status(opts)) << last_error();
}

TEST(OptionsValidation, UnknownHiddenActivation)
{
    for (std::int32_t activation : {-1, 6, 1000})
    {
        sae_options opts = small_options();
        opts.hidden_activations[0] = activation;
        expect_rejected(opts, "hidden_activations");
    }
}

TEST(OptionsValidation, EveryDocumentedActivationIsAccepted)
{
    for (std::int32_t activation = SAE_ACTIVATION_IDENTITY; activation <= SAE_ACTIVATION_SELU;
         ++activation)
    {
        sae_options opts = small_options();
        opts.hidden_activations[0] = activation;
        opts.output_activation = activation;
        EXPECT_EQ(SAE_OK, create_status(opts)) << "activation " << activation << ": "
                                               << last_error();
    }
}

TEST(OptionsValidation, UnknownOutputActivation)
{
    sae_options opts = small_options();
    opts.output_activation = 42;
    expect_rejected(opts, "output_activation");
}

TEST(OptionsValidation, UnknownOptimizer)
{
    sae_options opts = small_options();
    opts.optimizer = 4;
    expect_rejected(opts, "optimizer");

    // The notebook's one-user steps exist for RMSprop only.
    opts.optimizer = SAE_OPTIMIZER_ADAM;
    expect_rejected(opts, "optimizer");
    opts.batch_size = 8;
    EXPECT_EQ(SAE_OK, create_status(opts)) << last_error();
}

TEST(OptionsValidation, NegativeLearningRate)
{
    sae_options opts = small_options();
    opts.learning_rate = -0.01;
    expect_rejected(opts, "learning_rate");
}

TEST(OptionsValidation, NanLearningRate)
{
    sae_options opts = small_options();
    opts.learning_rate = std::numeric_limits<double>::quiet_NaN();
    expect_rejected(opts, "learning_rate");
}

TEST(OptionsValidation, InfiniteLearningRate)
{
    sae_options opts = small_options();
    opts.learning_rate = std::numeric_limits<double>::infinity();
    expect_rejected(opts, "learning_rate");
}

TEST(OptionsValidation, ZeroEpochs)
{
    sae_options opts = small_options();
    opts.epochs = 0;
    expect_rejected(opts, "epochs");
}

TEST(OptionsValidation, NanWeightDecay)
{
    sae_options opts = small_options();
    opts.weight_decay = std::numeric_limits<double>::quiet_NaN();
    expect_rejected(opts, "weight_decay");
}
