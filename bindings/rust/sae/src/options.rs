//! Options that shape and train a model, over the one mirror of `sae_options` in `sae-sys`.

use std::mem::size_of;
use std::ptr;
use std::sync::OnceLock;

use sae_sys as sys;

use crate::c_str::c_string;
use crate::error::{check, Error, Result, Status};

/// Activation function of a layer. Any integer is representable; libsae rejects unknown ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Activation(pub i32);

impl Activation {
    pub const IDENTITY: Activation = Activation(sys::SAE_ACTIVATION_IDENTITY);
    pub const SIGMOID: Activation = Activation(sys::SAE_ACTIVATION_SIGMOID);
    pub const TANH: Activation = Activation(sys::SAE_ACTIVATION_TANH);
    pub const RELU: Activation = Activation(sys::SAE_ACTIVATION_RELU);
    pub const ELU: Activation = Activation(sys::SAE_ACTIVATION_ELU);
    pub const SELU: Activation = Activation(sys::SAE_ACTIVATION_SELU);
}

/// Optimiser of the weights. Any integer is representable; libsae rejects unknown ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Optimizer(pub i32);

impl Optimizer {
    pub const RMSPROP: Optimizer = Optimizer(sys::SAE_OPTIMIZER_RMSPROP);
    pub const SGD: Optimizer = Optimizer(sys::SAE_OPTIMIZER_SGD);
    pub const ADAM: Optimizer = Optimizer(sys::SAE_OPTIMIZER_ADAM);
    pub const ADAMW: Optimizer = Optimizer(sys::SAE_OPTIMIZER_ADAMW);
}

/// What one row of the autoencoder is: a user's ratings of all items, or an item's by all users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Orientation(pub i32);

impl Orientation {
    pub const USER: Orientation = Orientation(sys::SAE_ORIENTATION_USER);
    pub const ITEM: Orientation = Orientation(sys::SAE_ORIENTATION_ITEM);
}

/// Most hidden layers a model can have.
pub const MAX_HIDDEN_LAYERS: usize = sys::SAE_MAX_HIDDEN_LAYERS;

/// Room for a much larger `sae_options` than this crate knows, 8-byte aligned like the struct.
type OptionsBuffer = [u64; 1024];

/// How a model is shaped and trained.
///
/// Start from [`Options::new`] (the library defaults) or [`Options::preset`], then change
/// fields. Values are checked by [`Model::new`](crate::Model::new), whose error names the field.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
    raw: sys::sae_options,
}

impl Options {
    /// The library defaults (the "default" preset).
    pub fn new() -> Result<Options> {
        check_layout()?;

        let mut buffer: OptionsBuffer = [0; 1024];
        // SAFETY: the buffer is larger than any sae_options libsae can write (checked above).
        unsafe { sys::sae_options_default(buffer.as_mut_ptr().cast()) };
        Ok(Options {
            raw: read_options(&buffer),
        })
    }

    /// A named preset: "default", or "seed" (the reference notebook's 1682-20-10-20-1682 SAE).
    pub fn preset(name: &str) -> Result<Options> {
        check_layout()?;

        let name = c_string(name)?;
        let mut buffer: OptionsBuffer = [0; 1024];
        // SAFETY: as in new(); the name is a valid C string for the duration of the call.
        check(unsafe { sys::sae_options_preset(buffer.as_mut_ptr().cast(), name.as_ptr()) })?;
        Ok(Options {
            raw: read_options(&buffer),
        })
    }

    pub(crate) fn from_raw(raw: sys::sae_options) -> Options {
        Options { raw }
    }

    /// The C struct, for calls this crate does not wrap.
    pub fn as_raw(&self) -> &sys::sae_options {
        &self.raw
    }

    /// Widths of the hidden layers, input side first.
    pub fn hidden_sizes(&self) -> &[u32] {
        let n_hidden = (self.raw.n_hidden as usize).min(MAX_HIDDEN_LAYERS);
        &self.raw.hidden_sizes[..n_hidden]
    }

    /// Sets the hidden layers' widths, input side first: 1 to [`MAX_HIDDEN_LAYERS`] of them.
    pub fn set_hidden_sizes(&mut self, sizes: &[u32]) -> Result<&mut Options> {
        if sizes.is_empty() || sizes.len() > MAX_HIDDEN_LAYERS {
            let message = format!(
                "Options::set_hidden_sizes: {} layers; 1 to {MAX_HIDDEN_LAYERS} are allowed",
                sizes.len()
            );
            return Err(Error::new(Status::INVALID_ARGUMENT, message));
        }

        self.raw.n_hidden = sizes.len() as u32;
        self.raw.hidden_sizes = [0; MAX_HIDDEN_LAYERS];
        self.raw.hidden_sizes[..sizes.len()].copy_from_slice(sizes);
        Ok(self)
    }

    /// Activation of hidden layer `layer` (from 0).
    pub fn hidden_activation(&self, layer: usize) -> Option<Activation> {
        self.hidden_sizes().get(layer)?;
        Some(Activation(self.raw.hidden_activations[layer]))
    }

    /// Sets the activation of every hidden layer.
    pub fn set_hidden_activation(&mut self, activation: Activation) -> &mut Options {
        self.raw.hidden_activations = [activation.0; MAX_HIDDEN_LAYERS];
        self
    }

