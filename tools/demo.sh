#!/usr/bin/env bash
# Builds libsae, trains the "seed" preset on the u1 split of ML-100K and shows the top ten
# recommendations for user 1.
#
# Data: the folder named by SAE_DATA_DIR when set, else data/ml-100k, fetched on first use by
# tools/fetch-ml100k.sh. SAE_BUILD_DIR picks the build folder (default: build).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${SAE_BUILD_DIR:-build}
sae="$build/tools/sae/sae"
model="$build/seed-u1.sae"

section()
{
    printf '\n==> %s\n' "$*"
}

die()
{
    echo "demo: $*" >&2
    exit 1
}

section "Dependencies"
deps_status=0
bash tools/install-deps.sh || deps_status=$?
if [[ $deps_status -eq 3 ]]; then
    echo "demo: some packages are missing; trying to build anyway" >&2
elif [[ $deps_status -ne 0 ]]; then
    exit "$deps_status"
fi

section "Build ($build)"
if [[ ! -f $build/meson-private/coredata.dat ]]; then
    meson setup "$build"
fi
# Only the command-line program: the tests are built by the test command.
meson compile -C "$build" tools/sae/sae:executable
[[ -x $sae ]] || die "$sae was not built"

section "Data"
if [[ -n ${SAE_DATA_DIR:-} ]]; then
    data=$SAE_DATA_DIR
    [[ -d $data ]] || die "SAE_DATA_DIR=$data is not a folder"
else
    data=data/ml-100k
    bash tools/fetch-ml100k.sh "$data"
fi
echo "Checking the files used against tools/ml-100k.sha256 in $data:"
if ! (cd "$data" &&
    grep -E '  (u1\.base|u1\.test|u\.item)$' "$root/tools/ml-100k.sha256" |
    sha256sum --check --strict); then
    die "the data in $data does not match tools/ml-100k.sha256"
fi

section "Train: seed preset, split u1"
"$sae" train --data "$data" --split u1 --preset seed --save "$model"

section "Top 10 recommendations for user 1"
"$sae" recommend --model "$model" --data "$data" --split u1 --user 1 --top 10
