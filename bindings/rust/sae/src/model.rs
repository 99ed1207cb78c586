//! Stacked autoencoder models: create, train, predict, score, save and load.

use std::ffi::c_void;
use std::mem::size_of;
use std::ops::ControlFlow;
use std::path::Path;
use std::ptr::{self, NonNull};

use sae_sys as sys;

use crate::c_str::c_path;
use crate::dataset::Dataset;
use crate::error::{check, Error, Result, Status};
use crate::options::{check_layout, Options};
use crate::progress::{trampoline, EpochReport, ProgressState};

/// Accuracy of a model on held-out ratings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metrics {
    /// Users with at least one target rating.
    pub n_users: u32,
    /// Target ratings scored.
    pub n_ratings: u64,
    /// Root mean squared error over all target ratings.
    pub rmse: f64,
    /// Mean absolute error over all target ratings.
    pub mae: f64,
    /// Mean over users of each user's RMSE.
    pub mean_user_rmse: f64,
}

/// An autoencoder model; freed on drop.
///
/// Training needs `&mut self`. Prediction and scoring take `&self` and may run on several
/// threads at once, for instance through an `Arc<Model>` or scoped threads.
#[derive(Debug)]
pub struct Model {
    raw: NonNull<sys::sae_model>,
}

// SAFETY: libsae keeps no thread affinity for a handle and its error text is per calling thread,
// so a model may move between threads.
unsafe impl Send for Model {}

// SAFETY: sae.h allows sae_predict, sae_predict_users, sae_rmse and sae_evaluate to run
// concurrently on one model. Those are the only C calls made through `&self` besides
// sae_model_n_items and sae_model_options, which only read what training set; everything that
// changes the model (sae_fit) takes `&mut self`, and save takes `&mut self` too because sae.h
// does not list sae_save among the calls that may overlap.
unsafe impl Sync for Model {}

impl Model {
    /// Creates an untrained model; the item count comes from the first data set it is fit on.
    pub fn new(options: &Options) -> Result<Model> {
        check_layout()?;

        let mut raw = ptr::null_mut();
        // SAFETY: valid out-pointer; libsae copies the options.
        check(unsafe { sys::sae_create(&mut raw, options.as_raw()) })?;
        Ok(Model::from_raw(raw))
    }

    /// Reads a model written by [`Model::save`], from this or any other language's binding.
    pub fn load(path: impl AsRef<Path>) -> Result<Model> {
        let path = c_path(path.as_ref())?;
        let mut raw = ptr::null_mut();

        // SAFETY: valid out-pointer; the path lives across the call.
        check(unsafe { sys::sae_load(&mut raw, path.as_ptr()) })?;
        Ok(Model::from_raw(raw))
    }

    fn from_raw(raw: *mut sys::sae_model) -> Model {
        let raw = NonNull::new(raw).expect("libsae returned SAE_OK with a NULL model");
        Model { raw }
    }

    /// The C handle, for calls this crate does not wrap; it stays owned by `self`.
    pub fn as_raw(&self) -> *const sys::sae_model {
        self.raw.as_ptr()
    }

    /// Trains on every user of `train` for the configured number of epochs.
    ///
    /// A later call trains further from the current weights.
    pub fn fit(&mut self, train: &Dataset) -> Result<()> {
        // SAFETY: both handles are valid; `&mut self` makes this the only use of the model.
        check(unsafe { sys::sae_fit(self.raw.as_ptr(), train.as_raw(), None, ptr::null_mut()) })
    }

    /// Trains as [`Model::fit`] does, calling `progress` after every epoch.
    ///
    /// Returning `ControlFlow::Break(())` stops training with an error whose
    /// [`is_cancelled`](Error::is_cancelled) is true; the model keeps the weights of the last
    /// finished epoch and stays usable. A panic in `progress` stops training too, and is
    /// resumed here once libsae has returned.
    pub fn fit_with_progress<F>(&mut self, train: &Dataset, mut progress: F) -> Result<()>
    where
        F: FnMut(&EpochReport) -> ControlFlow<()>,
    {
        let mut state = ProgressState::new(&mut progress);

        // SAFETY: as in fit(); `state` outlives the call and is only used by the trampoline on
        // this thread.
        let status = unsafe {
            sys::sae_fit(
                self.raw.as_ptr(),
                train.as_raw(),
                Some(trampoline),
                ptr::addr_of_mut!(state).cast::<c_void>(),
            )
        };

        let result = check(status);
        state.resume_panic();
        result
    }

