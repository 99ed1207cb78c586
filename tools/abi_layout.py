#!/usr/bin/env python3
"""Checks two libabigail ABI files (abidw output) for the rules abidiff cannot state alone.

Usage: abi_layout.py BASELINE.abi CURRENT.abi

- Each versioned struct (sae_options, sae_metrics, sae_epoch_report) of the baseline must be a
  prefix of the current one: same members, in the same order, at the same offsets, of the same
  types. Members may only be appended.
- Each enumerator of an enum of the baseline keeps its value in the current ABI. Statuses and
  option values travel as plain integers, so abidiff does not see their enums as part of any
  function; they are checked here.

Prints each violation and exits 1 if there is any, else 0.
"""
import sys
import xml.etree.ElementTree as ET

VERSIONED = ("sae_options", "sae_metrics", "sae_epoch_report")


def type_names(root):
    """Maps each type id to a readable name, resolving arrays, typedefs and qualifiers."""
    elements = {e.get("id"): e for e in root.iter() if e.get("id")}
    cache = {}

    def name(type_id, depth=0):
        if type_id in cache:
            return cache[type_id]
        e = elements.get(type_id)
        if e is None or depth > 20:
            return "?"
        tag = e.tag
        if tag == "array-type-def":
            text = "%s[%s bits]" % (name(e.get("type-id"), depth + 1), e.get("size-in-bits"))
        elif tag == "pointer-type-def":
            text = name(e.get("type-id"), depth + 1) + "*"
        elif tag == "qualified-type-def":
            text = ("const " if e.get("const") == "yes" else "") + name(e.get("type-id"), depth + 1)
        else:
            text = e.get("name", tag)
        cache[type_id] = text
        return text

    return name


def structs(root):
    """Members (name, offset, type name) of each versioned struct, by struct name."""
    name_of = type_names(root)
    found = {}
    for decl in root.iter("class-decl"):
        name = decl.get("name")
        if name not in VERSIONED or decl.get("is-declaration-only") == "yes":
            continue
        members = []
        for member in decl.findall("data-member"):
            var = member.find("var-decl")
            members.append((var.get("name"), member.get("layout-offset-in-bits"),
                            name_of(var.get("type-id"))))
        found[name] = members
    return found


def enums(root):
    """Enumerator values of each named enum."""
    found = {}
    for decl in root.iter("enum-decl"):
        values = {e.get("name"): e.get("value") for e in decl.findall("enumerator")}
        found.setdefault(decl.get("name"), {}).update(values)
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    old = ET.parse(sys.argv[1]).getroot()
    new = ET.parse(sys.argv[2]).getroot()
    problems = []

    new_structs = structs(new)
    for name, members in structs(old).items():
        current = new_structs.get(name)
        if current is None:
            problems.append("%s: no longer in the ABI" % name)
            continue
        for k, member in enumerate(members):
            if k >= len(current) or current[k] != member:
                now = current[k] if k < len(current) else "nothing"
                problems.append("%s: member %d was %s, is now %s" % (name, k, member, now))
                break

    new_enums = enums(new)
    for name, values in enums(old).items():
        current = new_enums.get(name, {})
        for enumerator, value in values.items():
            if current.get(enumerator) != value:
                problems.append("%s: %s was %s, is now %s"
                                % (name, enumerator, value, current.get(enumerator, "gone")))

    for problem in problems:
        print("abi_layout: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
