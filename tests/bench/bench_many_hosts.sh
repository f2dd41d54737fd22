#!/usr/bin/env bash
# Many hosts, many URLs (issue 16): `newscrawl seed-load` of a URL file, then
# `newscrawl resume` against one nginx that answers any host and path with a
# small page (no links), on loopback. Two modes:
#
#   bench_many_hosts.sh load     10 M URLs over 10,000 hosts: seed-load rate
#                                (wall and CPU), store size, then a crawl of
#                                BENCH_CRAWL_PAGES pages from that store: its
#                                peak anonymous RSS (sampled RssAnon) while
#                                resuming and dispatching.
#   bench_many_hosts.sh polite   10,000 hosts x BENCH_PER_HOST pages at
#                                min-delay 5 s (2,000 pages/s in all): wall
#                                time against the ideal (robots.txt then one
#                                page every 5 s: BENCH_PER_HOST x 5 s) and gap
#                                violations on nginx's access log.
#
# Env: BENCH_URLS (load: 10000000), BENCH_HOSTS (10000), BENCH_PER_HOST
# (polite: 20), BENCH_DELAY (polite: 5), BENCH_CRAWL_PAGES (load: 50000),
# BENCH_CONFIG (a TOML config given to seed-load, recorded as the job's),
# BENCH_WORK (default a temp dir, removed unless BENCH_KEEP=1). Each line of
# output says what other load the machine had (busy cores besides the run).
# Loopback only; the data is generated, nothing third-party.
set -euo pipefail
. "$(dirname "$0")/lib.sh" bench_many_hosts
mode=${1:-load}
config=()
[[ -n "${BENCH_CONFIG:-}" ]] && config=(--config "$BENCH_CONFIG")
hosts=${BENCH_HOSTS:-10000}
work=${BENCH_WORK:-$(mktemp -d /tmp/bench-many-hosts.XXXXXX)}
mkdir -p "$work"
cleanup() {
  bench_stop_nginx
  [[ "${BENCH_KEEP:-0}" == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

port=$(bench_free_port)
any_port=$(bench_free_port)
mkdir -p "$work/site"
# One server block that answers everything: robots.txt is a 404 (everything allowed), any
# other path is a 300-byte page without links.
page='<!doctype html><html><head><title>p</title></head><body><p>'
page+=$(printf 'x%.0s' $(seq 240))'</p></body></html>'
bench_start_nginx "$work/nginx" "$port" "$work/site" 30000 \
  "log_format many '\$msec \$request_time \$host \$status \"\$request\"';" \
  "access_log $work/access.log many;" \
  "server { listen 127.0.0.1:$any_port backlog=4096; default_type text/html; keepalive_timeout 65; location = /robots.txt { return 404; } location / { return 200 '$page'; } }"

# --resolve for every host, in a file read by xargs-free bash arrays.
seq 0 $((hosts - 1)) | sed 's/^/h/; s/$/.lejournal.test/' >"$work/hosts.txt"
bench_resolve_flags "$work/hosts.txt" "$any_port"

# $1: a command; runs it, printing wall, user, sys, peak RSS and peak RssAnon
# (sampled every 50 ms) and the machine's other busy cores.
measure() {
  local b0 b1 t0 t1 pid peak_anon=0 anon
  b0=$(busy_jiffies); t0=$(date +%s.%N)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    for child in $(pgrep -P "$pid" 2>/dev/null); do
      anon=$(awk '/^RssAnon/{print $2}' "/proc/$child/status" 2>/dev/null || echo 0)
      ((${anon:-0} > peak_anon)) && peak_anon=$anon
    done
    sleep 0.05
  done
  wait "$pid" || true
  b1=$(busy_jiffies); t1=$(date +%s.%N)
  read -r wall user sys rss <"$work/time.txt"
  other=$(echo "($b1 - $b0) / 100 / ($t1 - $t0) - ($user + $sys) / $wall" | bc -l)
  printf 'wall %.1f s, CPU %.1f s (user %.1f, sys %.1f), peak RSS %.0f MB, peak anon RSS %.0f MB, other load %.2f cores\n' \
    "$wall" "$(echo "$user + $sys" | bc -l)" "$user" "$sys" "$((rss / 1024))" "$((peak_anon / 1024))" "$other"
}

if [[ "$mode" == load ]]; then
  urls=${BENCH_URLS:-10000000}
  awk -v n="$urls" -v h="$hosts" -v p="$any_port" 'BEGIN {
    for (i = 0; i < n; i++)
      printf "http://h%d.lejournal.test:%d/actualite/2026/04/16/article-%d.html\n", i % h, p, i }' \
    >"$work/urls.txt"
  echo "== seed-load of $urls URLs over $hosts hosts"
  measure "$newscrawl" seed-load --store "$work/store" "${config[@]}" --min-delay 0.2 "${resolve[@]}" \
    "$work/urls.txt" 2>"$work/load.err"
  grep 'seed-load:' "$work/load.err" | tail -1
  wall=$(cut -d' ' -f1 "$work/time.txt")
  printf 'load rate %.0f URLs/s (wall), %.0f URLs per CPU-second; store %s MB (%.0f bytes/URL)\n' \
    "$(echo "$urls / $wall" | bc -l)" \
    "$(echo "$urls / ($(cut -d' ' -f2 "$work/time.txt") + $(cut -d' ' -f3 "$work/time.txt"))" | bc -l)" \
    "$(du -m "$work/store/data.mdb" | cut -f1)" \
    "$(echo "$(stat -c %s "$work/store/data.mdb") / $urls" | bc -l)"
  pages=${BENCH_CRAWL_PAGES:-50000}
  echo "== resume and dispatch: a crawl stopped after $pages pages"
  measure "$newscrawl" resume --store "$work/store" -q --max-pages "$pages" "${resolve[@]}" \
    2>"$work/crawl.err"
  tail -2 "$work/crawl.err"
  exit 0
fi

per_host=${BENCH_PER_HOST:-20}
delay=${BENCH_DELAY:-5}
awk -v n="$per_host" -v h="$hosts" -v p="$any_port" 'BEGIN {
  for (j = 0; j < n; j++) for (i = 0; i < h; i++)
    printf "http://h%d.lejournal.test:%d/actualite/article-%d.html\n", i, p, j }' >"$work/urls.txt"
"$newscrawl" seed-load --store "$work/store" "${config[@]}" --min-delay "$delay" "${resolve[@]}" \
  "$work/urls.txt" 2>"$work/load.err" || { cat "$work/load.err"; exit 1; }
: >"$work/access.log"
ideal=$(echo "$per_host * $delay" | bc -l)
echo "== polite: $hosts hosts x $per_host pages, min-delay $delay s ($(echo "$hosts / $delay" | bc) pages/s in all); ideal ${ideal} s"
measure "$newscrawl" resume --store "$work/store" --log-format json --stats-interval 1 \
  "${resolve[@]}" 2>"$work/crawl.err"
grep '^newscrawl: finished' "$work/crawl.err" || tail -3 "$work/crawl.err"
wall=$(cut -d' ' -f1 "$work/time.txt")
printf 'wall / ideal: %.3f\n' "$(echo "$wall / $ideal" | bc -l)"
python3 - "$work/access.log" "$delay" <<'EOF'
import sys
from collections import defaultdict
log, delay = sys.argv[1], float(sys.argv[2])
by_host = defaultdict(list)
robots_end = 0.0
for line in open(log):
    f = line.split()
    if len(f) < 4:
        continue
    end, took = float(f[0]), float(f[1])
    by_host[f[2]].append((end - took, end))
    if "/robots.txt " in line:
        robots_end = max(end, robots_end)
gaps, violations, requests = [], 0, 0
first, last = min(s for v in by_host.values() for s, _ in v), max(e for v in by_host.values() for _, e in v)
for host, reqs in by_host.items():
    reqs.sort()
    requests += len(reqs)
    for (s0, e0), (s1, e1) in zip(reqs, reqs[1:]):
        gap = s1 - e0
        gaps.append(gap)
        # nginx logs in ms; newscrawl counts the delay from the end of the
        # response it read, after nginx's end: a gap under the delay minus
        # nginx's 1 ms resolution is a violation.
        if gap < delay - 0.001:
            violations += 1
gaps.sort()
print("server log: %d requests to %d hosts over %.1f s (%.0f requests/s); gap violations (< %.3f s): %d; "
      "min gap %.3f s, median %.3f s, p99 %.3f s" % (
          requests, len(by_host), last - first, requests / max(last - first, 1e-9), delay - 0.001,
          violations, gaps[0], gaps[len(gaps) // 2], gaps[int(len(gaps) * 0.99)]))
# The wall time over the ideal is the robots.txt burst plus the slip of each
# step (gap minus the delay), summed over a host's steps.
print("robots.txt all answered %.2f s after the first request; slip per step: mean %.1f ms, "
      "p10 %.1f ms, p90 %.1f ms" % (
          robots_end - first,
          (sum(gaps) / len(gaps) - delay) * 1e3, (gaps[len(gaps) // 10] - delay) * 1e3,
          (gaps[len(gaps) * 9 // 10] - delay) * 1e3))
EOF
