#!/usr/bin/env bash
# One crawl job on 1 node and on 3 nodes against the same static news site
# served by nginx on loopback (issue 15 acceptance: "the same three-node
# crawl against nginx serving static files, through build/newscrawl as a
# user would run it"). A nats-server with JetStream on loopback holds the
# job; each node is `newscrawl crawl --cluster ... --job ... --store DIR`
# with its own store, started as a user would.
#
# The evidence comes from nginx's access log (the server's clock, not the
# crawler's): per run, pages per second (pages stored by all nodes / wall
# time from the first node's start to the last node's exit), requests per
# URL (duplicates), and per host the gap from the end of one response to the
# start of the next request, whichever node sent them: a gap under
# min-delay (or a negative one: two requests in flight) is a violation.
# Every node must exit 0.
#
#   tests/bench/bench_cluster_nginx.sh
#
# Environment (all optional):
#   NEWSCRAWL=path          binary (default: build/newscrawl)
#   BENCH_REPS=2            runs of each node count (figures of each run printed)
#   BENCH_NODES="1 3"       node counts to run
#   BENCH_EXTRA_HOSTS=30    site size: 32 hosts
#   BENCH_ARTICLES=6        articles per section
#   BENCH_MIN_DELAY=0.1     --min-delay of the job (seconds)
#   BENCH_FLAGS=""          more crawl flags for every node (e.g. --no-discover-feeds,
#                           --cluster-creds FILE); status --cluster gets them too
#   BENCH_NATS_URL=""       use this NATS server (a secured one) instead of starting one
#   BENCH_KEEP=0            1 keeps the work directory
# Needs nginx (nginx-light), nats-server and python3. Loopback only.
set -euo pipefail

. "$(dirname "$0")/lib.sh" bench_cluster_nginx  # newscrawl, nginx_bin, die, bench_*
reps=${BENCH_REPS:-2}
node_counts=${BENCH_NODES:-"1 3"}
extra_hosts=${BENCH_EXTRA_HOSTS:-30}
articles=${BENCH_ARTICLES:-6}
min_delay=${BENCH_MIN_DELAY:-0.1}
read -r -a extra_flags <<<"${BENCH_FLAGS:-}"
keep=${BENCH_KEEP:-0}
nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
[[ -x "$nats_bin" ]] || die "nats-server missing (apt-get install nats-server)"

