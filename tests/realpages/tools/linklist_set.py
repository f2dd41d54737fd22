"""The corpus labelling helper (linklist.py) pointed at another set of pages:
the held-out sets' linklist2.py / linklist3.py call use_set(HERE, ENV, DEFAULT);
later sets run it directly, the set named by its folder:

  tools/linklist_set.py SETDIR list ID | label ID | label all

(pages from $NEWSCRAWL_<FOLDER NAME IN CAPITALS>/pages, default
/work/realpages-data/<folder name>/pages: heldout4 -> NEWSCRAWL_HELDOUT4).

Same listing, same rule format and order of application, same fallbacks as
the main corpus (../README.md, "Labelling rules"); only the places differ:
pages.tsv, rules/ID.rules and labels/ID.tsv are in the set's folder, the pages
are read from $ENV/pages (default DEFAULT/pages).
"""
import gzip
import os
import re
import sys

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


if __name__ == "__main__":
    set_dir = os.path.abspath(sys.argv.pop(1))
    name = os.path.basename(set_dir)
    use_set(set_dir, "NEWSCRAWL_" + name.upper(), "/work/realpages-data/" + name).main()
