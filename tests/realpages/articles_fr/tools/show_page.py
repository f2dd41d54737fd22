#!/usr/bin/env python3
"""Labelling aid for the French article set: prints what a reader and a
labeller need to see of one page, without running newscrawl's extractor.

  show_page.py FILE meta        title, h1, meta tags, JSON-LD, <time>
  show_page.py FILE text [A B]  the visible text as numbered lines (A..B)
  show_page.py FILE ends [A B]  paragraph-like lines only, their last words
  show_page.py FILE links [A B] links with their text, line number and
                                enclosing classes (lines A..B)
"""
import html
import json
import re
import sys
from html.parser import HTMLParser

BLOCK = set("p div h1 h2 h3 h4 h5 h6 li ul ol section article header footer "
            "aside nav br tr td th table figure figcaption blockquote main "
            "time dt dd form button".split())
SKIP = {"script", "style", "noscript", "template"}
VOID = set("area base br col embed hr img input link meta source track wbr".split())


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.current, self.stack = [], [], []
        self.skip = 0
        self.links, self.link = [], None
        self.metas, self.jsonld, self.times = [], [], []
        self.title, self.in_title, self.in_jsonld = "", False, False
        self.script_text = []

    def flush(self):
        text = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if text:
            self.lines.append((text, ".".join(self.classes()[-4:])))
        self.current = []

    def classes(self):
        return [t + ("." + c.split()[0] if c.split() else "") for t, c in self.stack]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            self.metas.append(a)
        if tag == "script" and (a.get("type") or "").lower() == "application/ld+json":
            self.in_jsonld, self.script_text = True, []
        if tag in SKIP:
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in BLOCK:
            self.flush()
        if tag == "time":
            self.times.append((a.get("datetime"), len(self.lines)))
        if tag == "a" and self.skip == 0:
            self.link = [a.get("href"), [], len(self.lines), ".".join(self.classes()[-5:])]
        if tag not in VOID:
            self.stack.append((tag, a.get("class") or ""))

    def handle_endtag(self, tag):
        if tag == "script" and self.in_jsonld:
            self.jsonld.append("".join(self.script_text))
            self.in_jsonld = False
        if tag in SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == "a" and self.link:
            text = re.sub(r"\s+", " ", "".join(self.link[1])).strip()
            self.links.append((self.link[2], self.link[0], text, self.link[3]))
            self.link = None
        if tag in BLOCK:
            self.flush()
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.in_jsonld:
            self.script_text.append(data)
        if self.in_title:
            self.title += data
        if self.skip:
            return
        self.current.append(data)
        if self.link:
            self.link[1].append(data)


def main():
    path, mode = sys.argv[1], sys.argv[2]
    raw = open(path, "rb").read()
    m = re.search(rb'charset=["\']?([\w-]+)', raw[:4000])
    enc = m.group(1).decode() if m else "utf-8"
    try:
        text = raw.decode(enc, errors="replace")
    except LookupError:
        text = raw.decode("utf-8", errors="replace")
    page = Page()
    page.feed(text)
    page.flush()
    lo = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    hi = int(sys.argv[4]) if len(sys.argv) > 4 else 10**9
    if mode == "meta":
        print("TITLE:", page.title.strip())
        for i, (t, c) in enumerate(page.lines):
            if c.startswith("h1") or ".h1" in c:
                print("H1 line", i, ":", t)
        for a in page.metas:
            key = a.get("property") or a.get("name") or a.get("itemprop") or ""
            if re.search(r"title|date|time|author|publish|modif|updat|creat", key, re.I):
                print("META", key, "=", a.get("content"))
        for s in page.jsonld:
            s = re.sub(r"[\x00-\x1f]", " ", s)
            for k in ("headline", "datePublished", "dateModified", "author"):
                for mm in re.finditer(r'"%s"\s*:\s*("[^"]*"|\{[^}]*\}|\[[^\]]*\])' % k, s):
                    print("JSONLD", k, "=", mm.group(1)[:200])
        for dt, line in page.times:
            print("TIME", dt, "line", line)
    elif mode == "text":
        for i, (t, c) in enumerate(page.lines):
            if lo <= i <= hi:
                shown = t if len(t) <= 420 else t[:200] + " [...] " + t[-200:]
                print(i, "|", shown, "   <" + c + ">")
    elif mode == "ends":
        # paragraph-like lines only, their end: where a body stops
        for i, (t, c) in enumerate(page.lines):
            if lo <= i <= hi and len(t) >= 70:
                print(i, "| ...", t[-170:], "   <" + c.split(".")[-1] + ">")
    elif mode == "links":
        for line, href, t, c in page.links:
            if lo <= line <= hi:
                print(line, "|", href, "|", t[:120], "|", c)


main()
