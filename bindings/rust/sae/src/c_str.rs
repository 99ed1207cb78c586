//! Strings and paths handed to libsae, which reads them as NUL-terminated bytes.

use std::ffi::CString;
use std::path::Path;

use crate::error::{Error, Result, Status};

/// A C string for libsae, or an invalid-argument error when `text` holds a NUL.
pub(crate) fn c_string(text: &str) -> Result<CString> {
    CString::new(text).map_err(|_| {
        Error::new(
            Status::INVALID_ARGUMENT,
            format!("{text:?} contains a NUL character"),
        )
    })
}

/// A path as the bytes the operating system uses, so that non-UTF-8 names still work on Unix.
pub(crate) fn c_path(path: &Path) -> Result<CString> {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };

    // TODO: libsae opens files with narrow strings; non-Unix paths must be valid Unicode until
    // it accepts wide paths on Windows.
    #[cfg(not(unix))]
    let bytes = match path.to_str() {
        Some(text) => text.as_bytes().to_vec(),
        None => {
            let message = format!("{} is not valid Unicode", path.display());
            return Err(Error::new(Status::INVALID_ARGUMENT, message));
        }
    };

    CString::new(bytes).map_err(|_| {
        let message = format!("{} contains a NUL character", path.display());
        Error::new(Status::INVALID_ARGUMENT, message)
    })
}
