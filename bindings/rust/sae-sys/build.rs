//! Finds libsae and tells rustc how to link it.
//!
//! In order: the pkg-config module named by `SAE_PKG_CONFIG_NAME` (an in-tree build uses
//! `sae-uninstalled`, with `PKG_CONFIG_PATH` pointing at Meson's `meson-uninstalled` folder),
//! else the installed `sae` module, else the library file named by `SAE_LIBRARY_PATH`.

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-env-changed=SAE_PKG_CONFIG_NAME");
    println!("cargo:rerun-if-env-changed=SAE_LIBRARY_PATH");

    // A module asked for by name must be found: falling back would hide a broken set-up.
    if let Ok(name) = env::var("SAE_PKG_CONFIG_NAME") {
        if let Err(error) = pkg_config::Config::new().probe(&name) {
            panic!("sae-sys: SAE_PKG_CONFIG_NAME={name} but pkg-config cannot find it:\n{error}");
        }
        return;
    }

    let installed = pkg_config::Config::new().probe("sae");
    if installed.is_ok() {
        return;
    }

    if let Some(path) = env::var_os("SAE_LIBRARY_PATH") {
        link_library_file(Path::new(&path));
        return;
    }

    panic!(
        "sae-sys: libsae not found. Install it (meson install) so that `pkg-config sae` works, \
         or set SAE_PKG_CONFIG_NAME or SAE_LIBRARY_PATH.\npkg-config said: {}",
        installed.unwrap_err()
    );
}

/// Links the shared library at `path`, such as `build/capi/libsae.so`.
fn link_library_file(path: &Path) {
    let folder = match path.parent() {
        Some(folder) if path.is_file() => folder,
        _ => panic!("sae-sys: SAE_LIBRARY_PATH={} is not a file", path.display()),
    };

    println!("cargo:rustc-link-search=native={}", folder.display());
    println!("cargo:rustc-link-lib=dylib=sae");
}
