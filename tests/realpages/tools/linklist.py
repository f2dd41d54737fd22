#!/usr/bin/env python3
"""Labelling helper for the real-page corpus (tests/realpages/README.md).

  linklist.py list ID      every <a href>/<area href> of the page, numbered, with
                           the resolved URL, anchor text, the nearest heading
                           before it and the chain of ancestor tags/classes
  linklist.py label ID     apply the page's rules (rules/ID.rules) and write
                           labels/ID.tsv; prints the listing with the role
                           each link received, for review
  linklist.py label all    the same for every page of pages.tsv

The labels are a reader's judgement written down as per-page rules: each rule
is `role<TAB>regex`, searched (Python re, case-insensitive) in the line

  URL | anchor text | H:nearest heading | P:text just before | IN:enclosing heading | chain

and the first rule that matches gives the role of that occurrence. Links no
page rule matches get the generic fallbacks below (footer blocks, social and
share links, header/nav blocks, else other), which are also a reader's view.
One URL that occurs several times keeps the role with the highest priority
(related > headline > nav > footer > other).

URLs are resolved by the product itself (`newscrawl url BASE -`), against the
page's <base href> when it has one, and their fragment removed.
"""
import gzip
import html.parser
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
NEWSCRAWL = os.environ.get("NEWSCRAWL", os.path.join(CORPUS, "..", "..", "build", "newscrawl"))
PRIORITY = ["related", "headline", "nav", "footer", "other"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr", "param", "keygen"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SOCIAL = re.compile(r"^(mailto:|whatsapp:|sms:|fb-messenger:)|//([a-z0-9-]+\.)*(facebook\.com|"
                    r"twitter\.com|x\.com|linkedin\.com|instagram\.com|youtube\.com|"
                    r"pinterest\.[a-z.]+|whatsapp\.com|wa\.me|t\.me|telegram\.me|tiktok\.com|"
                    r"flipboard\.com|reddit\.com|threads\.net|bsky\.app|snapchat\.com|"
                    r"news\.google\.com|plus\.google\.com|xing\.com|mastodon\.social)/", re.I)
FOOTER = re.compile(r"(^|[ >])(footer)\b|[#.][\w-]*(footer|colophon|copyright)[\w-]*", re.I)
SHARE = re.compile(r"[#.](share|sharing|social|partage|teilen|compartir|condividi)|"
                   r"[#.][\w-]*[-_](share|sharing|sharebar|socials?)\b", re.I)
AUTHOR = re.compile(r"/(authors?|auteurs?|autor(en)?|autori?|autore|signataires|journalists?|"
                    r"redacteurs?|firmas?|profil(e)?)/|[#.][\w-]*author", re.I)
NAV = re.compile(r"(^|[ >])(nav|header)\b|[#.][\w-]*(breadcrumb|menu|navbar|masthead)[\w-]*", re.I)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []       # (tag, descriptor)
        self.links = []       # dicts
        self.open_links = []  # indices of <a> being read
        self.heading = ""
        self.heading_buf = None
        self.base_href = None
        self.recent = ""      # the last text read, to spot "Lire aussi :" before a link

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "base" and self.base_href is None and a.get("href") is not None:
            self.base_href = a["href"]
        desc = tag
        if a.get("id"):
            desc += "#" + a["id"].strip()[:40]
        classes = (a.get("class") or "").split()
        if classes:
            desc += "." + ".".join(c[:40] for c in classes[:5])
        if tag in ("a", "area") and a.get("href") is not None:
            self.links.append({"href": a["href"], "text": "", "heading": self.heading,
                               "before": " ".join(self.recent.split())[-40:],
                               "in": next((t for t, _ in reversed(self.stack) if t in HEADINGS), ""),
                               "chain": " > ".join(d for _, d in self.stack[2:]) + " > " + desc,
                               "title": a.get("title") or a.get("aria-label") or ""})
            if tag == "a":
                self.open_links.append(len(self.links) - 1)
        if tag in HEADINGS:
            self.heading_buf = ""
        if tag not in VOID:
            self.stack.append((tag, desc))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "a" and self.open_links:
            self.open_links.pop()
        if tag in HEADINGS and self.heading_buf is not None:
            self.heading = " ".join(self.heading_buf.split())[:70]
            self.heading_buf = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        for i in self.open_links:
            self.links[i]["text"] += data
        self.recent = (self.recent + data)[-120:]
        if self.heading_buf is not None:
            self.heading_buf += data


def read_pages():
    pages = {}
    with open(os.path.join(CORPUS, "pages.tsv")) as f:
        next(f)
        for line in f:
            pid, url, lang, kind = line.rstrip("\n").split("\t")[:4]
            pages[pid] = (url, lang, kind)
    return pages


