#!/usr/bin/env bash
# What watching a crawl costs (issue 13): the same crawl of a static news
# site served by nginx on loopback, with the progress display, the event
# log and the metrics endpoint on (JSON stats lines every second, events.jsonl,
# --status-addr with /metrics and /status.json scraped every
# BENCH_SCRAPE_INTERVAL seconds by one long-lived client) and off
# (--no-observe -q: nothing counted, shown or logged), alternating on/off so
# that load changes hit both alike. Reports the medians of CPU time per page
# (user+sys of the crawler only: robust to other load) and of wall time, the
# overhead of "on" in percent, and the machine's other load during the runs.
# Target: < 2% (tests/bench/README.md, "bench_observe_overhead.sh").
#
#   tests/bench/bench_observe_overhead.sh
#
# Environment (all optional):
#   NEWSCRAWL=path          binary to measure (default: build/newscrawl)
#   BENCH_REPS=5            on/off pairs (medians reported)
#   BENCH_EXTRA_HOSTS=100   site size: 102 hosts
#   BENCH_PARAGRAPHS=8      ~11 KB articles
#   BENCH_ARTICLES=6        articles per section (60: ~10k pages, runs of seconds)
#   BENCH_SCRAPE_INTERVAL=1 seconds between scrapes of /metrics + /status.json
#                           (Prometheus's default is 15)
#   BENCH_KEEP=0            1 keeps the work directory
# Needs nginx (nginx-light) and python3. Loopback only.
set -euo pipefail

. "$(dirname "$0")/lib.sh" bench_observe_overhead  # here, die, newscrawl, nginx_bin
reps=${BENCH_REPS:-5}
scrape=${BENCH_SCRAPE_INTERVAL:-1}
bench_site_options 100 8 6

scraper_pid=
bench_on_exit() { [[ -n "$scraper_pid" ]] && kill "$scraper_pid" 2>/dev/null || true; }
bench_work_dir
bench_serve_site "keepalive_timeout 65;"  # port, seed, resolve

# run_one ID MODE: one crawl; appends "mode pages user+sys wall other_load" to results.
run_one() {
  local id=$1 mode=$2 d="$work/runs/$1"
  mkdir -p "$d"
  local flags=(--no-observe -q)
  local status_port=
  if [[ "$mode" == on ]]; then
    status_port=$(bench_free_port)
    flags=(--log-format json --stats-interval 1 --status-addr "127.0.0.1:$status_port")
    # What a Prometheus server and an open status page do: ask every
    # $scrape seconds. One long-lived client, as a Prometheus server is (a
    # python3 started per scrape, as before, competed with the crawl for the
    # cores: 0.6 s CPU per start-up measured at load 18, far more than the
    # crawler's whole observing cost).
    python3 - "$status_port" "$scrape" <<'PY' 2>/dev/null &
import http.client, sys, time
port, interval = int(sys.argv[1]), float(sys.argv[2])
while True:
    time.sleep(interval)
    for path in ("/metrics", "/status.json"):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            c.getresponse().read()
            c.close()
        except OSError:
            pass
PY
    scraper_pid=$!
  fi
  local b0 b1 t0 t1
  b0=$(busy_jiffies); t0=$EPOCHREALTIME
  python3 "$here/bench_vs_wget2_run.py" "$d/time" 600 "$newscrawl" crawl --seed "$seed" \
    --store "$d/store" "${resolve[@]}" --min-delay 0 --scope seed-domains "${flags[@]}" \
    >"$d/stdout" 2>"$d/stderr" || true
  b1=$(busy_jiffies); t1=$EPOCHREALTIME
  if [[ -n "$scraper_pid" ]]; then kill "$scraper_pid" 2>/dev/null || true; wait "$scraper_pid" 2>/dev/null || true; scraper_pid=; fi
  local pages
  pages=$("$newscrawl" status --store "$d/store" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["pages"])')
  read -r wall user sys _ <"$d/time"
  python3 - "$mode" "$pages" "$user" "$sys" "$wall" "$((b1 - b0))" "$(getconf CLK_TCK)" "$t0" "$t1" \
    >>"$work/results" <<'PY'
import sys
mode, pages, user, sys_, wall, busy, hz, t0, t1 = sys.argv[1:]
cpu = float(user) + float(sys_)
other = max(0.0, int(busy) / float(hz) - cpu) / max(1e-3, float(t1) - float(t0))
print(mode, pages, "%.4f" % cpu, wall, "%.2f" % other)
PY
  tail -1 "$work/results" | awk '{printf "  %-3s pages=%s cpu=%.2fs wall=%.2fs other-load=%.2f cores\n", $1, $2, $3, $4, $5}'
  rm -rf "$d/store"
}

echo "== bench_observe_overhead: $(wc -l <"$work/hosts.txt") hosts, $reps on/off pairs, scrape every ${scrape}s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run_one warmup off >/dev/null  # page cache, ccache'd binary paged in
: >"$work/results"
for r in $(seq "$reps"); do
  if (( r % 2 )); then run_one "off-$r" off; run_one "on-$r" on
  else run_one "on-$r" on; run_one "off-$r" off; fi
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def median(mode, column):
    return statistics.median(float(r[column]) for r in rows if r[0] == mode)
def per_page(mode):
    return statistics.median(float(r[2]) / max(1, int(r[1])) for r in rows if r[0] == mode)
off_cpu, on_cpu = per_page("off"), per_page("on")
off_wall, on_wall = median("off", 3), median("on", 3)
print("median CPU per page: off %.3f ms, on %.3f ms: %+.1f%%" %
      (off_cpu * 1e3, on_cpu * 1e3, 100 * (on_cpu / off_cpu - 1)))
print("median wall:         off %.2f s, on %.2f s: %+.1f%%" %
      (off_wall, on_wall, 100 * (on_wall / off_wall - 1)))
print("pages per run: %s; other load during the runs: median %.2f cores (max %.2f)" %
      (sorted({r[1] for r in rows}), statistics.median(float(r[4]) for r in rows),
       max(float(r[4]) for r in rows)))
PY
