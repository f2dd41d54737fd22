#!/usr/bin/env bash
# Alternating newscrawl-only runs of B1 (bench_vs_wget2.sh's site, no wget2):
# the same crawl with several binaries or config texts, in turn, so that a
# loaded machine's noise hits them alike. Per run: wall, CPU (user+sys),
# pages/s over the process and over the active span in nginx's log, peak RSS
# and the peaks of RssAnon/RssFile (bench_vs_wget2_sample.py), minor faults,
# and the worker backlog line of `crawl -v`. See tests/bench/README.md,
# "Session 12 (branch perfrss)".
#
#   tests/bench/bench_vs_wget2_ab.sh NAME=BINARY[:CONFIG_TOML_FILE] ...
#   e.g. tests/bench/bench_vs_wget2_ab.sh main=/work/main/build/newscrawl \
#          16mib=build/newscrawl:/tmp/b16.toml
#
# Environment: BENCH_PAIRS=3 (rounds; each runs every variant once, the order
# reversed every other round), BENCH_KEEP=1 keeps the work directory, and
# BENCH_EXTRA_HOSTS / BENCH_PARAGRAPHS / BENCH_ARTICLES as for bench_vs_wget2.sh.
# Loopback only; needs nginx and python3 (not root).
set -euo pipefail

. "$(dirname "$0")/lib.sh" bench_vs_wget2_ab  # here, die, newscrawl, nginx_bin
(($# > 0)) || die "usage: $0 NAME=BINARY[:CONFIG] ..."
rounds=${BENCH_PAIRS:-3}
bench_site_options 100 64 200
bench_work_dir
names=() binaries=() configs=()
for spec in "$@"; do
  names+=("${spec%%=*}")
  rest=${spec#*=}
  binaries+=("${rest%%:*}")
  if [[ "$rest" == *:* ]]; then configs+=("${rest#*:}"); else configs+=(""); fi
done

log="$work/nginx/access.log"
# bench_serve_site, with a log line per request (its end and status) for the active span.
port=$(bench_free_port)
"$newscrawl" fixture-site --out "$work/site" --port "$port" --extra-hosts "$extra_hosts" \
  --paragraphs "$paragraphs" --articles-per-section "$articles" >"$work/hosts.txt"
bench_start_nginx "$work/nginx" "$port" "$work/site" 1024 "log_format ab '\$msec \$status';" \
  "access_log $log ab;" "keepalive_timeout 65;"
bench_resolve_flags "$work/hosts.txt" "$port"
seed="http://www.lejournal.test:$port/"
echo "== bench_vs_wget2_ab: $(date -u +%FT%TZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"

run() {  # run ROUND INDEX
  local r=$1 i=$2 id="${names[$2]}-$1" d
  d="$work/runs/$id"
  mkdir -p "$d"
  : >"$log"
  local extra=()
  [[ -n "${configs[$i]}" ]] && extra=(--config "${configs[$i]}")
  local busy0 busy1 t0 t1
  busy0=$(busy_jiffies); t0=$EPOCHREALTIME
  python3 "$here/bench_vs_wget2_sample.py" "$d/cost.json" "${binaries[$i]}" crawl --seed "$seed" \
    --store "$d/store" "${resolve[@]}" --min-delay 0 --scope seed-domains --quiet -v \
    "${extra[@]}" >"$d/stdout" 2>"$d/stderr" || true
  sleep 0.3  # nginx's last log lines
  busy1=$(busy_jiffies); t1=$EPOCHREALTIME
  cp "$log" "$d/access.log"
  python3 - "$d" "$id" "$((busy1 - busy0))" "$(getconf CLK_TCK)" "$t0" "$t1" <<'PY'
import json, re, sys
d, name, busy, hz, t0, t1 = sys.argv[1:]
c = json.load(open(d + "/cost.json"))
times = [float(l.split()[0]) for l in open(d + "/access.log") if l.split()[1].startswith("2")]
pages = len(times)
span = max(times) - min(times) if pages > 1 else 0.0
cpu = c["user"] + c["sys"]
other = max(0.0, int(busy) / float(hz) - cpu) / max(1e-3, float(t1) - float(t0))
line = next((l.strip() for l in open(d + "/stderr") if "worker backlog" in l), "")
m = re.search(r"held (\d+) time\(s\) for ([\d.]+)s .*?\(([\d.]+) bodies.*at most (\d+) bodies \(([\d.]+) MB\).*nothing queued for ([\d.]+)s", line)
bl = "holds=%s held=%ss at=%s peak=%s/%sMB starved=%ss" % m.groups() if m else "-"
line = next((l.strip() for l in open(d + "/stderr") if "dispatcher waited" in l), "")
w = re.findall(r"([\d.]+)s", line)
if len(w) == 4:
    bl += " waits(conn/commit/backlog/sched)=%s/%s/%s/%s" % tuple(w)
print("  %-14s rc=%d pages=%d wall=%.2f span=%.2f p/s(span)=%.0f cpu=%.2f ms/p=%.3f rss=%.0f anon=%.0f file=%.0f minflt=%dk other=%.2f %s" % (
    name, c["rc"], pages, c["wall"], span, pages / span if span else 0, cpu, 1000 * cpu / max(1, pages),
    c["maxrss_mb"], c["rss_anon_peak_mb"], c["rss_file_peak_mb"], c["minflt"] / 1000, other, bl))
PY
  rm -rf "$d/store"
}

for r in $(seq "$rounds"); do
  if ((r % 2)); then order=$(seq 0 $((${#names[@]} - 1))); else order=$(seq $((${#names[@]} - 1)) -1 0); fi
  for i in $order; do run "$r" "$i"; done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
