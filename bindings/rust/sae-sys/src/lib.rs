//! Raw declarations of the libsae C API, `sae.h`, written by hand and kept in its order.
//!
//! Nothing here is safe to call without reading the C documentation of each function; the `sae`
//! crate wraps it. Status codes, activations and optimisers stay plain integers with named
//! constants: C may hand back a value this crate does not know, and such a value in a Rust enum
//! would be undefined behaviour.
//!
//! `sae_options` is mirrored in this file only. Its size and field offsets are checked against
//! the linked library by `tests/layout.rs`, and `sae::Options` refuses to run on a mismatch.
#![allow(non_camel_case_types)]

use std::ffi::{c_char, c_int, c_void};
use std::marker::{PhantomData, PhantomPinned};

// Status codes (`sae_status`). Values are fixed for the life of the ABI.
pub const SAE_OK: c_int = 0;
pub const SAE_ERR_INVALID_ARGUMENT: c_int = -1;
pub const SAE_ERR_OUT_OF_MEMORY: c_int = -2;
pub const SAE_ERR_IO: c_int = -3;
pub const SAE_ERR_PARSE: c_int = -4;
pub const SAE_ERR_FORMAT: c_int = -5;
pub const SAE_ERR_VERSION: c_int = -6;
pub const SAE_ERR_DIMENSION: c_int = -7;
pub const SAE_ERR_STATE: c_int = -8;
pub const SAE_ERR_CANCELLED: c_int = -9;
pub const SAE_ERR_DIVERGED: c_int = -10;
pub const SAE_ERR_INTERNAL: c_int = -100;

// Log levels (`sae_log_level`).
pub const SAE_LOG_ERROR: c_int = 0;
pub const SAE_LOG_WARN: c_int = 1;
pub const SAE_LOG_INFO: c_int = 2;
pub const SAE_LOG_DEBUG: c_int = 3;

/// Most hidden layers an `sae_options` can describe.
pub const SAE_MAX_HIDDEN_LAYERS: usize = 8;

// Activations (`sae_activation`), as stored in `sae_options`.
pub const SAE_ACTIVATION_IDENTITY: i32 = 0;
pub const SAE_ACTIVATION_SIGMOID: i32 = 1;
pub const SAE_ACTIVATION_TANH: i32 = 2;
pub const SAE_ACTIVATION_RELU: i32 = 3;
pub const SAE_ACTIVATION_ELU: i32 = 4;
pub const SAE_ACTIVATION_SELU: i32 = 5;

// Optimisers (`sae_optimizer`), as stored in `sae_options`.
pub const SAE_OPTIMIZER_RMSPROP: i32 = 0;
pub const SAE_OPTIMIZER_SGD: i32 = 1;
pub const SAE_OPTIMIZER_ADAM: i32 = 2;
pub const SAE_OPTIMIZER_ADAMW: i32 = 3;

// Orientations (`sae_orientation`): what a row of the autoencoder is.
pub const SAE_ORIENTATION_USER: i32 = 0;
pub const SAE_ORIENTATION_ITEM: i32 = 1;

/// Opaque set of ratings.
#[repr(C)]
pub struct sae_dataset {
    _private: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// Opaque autoencoder model.
#[repr(C)]
pub struct sae_model {
    _private: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

/// Everything that shapes and trains a model; see `sae.h` for units and defaults.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct sae_options {
    pub struct_size: u32,
    pub n_hidden: u32,
    pub hidden_sizes: [u32; SAE_MAX_HIDDEN_LAYERS],
    pub hidden_activations: [i32; SAE_MAX_HIDDEN_LAYERS],
    pub output_activation: i32,
    pub optimizer: i32,
    pub learning_rate: f64,
    pub weight_decay: f64,
    pub rmsprop_alpha: f64,
    pub epsilon: f64,
    pub epochs: u32,
    pub accumulate_gradients: i32,
    pub seed: u64,
    pub threads: u32,
    pub clip_predictions: i32,
    pub rating_min: f64,
    pub rating_max: f64,
    pub orientation: i32,
    pub batch_size: u32,
    pub l2: f64,
    pub input_dropout: f64,
    pub hidden_dropout: f64,
    pub momentum: f64,
    pub beta2: f64,
    pub validation_fraction: f64,
    pub patience: u32,
    pub ensemble_size: u32,
}

/// Progress of training, passed to an `sae_progress_fn` after every epoch.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct sae_epoch_report {
    pub struct_size: u32,
    pub epoch: u32,
    pub n_epochs: u32,
    pub n_users_trained: u32,
    pub train_loss: f64,
    pub elapsed_seconds: f64,
    pub validation_rmse: f64,
    pub best_epoch: u32,
    pub ensemble_member: u32,
}

