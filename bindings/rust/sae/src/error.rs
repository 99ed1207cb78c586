//! Errors: a libsae status plus the message that explains it.

use std::ffi::{c_int, CStr};
use std::fmt;

use sae_sys as sys;

/// A libsae status code. Any integer is representable, including codes added by a newer libsae.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Status(pub c_int);

impl Status {
    pub const OK: Status = Status(sys::SAE_OK);
    /// A value out of range, NaN in a buffer, a NUL inside a string.
    pub const INVALID_ARGUMENT: Status = Status(sys::SAE_ERR_INVALID_ARGUMENT);
    pub const OUT_OF_MEMORY: Status = Status(sys::SAE_ERR_OUT_OF_MEMORY);
    /// A file could not be opened, read or written.
    pub const IO: Status = Status(sys::SAE_ERR_IO);
    /// A ratings file has a malformed line.
    pub const PARSE: Status = Status(sys::SAE_ERR_PARSE);
    /// A model file is corrupt, truncated or of another format.
    pub const FORMAT: Status = Status(sys::SAE_ERR_FORMAT);
    /// A struct or file version this libsae does not know.
    pub const VERSION: Status = Status(sys::SAE_ERR_VERSION);
    /// Sizes of a model, a data set or a buffer disagree.
    pub const DIMENSION: Status = Status(sys::SAE_ERR_DIMENSION);
    /// The model is not in a state that allows the call, such as predicting before training.
    pub const STATE: Status = Status(sys::SAE_ERR_STATE);
    /// The progress callback asked training to stop.
    pub const CANCELLED: Status = Status(sys::SAE_ERR_CANCELLED);
    /// Training produced a NaN or infinite loss.
    pub const DIVERGED: Status = Status(sys::SAE_ERR_DIVERGED);
    /// A bug in libsae.
    pub const INTERNAL: Status = Status(sys::SAE_ERR_INTERNAL);

    /// libsae's English name of the status, such as "invalid argument".
    pub fn name(self) -> &'static str {
        // SAFETY: sae_status_string accepts any integer and returns static text, never NULL.
        let text = unsafe { CStr::from_ptr(sys::sae_status_string(self.0)) };
        text.to_str().unwrap_or("unknown status")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A failed libsae call: its status and libsae's message, copied when the call returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    status: Status,
    message: String,
}

/// The result of every fallible call of this crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An error raised by the binding itself, before libsae was called.
    pub(crate) fn new(status: Status, message: impl Into<String>) -> Error {
        Error {
            status,
            message: message.into(),
        }
    }

    /// The status libsae returned.
    pub fn status(&self) -> Status {
        self.status
    }

    /// What went wrong, naming the file, line or value where there is one.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether a progress callback stopped training; the model is still usable then.
    pub fn is_cancelled(&self) -> bool {
        self.status == Status::CANCELLED
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status, self.message)
    }
}

impl std::error::Error for Error {}

/// Turns a status returned by libsae into a `Result`.
///
/// Must run right after the call, on the same thread and before any other `sae_` call: the
/// message lives in thread-local storage that the next call clears.
pub(crate) fn check(status: c_int) -> Result<()> {
    if status == sys::SAE_OK {
        return Ok(());
    }

    // SAFETY: sae_last_error never returns NULL, and the text is copied before any other call.
    let message = unsafe { CStr::from_ptr(sys::sae_last_error()) };
    Err(Error::new(
        Status(status),
        message.to_string_lossy().into_owned(),
    ))
}
