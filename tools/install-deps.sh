#!/usr/bin/env bash
# Installs the Debian packages that building libsae and running its tests need.
#
# Run as root it installs whatever is missing (apt-get update first); run as another user it
# prints the command to run. When everything is installed it only says so, quickly.
#
# Exit status: 0 all present, 1 installation failed, 3 packages missing and not root.
set -euo pipefail

packages=(
    # Compilers and build tools; cmake is how meson finds xtensor-blas.
    build-essential
    cmake
    meson
    ninja-build
    pkg-config
    # Libraries.
    libxtensor-dev
    libxtensor-blas-dev
    libopenblas-dev
    zlib1g-dev
    libcli11-dev
    # The benchmark's JSON lines.
    nlohmann-json3-dev
    # Tests and documentation.
    libgtest-dev
    doxygen
    # tools/ci-extra.sh: clang with libFuzzer (its runtime is in libclang-rt-14-dev on Debian
    # 12), and abidw/abidiff for the ABI check.
    clang
    libclang-rt-14-dev
    abigail-tools
    # The Python binding's tests.
    python3-numpy
    python3-pytest
    # The Go binding's tests (Go 1.19; a newer Go earlier in PATH is used instead).
    golang-go
    # bench/run.sh: the PyTorch reference that libsae is timed against (about 70 MB to fetch);
    # the quick run in the 'bench' suite trains it for one epoch.
    python3-torch
    # Fetching the data set.
    ca-certificates
    curl
    unzip
)

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian-based system; install the equivalents of:" >&2
    echo "  ${packages[*]}" >&2
    exit 3
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query --show --showformat='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    if [[ $status != ii* ]]; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "All ${#packages[@]} build and test packages are installed."
    exit 0
fi

echo "Missing packages: ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    echo "Install them as root with:" >&2
    echo "  sudo apt-get update &&" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 3
fi

export DEBIAN_FRONTEND=noninteractive
if ! apt-get update || ! apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "install-deps: apt-get failed" >&2
    exit 1
fi