/// Accuracy of a model on held-out ratings; the caller sets `struct_size`.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct sae_metrics {
    pub struct_size: u32,
    pub n_users: u32,
    pub n_ratings: u64,
    pub rmse: f64,
    pub mae: f64,
    pub mean_user_rmse: f64,
}

/// Called after each epoch; returns 0 to go on, anything else to stop.
pub type sae_progress_fn =
    Option<unsafe extern "C" fn(report: *const sae_epoch_report, user_data: *mut c_void) -> c_int>;

/// Receives one log line.
pub type sae_log_fn =
    Option<unsafe extern "C" fn(level: c_int, message: *const c_char, user_data: *mut c_void)>;

extern "C" {
    pub fn sae_status_string(status: c_int) -> *const c_char;
    pub fn sae_last_error() -> *const c_char;

    pub fn sae_version() -> *const c_char;
    pub fn sae_version_number() -> u32;

    pub fn sae_set_log_callback(fn_: sae_log_fn, max_level: c_int, user_data: *mut c_void);

    pub fn sae_dataset_load(out: *mut *mut sae_dataset, path: *const c_char) -> c_int;
    pub fn sae_dataset_load_split(
        train_out: *mut *mut sae_dataset,
        test_out: *mut *mut sae_dataset,
        dir: *const c_char,
        name: *const c_char,
    ) -> c_int;
    pub fn sae_dataset_from_arrays(
        out: *mut *mut sae_dataset,
        users: *const u32,
        items: *const u32,
        ratings: *const f32,
        count: usize,
    ) -> c_int;
    pub fn sae_dataset_resize(dataset: *mut sae_dataset, n_users: u32, n_items: u32) -> c_int;
    pub fn sae_dataset_user_row(
        out: *mut f32,
        out_len: usize,
        dataset: *const sae_dataset,
        user_id: u32,
    ) -> c_int;
    pub fn sae_dataset_n_users(dataset: *const sae_dataset) -> u32;
    pub fn sae_dataset_n_items(dataset: *const sae_dataset) -> u32;
    pub fn sae_dataset_n_ratings(dataset: *const sae_dataset) -> u64;
    pub fn sae_dataset_free(dataset: *mut sae_dataset);

    pub fn sae_options_default(opts: *mut sae_options);
    pub fn sae_options_preset(opts: *mut sae_options, name: *const c_char) -> c_int;

    pub fn sae_create(out: *mut *mut sae_model, opts: *const sae_options) -> c_int;
    pub fn sae_fit(
        model: *mut sae_model,
        train: *const sae_dataset,
        progress: sae_progress_fn,
        user_data: *mut c_void,
    ) -> c_int;
    pub fn sae_predict(
        out: *mut f32,
        out_len: usize,
        model: *const sae_model,
        ratings: *const f32,
        n_items: usize,
    ) -> c_int;
    pub fn sae_predict_users(
        out: *mut f32,
        out_len: usize,
        model: *const sae_model,
        input: *const sae_dataset,
        user_ids: *const u32,
        n_users: usize,
    ) -> c_int;
    pub fn sae_evaluate(
        out: *mut sae_metrics,
        model: *const sae_model,
        input: *const sae_dataset,
        target: *const sae_dataset,
    ) -> c_int;
    pub fn sae_rmse(
        out: *mut f64,
        model: *const sae_model,
        input: *const sae_dataset,
        target: *const sae_dataset,
    ) -> c_int;
    pub fn sae_model_n_items(model: *const sae_model) -> u32;
    pub fn sae_model_options(out: *mut sae_options, model: *const sae_model) -> c_int;
    pub fn sae_save(model: *const sae_model, path: *const c_char) -> c_int;
    pub fn sae_load(out: *mut *mut sae_model, path: *const c_char) -> c_int;
    pub fn sae_free(model: *mut sae_model);
}
