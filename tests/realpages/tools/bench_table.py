#!/usr/bin/env python3
"""Turns `newscrawl links --eval-corpus` output (stdin) into the markdown
per-page table and overall block used in tests/bench/README.md."""
import sys

lines = sys.stdin.read().split("\n")
print("| page | kind | lang | URLs | follw | newscrawl P | newscrawl R | related R | URL-shape P | URL-shape R |")
print("|---|---|---|---|---|---|---|---|---|---|")
for line in lines[1:]:
    if not line or line.startswith("overall") or "|" not in line:
        continue
    left, nc, rel, base = [x.strip() for x in line.split("|")]
    pid, kind, lang, urls, followed = left.split()
    precision, recall = nc.split()
    rel_recall, rel_counts = rel.split(None, 1)
    base_p, base_r = base.split()
    print(f"| {pid} | {kind} | {lang} | {urls} | {followed} | {precision} | {recall} | "
          f"{rel_recall} ({rel_counts.strip()}) | {base_p} | {base_r} |")
start = next(i for i, l in enumerate(lines) if l.startswith("overall"))
print("\nOverall (sums over pages):\n\n```")
print("\n".join(l for l in lines[start + 1:] if l))
print("```")
