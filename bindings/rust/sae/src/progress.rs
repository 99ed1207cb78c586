//! Progress callbacks: Rust closures called by sae_fit() through a C trampoline.
//!
//! A panic must not unwind into C. The trampoline catches it, asks libsae to stop, and keeps
//! the payload so that Model::fit_with_progress can resume it once sae_fit() has returned.

use std::any::Any;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ops::ControlFlow;
use std::panic::{self, AssertUnwindSafe};
use std::ptr;

use sae_sys as sys;

/// Progress of training after one epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EpochReport {
    /// Epochs completed, from 1.
    pub epoch: u32,
    /// Epochs requested.
    pub n_epochs: u32,
    /// Users that took a step in this epoch.
    pub n_users_trained: u32,
    /// Mean over users of each user's RMSE before its step.
    pub train_loss: f64,
    /// Wall time since training started, in seconds.
    pub elapsed_seconds: f64,
    /// RMSE on the held-out validation ratings; 0 without validation.
    pub validation_rmse: f64,
    /// Epoch with the lowest validation RMSE so far; 0 without validation.
    pub best_epoch: u32,
    /// Network of the ensemble being trained, from 1.
    pub ensemble_member: u32,
}

/// What a fit's closure and the panic it may have raised share with the trampoline.
pub(crate) struct ProgressState<'a> {
    callback: &'a mut dyn FnMut(&EpochReport) -> ControlFlow<()>,
    panic: Option<Box<dyn Any + Send + 'static>>,
}

impl<'a> ProgressState<'a> {
    pub(crate) fn new(callback: &'a mut dyn FnMut(&EpochReport) -> ControlFlow<()>) -> Self {
        ProgressState {
            callback,
            panic: None,
        }
    }

    /// Re-raises a panic the closure raised during the fit, now that C is off the stack.
    pub(crate) fn resume_panic(self) {
        if let Some(payload) = self.panic {
            panic::resume_unwind(payload);
        }
    }
}

/// The `sae_progress_fn` handed to libsae; `user_data` points at a ProgressState.
pub(crate) unsafe extern "C" fn trampoline(
    report: *const sys::sae_epoch_report,
    user_data: *mut c_void,
) -> c_int {
    // SAFETY: fit_with_progress passes a ProgressState that outlives sae_fit(), and libsae calls
    // this on the thread that called sae_fit(), so nothing else touches it meanwhile.
    let state = &mut *user_data.cast::<ProgressState>();
    let report = read_report(report);

    let callback = &mut state.callback;
    match panic::catch_unwind(AssertUnwindSafe(|| callback(&report))) {
        Ok(ControlFlow::Continue(())) => 0,
        Ok(ControlFlow::Break(())) => 1,
        Err(payload) => {
            state.panic = Some(payload);
            1
        }
    }
}

/// Copies the report libsae passed, of the size libsae says, so an older or newer libsae whose
/// struct is shorter or longer is read correctly; fields it lacks stay 0.
///
/// # Safety
/// `report` points at a report valid for reading, whose struct_size is set.
unsafe fn read_report(report: *const sys::sae_epoch_report) -> EpochReport {
    // SAFETY: sae_epoch_report is plain numbers, for which all-zero bytes are valid.
    let mut raw: sys::sae_epoch_report = std::mem::zeroed();
    let len = ((*report).struct_size as usize).min(size_of::<sys::sae_epoch_report>());
    ptr::copy_nonoverlapping(
        report.cast::<u8>(),
        ptr::addr_of_mut!(raw).cast::<u8>(),
        len,
    );

    EpochReport {
        epoch: raw.epoch,
        n_epochs: raw.n_epochs,
        n_users_trained: raw.n_users_trained,
        train_loss: raw.train_loss,
        elapsed_seconds: raw.elapsed_seconds,
        validation_rmse: raw.validation_rmse,
        best_epoch: raw.best_epoch,
        ensemble_member: raw.ensemble_member,
    }
}
