#!/usr/bin/env bash
# Issue 17 item 5: the CPU that article extraction adds to a crawl. Crawls
# the fixture news site (served by nginx on loopback) with [extract]
# articles on and off, alternating runs so background load hits both alike,
# and prints the medians of the crawler's CPU (user+sys, wait4 rusage: robust
# to the machine's load, unlike wall time) per article page, and their ratio
# (target: on / off <= 1.30). Figures: tests/bench/README.md.
#
#   tests/bench/bench_article_crawl_cpu.sh
#
# Environment (all optional):
#   NEWSCRAWL=path         binary (default: build/newscrawl)
#   BENCH_REPS=5           runs of each setting
#   BENCH_EXTRA_HOSTS=10   regional hosts beside www and sport
#   BENCH_PARAGRAPHS=64    paragraphs per article (64: ~50 KB pages, like real ones)
#   BENCH_ARTICLES=6       articles per section (200 with 100 extra hosts is issue 16's B1)
#   BENCH_PERF=0           1: also a perf profile of one extra run with articles on
#   BENCH_KEEP=0           1 keeps the work directory
# Needs nginx (nginx-light). Loopback only.
set -euo pipefail

. "$(dirname "$0")/lib.sh" bench_article_crawl_cpu  # here, die, newscrawl, nginx_bin
reps=${BENCH_REPS:-5}
bench_site_options 10 64 6
bench_work_dir
bench_serve_site  # port, seed, resolve
printf '[extract]\narticles = true\n' >"$work/on.toml"
printf '[extract]\narticles = false\n' >"$work/off.toml"

echo "== bench_article_crawl_cpu: $(date -u +%FT%TZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   site: $(wc -l <"$work/hosts.txt") hosts, $(find "$work/site" -name '*.html' | wc -l) HTML files, $(du -sm "$work/site" | cut -f1) MB"
for r in $(seq "$reps"); do
  for mode in on off; do
    id="$mode-$r"
    python3 "$here/bench_vs_wget2_run.py" "$work/$id.time" 300 "$newscrawl" crawl --seed "$seed" \
      --store "$work/$id" "${resolve[@]}" --min-delay 0 --scope seed-domains --quiet \
      --config "$work/$mode.toml" >/dev/null 2>&1 || true
    stored_articles=$("$newscrawl" export --format articles --store "$work/$id" | wc -l)
    store_kb=$(du -sk "$work/$id" | cut -f1)
    echo "$mode $(cat "$work/$id.time") $stored_articles $store_kb" >>"$work/runs.txt"
    awk -v m="$mode" -v kb="$store_kb" '{printf "  %-3s wall=%.2fs user=%.3fs sys=%.3fs maxrss=%.0fMB store=%.0fMB\n", m, $1, $2, $3, $4 / 1024, kb / 1024}' "$work/$id.time"
    rm -rf "$work/$id"
  done
done
if [[ "${BENCH_PERF:-0}" == 1 ]]; then
  perf record -q -e cpu-clock -F 4999 -g -o "$work/perf.data" -- "$newscrawl" crawl --seed "$seed" \
    --store "$work/perf" "${resolve[@]}" --min-delay 0 --scope seed-domains --quiet \
    --config "$work/on.toml" >/dev/null 2>&1 || true
  [[ -n "${BENCH_PERF_SYM:-}" ]] && perf report -i "$work/perf.data" --no-children --symbol-filter="$BENCH_PERF_SYM" --stdio -G 2>/dev/null | grep -v "^$" | head -60
  perf report -i "$work/perf.data" --no-children --sort sym --stdio -g none 2>/dev/null |
    grep -v -e '^#' -e '^$' | head -40 || true
fi
# Article pages: those the extracting run stored an article for (the same
# pages are crawled in both settings).
python3 - "$work/runs.txt" <<'EOF'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
articles = max(int(r[6]) for r in runs if r[0] == "on")
cpu = {m: [float(r[2]) + float(r[3]) for r in runs if r[0] == m] for m in ("on", "off")}
on, off = statistics.median(cpu["on"]), statistics.median(cpu["off"])
print(f"article pages: {articles}")
print(f"CPU per article page, median of {len(cpu['on'])}: on {on / articles * 1e3:.3f} ms, "
      f"off {off / articles * 1e3:.3f} ms; on/off = {on / off:.3f} (target <= 1.30)")
rss = {m: statistics.median(float(r[4]) / 1024 for r in runs if r[0] == m) for m in ("on", "off")}
store = {m: statistics.median(float(r[7]) for r in runs if r[0] == m) for m in ("on", "off")}
print(f"peak RSS, median: on {rss['on']:.0f} MB, off {rss['off']:.0f} MB")
print(f"store per article page, median: on {store['on'] / articles:.1f} KB, "
      f"off {store['off'] / articles:.1f} KB")
print("all runs (user+sys s): on " + " ".join(f"{c:.2f}" for c in cpu["on"]) +
      " | off " + " ".join(f"{c:.2f}" for c in cpu["off"]))
EOF
