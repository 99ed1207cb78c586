#!/usr/bin/env bash
# Puts a verified copy of the MovieLens ML-100K data set in DEST.
#
#   tools/fetch-ml100k.sh DEST        download the official archive
#   tools/fetch-ml100k.sh DEST ZIP    use ml-100k.zip already downloaded by hand
#
# When DEST already holds files matching tools/ml-100k.sha256 there is nothing to do. Otherwise
# the archive is unpacked into a temporary folder beside DEST, every file is checked, and only
# then is that folder renamed to DEST: DEST ends up complete and verified, or untouched.
#
# The data set's licence forbids redistribution, so it is never committed (data/ is ignored).
set -euo pipefail

readonly url="https://files.grouplens.org/datasets/movielens/ml-100k.zip"
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly sums="$script_dir/ml-100k.sha256"

die()
{
    echo "fetch-ml100k: $*" >&2
    exit 1
}

# Checks every file named in the sums file; sha256sum reports each mismatch or missing file.
verify()
{
    (cd "$1" && sha256sum --check --quiet --strict "$sums")
}

offline_help()
{
    cat >&2 <<EOF

fetch-ml100k: could not download the MovieLens 100K data set.

Without network access, set it up by hand:
  1. On a machine with network access, download
       $url
     (about 5 MB, from GroupLens; its licence forbids redistribution).
  2. Then either let this script unpack and verify it:
       tools/fetch-ml100k.sh $dest /path/to/ml-100k.zip
     or unpack it yourself: 'unzip ml-100k.zip' creates a folder ml-100k/; move that folder
     to $dest, so that $dest/u.data exists.
  3. Or, if a copy already exists elsewhere, use it where it is:
       export SAE_DATA_DIR=/path/to/ml-100k    (the folder holding u.data)

Expected SHA-256 sums of every file: tools/ml-100k.sha256
EOF
}

download()
{
    local from=$1 to=$2

    if command -v curl >/dev/null 2>&1; then
        curl --fail --silent --show-error --location --connect-timeout 10 --max-time 300 \
            --output "$to" "$from"
    elif command -v wget >/dev/null 2>&1; then
        wget --quiet --timeout=10 --tries=2 --output-document="$to" "$from"
    else
        echo "fetch-ml100k: neither curl nor wget is installed" >&2
        return 1
    fi
}

unpack()
{
    local zip=$1 into=$2

    if command -v unzip >/dev/null 2>&1; then
        unzip -q "$zip" -d "$into"
    else
        python3 -m zipfile -e "$zip" "$into"
    fi
}

if [[ $# -lt 1 || $# -gt 2 || $1 == -h || $1 == --help ]]; then
    echo "usage: $0 DEST [ZIP]" >&2
    exit 2
fi
dest=$1
zip_given=${2:-}
[[ -f $sums ]] || die "missing checksum list $sums"

# Already in place: nothing to do.
[[ -e $dest && ! -d $dest ]] && die "$dest exists and is not a folder"
if [[ -d $dest ]] && [[ -n $(ls -A "$dest") ]]; then
    if verify "$dest" >/dev/null 2>&1; then
        echo "ML-100K already present and verified in $dest"
        exit 0
    fi
    echo "fetch-ml100k: $dest exists but does not match tools/ml-100k.sha256:" >&2
    verify "$dest" >&2 || true
    die "leaving $dest untouched; remove it or choose another folder, then run this again"
fi

parent=$(dirname "$dest")
mkdir -p "$parent"
tmp=$(mktemp -d "$parent/.ml-100k.tmp.XXXXXX") || die "cannot create a temporary folder in $parent"
trap 'rm -rf "$tmp"' EXIT

# Get the archive.
if [[ -n $zip_given ]]; then
    [[ -f $zip_given ]] || die "no such file: $zip_given"
    zip=$zip_given
else
    zip="$tmp/ml-100k.zip"
    echo "Downloading $url"
    if ! download "$url" "$zip"; then
        offline_help
        exit 1
    fi
fi

# Unpack and check every file before anything appears at DEST.
unpack "$zip" "$tmp/unpacked" || die "cannot unpack $zip (damaged or not a zip file?)"
u_data=$(find "$tmp/unpacked" -name u.data -type f | head -n 1)
[[ -n $u_data ]] || die "$zip holds no u.data: not the ML-100K archive"
unpacked=$(dirname "$u_data")
if ! verify "$unpacked"; then
    die "files in $zip do not match tools/ml-100k.sha256; nothing was written to $dest"
fi
cp "$sums" "$unpacked/SHA256SUMS"

# An empty DEST folder is replaced; the rename is atomic within one file system.
if [[ -d $dest ]]; then
    rmdir "$dest"
fi
mv "$unpacked" "$dest"
echo "ML-100K verified and placed in $dest"
