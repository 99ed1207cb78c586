#!/usr/bin/env bash
# Builds and tests the Rust binding against the in-tree libsae.
#
# Usage: run-tests.sh SOURCE_DIR BUILD_DIR
#
# Exit status 77 (skipped) when cargo is missing on a developer machine; under CI (CI set) a
# missing toolchain or a missing SAE_DATA_DIR is a failure instead.
set -euo pipefail

source_dir=$1
build_dir=$2

section()
{
    printf '\n==> %s\n' "$*"
}

# rustup installs into ~/.cargo/bin, which a non-login shell may not have on PATH.
if ! command -v cargo >/dev/null 2>&1 && [[ -x ${CARGO_HOME:-$HOME/.cargo}/bin/cargo ]]; then
    PATH=${CARGO_HOME:-$HOME/.cargo}/bin:$PATH
fi
if ! command -v cargo >/dev/null 2>&1; then
    if [[ -n ${CI:-} ]]; then
        echo "rust: cargo not found, and CI requires every binding's toolchain" >&2
        exit 1
    fi
    echo "rust: cargo not found; skipping the Rust binding (install Rust to run it)"
    exit 77
fi

# Everything cargo builds goes under the build tree; the registry cache stays in CARGO_HOME.
export CARGO_TARGET_DIR=$build_dir/cargo-target
export SAE_PKG_CONFIG_NAME=sae-uninstalled
manifest=$source_dir/Cargo.toml
cargo --version

section "cargo test"
cargo test --locked --no-fail-fast --manifest-path "$manifest" --workspace

section "cargo clippy"
if cargo clippy --version >/dev/null 2>&1; then
    cargo clippy --locked --manifest-path "$manifest" --workspace --all-targets -- -D warnings
else
    echo "rust: clippy is not installed (rustup component add clippy); lints NOT checked"
fi

section "example ml100k (2 epochs)"
if [[ -z ${SAE_DATA_DIR:-} ]]; then
    if [[ -n ${CI:-} ]]; then
        echo "rust: SAE_DATA_DIR is not set, and CI requires the example to run" >&2
        exit 1
    fi
    echo "rust: SAE_DATA_DIR is not set; example not run"
    exit 0
fi

output=$build_dir/ml100k.out
cargo run --locked --manifest-path "$manifest" --example ml100k -- --epochs 2 | tee "$output"
grep -Eq '^test RMSE [0-9]+\.[0-9]+ over 20000 ratings$' "$output"
recommendations=$(sed -n '/^top 10 for user 1:$/,$p' "$output" | tail -n +2 | grep -c .)
if [[ $recommendations -ne 10 ]]; then
    echo "rust: the example printed $recommendations recommendations, not 10" >&2
    exit 1
fi
echo "rust: example printed the test RMSE and 10 recommendations"
