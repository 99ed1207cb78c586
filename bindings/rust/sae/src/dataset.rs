//! Ratings data sets: sparse (user, item, rating) triples with a shape of users × items.

use std::path::Path;
use std::ptr::{self, NonNull};

use sae_sys as sys;

use crate::c_str::{c_path, c_string};
use crate::error::{check, Error, Result, Status};

/// A set of ratings, loaded from a MovieLens file or built from arrays; freed on drop.
///
/// Ids are 1-based. In a dense row, index `j` holds item `j + 1` and 0 means "not rated".
#[derive(Debug)]
pub struct Dataset {
    raw: NonNull<sys::sae_dataset>,
}

// SAFETY: libsae keeps no thread affinity for a handle and its error text is per calling thread,
// so a data set may move between threads. It is not Sync: sae.h allows one thread at a time.
unsafe impl Send for Dataset {}

impl Dataset {
    /// Loads a ratings file in the MovieLens `u.data` format (tab, space, comma or `::`).
    pub fn load(path: impl AsRef<Path>) -> Result<Dataset> {
        let path = c_path(path.as_ref())?;
        let mut raw = ptr::null_mut();

        // SAFETY: `raw` is a valid out-pointer and `path` a C string living across the call.
        check(unsafe { sys::sae_dataset_load(&mut raw, path.as_ptr()) })?;
        Ok(Dataset::from_raw(raw))
    }

    /// Loads a split, `dir/name.base` and `dir/name.test`, with one shared shape.
    ///
    /// Returns (training set, test set); for ML-100K both are 943 × 1682.
    pub fn load_split(dir: impl AsRef<Path>, name: &str) -> Result<(Dataset, Dataset)> {
        let dir = c_path(dir.as_ref())?;
        let name = c_string(name)?;
        let mut train = ptr::null_mut();
        let mut test = ptr::null_mut();

        // SAFETY: valid out-pointers; both strings live across the call.
        check(unsafe {
            sys::sae_dataset_load_split(&mut train, &mut test, dir.as_ptr(), name.as_ptr())
        })?;
        Ok((Dataset::from_raw(train), Dataset::from_raw(test)))
    }

    /// Builds a data set from parallel slices of user ids, item ids and ratings.
    pub fn from_triples(users: &[u32], items: &[u32], ratings: &[f32]) -> Result<Dataset> {
        if users.len() != items.len() || users.len() != ratings.len() {
            let message = format!(
                "Dataset::from_triples: {} users, {} items and {} ratings differ in length",
                users.len(),
                items.len(),
                ratings.len()
            );
            return Err(Error::new(Status::DIMENSION, message));
        }

        let mut raw = ptr::null_mut();
        // SAFETY: the three slices hold users.len() elements each and are only read.
        check(unsafe {
            sys::sae_dataset_from_arrays(
                &mut raw,
                users.as_ptr(),
                items.as_ptr(),
                ratings.as_ptr(),
                users.len(),
            )
        })?;
        Ok(Dataset::from_raw(raw))
    }

    fn from_raw(raw: *mut sys::sae_dataset) -> Dataset {
        let raw = NonNull::new(raw).expect("libsae returned SAE_OK with a NULL data set");
        Dataset { raw }
    }

    /// The C handle, for calls this crate does not wrap; it stays owned by `self`.
    pub fn as_raw(&self) -> *const sys::sae_dataset {
        self.raw.as_ptr()
    }

    /// Widens the shape, for instance to match a model; ids present must still fit.
    pub fn resize(&mut self, n_users: u32, n_items: u32) -> Result<()> {
        // SAFETY: the handle is valid and `&mut self` makes this the only use of it.
        check(unsafe { sys::sae_dataset_resize(self.raw.as_ptr(), n_users, n_items) })
    }

    /// One user's ratings as a dense row of n_items() floats, 0 where not rated.
    pub fn user_row(&self, user_id: u32) -> Result<Vec<f32>> {
        let mut row = vec![0.0; self.n_items() as usize];
        self.user_row_into(user_id, &mut row)?;
        Ok(row)
    }

    /// Writes one user's dense row into `out`, whose length must be n_items().
    pub fn user_row_into(&self, user_id: u32, out: &mut [f32]) -> Result<()> {
        // SAFETY: `out` is writable for out.len() floats; libsae checks the length.
        check(unsafe {
            sys::sae_dataset_user_row(out.as_mut_ptr(), out.len(), self.raw.as_ptr(), user_id)
        })
    }

    /// Number of users (rows).
    pub fn n_users(&self) -> u32 {
        // SAFETY: the handle is valid.
        unsafe { sys::sae_dataset_n_users(self.raw.as_ptr()) }
    }

    /// Number of items (columns).
    pub fn n_items(&self) -> u32 {
        // SAFETY: the handle is valid.
        unsafe { sys::sae_dataset_n_items(self.raw.as_ptr()) }
    }

    /// Number of ratings stored.
    pub fn n_ratings(&self) -> u64 {
        // SAFETY: the handle is valid.
        unsafe { sys::sae_dataset_n_ratings(self.raw.as_ptr()) }
    }
}

impl Drop for Dataset {
    fn drop(&mut self) {
        // SAFETY: the handle came from libsae, is owned by self and is freed exactly once.
        unsafe { sys::sae_dataset_free(self.raw.as_ptr()) }
    }
}
