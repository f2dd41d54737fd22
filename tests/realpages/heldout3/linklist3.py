#!/usr/bin/env python3
"""../tools/linklist.py pointed at this set, as ../heldout2/linklist2.py is at
its own: `linklist3.py list ID | label ID | label all`, with the pages read
from $NEWSCRAWL_HELDOUT3/pages (default /work/realpages-data/heldout3/pages).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import linklist_set  # noqa: E402

if __name__ == "__main__":
    linklist_set.use_set(HERE, "NEWSCRAWL_HELDOUT3", "/work/realpages-data/heldout3").main()
