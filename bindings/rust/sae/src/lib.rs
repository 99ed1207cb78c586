//! Train and query a stacked autoencoder recommender through libsae.
//!
//! ```no_run
//! use sae::{Dataset, Model, Options};
//!
//! fn main() -> Result<(), sae::Error> {
//!     let (train, test) = Dataset::load_split("data/ml-100k", "u1")?;
//!     let mut options = Options::preset("seed")?;
//!     options.set_epochs(20);
//!     let mut model = Model::new(&options)?;
//!     model.fit(&train)?;
//!     println!("test RMSE {:.4}", model.rmse(&train, &test)?);
//!     let predictions = model.predict(&train.user_row(1)?)?;
//!     println!("user 1, item 1: {:.2}", predictions[0]);
//!     Ok(())
//! }
//! ```
//!
//! Handles are freed on drop. Every fallible call returns [`Result`], whose [`Error`] carries
//! libsae's status and message. Ids are 1-based; dense rows hold item `j + 1` at index `j`.

mod c_str;
mod dataset;
mod error;
mod model;
mod options;
mod progress;

use std::ffi::CStr;

pub use sae_sys as sys;

pub use dataset::Dataset;
pub use error::{Error, Result, Status};
pub use model::{Metrics, Model};
pub use options::{Activation, Optimizer, Options, Orientation, MAX_HIDDEN_LAYERS};
pub use progress::EpochReport;

/// Version of the running libsae, as "MAJOR.MINOR.PATCH".
pub fn version() -> &'static str {
    // SAFETY: sae_version returns static text, never NULL.
    let text = unsafe { CStr::from_ptr(sys::sae_version()) };
    text.to_str().unwrap_or("unknown")
}
