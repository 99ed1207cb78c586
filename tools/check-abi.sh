#!/usr/bin/env bash
# Compares the ABI of a fresh build of libsae.so with the committed baseline, abi/libsae.abi.
#
# Usage: tools/check-abi.sh            check; exit 1 on an incompatible change
#        tools/check-abi.sh --update   rewrite the baseline (tools/update-abi-baseline.sh)
#
# The library is built with debug information in SAE_ABI_BUILD_DIR (default build-abi), and only
# the types reachable from the public headers count. abidiff (Debian's abigail-tools) then
# reports removed or changed functions, changed types and renumbered enumerators. Two kinds of
# change pass, because they are compatible by design:
# - new functions, and enumerators appended to an enum (abidiff deems those harmless);
# - fields appended at the end of the versioned structs sae_options, sae_metrics and
#   sae_epoch_report, whose struct_size tells libsae which fields the caller knows
#   (abi/suppressions.abignore).
# Any other change fails, unless the soversion in meson.build was bumped with it: the
# baseline's SONAME then differs from the new library's, and the baseline must be regenerated.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=${SAE_ABI_BUILD_DIR:-build-abi}
baseline=${SAE_ABI_BASELINE:-abi/libsae.abi}
suppressions=abi/suppressions.abignore

for tool in abidw abidiff readelf; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "check-abi: $tool not found (Debian packages abigail-tools, binutils)" >&2
        exit 1
    fi
done

# Only what sae.h and the generated sae_version.h declare is the ABI.
headers=(--headers-dir include --headers-dir "$build/include")

# A debug-info build of the shared library alone. SAE_ABI_LIBRARY names an already built one
# instead, with its headers in SAE_ABI_HEADERS (to try the check on a scratch library).
if [[ -n ${SAE_ABI_LIBRARY:-} ]]; then
    library=$SAE_ABI_LIBRARY
    headers=(--headers-dir "${SAE_ABI_HEADERS:?SAE_ABI_HEADERS must name the headers folder}")
else
    if [[ ! -f $build/meson-private/coredata.dat ]]; then
        meson setup "$build" --buildtype=debugoptimized -Dtests=false -Dexamples=false \
            -Dbindings=false -Ddocs=false
    fi
    library=$(meson introspect "$build" --targets | python3 -c '
import json, sys
for target in json.load(sys.stdin):
    if target["type"] == "shared library" and target["name"] == "sae":
        print(target["filename"][0])
')
    ninja -C "$build" "$(realpath --relative-to="$build" "$library")"
fi
soname_of_library=$(readelf -d "$library" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')

# --load-all-types keeps the public enums, which no function signature mentions; the
# suppression file then drops every type that sae.h and sae_version.h do not declare.
abidw_flags=(--load-all-types --drop-private-types --suppressions abi/public-types.abignore
    --no-corpus-path --no-comp-dir-path --short-locs)

if [[ ${1:-} == --update ]]; then
    abidw "${headers[@]}" "${abidw_flags[@]}" --out-file "$baseline" "$library"
    echo "check-abi: wrote $baseline for $soname_of_library"
    exit 0
fi

if [[ ! -f $baseline ]]; then
    echo "check-abi: no $baseline; create it with tools/update-abi-baseline.sh" >&2
    exit 1
fi
soname_of_baseline=$(sed -n "s/.*<abi-corpus[^>]* soname='\([^']*\)'.*/\1/p" "$baseline" \
    | head -n 1)

status=0
abidiff --suppressions "$suppressions" "${headers[@]/--headers-dir/--headers-dir2}" \
    --drop-private-types --no-added-syms "$baseline" "$library" || status=$?

# abidiff's status is a bit set: 1 error, 2 usage error, 4 ABI change, 8 incompatible change.
if (((status & 3) != 0)); then
    echo "check-abi: abidiff could not compare (status $status)" >&2
    exit 1
fi

# What abidiff leaves to us: members retyped in place, and renumbered enumerators.
current=$(mktemp)
trap 'rm -f "$current"' EXIT
abidw "${headers[@]}" "${abidw_flags[@]}" --out-file "$current" "$library"
python3 tools/abi_layout.py "$baseline" "$current" || status=$((status | 4))
if [[ $status -eq 0 ]]; then
    echo "check-abi: $soname_of_library keeps the ABI of $baseline"
    exit 0
fi
if [[ $soname_of_library != "$soname_of_baseline" ]]; then
    echo "check-abi: ABI changed with the soversion ($soname_of_baseline -> $soname_of_library);"
    echo "check-abi: regenerate the baseline with tools/update-abi-baseline.sh"
    exit 0
fi
echo "check-abi: incompatible ABI change above while the SONAME is still $soname_of_library:" >&2
echo "check-abi: undo it, or bump sae_soversion in meson.build and regenerate the baseline" >&2
exit 1
