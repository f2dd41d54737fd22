#!/usr/bin/env python3
"""Writes tests/realpages/fundus/pages.tsv (provenance only) from a mirror of
flairNLP/fundus: one row per test page of its per-publisher parsers.

  make_pages_tsv.py GIT_DIR [COMMIT] > tests/realpages/fundus/pages.tsv

fundus keeps, per country folder of tests/resources/parser/test_data, one
gzipped page per parser version (Publisher_YYYY_MM_DD.html.gz), a meta.info
giving each page's URL and crawl date, and Publisher.json with the expected
extraction per parser version (V1, V1_1, V2, ...). Each page belongs to the
version valid at its crawl date (fundus tests/utility.py,
load_html_test_file_mapping); versions are chronological, so the pages of a
publisher sorted by crawl date pair with its version keys sorted by version
number. Rows whose version has neither a title nor a body (not an article
to fundus, or an empty ground truth) are left out, and so are publishers
whose page and version counts differ (the pairing would be a guess).
"""
import json
import re
import subprocess
import sys

ROOT = "tests/resources/parser/test_data"
REPOSITORY = "flairNLP/fundus"


def git(git_dir, *args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True,
                          capture_output=True).stdout


def version_key(name):
    return [int(x) for x in re.findall(r"\d+", name)]


def main():
    git_dir = sys.argv[1]
    commit = sys.argv[2] if len(sys.argv) > 2 else "HEAD"
    commit = git(git_dir, "rev-parse", commit).decode().strip()
    files = git(git_dir, "ls-tree", "-r", "--name-only", commit, ROOT).decode().split("\n")
    countries = sorted({f.split("/")[4] for f in files if f.endswith("/meta.info")})
    print("\t".join(["id", "base_url", "repository", "path", "commit", "version",
                     "country", "crawl_date"]))
    skipped = []
    for country in countries:
        folder = f"{ROOT}/{country}"
        meta = json.loads(git(git_dir, "show", f"{commit}:{folder}/meta.info"))
        pages = {}
        for name, info in meta.items():
            publisher = name.split("_", 1)[0]
            if f"{folder}/{name}" in files:
                pages.setdefault(publisher, []).append((info["crawl_date"], name, info["url"]))
        for publisher in sorted(pages):
            truth_path = f"{folder}/{publisher}.json"
            if truth_path not in files:
                skipped.append(f"{publisher}: no json")
                continue
            truth = json.loads(git(git_dir, "show", f"{commit}:{truth_path}"))
            versions = sorted(truth, key=version_key)
            rows = sorted(pages[publisher])
            if len(versions) != len(rows):
                skipped.append(f"{publisher}: {len(rows)} pages, {len(versions)} versions")
                continue
            for version, (crawl_date, name, url) in zip(versions, rows):
                data = truth[version]
                body = data.get("body") or {}
                if not data.get("title") and not (body.get("summary") or body.get("sections")):
                    skipped.append(f"{publisher} {version}: empty ground truth")
                    continue
                page_id = f"{country}-{name[:-len('.html.gz')]}"
                print("\t".join([page_id, url, REPOSITORY, f"{folder}/{name}", commit, version,
                                 country, crawl_date]))
    for line in skipped:
        print("skipped:", line, file=sys.stderr)


if __name__ == "__main__":
    main()