work=$(mktemp -d /tmp/bench_cluster_nginx.XXXXXX)
nats_pid=
node_pids=()
cleanup() {
  local rc=$?
  for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  bench_stop_nginx
  if [[ -n "$nats_pid" ]]; then kill -TERM "$nats_pid" 2>/dev/null || true; wait "$nats_pid" 2>/dev/null || true; fi
  if [[ "$keep" == 1 ]]; then echo "bench_cluster_nginx: kept $work" >&2; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The site, and nginx logging when each request ended ($msec) and how long
# it took ($request_time): start = end - duration, on the server's clock.
port=$(bench_free_port)
"$newscrawl" fixture-site --out "$work/site" --port "$port" --extra-hosts "$extra_hosts" \
  --articles-per-section "$articles" >"$work/hosts.txt"
bench_start_nginx "$work/nginx" "$port" "$work/site" 1024 \
  "log_format timing '\$host \$msec \$request_time \$status \$request_uri';" \
  "access_log $work/nginx/access.log timing;" "keepalive_timeout 65;"

nats_url=${BENCH_NATS_URL:-}
if [[ -z "$nats_url" ]]; then
mkdir -p "$work/nats/ports"
"$nats_bin" -a 127.0.0.1 -p -1 -js -sd "$work/nats/js" --ports_file_dir "$work/nats/ports" \
  -l "$work/nats/server.log" &
nats_pid=$!
for _ in $(seq 1000); do
  nats_url=$(grep -o 'nats://[0-9.:]*' "$work/nats/ports/"*.ports 2>/dev/null | head -1 || true)
  [[ -n "$nats_url" ]] && break
  sleep 0.01
done
[[ -n "$nats_url" ]] || die "nats-server did not start (see $work/nats/server.log)"
fi
# The flags status --cluster takes too.
status_flags=()
for ((k = 0; k < ${#extra_flags[@]}; k++)); do
  case "${extra_flags[k]}" in
    --cluster-creds | --cluster-ca) status_flags+=("${extra_flags[k]}" "${extra_flags[k + 1]}") ;;
  esac
done

bench_resolve_flags "$work/hosts.txt" "$port"
seed="http://www.lejournal.test:$port/"

# run_one NODES REP: one job on NODES nodes; appends a result line.
run_one() {
  local nodes=$1 rep=$2 job="bench-$1-$2" d="$work/runs/$1-$2"
  mkdir -p "$d"
  : >"$work/nginx/access.log"  # nginx appends (O_APPEND): the run's requests only
  local t0 t1 i codes=()
  node_pids=()
  local j0 j1
  j0=$(busy_jiffies)
  t0=$EPOCHREALTIME
  for ((i = 0; i < nodes; i++)); do
    "$newscrawl" crawl --cluster "$nats_url" --job "$job" --node-id "n$i" --store "$d/store$i" \
      --seed "$seed" "${resolve[@]}" --scope seed-domains --min-delay "$min_delay" \
      --cluster-partitions 64 -q "${extra_flags[@]}" >"$d/stdout$i" 2>"$d/stderr$i" &
    node_pids+=($!)
  done
  for pid in "${node_pids[@]}"; do
    local code=0
    wait "$pid" || code=$?
    codes+=("$code")
  done
  t1=$EPOCHREALTIME
  j1=$(busy_jiffies)
  node_pids=()
  local pages=0 p
  for ((i = 0; i < nodes; i++)); do
    p=$("$newscrawl" status --store "$d/store$i" --json |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["pages"])')
    pages=$((pages + p))
  done
  "$newscrawl" status --cluster "$nats_url" --job "$job" "${status_flags[@]}" >"$d/cluster_status.txt" || true
  python3 - "$work/nginx/access.log" "$min_delay" "$nodes" "$rep" "$pages" "$t0" "$t1" \
    "${codes[*]}" >>"$work/results" <<'PY'
import collections, sys
log, min_delay, nodes, rep, pages, t0, t1, codes = sys.argv[1:]
min_delay = float(min_delay)
by_host = collections.defaultdict(list)
per_url = collections.Counter()
for line in open(log):
    host, end, took, status, uri = line.split()
    end, took = float(end), float(took)
    by_host[host].append((end - took, end, uri))
    if uri != "/robots.txt":
        per_url[(host, uri)] += 1
violations, smallest = 0, float("inf")
for requests in by_host.values():
    requests.sort()
    for (s0, e0, _), (s1, e1, _) in zip(requests, requests[1:]):
        gap = s1 - e0
        smallest = min(smallest, gap)
        # $msec and $request_time have millisecond resolution.
        if gap < min_delay - 0.002:
            violations += 1
duplicates = sum(n - 1 for n in per_url.values())
wall = float(t1) - float(t0)
print(nodes, rep, pages, "%.2f" % wall, "%.1f" % (int(pages) / wall), sum(per_url.values()),
      duplicates, violations, "%.3f" % smallest, codes.replace(" ", ","))
PY
  tail -1 "$work/results" | awk '{printf "  %s node(s) run %s: %s pages in %ss = %s pages/s; %s page requests, %s repeated; gap violations %s (smallest gap %s s); exit codes %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10}'
  # The whole machine's busy CPU over the run (the crawl's own included):
  # other engineers' load makes the rates noisy.
  python3 -c 'import sys; j0, j1, t0, t1, n = map(float, sys.argv[1:]); print("    machine busy %.0f%% of %d cores during the run" % (100 * (j1 - j0) / 100 / ((t1 - t0) * n), n))' \
    "$j0" "$j1" "$t0" "$t1" "$(nproc)"
  { grep -ho "[0-9]* partitions taken, [0-9]* of them after the takeover delay" "$d"/stderr* || true; } |
    awk '{taken += $1; delayed += $5} END {printf "    partitions taken %d, after the takeover delay %d\n", taken, delayed}'
}

echo "== bench_cluster_nginx: $(wc -l <"$work/hosts.txt") hosts, min-delay $min_delay s, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$nats_bin" --version)"
: >"$work/results"
for rep in $(seq "$reps"); do
  for nodes in $node_counts; do run_one "$nodes" "$rep"; done
done
python3 - "$work/results" <<'PY'
import collections, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
by_nodes = collections.defaultdict(list)
for r in rows:
    by_nodes[r[0]].append(r)
for nodes, runs in sorted(by_nodes.items(), key=lambda kv: int(kv[0])):
    print("%s node(s): median %.1f pages/s over %d run(s); pages %s; repeated requests %s; "
          "gap violations %d; every node exit 0: %s" %
          (nodes, statistics.median(float(r[4]) for r in runs), len(runs),
           sorted({r[2] for r in runs}), sorted({r[6] for r in runs}),
           sum(int(r[7]) for r in runs), all(set(r[9].split(",")) == {"0"} for r in runs)))
ok = all(int(r[7]) == 0 and set(r[9].split(",")) == {"0"} for r in rows)
sys.exit(0 if ok else 1)
PY