def resolve(base, hrefs):
    out = subprocess.run([NEWSCRAWL, "url", base, "-"], input="\n".join(hrefs) + "\n",
                         capture_output=True, text=True, errors="surrogateescape", check=True)
    return out.stdout.split("\n")[:len(hrefs)]


def links_of(pid, base):
    raw = gzip.open(os.path.join(CORPUS, "pages", pid + ".html.gz")).read()
    page = Page()
    page.feed(raw.decode("utf-8", "surrogateescape"))
    page.close()
    resolve_base = base
    if page.base_href is not None:
        resolve_base = resolve(base, [page.base_href.strip()])[0] or base
    hrefs = [re.sub(r"[\t\r\n]", "", l["href"]) for l in page.links]
    for link, url in zip(page.links, resolve(resolve_base, hrefs)):
        link["url"] = url.split("#", 1)[0]
        link["text"] = " ".join(link["text"].split())[:80] or ("[" + link["title"][:60] + "]" if link["title"] else "")
    return [l for l in page.links if l["url"]]


def context(link):
    return (f'{link["url"]} | {link["text"]} | H:{link["heading"]} | P:{link["before"]} | '
            f'IN:{link["in"]} | {link["chain"]}')


def load_rules(pid):
    rules = []
    path = os.path.join(HERE, "rules", pid + ".rules")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            role, regex = line.split("\t", 1)
            assert role.lstrip("!") in PRIORITY, (pid, role)
            rules.append((role, re.compile(regex, re.I)))
    return rules


READ_ALSO = re.compile(r"(lire aussi|à lire aussi|a lire aussi|voir aussi|lire également|à lire également|"
                       r"read more|read also|see also|related:|mehr zum thema|lesen sie auch|"
                       r"auch interessant|leer más|lee también|lea también|leggi anche|leggi pure)"
                       r"\s*[:.»>-]?\s*$", re.I)


def fallback(link):
    chain = link["chain"]
    if READ_ALSO.search(link["before"]) and not FOOTER.search(chain):
        return "related"
    if AUTHOR.search(link["url"]) or AUTHOR.search(chain.rsplit(" > ", 2)[-1]):
        return "other"
    if SOCIAL.search(link["url"]) or SHARE.search(chain):
        return "footer"
    if FOOTER.search(chain):
        return "footer"
    if NAV.search(chain):
        return "nav"
    return "other"


def label(pid, show=True):
    base = read_pages()[pid][0]
    rules = load_rules(pid)
    roles = {}
    listing = []
    for i, link in enumerate(links_of(pid, base)):
        ctx = context(link)
        # Forced rules (role written "!role") first, then footer blocks and
        # social links (a heading-based page rule must not reach into the
        # footer), then the page's rules, then the other fallbacks.
        role = next((r[1:] for r, rx in rules if r.startswith("!") and rx.search(ctx)), None)
        if role is None and (FOOTER.search(link["chain"]) or SOCIAL.search(link["url"])):
            role = "footer"
        role = role or next((r for r, rx in rules if not r.startswith("!") and rx.search(ctx)),
                            None) or fallback(link)
        # A site's front page is never an article, whatever block links it
        # (logos inside teaser lists, "news.com.au" tabs).
        if role in ("headline", "related") and re.match(r"^https?://[^/?#]+/?$", link["url"]):
            role = "nav"
        listing.append((role, i, link))
        old = roles.get(link["url"])
        if old is None or PRIORITY.index(role) < PRIORITY.index(old):
            roles[link["url"]] = role
    with open(os.path.join(CORPUS, "labels", pid + ".tsv"), "w", encoding="utf-8",
              errors="surrogateescape") as f:
        for url, role in roles.items():
            f.write(f"{url}\t{role}\n")
    if show:
        for role, i, link in listing:
            chain = " > ".join(link["chain"].split(" > ")[-5:])
            print(f'{role[:4]} {i:3} {link["url"][:110]} | {link["text"][:50]} | H:{link["heading"][:30]} | {chain[:160]}')
    counts = {r: sum(1 for v in roles.values() if v == r) for r in PRIORITY}
    print(pid, counts, file=sys.stderr)


def main():
    cmd, pid = sys.argv[1], sys.argv[2]
    if cmd == "list":
        base = read_pages()[pid][0]
        for i, link in enumerate(links_of(pid, base)):
            print(i, context(link))
    elif cmd == "label":
        for p in (read_pages() if pid == "all" else [pid]):
            label(p, show=(pid != "all"))


if __name__ == "__main__":
    main()
