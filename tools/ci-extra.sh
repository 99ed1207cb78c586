#!/usr/bin/env bash
# Reliability jobs that need builds of their own, run by .ci/run after tools/test.sh:
#
#   asan  AddressSanitizer + UndefinedBehaviorSanitizer: the unit, C API and example suites
#   tsan  ThreadSanitizer: the concurrency suite, the threads example and the unit tests of
#         the trainer's threads
#   fuzz  libFuzzer (clang): the ratings parser and the model loader, SAE_FUZZ_SECONDS each
#   abi   abidiff of the shared library against abi/libsae.abi (tools/check-abi.sh)
#
# Usage: tools/ci-extra.sh [JOB...]   (default: all four, in that order)
#
# Each job configures its own folder under SAE_EXTRA_BUILD_ROOT (default: build-extra) and
# compiles only the targets its tests need, so that the four fit in a few minutes on two cores.
# Any sanitizer report, fuzz finding or incompatible ABI change fails the job; every job runs
# even when an earlier one failed, and the exit status is non-zero if any did.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build_root=${SAE_EXTRA_BUILD_ROOT:-build-extra}
fuzz_seconds=${SAE_FUZZ_SECONDS:-60}
jobs=("$@")
if [[ ${#jobs[@]} -eq 0 ]]; then
    jobs=(asan tsan fuzz abi)
fi

section()
{
    printf '\n==> %s\n' "$*"
}

# The options every job shares: no bindings, no Doxygen.
common_options=(-Dbindings=false -Ddocs=false)

# configure DIR OPTION...: sets DIR up once; a later run reuses it.
configure()
{
    local dir=$1
    shift
    if [[ ! -f $dir/meson-private/coredata.dat ]]; then
        meson setup "$dir" "${common_options[@]}" "$@"
    fi
}

# build_suite_targets DIR NAME...: compiles only the programs and libraries that the tests of
# the named suites, or the tests of those names, run, as meson itself lists them.
build_suite_targets()
{
    local dir=$1
    shift
    local targets
    # Regenerate first when meson.build files changed, so that the lists below are current.
    ninja -C "$dir" build.ninja
    targets=$(meson introspect "$dir" --tests --targets | python3 -c '
import json, os, sys
info = json.load(sys.stdin)
build = os.path.realpath(sys.argv[1])
wanted = set(sys.argv[2:])
built = {os.path.realpath(f) for t in info["targets"] for f in t["filename"]}
names = set()
for test in info["tests"]:
    suites = {s.split(":")[-1] for s in test["suite"]}
    if not (suites & wanted or test["name"] in wanted):
        continue
    for part in test["cmd"]:
        path = os.path.realpath(part) if os.path.isabs(part) else ""
        if path in built:
            names.add(os.path.relpath(path, build))
print("\n".join(sorted(names)))
' "$dir" "$@")
    # shellcheck disable=SC2086 # one target per line
    ninja -C "$dir" $targets
}

job_asan()
{
    local dir=$build_root/asan
    section "asan: AddressSanitizer + UndefinedBehaviorSanitizer ($dir)"
    # A debug build: asserts on, nothing optimised away from the sanitizers' view.
    configure "$dir" --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
        -Dexamples=true
    build_suite_targets "$dir" unit capi examples

    # Any report is fatal, including UBSan's, which by default only prints and goes on.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        meson test -C "$dir" --no-rebuild --print-errorlogs --suite unit --suite capi \
        --suite examples
}

job_tsan()
{
    local dir=$build_root/tsan
    section "tsan: ThreadSanitizer ($dir)"
    configure "$dir" --buildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false \
        -Dexamples=true
    build_suite_targets "$dir" concurrency example_threads unit_trainer unit_worker_pool

    # A target_clones function becomes an ifunc whose instrumented resolver the loader runs
    # before the ThreadSanitizer runtime starts: a crash before main. Name it instead.
    local ifuncs
    ifuncs=$(readelf -sW "$dir/capi/libsae.so" | awk '$4 == "IFUNC" { print $8 }' | sort -u)
    if [[ -n $ifuncs ]]; then
        echo "tsan: ifuncs in libsae; guard their target_clones with !__SANITIZE_THREAD__:" >&2
        echo "$ifuncs" >&2
        return 1
    fi

    # OpenBLAS is not instrumented; one BLAS thread keeps its own pool out of the picture.
    OPENBLAS_NUM_THREADS=1 TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
        meson test -C "$dir" --no-rebuild --print-errorlogs capi_concurrency example_threads \
        unit_trainer unit_worker_pool
}

job_fuzz()
{
    local dir=$build_root/fuzz
    section "fuzz: libFuzzer, ${fuzz_seconds}s per target ($dir)"
    if [[ ! -f $dir/meson-private/coredata.dat ]]; then
        CC=clang CXX=clang++ meson setup "$dir" "${common_options[@]}" --buildtype=debugoptimized \
            -Db_sanitize=address,undefined -Db_lundef=false -Dexamples=false -Dfuzzing=true
    fi
    ninja -C "$dir" tests/fuzz/fuzz_ratings tests/fuzz/fuzz_model tests/fuzz/fuzz_make_model_seeds

    # The committed seeds stay untouched: the fuzzer adds what it finds to a copy.
    local work=$dir/fuzz-work
    rm -rf "$work"
    mkdir -p "$work/ratings" "$work/model" "$work/artifacts"
    cp tests/fuzz/corpus/ratings/* "$work/ratings/"
    cp tests/fuzz/corpus/model/* "$work/model/"
    "$dir/tests/fuzz/fuzz_make_model_seeds" "$work/model"

    local target status=0
    for target in ratings model; do
        echo "fuzz_$target: ${fuzz_seconds}s"
        # -rss_limit_mb bounds what one input may allocate; the parsers promise far less.
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            TMPDIR=$work "$dir/tests/fuzz/fuzz_$target" "$work/$target" \
            -max_total_time="$fuzz_seconds" -max_len=8192 -rss_limit_mb=2048 -timeout=60 \
            -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" \
            >"$work/$target.log" 2>&1 || status=$?
        grep -E '^(Done |stat::)|ERROR|SUMMARY|runtime error' "$work/$target.log" || true
        # A slow input is not a finding (ids up to 2^24 legitimately take a while under the
        # sanitizers); a crash, leak, timeout or out-of-memory is, and stops with a status.
        if [[ $status -ne 0 ]] || ls "$work/artifacts" | grep -q -v -e '-slow-unit-'; then
            echo "fuzz_$target: FINDING (status $status); reproducer in $work/artifacts" >&2
            return 1
        fi
    done
}

job_abi()
{
    # The ThreadSanitizer build has the debug information abidw reads, and instrumentation
    # changes no type or signature, so its library serves when that job ran; otherwise
    # check-abi.sh configures a build of its own.
    local dir=$build_root/abi
    if [[ -f $build_root/tsan/meson-private/coredata.dat ]]; then
        dir=$build_root/tsan
    fi
    section "abi: abidiff against abi/libsae.abi ($dir)"
    SAE_ABI_BUILD_DIR=$dir bash tools/check-abi.sh
}

failed=()
for job in "${jobs[@]}"; do
    case $job in
        asan | tsan | fuzz | abi) ;;
        *)
            echo "ci-extra: unknown job '$job' (asan, tsan, fuzz, abi)" >&2
            exit 2
            ;;
    esac
    start=$SECONDS
    # A subshell outside any condition, so that set -e still stops the job at its first error.
    set +e
    (
        set -e
        "job_$job"
    )
    status=$?
    set -e
    if [[ $status -eq 0 ]]; then
        echo "ci-extra: $job passed in $((SECONDS - start))s"
    else
        echo "ci-extra: $job FAILED (status $status) after $((SECONDS - start))s" >&2
        failed+=("$job")
    fi
done

if [[ ${#failed[@]} -ne 0 ]]; then
    echo "ci-extra: failed: ${failed[*]}" >&2
    exit 1
fi
echo "ci-extra: ${#jobs[@]} passed, 0 failed"
