"""The corpus labelling helper (linklist.py) pointed at another set of pages:
the held-out sets' linklist2.py / linklist3.py call use_set(HERE, ENV, DEFAULT).

Same listing, same rule format and order of application, same fallbacks as
the main corpus (../README.md, "Labelling rules"); only the places differ:
pages.tsv, rules/ID.rules and labels/ID.tsv are in the set's folder, the pages
are read from $ENV/pages (default DEFAULT/pages).
"""
import gzip
import os
import re

import linklist


def use_set(here, env, default):
    pages = os.path.join(os.environ.get(env, default), "pages")
    linklist.CORPUS = here   # pages.tsv and labels/
    linklist.HERE = here     # rules/

    def links_of(pid, base):
        raw = gzip.open(os.path.join(pages, pid + ".html.gz")).read()
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
    return linklist
