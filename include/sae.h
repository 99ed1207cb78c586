/**
 * @file sae.h
 * @brief The libsae C API: train and query a stacked autoencoder recommender.
 *
 * Everything a program needs is declared here. The header is C99 and includes only
 * `<stddef.h>`, `<stdint.h>` and the generated `sae_version.h`.
 *
 * Conventions shared by every function:
 * - Fallible functions return an `int` holding a #sae_status: #SAE_OK (0) or a negative value.
 *   On failure sae_last_error() describes what went wrong, naming the file, line and value where
 *   there is one.
 * - Out-parameters come first. A handle returned through `out` belongs to the caller, who releases
 *   it with the matching `*_free`; after a failure `*out` is NULL.
 * - Ids are 1-based, as in MovieLens. In a dense row of ratings, index `j` holds item id `j + 1`
 *   and 0 means "not rated".
 * - Caller buffers are borrowed for the duration of the call only; libsae copies what it keeps.
 * - Threads: a handle is used by one thread at a time, except that sae_predict(),
 *   sae_predict_users(), sae_rmse() and sae_evaluate() may run concurrently on one trained model.
 *   Separate handles are independent.
 */
#ifndef SAE_H
#define SAE_H

#include <stddef.h>
#include <stdint.h>

#include "sae_version.h"

/**
 * @def SAE_API
 * @brief Marks the functions libsae exports.
 *
 * It expands to `__attribute__((visibility("default")))` with GCC and Clang, and on Windows to
 * `__declspec(dllimport)`, or to nothing when the program defines `SAE_STATIC` to link the
 * static library. Programs never use it themselves.
 * @since 0.1.0
 */
