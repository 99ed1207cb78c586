#!/usr/bin/env bash
# Builds libsae and runs every test suite. Extra arguments go to 'meson test'
# (for example --suite unit).
#
# Tests that need ML-100K read SAE_DATA_DIR; when it is unset and data/ml-100k exists, that
# folder is used. SAE_BUILD_DIR picks the build folder (default: build).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${SAE_BUILD_DIR:-build}

section()
{
    printf '\n==> %s\n' "$*"
}

section "Dependencies"
deps_status=0
bash tools/install-deps.sh || deps_status=$?
if [[ $deps_status -eq 3 ]]; then
    echo "test: some packages are missing; trying to build anyway" >&2
elif [[ $deps_status -ne 0 ]]; then
    exit "$deps_status"
fi

section "Build ($build)"
if [[ ! -f $build/meson-private/coredata.dat ]]; then
    meson setup "$build"
fi
meson compile -C "$build"

section "Data"
if [[ -z ${SAE_DATA_DIR:-} && -d data/ml-100k ]]; then
    SAE_DATA_DIR=data/ml-100k
fi
if [[ -n ${SAE_DATA_DIR:-} ]]; then
    # Tests run from other folders, so the path must be absolute.
    if [[ ! -d $SAE_DATA_DIR ]]; then
        echo "test: SAE_DATA_DIR=$SAE_DATA_DIR is not a folder" >&2
        exit 1
    fi
    SAE_DATA_DIR=$(cd "$SAE_DATA_DIR" && pwd)
    export SAE_DATA_DIR
    echo "ML-100K: $SAE_DATA_DIR"
else
    echo "SAE_DATA_DIR is unset and data/ml-100k does not exist: tests that need ML-100K"
    echo "cannot run. Fetch it with: tools/fetch-ml100k.sh data/ml-100k"
fi

section "Tests"
meson test -C "$build" --print-errorlogs "$@"
