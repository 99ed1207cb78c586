//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::env;
use std::path::PathBuf;

use sae::{Dataset, Model, Options};

/// tests/data/tiny.data: from SAE_TINY_RATINGS under meson, else found from this crate's folder.
pub fn tiny_ratings_path() -> PathBuf {
    match env::var_os("SAE_TINY_RATINGS") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/data/tiny.data"),
    }
}

pub fn tiny_ratings() -> Dataset {
    Dataset::load(tiny_ratings_path()).expect("tiny ratings load")
}

/// The notebook's trainer made small and quick: one hidden layer of 3, a fixed seed.
pub fn small_options(epochs: u32) -> Options {
    let mut options = Options::preset("seed").expect("seed options");
    options
        .set_hidden_sizes(&[3])
        .unwrap()
        .set_epochs(epochs)
        .set_seed(7);
    options
}

pub fn trained_model() -> Model {
    let mut model = Model::new(&small_options(20)).expect("create");
    model.fit(&tiny_ratings()).expect("fit");
    model
}

/// A variable the test cannot run without: under CI (CI set) its absence is a failure.
pub fn required_var(name: &str) -> Option<PathBuf> {
    match env::var_os(name) {
        Some(value) => Some(PathBuf::from(value)),
        None if env::var_os("CI").is_some() => panic!("{name} is not set; meson test sets it"),
        None => {
            eprintln!("skipped: {name} is not set (run through meson test to set it)");
            None
        }
    }
}

/// A fresh folder under the system temporary folder, removed by the caller.
pub fn temp_dir(tag: &str) -> PathBuf {
    let dir = env::temp_dir().join(format!("sae-rust-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    dir
}