    /// Predicts every item's rating for one user from that user's dense row of ratings.
    pub fn predict(&self, ratings: &[f32]) -> Result<Vec<f32>> {
        let mut out = vec![0.0; self.n_items() as usize];
        self.predict_into(ratings, &mut out)?;
        Ok(out)
    }

    /// Writes the predictions for one dense row of ratings into `out`.
    ///
    /// Both slices must be n_items() long; `ratings` holds 0 where not rated.
    pub fn predict_into(&self, ratings: &[f32], out: &mut [f32]) -> Result<()> {
        // SAFETY: the slices are valid for their lengths, which libsae checks against the model.
        check(unsafe {
            sys::sae_predict(
                out.as_mut_ptr(),
                out.len(),
                self.raw.as_ptr(),
                ratings.as_ptr(),
                ratings.len(),
            )
        })
    }

    /// Predicts full rows for several users of `input`: user_ids.len() × n_items(), row-major.
    pub fn predict_users(&self, input: &Dataset, user_ids: &[u32]) -> Result<Vec<f32>> {
        let len = user_ids
            .len()
            .checked_mul(self.n_items() as usize)
            .ok_or_else(|| {
                Error::new(
                    Status::DIMENSION,
                    "Model::predict_users: output size overflows",
                )
            })?;
        let mut out = vec![0.0; len];

        // SAFETY: `out` holds `len` floats and `user_ids` its own length; both checked by C.
        check(unsafe {
            sys::sae_predict_users(
                out.as_mut_ptr(),
                out.len(),
                self.raw.as_ptr(),
                input.as_raw(),
                user_ids.as_ptr(),
                user_ids.len(),
            )
        })?;
        Ok(out)
    }

    /// Scores predictions made from `input` (the training set) against `target` (the test set).
    pub fn evaluate(&self, input: &Dataset, target: &Dataset) -> Result<Metrics> {
        // SAFETY: sae_metrics is plain numbers, for which all-zero bytes are valid.
        let mut raw: sys::sae_metrics = unsafe { std::mem::zeroed() };
        raw.struct_size = size_of::<sys::sae_metrics>() as u32;

        // SAFETY: libsae checks struct_size before writing, so it writes at most our struct.
        check(unsafe {
            sys::sae_evaluate(&mut raw, self.raw.as_ptr(), input.as_raw(), target.as_raw())
        })?;
        Ok(Metrics {
            n_users: raw.n_users,
            n_ratings: raw.n_ratings,
            rmse: raw.rmse,
            mae: raw.mae,
            mean_user_rmse: raw.mean_user_rmse,
        })
    }

    /// RMSE over all ratings of `target`, predicted from `input`.
    pub fn rmse(&self, input: &Dataset, target: &Dataset) -> Result<f64> {
        let mut rmse = 0.0;

        // SAFETY: valid out-pointer and handles.
        check(unsafe {
            sys::sae_rmse(
                &mut rmse,
                self.raw.as_ptr(),
                input.as_raw(),
                target.as_raw(),
            )
        })?;
        Ok(rmse)
    }

    /// Number of items the model reads and predicts; 0 before training.
    pub fn n_items(&self) -> u32 {
        // SAFETY: the handle is valid.
        unsafe { sys::sae_model_n_items(self.raw.as_ptr()) }
    }

    /// The options the model was created or loaded with.
    pub fn options(&self) -> Result<Options> {
        check_layout()?;

        // SAFETY: sae_options is plain numbers, for which all-zero bytes are valid.
        let mut raw: sys::sae_options = unsafe { std::mem::zeroed() };
        raw.struct_size = size_of::<sys::sae_options>() as u32;
        // SAFETY: libsae checks struct_size before writing, so it writes at most our struct.
        check(unsafe { sys::sae_model_options(&mut raw, self.raw.as_ptr()) })?;
        Ok(Options::from_raw(raw))
    }

    /// Writes the trained model to `path` atomically: a failure never leaves a partial file.
    ///
    /// Takes `&mut self` because libsae does not allow saving while another thread predicts.
    pub fn save(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let path = c_path(path.as_ref())?;

        // SAFETY: the handle is valid and the path lives across the call.
        check(unsafe { sys::sae_save(self.raw.as_ptr(), path.as_ptr()) })
    }
}

impl Drop for Model {
    fn drop(&mut self) {
        // SAFETY: the handle came from libsae, is owned by self and is freed exactly once.
        unsafe { sys::sae_free(self.raw.as_ptr()) }
    }
}
