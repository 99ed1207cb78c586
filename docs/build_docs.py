#!/usr/bin/env python3
"""Runs Doxygen on the configured Doxyfile and fails on any warning.

Usage: build_docs.py DOXYGEN DOXYFILE OUTPUT_DIRECTORY STAMP

The HTML goes to OUTPUT_DIRECTORY/html. STAMP is written only after a clean run, so that the
build system sees the reference as up to date only when it built without a warning.
"""

import pathlib
import shutil
import subprocess
import sys


def run_doxygen(doxygen, doxyfile, output_directory):
    """Builds the HTML under `output_directory`; returns Doxygen's warnings as a list of lines.

    Raises RuntimeError when Doxygen itself fails for another reason than its warnings.
    """
    # Pages of an earlier run would survive a renamed or removed page otherwise.
    output = pathlib.Path(output_directory)
    shutil.rmtree(output / "html", ignore_errors=True)
    output.mkdir(parents=True, exist_ok=True)

    # A later assignment wins in a Doxyfile, so the output folder can be chosen per run.
    config = pathlib.Path(doxyfile).read_text(encoding="utf-8")
    config += f'\nOUTPUT_DIRECTORY = "{output}"\n'
    result = subprocess.run(
        [doxygen, "-"], input=config, capture_output=True, text=True, check=False
    )

    warnings = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 0 and not warnings:
        raise RuntimeError(f"doxygen exited with status {result.returncode}")
    return warnings


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    doxygen, doxyfile, output_directory, stamp = argv[1:]

    try:
        warnings = run_doxygen(doxygen, doxyfile, output_directory)
    except (OSError, RuntimeError) as error:
        print(f"build_docs: {error}", file=sys.stderr)
        return 1

    if warnings:
        print(f"build_docs: {len(warnings)} Doxygen warnings:", file=sys.stderr)
        for line in warnings:
            print(f"  {line}", file=sys.stderr)
        return 1

    pathlib.Path(stamp).write_text("0 warnings\n", encoding="utf-8")
    print(f"build_docs: {output_directory}/html/index.html built without warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