    /// Activation of the output layer.
    pub fn output_activation(&self) -> Activation {
        Activation(self.raw.output_activation)
    }

    /// Sets the activation of the output layer.
    pub fn set_output_activation(&mut self, activation: Activation) -> &mut Options {
        self.raw.output_activation = activation.0;
        self
    }

    /// The optimiser.
    pub fn optimizer(&self) -> Optimizer {
        Optimizer(self.raw.optimizer)
    }

    /// Sets the optimiser.
    pub fn set_optimizer(&mut self, optimizer: Optimizer) -> &mut Options {
        self.raw.optimizer = optimizer.0;
        self
    }

    /// What a row of the autoencoder is.
    pub fn orientation(&self) -> Orientation {
        Orientation(self.raw.orientation)
    }

    /// Sets what a row of the autoencoder is.
    pub fn set_orientation(&mut self, orientation: Orientation) -> &mut Options {
        self.raw.orientation = orientation.0;
        self
    }

    /// Whether predictions are clipped to the rating scale.
    pub fn clip_predictions(&self) -> bool {
        self.raw.clip_predictions != 0
    }

    /// Clips predictions to [rating_min, rating_max] when `clip` is true.
    pub fn set_clip_predictions(&mut self, clip: bool) -> &mut Options {
        self.raw.clip_predictions = i32::from(clip);
        self
    }

    /// Whether gradients are summed over every step instead of cleared (the notebook's way).
    pub fn accumulate_gradients(&self) -> bool {
        self.raw.accumulate_gradients != 0
    }

    /// Sums gradients over every step since training began when `accumulate` is true.
    pub fn set_accumulate_gradients(&mut self, accumulate: bool) -> &mut Options {
        self.raw.accumulate_gradients = i32::from(accumulate);
        self
    }
}

/// A getter and a chaining setter for each plain numeric field.
macro_rules! numeric_fields {
    ($($field:ident, $setter:ident, $type:ty, $doc:literal;)*) => {
        impl Options {
            $(
                #[doc = $doc]
                pub fn $field(&self) -> $type {
                    self.raw.$field
                }

                #[doc = concat!("Sets: ", $doc)]
                pub fn $setter(&mut self, value: $type) -> &mut Options {
                    self.raw.$field = value;
                    self
                }
            )*
        }
    };
}

numeric_fields! {
    epochs, set_epochs, u32, "Most passes over the training rows (users, or items if item-based).";
    learning_rate, set_learning_rate, f64, "Step size of the optimiser.";
    weight_decay, set_weight_decay, f64, "weight_decay · w is added to each gradient.";
    rmsprop_alpha, set_rmsprop_alpha, f64, "RMSprop smoothing constant.";
    epsilon, set_epsilon, f64, "Added to the RMSprop denominator.";
    seed, set_seed, u64, "Seed of the model's random generator (initial weights).";
    threads, set_threads, u32, "Threads of the one-user-per-step trainer; 0: one per core.";
    rating_min, set_rating_min, f64, "Lowest rating of the scale.";
    rating_max, set_rating_max, f64, "Highest rating of the scale.";
    batch_size, set_batch_size, u32, "Rows per mini-batch; 0 selects the notebook's trainer.";
    l2, set_l2, f64, "λ of the loss term λ/2 · ‖W‖² over all weights.";
    input_dropout, set_input_dropout, f64, "Chance that an input rating is hidden in a step.";
    hidden_dropout, set_hidden_dropout, f64, "Chance that a hidden unit is dropped in a step.";
    momentum, set_momentum, f64, "SGD momentum, and Adam's β1.";
    beta2, set_beta2, f64, "Adam's β2.";
    validation_fraction, set_validation_fraction, f64, "Share of ratings held out for validation.";
    patience, set_patience, u32, "Epochs without a better validation RMSE before stopping.";
    ensemble_size, set_ensemble_size, u32, "Independently seeded networks averaged together.";
}

/// Checks, once per process, that libsae's `sae_options` is the one mirrored in `sae-sys`.
///
/// libsae refuses any struct_size but its own, and a mirror of another size would let C and
/// Rust read fields at different places: better to stop with a clear message on first use.
pub(crate) fn check_layout() -> Result<()> {
    static LAYOUT: OnceLock<Result<()>> = OnceLock::new();

    LAYOUT
        .get_or_init(|| {
            let mut buffer: OptionsBuffer = [0; 1024];
            // SAFETY: 8 KiB holds any sae_options; libsae writes its own struct and nothing else.
            unsafe { sys::sae_options_default(buffer.as_mut_ptr().cast()) };
            let c_size = buffer[0] as u32 as usize;
            if c_size == size_of::<sys::sae_options>() {
                return Ok(());
            }

            let message = format!(
                "the linked libsae has a {c_size}-byte sae_options but sae-sys mirrors {} bytes; \
                 use sae-sys built for this libsae's sae.h",
                size_of::<sys::sae_options>()
            );
            Err(Error::new(Status::VERSION, message))
        })
        .clone()
}

/// Copies the options libsae wrote into `buffer`, once check_layout() has passed.
fn read_options(buffer: &OptionsBuffer) -> sys::sae_options {
    // SAFETY: the buffer is aligned for u64 (so for sae_options), larger than it, and holds an
    // sae_options written by libsae, whose size equals the mirror's.
    unsafe { ptr::read(buffer.as_ptr().cast::<sys::sae_options>()) }
}
