#!/usr/bin/env python3
"""Builds the reference from scratch and checks it.

Usage: check_docs.py DOXYGEN DOXYFILE SCRATCH NM LIBRARY

Fails when Doxygen warns (an undocumented public symbol, a bad reference), when a function the
shared library exports has no documented entry in the HTML, or when an internal link of the HTML
points to a missing file or anchor.
"""

import html.parser
import pathlib
import shutil
import subprocess
import sys
import urllib.parse

# The tests run from a source tree that must stay clean: no __pycache__ beside the scripts.
sys.dont_write_bytecode = True
from build_docs import run_doxygen  # noqa: E402 (after the line above on purpose)


class page_parser(html.parser.HTMLParser):
    """Collects the anchors, links and documented member names of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors = set()
        self.links = []
        self.members = set()
        self._in_memname = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key):
                self.anchors.add(attributes[key])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

        # Doxygen writes each documented member's signature in a <td class="memname">.
        if tag == "td" and "memname" in (attributes.get("class") or "").split():
            self._in_memname += 1

    def handle_endtag(self, tag):
        if tag == "td" and self._in_memname:
            self._in_memname -= 1

    def handle_data(self, data):
        if self._in_memname:
            for word in data.replace("(", " ").replace("*", " ").split():
                self.members.add(word)


def exported_functions(nm, library):
    """Names of the sae_ symbols the shared library defines in its dynamic table."""
    result = subprocess.run(
        [nm, "-D", "--defined-only", library], check=True, capture_output=True, text=True
    )
    names = set()
    for line in result.stdout.splitlines():
        fields = line.split()
        if fields:
            name = fields[-1].split("@")[0]
            if name.startswith("sae_"):
                names.add(name)
    return names


def parse_pages(html_dir):
    """Parses every HTML page; returns {path: page_parser}."""
    pages = {}
    for path in sorted(html_dir.rglob("*.html")):
        parser = page_parser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        pages[path.resolve()] = parser
    return pages


def broken_links(html_dir, pages):
    """Internal links whose file or anchor does not exist, as (page, href) pairs."""
    broken = []
    for page, parser in pages.items():
        for href in parser.links:
            parts = urllib.parse.urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("javascript:"):
                continue

            target = (page.parent / urllib.parse.unquote(parts.path)).resolve()
            if not parts.path:
                target = page
            if not target.exists():
                broken.append((page.relative_to(html_dir.resolve()), href))
                continue

            # Only HTML pages have anchors; a fragment into another kind of file is not checked.
            fragment = urllib.parse.unquote(parts.fragment)
            if fragment and target in pages and fragment not in pages[target].anchors:
                broken.append((page.relative_to(html_dir.resolve()), href))
    return broken


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    doxygen, doxyfile, scratch, nm, library = argv[1:]
    failures = 0

    # A fresh folder, so that pages left over from an earlier build cannot hide a missing one.
    scratch = pathlib.Path(scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    warnings = run_doxygen(doxygen, doxyfile, scratch)
    if warnings:
        failures += 1
        print(f"{len(warnings)} Doxygen warnings:", file=sys.stderr)
        for line in warnings:
            print(f"  {line}", file=sys.stderr)

    html_dir = scratch / "html"
    pages = parse_pages(html_dir)
    if "index.html" not in {path.name for path in pages}:
        print(f"no index.html under {html_dir}", file=sys.stderr)
        return 1

    exported = exported_functions(nm, library)
    documented = set().union(*(parser.members for parser in pages.values()))
    missing = sorted(exported - documented)
    if not exported:
        failures += 1
        print(f"{library} exports no sae_ function", file=sys.stderr)
    if missing:
        failures += 1
        print(f"{len(missing)} exported functions without a documented entry:", file=sys.stderr)
        for name in missing:
            print(f"  {name}", file=sys.stderr)

    broken = broken_links(html_dir, pages)
    n_links = sum(len(parser.links) for parser in pages.values())
    if broken:
        failures += 1
        print(f"{len(broken)} broken internal links:", file=sys.stderr)
        for page, href in broken:
            print(f"  {page}: {href}", file=sys.stderr)

    if failures:
        return 1
    print(f"0 warnings; {len(exported)} exported functions all documented; "
          f"{n_links} links in {len(pages)} pages, none broken")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
