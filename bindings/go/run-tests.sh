#!/usr/bin/env bash
# Vets and tests the Go binding against the libsae of the build tree, then runs the example on
# ML-100K for two epochs when SAE_DATA_DIR is set. Usage: run-tests.sh BUILD_DIR
#
# Everything Go writes (build cache, module cache, its config) goes under BUILD_DIR, never into
# the source tree or $HOME. Exits 77 (skipped) when Go is missing, except under CI.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "$1" && pwd)

go=$(command -v go || true)
if [[ -z $go && -x /usr/local/go/bin/go ]]; then
    go=/usr/local/go/bin/go
fi
if [[ -z $go ]]; then
    if [[ -n ${CI:-} ]]; then
        echo "go binding: no Go toolchain found, and CI must test every binding" >&2
        exit 1
    fi
    echo "go binding: skipped, no Go toolchain found (install Go 1.19 or newer)"
    exit 77
fi

export GOCACHE=$build/go-cache
export GOPATH=$build/go-path
export GOMODCACHE=$GOPATH/pkg/mod
export XDG_CONFIG_HOME=$build/go-config
export GOTOOLCHAIN=local
export GOTELEMETRY=off
export CGO_ENABLED=1
# The module has no dependencies: readonly guarantees go.mod and go.sum are never rewritten.
# No VCS stamp: the example's build must not depend on git accepting the checkout's owner.
export GOFLAGS='-mod=readonly -buildvcs=false'
export PKG_CONFIG_PATH=$build${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

cd "$here"
"$go" version
echo "libsae flags: $(pkg-config --cflags --libs sae)"

"$go" vet ./...
"$go" test -count=1 -v ./...

if [[ -z ${SAE_DATA_DIR:-} ]]; then
    if [[ -n ${CI:-} ]]; then
        echo "go binding: SAE_DATA_DIR is unset under CI" >&2
        exit 1
    fi
    echo "go binding: example not run, SAE_DATA_DIR is unset"
    exit 0
fi
"$go" build -o "$build/recommend" ./examples/recommend
"$build/recommend" -data "$SAE_DATA_DIR" -epochs 2 -user 1 -top 10 | tee "$build/recommend.out"
# The example must print its RMSE and ten titled recommendations.
grep -q '^test RMSE' "$build/recommend.out"
[[ $(grep -c '^ *[0-9]*\. ' "$build/recommend.out") -eq 10 ]]
