#!/usr/bin/env python3
"""Rebuilds the fundus evaluation data from a mirror of flairNLP/fundus,
using the provenance in tests/realpages/fundus/pages.tsv (nothing of it is
committed here). tests/testdata/from_mirrors.sh runs it.

  build_data.py GIT_DIR PAGES_TSV OUT

Writes OUT/pages/ID.html (the page as fundus stores it, un-gzipped) and
OUT/truth.json: {ID: {publisher, country, version, crawl_date, title,
authors, published, summary, headlines, paragraphs}}, only the fields the
eval grades, taken from Publisher.json beside the page (the expectation of
fundus's hand-written parser for that version). Prints "N pages" last.
"""
import csv
import gzip
import json
import os
import subprocess
import sys


def show(git_dir, commit, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def main():
    git_dir, pages_tsv, out = sys.argv[1:4]
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    truth_files = {}
    truth = {}
    with open(pages_tsv, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            path, commit = row["path"], row["commit"]
            html = gzip.decompress(show(git_dir, commit, path))
            with open(os.path.join(out, "pages", row["id"] + ".html"), "wb") as page:
                page.write(html)
            folder, name = path.rsplit("/", 1)
            publisher = name.split("_", 1)[0]
            truth_path = f"{folder}/{publisher}.json"
            if (commit, truth_path) not in truth_files:
                truth_files[(commit, truth_path)] = json.loads(show(git_dir, commit, truth_path))
            data = truth_files[(commit, truth_path)][row["version"]]
            body = data.get("body") or {}
            sections = body.get("sections") or []
            truth[row["id"]] = {
                "publisher": publisher,
                "country": row["country"],
                "version": row["version"],
                "crawl_date": row["crawl_date"],
                "base_url": row["base_url"],
                "title": data.get("title") or "",
                "authors": data.get("authors") or [],
                "published": data.get("publishing_date") or "",
                "summary": body.get("summary") or [],
                "headlines": [h for s in sections for h in (s.get("headline") or [])],
                "paragraphs": [p for s in sections for p in (s.get("paragraphs") or [])],
                "has_authors": "authors" in data,
                "has_published": "publishing_date" in data,
                "has_title": "title" in data,
                "has_body": "body" in data,
            }
    with open(os.path.join(out, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
    print(f"{len(truth)} pages")


if __name__ == "__main__":
    main()
