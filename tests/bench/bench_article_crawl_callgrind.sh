#!/usr/bin/env bash
# Issue 17 item 5 by instruction counts: what article extraction adds per
# article page to a whole `newscrawl crawl`, measured with callgrind (the
# crawl's CPU time cannot resolve a few percent on a loaded machine; the
# instruction count of the same crawl moves by ~1%). Serves the fixture site
# as bench_article_crawl_cpu.sh does, then for each binary, alternating:
# a crawl stopped after one page (start-up), a crawl with [extract]
# articles off and one with it on, all under callgrind. Prints per binary
#   off per page   = (off - start-up) / (pages - 1)
#   extra per article page = (on - off) / article pages
# and their ratio (target: extra / off <= 0.30). Figures: tests/bench/README.md
# ("Articles in the crawl").
#
#   tests/bench/bench_article_crawl_callgrind.sh [BINARY...]   (default: build/newscrawl)
#
# With BENCH_KEEP=1 the callgrind outputs stay (on-B-R.out, ...): the
# article's own functions (PageScanner::OnToken, ExtractCrawledArticle,
# EncodeArticleRecord) by callgrind_annotate --inclusive=yes on them.
#
# Environment (all optional): BENCH_PAIRS=1 (rounds over the binaries),
# BENCH_EXTRA_HOSTS=10, BENCH_PARAGRAPHS=64, BENCH_ARTICLES=6 (the site, as
# in bench_article_crawl_cpu.sh), BENCH_KEEP=1 keeps the callgrind outputs.
# Needs nginx and valgrind. Loopback only. ~1 minute per crawl under callgrind.
set -euo pipefail

. "$(dirname "$0")/lib.sh" bench_article_crawl_callgrind
command -v valgrind >/dev/null || die "valgrind missing"
binaries=("$@")
[[ ${#binaries[@]} -gt 0 ]] || binaries=("$newscrawl")
pairs=${BENCH_PAIRS:-1}
bench_site_options 10 64 6
bench_work_dir
bench_serve_site
printf '[extract]\narticles = true\n' >"$work/on.toml"
printf '[extract]\narticles = false\n' >"$work/off.toml"

echo "== bench_article_crawl_callgrind: $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   site: $(wc -l <"$work/hosts.txt") hosts, $(find "$work/site" -name '*.html' | wc -l) HTML files"

# crawl ID BINARY MODE [FLAG...]: one crawl under callgrind; prints its
# instruction count.
crawl() {
  local id=$1 bin=$2 mode=$3
  shift 3
  rm -rf "$work/$id.store"
  valgrind --tool=callgrind --callgrind-out-file="$work/$id.out" "$bin" crawl --seed "$seed" \
    --store "$work/$id.store" "${resolve[@]}" --min-delay 0 --scope seed-domains --quiet \
    --config "$work/$mode.toml" "$@" >/dev/null 2>"$work/$id.err" || true
  sed -n 's/^summary: //p' "$work/$id.out"
}

for r in $(seq "$pairs"); do
  for b in "${!binaries[@]}"; do
    bin=${binaries[$b]}
    start=$(crawl "start-$b-$r" "$bin" off --max-pages 1)
    off=$(crawl "off-$b-$r" "$bin" off)
    pages=$("$bin" status --store "$work/off-$b-$r.store" | sed -n 's/^pages: *\([0-9][0-9]*\).*/\1/p')
    on=$(crawl "on-$b-$r" "$bin" on)
    articles=$("$bin" export --format articles --store "$work/on-$b-$r.store" | wc -l)
    python3 - "$bin" "$start" "$off" "$on" "$pages" "$articles" <<'EOF'
import sys
bin_, start, off, on, pages, articles = sys.argv[1], *map(int, sys.argv[2:])
per_off = (off - start) / (pages - 1)
extra = (on - off) / articles
print(f"{bin_}: start-up {start / 1e6:.1f} M, off {off / 1e6:.1f} M, on {on / 1e6:.1f} M, "
      f"{pages} pages, {articles} articles; off per page {per_off / 1e6:.3f} M, "
      f"extra per article page {extra / 1e6:.3f} M: +{100 * extra / per_off:.1f}%, "
      f"whole run on/off {on / off:.3f}")
EOF
    [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$work/start-$b-$r.store" "$work/off-$b-$r.store" "$work/on-$b-$r.store"
  done
done
