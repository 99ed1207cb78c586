#!/bin/sh
# Runs libsae and the PyTorch reference side by side on this machine and prints the tables.
#
#   bench/run.sh [--quick] [--large] [--bench PATH] [--build DIR]
#
# Full run (about seven minutes on two cores, half of it PyTorch): the seed preset on u1 for 200
# epochs with 1 and then 2 threads in both implementations, the default preset, prediction,
# the bare update loop, and synthetic ratings at ML-1M and ML-10M shapes (--large adds ML-20M).
# --quick trains ML-100K for two epochs (PyTorch with one thread only) and the synthetic ML-100K
# shape for one: the meson test suite 'bench' runs it to catch a broken benchmark, which is all
# that its figures can show. Timings are printed, never judged. ML-100K comes from SAE_DATA_DIR,
# else data/ml-100k; without it the data parts are skipped, except under CI where that is a
# failure.
set -eu

root=${SAE_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
bench=""
build="$root/build"
quick=0
large=0
usage() {
    echo "run.sh: $1" >&2
    echo "usage: $0 [--quick] [--large] [--bench PATH] [--build DIR]" >&2
    exit 2
}
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --large) large=1 ;;
        --bench|--build)
            # Checked here, since with 'set -u' a missing value would only say "parameter not set".
            [ $# -ge 2 ] && [ -n "$2" ] || usage "$1 needs a value"
            if [ "$1" = --bench ]; then bench=$2; else build=$2; fi
            shift ;;
        *) usage "unknown argument '$1'" ;;
    esac
    shift
done
bench=${bench:-$build/bench/sae_bench}
if [ -d "$bench" ]; then
    echo "run.sh: $bench is a directory, not the sae_bench program" >&2
    exit 1
elif [ ! -e "$bench" ]; then
    echo "run.sh: $bench not found; build first (meson setup build && meson compile -C build)" >&2
    exit 1
elif [ ! -x "$bench" ]; then
    echo "run.sh: $bench is not executable" >&2
    exit 1
fi

# A folder named in SAE_DATA_DIR is a choice, so a split missing there is named as such.
data=${SAE_DATA_DIR:-$root/data/ml-100k}
missing=""
for file in u1.base u1.test; do
    [ -f "$data/$file" ] || missing=${missing:-$file}
done
if [ -n "$missing" ]; then
    if [ "${CI:-}" = true ]; then
        echo "run.sh: no ML-100K in '$data' (SAE_DATA_DIR) under CI: it lacks $missing" >&2
        exit 1
    fi
    if [ -n "${SAE_DATA_DIR:-}" ]; then
        data_note="SAE_DATA_DIR '$data' lacks $missing"
    else
        data_note="ML-100K not found in '$data' (set SAE_DATA_DIR)"
    fi
    data=""
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python=/usr/bin/python3
torch=0
if "$python" -c 'import torch' 2>/dev/null; then
    torch=1
fi

if [ $quick = 1 ]; then
    epochs=2; default_epochs=2; steps=2000; repeat=200; spread_seeds=2
    shapes="ml-100k"
else
    epochs=200; default_epochs=""; steps=188600; repeat=5000
    spread_seeds="2 3 4 5"
    shapes="ml-1m ml-10m"
    [ $large = 1 ] && shapes="$shapes ml-20m"
fi

echo "CPU: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores"
echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
quick_note="Quick run ($epochs epochs; PyTorch on one thread only): its timings and figures only
check that every part runs; they measure nothing."
[ $quick = 0 ] || echo "$quick_note"

step() {
    echo "... $1" >&2
}

# Runs one part into $out/NAME.json; a part that fails is reported and the others still run.
failed=0
part() {
    name=$1
    shift
    if ! "$@" > "$out/$name.json"; then
        echo "run.sh: part '$name' failed: $*" >&2
        rm -f "$out/$name.json"
        failed=1
    fi
}

step "bare update loop"
part floor "$bench" floor --steps $steps

if [ -n "$data" ]; then
    touch "$out/with-data"
    for t in 1 2; do
        step "libsae seed preset, u1, $epochs epochs, $t thread(s)"
        part libsae-$t "$bench" train --data "$data" --preset seed --epochs $epochs --threads $t
        # The quick run checks that the reference still works, once, with one thread.
        if [ $torch = 1 ] && { [ $quick = 0 ] || [ $t = 1 ]; }; then
            step "PyTorch reference, u1, $epochs epochs, $t thread(s)"
            part torch-$t "$python" "$root/bench/reference_notebook.py" --data "$data" \
                --epochs $epochs --threads $t
        fi
    done
    [ $torch = 1 ] || echo "PyTorch reference skipped: '$python -c \"import torch\"' fails"

    # Other seeds give the spread that the two implementations' figures are compared with.
    for seed in $spread_seeds; do
        step "libsae seed preset, u1, $epochs epochs, seed $seed"
        part spread-$seed "$bench" train --data "$data" --preset seed --epochs $epochs \
            --threads 0 --seed $seed
    done

    step "default preset, u1"
    part default "$bench" train --data "$data" --preset default \
        ${default_epochs:+--epochs $default_epochs} --threads 0
    step "prediction"
    part predict "$bench" predict --data "$data" --epochs $epochs --repeat $repeat --threads 0
else
    echo "$data_note: seed, default and prediction runs skipped"
fi

for shape in $shapes; do
    for preset in seed default; do
        step "synthetic $shape, $preset preset, 1 epoch"
        part scale-$shape-$preset "$bench" scale --shape $shape --preset $preset --epochs 1 \
            --threads 0
    done
done

status=0
"$python" "$root/bench/report.py" "$out" 1,2 "$(echo $shapes | tr ' ' ,)" || status=$?
[ $quick = 0 ] || printf '\n%s\n' "$quick_note"
[ $failed = 0 ] || status=1
exit $status
