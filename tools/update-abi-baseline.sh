#!/usr/bin/env bash
# Rewrites abi/libsae.abi from a fresh debug-info build of libsae.so (SAE_ABI_BUILD_DIR,
# default build-abi). Run it after a release or a soversion bump, and commit the result.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/check-abi.sh" --update
