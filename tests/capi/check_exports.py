#!/usr/bin/env python3
"""Checks the dynamic symbols of the shared libsae against the public header.

Usage: check_exports.py NM LIBRARY HEADER

Fails when the library exports a symbol that does not start with "sae_" (C++ internals leaking
through the ABI), when it exports a "sae_" symbol the header does not declare, or when a function
the header declares with SAE_API is missing (a forgotten export).
"""

import re
import subprocess
import sys

# A declaration such as "SAE_API const char *sae_version(void);", possibly over several lines.
DECLARATION = re.compile(r"\bSAE_API\b[^;{}()]*?\b(sae_\w+)\s*\(")


def exported_symbols(nm, library):
    """Names of the defined dynamic symbols of `library`."""
    result = subprocess.run(
        [nm, "-D", "--defined-only", library],
        check=True,
        capture_output=True,
        text=True,
    )

    names = set()
    for line in result.stdout.splitlines():
        fields = line.split()
        if not fields:
            continue

        # "ADDRESS TYPE NAME"; a version suffix such as "@@VERS_1" is not part of the name.
        name = fields[-1].split("@")[0]
        names.add(name)
    return names


def declared_functions(header):
    """Names of the functions `header` declares with SAE_API."""
    with open(header, encoding="utf-8") as file:
        text = file.read()

    # Comments may mention SAE_API or show a call; drop them before matching.
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.DOTALL)
    text = re.sub(r"//[^\n]*", " ", text)
    return set(DECLARATION.findall(text))


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    nm, library, header = argv[1:]

    exported = exported_symbols(nm, library)
    declared = declared_functions(header)
    if not declared:
        print(f"no SAE_API declarations found in {header}", file=sys.stderr)
        return 1

    foreign = sorted(name for name in exported if not name.startswith("sae_"))
    undeclared = sorted(n for n in exported if n.startswith("sae_") and n not in declared)
    missing = sorted(declared - exported)

    for title, names in (
        ("exported symbols without the sae_ prefix", foreign),
        ("exported sae_ symbols not declared in the header", undeclared),
        ("functions declared in the header but not exported", missing),
    ):
        if names:
            print(f"{library}: {len(names)} {title}:", file=sys.stderr)
            for name in names:
                print(f"  {name}", file=sys.stderr)

    if foreign or undeclared or missing:
        return 1

    print(f"{library}: exports exactly the {len(declared)} functions of {header}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
