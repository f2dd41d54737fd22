#!/usr/bin/env python3
"""Writes the HTML named character reference table and its test data.

Source: Python's html.entities.html5 (standard library, no network), which is
the WHATWG list (https://html.spec.whatwg.org/entities.json): 2,231 entries,
that is 2,125 names written with ';' plus the 106 legacy names that the spec
also accepts without it.

Outputs, both checked in and never edited by hand:
  crawler/extract/html_entities_table.inc
      kNamedRefs: every name (without ';') and its UTF-8, sorted by byte order
      for binary search; kLegacyRefs: the legacy subset, sorted the same way.
  tests/crawler/extract/testdata/html_entities.txt
      one line per entry: the name as written in the list (with or without
      ';'), a tab, the expected UTF-8 as hex bytes.

Run from anywhere:  python3 scripts/gen_html_entities.py
With --check it writes nothing and exits 1 if either file is out of date.
"""

import html.entities
import os
import sys

REGENERATE = "python3 scripts/gen_html_entities.py"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE_PATH = os.path.join(ROOT, "crawler", "extract", "html_entities_table.inc")
TESTDATA_PATH = os.path.join(ROOT, "tests", "crawler", "extract", "testdata", "html_entities.txt")


def split_entries(entries):
    """Returns ({name: text} for every name without ';', set of legacy names)."""
    full = {}
    legacy = set()
    for key, text in entries.items():
        if key.endswith(";"):
            full[key[:-1]] = text
        else:
            legacy.add(key)
    for name in legacy:
        # The decoder relies on this: a legacy name is also a full name with
        # the same text, so one table row serves both spellings.
        if full.get(name) != entries[name]:
            sys.exit(f"legacy name {name!r} has no identical ';' form")
    for name in full:
        if not name.isascii() or not name.isalnum():
            sys.exit(f"name {name!r} is not ASCII alphanumeric")
    return full, legacy


def c_bytes(text):
    """A C++ string literal body holding the UTF-8 of `text`, every byte escaped."""
    return "".join(f"\\x{b:02X}" for b in text.encode("utf-8"))


def code_points(text):
    return " ".join(f"U+{ord(c):04X}" for c in text)


def byte_order(name):
    return name.encode("ascii")


def table_source(full, legacy):
    names = sorted(full, key=byte_order)
    legacy_names = sorted(legacy, key=byte_order)
    lines = [
        "// GENERATED FILE, do not edit. Regenerate with:",
        f"//   {REGENERATE}",
        "// from Python's html.entities.html5 (the WHATWG named character references).",
        "// Included by crawler/extract/html_entities.cc only.",
        "",
        f"// {len(names)} names (without ';'), sorted by byte order for binary search.",
        "constexpr NamedRef kNamedRefs[] = {",
    ]
    for name in names:
        lines.append(f'    {{"{name}", "{c_bytes(full[name])}"}},  // {code_points(full[name])}')
    lines += [
        "};",
        "",
        f"// The {len(legacy_names)} legacy names the spec also accepts without ';',",
        "// sorted the same way.",
        "constexpr NamedRef kLegacyRefs[] = {",
    ]
    for name in legacy_names:
        lines.append(f'    {{"{name}", "{c_bytes(full[name])}"}},  // {code_points(full[name])}')
    lines += [
        "};",
        "",
        f"constexpr size_t kLongestName = {max(len(n) for n in names)};",
        f"constexpr size_t kLongestLegacyName = {max(len(n) for n in legacy_names)};",
        "",
    ]
    return "\n".join(lines)


def testdata_source(entries):
    lines = [
        "# GENERATED FILE, do not edit. Regenerate with:",
        f"#   {REGENERATE}",
        "# Every WHATWG named character reference (Python's html.entities.html5):",
        "# the name as the list writes it, a tab, the expected UTF-8 as hex bytes.",
    ]
    for key in sorted(entries, key=byte_order):
        lines.append(f"{key}\t{entries[key].encode('utf-8').hex()}")
    return "\n".join(lines) + "\n"


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {os.path.relpath(path, ROOT)}")


def up_to_date(path, text):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            current = f.read()
    except FileNotFoundError:
        current = None
    if current != text:
        print(f"{os.path.relpath(path, ROOT)} is out of date: run {REGENERATE}")
        return False
    return True


def main():
    entries = html.entities.html5
    full, legacy = split_entries(entries)
    outputs = {
        TABLE_PATH: table_source(full, legacy),
        TESTDATA_PATH: testdata_source(entries),
    }
    if sys.argv[1:] == ["--check"]:
        results = [up_to_date(path, text) for path, text in outputs.items()]
        sys.exit(0 if all(results) else 1)
    if sys.argv[1:]:
        sys.exit(f"usage: {REGENERATE} [--check]")
    for path, text in outputs.items():
        write(path, text)


if __name__ == "__main__":
    main()