#if defined(_WIN32) && !defined(SAE_STATIC)
#  if defined(SAE_BUILDING_LIBRARY)
#    define SAE_API __declspec(dllexport)
#  else
#    define SAE_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define SAE_API __attribute__((visibility("default")))
#else
#  define SAE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * @defgroup status Status codes and errors
 * @brief What every fallible call returns, and how to read the reason.
 * @{
 */

/**
 * @brief Result of a fallible call.
 *
 * Values are fixed for the life of the ABI: new codes are only appended. Compare with the
 * names, and treat an unknown negative value as a failure.
 * @since 0.1.0
 */
typedef enum sae_status {
    SAE_OK = 0,                    /**< Success. */
    SAE_ERR_INVALID_ARGUMENT = -1, /**< A NULL pointer, a value out of range, NaN in a buffer. */
    SAE_ERR_OUT_OF_MEMORY = -2,    /**< An allocation failed. */
    SAE_ERR_IO = -3,               /**< A file could not be opened, read or written. */
    SAE_ERR_PARSE = -4,            /**< A ratings file has a malformed line. */
    SAE_ERR_FORMAT = -5,           /**< A model file is corrupt, truncated or of another format. */
    SAE_ERR_VERSION = -6,          /**< A struct_size or file version this build does not know. */
    SAE_ERR_DIMENSION = -7,        /**< Sizes of a model, a data set or a buffer disagree. */
    SAE_ERR_STATE = -8,            /**< The model is not in a state that allows the call. */
    SAE_ERR_CANCELLED = -9,        /**< The progress callback asked training to stop. */
    SAE_ERR_DIVERGED = -10,        /**< Training produced a NaN or infinite loss. */
    SAE_ERR_INTERNAL = -100        /**< A bug in libsae; the message says where. */
} sae_status;

/**
 * @brief Static English name of a status, such as "invalid argument".
 *
 * @param[in] status Any integer; unknown values give "unknown status".
 * @return A string owned by libsae that lives as long as the process. Never NULL.
 * @since 0.1.0
 */
SAE_API const char *sae_status_string(int status);

/**
 * @brief Message describing the most recent failed call on this thread.
 *
 * Every fallible function clears it on entry and sets it on failure, so after a failure it
 * always describes that failure; after a success it is empty. Reading it changes nothing.
 *
 * @return A string owned by libsae, valid until the next `sae_` call on this thread. Never NULL.
 * @since 0.1.0
 */
SAE_API const char *sae_last_error(void);

/** @} */

/**
 * @defgroup version Version
 * @brief Which libsae is running.
 * @{
 */

/**
 * @brief Version of the running library as "MAJOR.MINOR.PATCH".
 *
 * Compare with #SAE_VERSION_STRING to detect a header/library mismatch.
 *
 * @return A static string owned by libsae. Never NULL.
 * @since 0.1.0
 */
SAE_API const char *sae_version(void);

/**
 * @brief Version of the running library as MAJOR * 10000 + MINOR * 100 + PATCH.
 *
 * @return The same value as #SAE_VERSION_NUMBER had when the library was built.
 * @since 0.1.0
 */
SAE_API uint32_t sae_version_number(void);

/** @} */

/**
 * @defgroup logging Logging
 * @brief libsae never prints; an application may ask for its log lines.
 * @{
 */

/** @brief Severity of a log line; a callback receives lines up to its chosen level. @since 0.1.0 */
typedef enum sae_log_level {
    SAE_LOG_ERROR = 0, /**< Something failed; the call returns an error too. */
    SAE_LOG_WARN = 1,  /**< Something suspicious that does not stop the call. */
    SAE_LOG_INFO = 2,  /**< Once per call: training started, finished. */
    SAE_LOG_DEBUG = 3  /**< Once per epoch. */
} sae_log_level;

/**
 * @brief Receives one log line (no trailing newline).
 *
 * Runs on the thread that made the `sae_` call and must not call back into libsae.
 *
 * @param[in] level     The line's #sae_log_level.
 * @param[in] message   The line, owned by libsae and valid during the call only.
 * @param[in] user_data What was given to sae_set_log_callback().
 * @since 0.1.0
 */
typedef void (*sae_log_fn)(int level, const char *message, void *user_data);

/**
 * @brief Installs, replaces or removes (with `fn` NULL) the process-wide log callback.
 *
 * @param[in] fn        Callback, or NULL to switch logging off (the default).
 * @param[in] max_level Most verbose #sae_log_level delivered.
 * @param[in] user_data Passed unchanged to every call of `fn`; libsae never dereferences it.
 * @since 0.1.0
 */
SAE_API void sae_set_log_callback(sae_log_fn fn, int max_level, void *user_data);

/** @} */

/**
 * @defgroup dataset Data sets
 * @brief Sparse sets of (user, item, rating) triples, loaded from files or built from arrays.
 *
 * A data set is immutable once built, except for sae_dataset_resize(). Models never keep a
 * reference to a data set: it may be freed as soon as the call that used it returns.
 * @{
 */

/** @brief Opaque set of ratings, with a shape of n_users × n_items. @since 0.1.0 */
typedef struct sae_dataset sae_dataset;

/**
 * @brief Loads a ratings file in the MovieLens `u.data` format.
 *
 * One rating per line: user id, item id, rating and an optional timestamp, separated by tabs,
 * spaces, commas or `::` (the ML-1M format). CRLF line ends, a UTF-8 byte-order mark and a last
 * line without newline are accepted. Ids must be positive integers; ratings finite and greater
 * than 0 (0 means "not rated" in dense rows). A (user, item) pair given twice is an error naming
 * both lines. A first line starting with a letter is taken as a header (`ratings.csv`) and
 * skipped, as are blank lines. The shape is set by the largest ids.
 *
 * @note Limitation: ids are at most 16,777,216 (2^24) and lines at most 4096 bytes, which bounds
 * the memory a hostile file can claim; every MovieLens release fits well within both.
 *
 * @param[out] out  New data set; release with sae_dataset_free().
 * @param[in]  path File to read.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT, #SAE_ERR_IO (cannot open, naming the path) or
 *         #SAE_ERR_PARSE (naming the file, the line and the offending value).
 * @since 0.1.0
 */
SAE_API int sae_dataset_load(sae_dataset **out, const char *path);

/**
 * @brief Loads a MovieLens split, `DIR/NAME.base` and `DIR/NAME.test`, with one shared shape.
 *
 * Both sets get the largest user and item ids found in either file, so that a model trained on
 * the base set can be evaluated on the test set (943 × 1682 for ML-100K).
 *
 * @param[out] train_out Ratings of `NAME.base`; release with sae_dataset_free().
 * @param[out] test_out  Ratings of `NAME.test`; release with sae_dataset_free(). Must not be
 *                       `train_out`.
 * @param[in]  dir       Folder holding the split files.
 * @param[in]  name      Split name, such as "u1" or "ua".
 * @return As sae_dataset_load(). On failure both outputs are NULL.
 * @since 0.1.0
 */
SAE_API int sae_dataset_load_split(sae_dataset **train_out,
                                   sae_dataset **test_out,
                                   const char *dir,
                                   const char *name);

/**
 * @brief Builds a data set from three parallel caller arrays.
 *
 * @param[out] out     New data set; release with sae_dataset_free().
 * @param[in]  users   `count` user ids, each ≥ 1.
 * @param[in]  items   `count` item ids, each ≥ 1.
 * @param[in]  ratings `count` finite ratings, each > 0.
 * @param[in]  count   Number of ratings; 0 gives an empty 0 × 0 set.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT (naming the index and value) or
 *         #SAE_ERR_OUT_OF_MEMORY. The arrays are only read during the call.
 * @since 0.1.0
 */
SAE_API int sae_dataset_from_arrays(sae_dataset **out,
                                    const uint32_t *users,
                                    const uint32_t *items,
                                    const float *ratings,
                                    size_t count);

/**
 * @brief Widens a data set's shape, for instance to match a model or another set.
 *
 * @param[in,out] dataset Data set to reshape.
 * @param[in]     n_users New number of users; not below the largest user id present.
 * @param[in]     n_items New number of items; not below the largest item id present.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT or #SAE_ERR_DIMENSION (a size below an id present).
 * @since 0.1.0
 */
SAE_API int sae_dataset_resize(sae_dataset *dataset, uint32_t n_users, uint32_t n_items);

/**
 * @brief Copies one user's ratings into a dense row (0 where not rated).
 *
 * @param[out] out      Row of `out_len` floats.
 * @param[in]  out_len  Must equal sae_dataset_n_items().
 * @param[in]  dataset  Data set to read.
 * @param[in]  user_id  1-based user id, at most sae_dataset_n_users().
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT or #SAE_ERR_DIMENSION.
 * @since 0.1.0
 */
SAE_API int sae_dataset_user_row(float *out,
                                 size_t out_len,
                                 const sae_dataset *dataset,
                                 uint32_t user_id);

/**
 * @brief Number of users (rows), which is the largest user id unless the set was resized.
 *
 * @param[in] dataset Data set to read, or NULL.
 * @return The number of users; 0 for NULL.
 * @since 0.1.0
 */
SAE_API uint32_t sae_dataset_n_users(const sae_dataset *dataset);

/**
 * @brief Number of items (columns), which is the largest item id unless the set was resized.
 *
 * @param[in] dataset Data set to read, or NULL.
 * @return The number of items; 0 for NULL.
 * @since 0.1.0
 */
SAE_API uint32_t sae_dataset_n_items(const sae_dataset *dataset);

/**
 * @brief Number of ratings stored.
 *
 * @param[in] dataset Data set to read, or NULL.
 * @return The number of ratings; 0 for NULL.
 * @since 0.1.0
 */
SAE_API uint64_t sae_dataset_n_ratings(const sae_dataset *dataset);

/**
 * @brief Releases a data set. NULL is accepted and ignored.
 *
 * Models never refer to a data set, so it may be freed while models trained on it live on.
 *
 * @param[in] dataset Data set from sae_dataset_load(), sae_dataset_load_split() or
 *                    sae_dataset_from_arrays(), or NULL. Invalid after the call.
 * @since 0.1.0
 */
SAE_API void sae_dataset_free(sae_dataset *dataset);

/** @} */

/**
 * @defgroup options Options
 * @brief How a model is shaped and trained.
 * @{
 */

/** @brief Most hidden layers an #sae_options can describe. @since 0.1.0 */
#define SAE_MAX_HIDDEN_LAYERS 8

/**
 * @brief Activation functions for #sae_options::hidden_activations and the output layer.
 * @since 0.1.0
 */
typedef enum sae_activation {
    SAE_ACTIVATION_IDENTITY = 0, /**< f(x) = x. */
    SAE_ACTIVATION_SIGMOID = 1,  /**< f(x) = 1 / (1 + e^-x). */
    SAE_ACTIVATION_TANH = 2,     /**< f(x) = tanh(x). */
    SAE_ACTIVATION_RELU = 3,     /**< f(x) = max(0, x). */
    SAE_ACTIVATION_ELU = 4,      /**< f(x) = x for x > 0, e^x - 1 otherwise. */
    SAE_ACTIVATION_SELU = 5      /**< Scaled ELU with the self-normalising constants. */
} sae_activation;

/** @brief Optimisers for #sae_options::optimizer. */
typedef enum sae_optimizer {
    SAE_OPTIMIZER_RMSPROP = 0, /**< RMSprop: lr · g / (sqrt(running mean of g²) + eps). */
    SAE_OPTIMIZER_SGD = 1,     /**< SGD with heavy-ball momentum (#sae_options::momentum). */
    SAE_OPTIMIZER_ADAM = 2,    /**< Adam; weight_decay is added to the gradient. */
    SAE_OPTIMIZER_ADAMW = 3    /**< Adam with weight_decay applied to the weights, decoupled. */
} sae_optimizer;

/** @brief What a row of the autoencoder is, for #sae_options::orientation. */
typedef enum sae_orientation {
    SAE_ORIENTATION_USER = 0, /**< A row is a user's ratings of all items (the notebook). */
    SAE_ORIENTATION_ITEM = 1  /**< A row is an item's ratings by all users (I-AutoRec). */
} sae_orientation;

/**
 * @brief Everything that shapes and trains a model.
 *
 * Fill it with sae_options_default() or sae_options_preset(), then change fields. Fields are
 * only ever appended, and #struct_size tells libsae which of them the caller knows. Each field
 * names its value in sae_options_default() ("Default") and, where it differs, in the "seed"
 * preset ("seed").
 */
typedef struct sae_options {
    /** sizeof(sae_options) as the caller compiled it; set by sae_options_default(). */
    uint32_t struct_size;
    /** Number of hidden layers in use, 1 to #SAE_MAX_HIDDEN_LAYERS. Default 1; seed 3. */
    uint32_t n_hidden;
    /** Width of each hidden layer, input side first. Default 500; seed 20, 10, 20. */
    uint32_t hidden_sizes[SAE_MAX_HIDDEN_LAYERS];
    /** #sae_activation of each hidden layer. Default sigmoid. */
    int32_t hidden_activations[SAE_MAX_HIDDEN_LAYERS];
    /** #sae_activation of the output layer. Default identity. */
    int32_t output_activation;
    /** #sae_optimizer. Default #SAE_OPTIMIZER_ADAM; seed #SAE_OPTIMIZER_RMSPROP. */
    int32_t optimizer;
    /** Step size. Default 0.002; seed 0.01. */
    double learning_rate;
    /** Not part of the loss: weight_decay · w is added to each gradient (subtracted from the
     *  weight, scaled by the step size, with AdamW). Default 0; seed 0.5. */
    double weight_decay;
    /** RMSprop smoothing constant of the running mean of squared gradients. Default 0.99. */
    double rmsprop_alpha;
    /** Added to the RMSprop or Adam denominator, after the square root. Default 1e-8. */
    double epsilon;
    /** Most passes over the training rows. Default 150; seed 200. */
    uint32_t epochs;
    /**
     * Non-zero: gradients are summed over every step since training began instead of being
     * cleared before each step. This reproduces the reference PyTorch notebook, which never
     * calls `zero_grad()`; with its weight decay of 0.5 and cleared gradients the network
     * collapses to a constant output. Only the notebook's trainer (batch_size 0) reads it.
     * Default 0; seed 1 (the notebook's behaviour).
     */
    int32_t accumulate_gradients;
    /** Seed of the model's own random generators (weights, validation split, batch order,
     *  dropout); network k of an ensemble uses seed + k. Default 1. */
    uint64_t seed;
    /**
     * Threads of the one-user-per-step trainer (batch_size 0), the calling thread included;
     * 0 means one per core, at most 1024. From 2 on, the output layer's half of each step runs
     * on a thread of its own (3 works as 2); from 4 on, each half also splits its parameter
     * update across threads / 2 threads. The batched trainer runs on the calling thread. The
     * model is the same bit for bit for any value. Default 0.
     */
    uint32_t threads;
    /** Non-zero: predictions are clipped to [rating_min, rating_max]. Default 1; seed 0. */
    int32_t clip_predictions;
    /** Lowest rating of the scale. Default 1. */
    double rating_min;
    /** Highest rating of the scale. Default 5. */
    double rating_max;
    /** #sae_orientation. Default #SAE_ORIENTATION_ITEM; seed #SAE_ORIENTATION_USER.
     *  @since 0.1.0 */
    int32_t orientation;
    /**
     * Rows per mini-batch of the batched trainer. 0 selects the notebook's trainer instead: one
     * user per step, RMSprop only, user orientation only, no validation. Default 256; seed 0.
     * @since 0.1.0
     */
    uint32_t batch_size;
    /** λ of the loss term λ/2 · ‖W‖² over all weights, not biases; the loss is half the sum
     *  of squared errors over the observed ratings. Default 60; seed 0. @since 0.1.0 */
    double l2;
    /** Chance that an input rating is hidden from a training step (denoising); it stays a
     *  target. Default 0.2; seed 0. @since 0.1.0 */
    double input_dropout;
    /** Chance that a hidden unit is dropped in a training step. Default 0. @since 0.1.0 */
    double hidden_dropout;
    /** SGD momentum, and Adam's β1. Default 0.9. @since 0.1.0 */
    double momentum;
    /** Adam's β2. Default 0.999. @since 0.1.0 */
    double beta2;
    /**
     * Share of the training ratings held out, with the seed, to pick the best epoch; they are
     * never trained on. 0 trains on all ratings and keeps the last epoch. Default 0.05; seed 0.
     * @since 0.1.0
     */
    double validation_fraction;
    /** Stop after this many epochs without a better validation RMSE; 0 never. Default 10;
     *  seed 0. @since 0.1.0 */
    uint32_t patience;
    /** Independently seeded networks whose predictions are averaged, 1 to 64. Default 3;
     *  seed 1. @since 0.1.0 */
    uint32_t ensemble_size;
} sae_options;

/**
 * @brief Fills `opts` with the library defaults and sets its struct_size.
 *
 * The defaults are an item-based autoencoder (I-AutoRec): an item's ratings by every user go
 * through one sigmoid layer of 500 units, trained with Adam on mini-batches of 256 items, an L2
 * penalty of 60 and 20 % input dropout; each of three networks keeps the epoch that scores best
 * on its own 5 % of the training ratings, and their predictions are averaged and clipped. They
 * were chosen on ratings held out from u1.base only; the README lists their measured accuracy.
 *
 * @note Limitation: an item-based model predicts from a whole data set, so sae_predict() fails
 * with #SAE_ERR_STATE for it; use sae_predict_users() or sae_evaluate().
 *
 * @param[out] opts Options to fill; nothing happens when NULL.
 * @since 0.1.0
 */
SAE_API void sae_options_default(sae_options *opts);

/**
 * @brief Fills `opts` with a named preset.
 *
 * Presets: "default" (what sae_options_default() gives) and "seed" (the reference notebook:
 * 1682-20-10-20-1682, sigmoid, RMSprop lr 0.01, weight decay 0.5, 200 epochs, one user per
 * step, gradients accumulated).
 *
 * @param[out] opts Options to fill.
 * @param[in]  name Preset name.
 * @return #SAE_OK or #SAE_ERR_INVALID_ARGUMENT (NULL argument or unknown name, which is quoted).
 * @since 0.1.0
 */
SAE_API int sae_options_preset(sae_options *opts, const char *name);

/** @} */

/**
 * @defgroup model Models
 * @brief Create, train, query, save and load an autoencoder.
 * @{
 */

/** @brief Opaque autoencoder model; see @ref model_maths for what it computes. @since 0.1.0 */
typedef struct sae_model sae_model;

/**
 * @brief Progress of training, passed to a #sae_progress_fn after every epoch.
 * @since 0.1.0
 */
typedef struct sae_epoch_report {
    uint32_t struct_size;     /**< sizeof(sae_epoch_report) as libsae was built. */
    uint32_t epoch;           /**< Epochs completed, from 1. */
    uint32_t n_epochs;        /**< Epochs requested. */
    uint32_t n_users_trained; /**< Rows (users, or items if item-based) trained this epoch. */
    /** Notebook trainer: mean over users of each user's RMSE before its step. Batched trainer:
     *  RMSE over the training ratings, each taken before its batch's step, with dropout. */
    double train_loss;
    double elapsed_seconds;   /**< Wall time since sae_fit() started, for every network. */
    /** RMSE on the held-out validation ratings; 0 without validation. @since 0.1.0 */
    double validation_rmse;
    /** Epoch with the lowest validation RMSE so far; 0 without validation. @since 0.1.0 */
    uint32_t best_epoch;
    /** Network of the ensemble being trained, from 1. @since 0.1.0 */
    uint32_t ensemble_member;
} sae_epoch_report;

/**
 * @brief Called after each epoch; return 0 to go on, anything else to stop training.
 *
 * Runs on the thread that called sae_fit() and must not call libsae with the same model.
 *
 * @param[in] report    Progress so far, owned by libsae and valid during the call only.
 * @param[in] user_data What was given to sae_fit().
 * @return 0 to continue; non-zero makes sae_fit() stop and return #SAE_ERR_CANCELLED.
 * @since 0.1.0
 */
typedef int (*sae_progress_fn)(const sae_epoch_report *report, void *user_data);

/**
 * @brief Creates an untrained model.
 *
 * The input and output width are taken from the first data set given to sae_fit().
 *
 * @param[out] out  New model; release with sae_free().
 * @param[in]  opts Options, or NULL for sae_options_default(). Copied.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT (naming the field and value), #SAE_ERR_VERSION
 *         (a struct_size this build does not know) or #SAE_ERR_OUT_OF_MEMORY.
 * @since 0.1.0
 */
SAE_API int sae_create(sae_model **out, const sae_options *opts);

/**
 * @brief Trains the model on every user of `train` for the configured number of epochs.
 *
 * The weights are initialised from the options' seed on the first call; a later call trains
 * further from the current weights and needs a data set with the same number of items.
 * `train` is only read during the call.
 *
 * @param[in,out] model     Model to train.
 * @param[in]     train     Training ratings; rows are users.
 * @param[in]     progress  Called after each epoch, or NULL.
 * @param[in]     user_data Passed unchanged to `progress`.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT, #SAE_ERR_DIMENSION, #SAE_ERR_STATE (another
 *         thread is training or querying the model; nothing changed), #SAE_ERR_CANCELLED (the
 *         model keeps the weights of the last finished epoch and stays usable) or
 *         #SAE_ERR_DIVERGED (the message names the epoch; the model keeps the weights of the
 *         last finite epoch).
 * @since 0.1.0
 */
SAE_API int sae_fit(sae_model *model,
                    const sae_dataset *train,
                    sae_progress_fn progress,
                    void *user_data);

/**
 * @brief Predicts every item's rating for one user from a dense row of that user's ratings.
 *
 * @param[out] out      Predictions, `out_len` floats.
 * @param[in]  out_len  Must equal sae_model_n_items().
 * @param[in]  model    Trained model.
 * @param[in]  ratings  Known ratings, 0 where not rated; `n_items` finite floats.
 * @param[in]  n_items  Must equal sae_model_n_items().
 * @note Limitation: an item-based model (#SAE_ORIENTATION_ITEM) needs every user's ratings of
 * an item, which one row does not hold; it fails with #SAE_ERR_STATE. Use sae_predict_users().
 *
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT (NULL or non-finite input), #SAE_ERR_DIMENSION or
 *         #SAE_ERR_STATE (not trained, or item-based).
 * @since 0.1.0
 */
SAE_API int sae_predict(float *out,
                        size_t out_len,
                        const sae_model *model,
                        const float *ratings,
                        size_t n_items);

/**
 * @brief Predicts full rows for several users, each from that user's ratings in `input`.
 *
 * A user-based model reads each user's row; an item-based one reads every item's ratings in
 * `input`, so `input` must then have as many users as the training set. Where the network has
 * nothing to read (an item, or a user, without ratings in `input`), the prediction is the mean
 * of `input`'s ratings of that user (item-based) or of that item (user-based), or their global
 * mean. The same holds for sae_evaluate() and sae_rmse().
 *
 * @param[out] out      Row-major n_users × sae_model_n_items() predictions.
 * @param[in]  out_len  Must equal n_users × sae_model_n_items().
 * @param[in]  model    Trained model.
 * @param[in]  input    Known ratings; its item count must equal the model's.
 * @param[in]  user_ids `n_users` 1-based ids, each at most sae_dataset_n_users(input).
 * @param[in]  n_users  Number of users.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT, #SAE_ERR_DIMENSION or #SAE_ERR_STATE.
 * @since 0.1.0
 */
SAE_API int sae_predict_users(float *out,
                              size_t out_len,
                              const sae_model *model,
                              const sae_dataset *input,
                              const uint32_t *user_ids,
                              size_t n_users);

/** @brief Accuracy of a model on held-out ratings, filled by sae_evaluate(). @since 0.1.0 */
typedef struct sae_metrics {
    uint32_t struct_size;   /**< Set by the caller to sizeof(sae_metrics). */
    uint32_t n_users;       /**< Users with at least one target rating. */
    uint64_t n_ratings;     /**< Target ratings scored. */
    double rmse;            /**< Root mean squared error over all target ratings. */
    double mae;             /**< Mean absolute error over all target ratings. */
    double mean_user_rmse;  /**< Mean over users of each user's RMSE: the notebook's test loss. */
} sae_metrics;

/**
 * @brief Scores a model: each target user's row is predicted from that user's input ratings.
 *
 * This is the notebook's protocol: `input` is the training set, `target` the test set.
 *
 * @param[in,out] out    Metrics; the caller sets struct_size first.
 * @param[in]     model  Trained model.
 * @param[in]     input  Ratings the predictions are made from.
 * @param[in]     target Ratings the predictions are compared with; same shape as `input`.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT, #SAE_ERR_VERSION, #SAE_ERR_DIMENSION or
 *         #SAE_ERR_STATE.
 * @since 0.1.0
 */
SAE_API int sae_evaluate(sae_metrics *out,
                         const sae_model *model,
                         const sae_dataset *input,
                         const sae_dataset *target);

/**
 * @brief Global RMSE over all target ratings; a shortcut for sae_evaluate().
 *
 * @param[out] out    RMSE.
 * @param[in]  model  Trained model.
 * @param[in]  input  Ratings the predictions are made from.
 * @param[in]  target Ratings the predictions are compared with; same shape as `input`.
 * @return As sae_evaluate().
 * @since 0.1.0
 */
SAE_API int sae_rmse(double *out,
                     const sae_model *model,
                     const sae_dataset *input,
                     const sae_dataset *target);

/**
 * @brief Number of items the model predicts, the length of a row of predictions.
 *
 * @param[in] model Model to read, or NULL.
 * @return The number of items; 0 before the first sae_fit() or for NULL.
 * @since 0.1.0
 */
SAE_API uint32_t sae_model_n_items(const sae_model *model);

/**
 * @brief Copies the options the model was created or loaded with.
 *
 * @param[in,out] out   Options; the caller sets struct_size first.
 * @param[in]     model Model to read.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT or #SAE_ERR_VERSION.
 * @since 0.1.0
 */
SAE_API int sae_model_options(sae_options *out, const sae_model *model);

/**
 * @brief Writes a trained model to a file, atomically.
 *
 * The file is written beside `path` under a temporary name, flushed to disk and renamed over
 * `path`: a failure never leaves a partial file, and an existing file survives it.
 *
 * @param[in] model Trained model.
 * @param[in] path  Destination file.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT, #SAE_ERR_STATE (not trained) or #SAE_ERR_IO.
 * @since 0.1.0
 */
SAE_API int sae_save(const sae_model *model, const char *path);

/**
 * @brief Reads a model written by sae_save().
 *
 * @param[out] out  New model; release with sae_free().
 * @param[in]  path File to read.
 * @return #SAE_OK, #SAE_ERR_INVALID_ARGUMENT, #SAE_ERR_IO, #SAE_ERR_FORMAT (wrong magic,
 *         truncated, checksum mismatch) or #SAE_ERR_VERSION (a newer format).
 * @since 0.1.0
 */
SAE_API int sae_load(sae_model **out, const char *path);

/**
 * @brief Releases a model. NULL is accepted and ignored.
 *
 * @param[in] model Model from sae_create() or sae_load(), or NULL. Invalid after the call; no
 *                  other call may be using it.
 * @since 0.1.0
 */
SAE_API void sae_free(sae_model *model);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* SAE_H */
