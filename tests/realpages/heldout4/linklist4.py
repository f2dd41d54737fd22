#!/usr/bin/env python3
"""The corpus labelling helper (../tools/linklist.py) pointed at this set.

  linklist4.py list ID | label ID | label all

Same listing, same rule format and order of application, same fallbacks as
the main corpus (../README.md, "Labelling rules"); only the places differ:
pages.tsv, rules/ID.rules and labels/ID.tsv are here, the pages are read from
$NEWSCRAWL_HELDOUT4/pages (default /work/realpages-data/heldout4/pages).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import linklist_set  # noqa: E402

if __name__ == "__main__":
    linklist_set.use_set(HERE, "NEWSCRAWL_HELDOUT4", "/work/realpages-data/heldout4").main()
