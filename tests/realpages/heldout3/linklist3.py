#!/usr/bin/env python3
"""The corpus labelling helper (../tools/linklist.py) pointed at this set.

  linklist2.py list ID | label ID | label all

Same listing, same rule format and order of application, same fallbacks as
the main corpus (../README.md, "Labelling rules"); only the places differ:
pages.tsv, rules/ID.rules and labels/ID.tsv are here, the pages are read from
$NEWSCRAWL_HELDOUT3/pages (default /work/realpages-data/heldout3/pages).
"""
import gzip
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import linklist  # noqa: E402

PAGES = os.path.join(os.environ.get("NEWSCRAWL_HELDOUT3", "/work/realpages-data/heldout3"), "pages")
linklist.CORPUS = HERE   # pages.tsv and labels/
linklist.HERE = HERE     # rules/


def links_of(pid, base):
    raw = gzip.open(os.path.join(PAGES, pid + ".html.gz")).read()
    page = linklist.Page()
    page.feed(raw.decode("utf-8", "surrogateescape"))
    page.close()
    resolve_base = base
    if page.base_href is not None:
        resolve_base = linklist.resolve(base, [page.base_href.strip()])[0] or base
    hrefs = [re.sub(r"[\t\r\n]", "", l["href"]) for l in page.links]
    for link, url in zip(page.links, linklist.resolve(resolve_base, hrefs)):
        link["url"] = url.split("#", 1)[0]
        link["text"] = " ".join(link["text"].split())[:80] or ("[" + link["title"][:60] + "]" if link["title"] else "")
    return [l for l in page.links if l["url"]]


linklist.links_of = links_of

if __name__ == "__main__":
    linklist.main()
