#!/usr/bin/env bash
# newscrawl vs wget2 on the same 102-host static news site, served by nginx on
# loopback, in one run. Prints pages, wall time, pages/s, CPU (user+sys of the
# crawler process only, never nginx) and CPU per page for each crawler, the
# ratios against wget2, and a politeness audit taken from the nginx access log.
# See tests/bench/README.md for what it measures and figures from past runs.
#
#   tests/bench/bench_vs_wget2.sh            (or: scripts/run bench)
#
# Environment (all optional):
#   NEWSCRAWL=path        binary to measure (default: build/newscrawl)
#   BENCH_REPS=3          repetitions of the full-speed runs (median reported)
#   BENCH_POLITE=1        0 skips the 1 s-delay runs (newscrawl ~5 min on B1, two wget2 runs capped)
#   BENCH_POLITE_CAP=60   seconds each wget2 --wait=1 run may take (the site needs ~8 / ~37 min)
#   BENCH_POLITE_NC_CAP=600  seconds the newscrawl min-delay 1 run may take (B1 needs ~310 s)
#   BENCH_WHATIF=1        0 skips the what-if newscrawl row: the same crawl with the config
#                         text BENCH_WHATIF_TOML (default: [extract] articles = false), no code change
#   BENCH_WHATIF_TOML     e.g. $'[storage]\ncommit_interval_ms = 20'
#   BENCH_PROFILE=1       0 skips the perf CPU profile of one extra newscrawl run
#   BENCH_CALLGRIND=0     1 adds a callgrind run (--max-pages 300) with inclusive costs
#   BENCH_KEEP=0          1 keeps the work directory (logs, stores, perf data)
#   BENCH_FS=loop         where crawlers write: loop = fresh ext4 image, tmp = /tmp as is
#   BENCH_EXTRA_HOSTS=100 BENCH_PARAGRAPHS=64 BENCH_ARTICLES=200   site size: the B1
#                         workload of issue 16 (102 hosts, 31,600 HTML files, ~31,200 canonical
#                         pages of ~50 KB); BENCH_ARTICLES=6 is the former 1,203-page site
#
# Needs root (wget2 has no --resolve: it runs in a private mount namespace with
# a temporary /etc/hosts and an nsswitch.conf that resolves from files only, so
# no name lookup leaves the machine), nginx (nginx-light) and wget2. Loopback only.
set -euo pipefail

. "$(dirname "$0")/lib.sh" bench_vs_wget2  # here, die, newscrawl, nginx_bin
root=$(cd "$here/../.." && pwd)
reps=${BENCH_REPS:-3}
polite=${BENCH_POLITE:-1}
polite_cap=${BENCH_POLITE_CAP:-60}
polite_nc_cap=${BENCH_POLITE_NC_CAP:-600}
whatif=${BENCH_WHATIF:-1}
profile=${BENCH_PROFILE:-1}
callgrind=${BENCH_CALLGRIND:-0}
keep=${BENCH_KEEP:-0}
fs_mode=${BENCH_FS:-loop}
extra_hosts=${BENCH_EXTRA_HOSTS:-100}
paragraphs=${BENCH_PARAGRAPHS:-64}
articles=${BENCH_ARTICLES:-200}
run_cap=300  # seconds: no single crawler run may take longer
# wget2 saves the whole site per run (~1.5 GB on B1) and every run is kept
# (deleting files would slow later runs' inode allocation, see below): a
# sparse image large enough for all of them.
image_gib=$((8 + 2 * reps * (extra_hosts + 2) * articles * paragraphs / 1000000))

command -v wget2 >/dev/null || die "wget2 missing (NEWSCRAWL_EXTRA_PACKAGES=bench scripts/setup.sh)"
command -v python3 >/dev/null || die "python3 missing"
[[ $(id -u) -eq 0 ]] || die "run as root: wget2 needs a private /etc/hosts (unshare --mount)"

work=$(mktemp -d /tmp/bench_vs_wget2.XXXXXX)
out="$work/out"  # what the crawlers write: stores, wget2's files
nginx_pid=
current_run=
out_mounted=
cleanup() {
  local rc=$?
  if [[ -n "$current_run" ]] && kill -0 "$current_run" 2>/dev/null; then
    kill -TERM "$current_run" 2>/dev/null || true  # newscrawl commits and exits within 5 s
    wait "$current_run" 2>/dev/null || true
  fi
  bench_stop_nginx
  if [[ -n "$out_mounted" ]]; then
    umount "$out" 2>/dev/null || umount -l "$out" 2>/dev/null || true  # frees the loop device too
  fi
  if [[ "$keep" == 1 ]]; then echo "bench_vs_wget2: kept $work" >&2; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- where the crawlers write -------------------------------------------------
# A fresh ext4 file system (loop image) by default: ext4 skips inodes freed in
# the last minutes when it allocates new ones (recently_deleted() in ialloc.c),
# so on a disk where files were just deleted (an earlier run's output, someone's
# build) creating wget2's ~2,200 files costs several times more system CPU.
# BENCH_FS=tmp writes to $work on /tmp instead.
mkdir -p "$out"
fs_note="$out on $(df --output=fstype "$work" | tail -1) (BENCH_FS=tmp)"
if [[ "$fs_mode" == loop ]]; then
  if truncate -s "$image_gib"G "$work/out.img" && mkfs.ext4 -q -F -E lazy_itable_init=0,lazy_journal_init=0 "$work/out.img" &&
     mount -o loop "$work/out.img" "$out"; then
    out_mounted=1
    fs_note="a fresh ext4 file system (${image_gib} GiB sparse loop image on $(df --output=fstype "$work" | tail -1))"
  else
    fs_note="$out (loop mount failed, so on $(df --output=fstype "$work" | tail -1); wget2's sys time may be inflated)"
  fi
fi

# --- the site --------------------------------------------------------------
port=$(bench_free_port)
"$newscrawl" fixture-site --out "$work/site" --port "$port" \
  --extra-hosts "$extra_hosts" --paragraphs "$paragraphs" --articles-per-section "$articles" \
  >"$work/hosts.txt"
nhosts=$(wc -l <"$work/hosts.txt")
nfiles=$(find "$work/site" -name '*.html' | wc -l)
site_mb=$(du -sm "$work/site" | cut -f1)
seed="http://www.lejournal.test:$port/"

# --- nginx: one worker, sendfile, a log line per request with its timing -----
log="$work/nginx/access.log"
# msec = when the request ended (s.ms); request_time = its duration (s.ms);
# connection = connection serial number (requests on one connection never overlap).
bench_start_nginx "$work/nginx" "$port" "$work/site" 4096 \
  "log_format bench '\$msec \$request_time \$host \$status \$body_bytes_sent \$connection \$connection_requests \"\$request\" \"\$http_user_agent\"';" \
  "access_log $log bench;" "tcp_nopush on;" "keepalive_timeout 65;"

# --- name resolution ---------------------------------------------------------
bench_resolve_flags "$work/hosts.txt" "$port"
{ echo "127.0.0.1 localhost"; sed 's/^/127.0.0.1 /' "$work/hosts.txt"; } >"$work/hosts"
# Files only: the off-site names on the pages (*.autre-media.test, ...) fail at
# once instead of going to a DNS server.
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files\n' >"$work/nsswitch.conf"

# --- one measured run ----------------------------------------------------------
# run_one ID CRAWLER CLASS CONFIG -- CMD...   (CMD writes RUN/time via bench_vs_wget2_run.py)
run_one() {
  local id=$1 crawler=$2 class=$3 config=$4; shift 5
  local d="$work/runs/$id"
  mkdir -p "$d"
  : >"$log"
  local rc=0 busy0 busy1 ng0 ng1 t0 t1
  # CPU time (jiffies) of the whole machine and of nginx around the run: what
  # is left after the crawler's own is other load, which makes figures noisy.
  busy0=$(busy_jiffies); ng0=$(nginx_jiffies); t0=$EPOCHREALTIME
  # In the background so that a signal to this script is handled at once
  # (cleanup stops the run through bench_vs_wget2_run.py, which passes it on).
  "$@" >"$d/stdout" 2>"$d/stderr" &
  current_run=$!
  wait "$current_run" || rc=$?
  current_run=
  sleep 0.3  # let nginx write the last log lines
  busy1=$(busy_jiffies); ng1=$(nginx_jiffies); t1=$EPOCHREALTIME
  cp "$log" "$d/access.log"
  python3 - "$d" "$crawler" "$class" "$config" "$rc" "$((busy1 - busy0))" "$((ng1 - ng0))" \
    "$(getconf CLK_TCK)" "$t0" "$t1" <<'EOF'
import json, sys
d, crawler, cls, config, rc, busy, ng, hz, t0, t1 = sys.argv[1:]
meta = {"crawler": crawler, "class": cls, "config": config, "rc": int(rc)}
try:
    wall, user, sys_, rss, _ = open(d + "/time").read().split()
    meta.update(wall=float(wall), user=float(user), sys=float(sys_), maxrss_kb=int(rss))
    meta["nginx_cpu"] = int(ng) / float(hz)
    # Everything else the machine ran meanwhile, in cores (the 0.3 s settle included).
    other = max(0.0, int(busy) / float(hz) - meta["nginx_cpu"] - meta["user"] - meta["sys"])
    meta["other_load"] = other / max(1e-3, float(t1) - float(t0))
except Exception as e:
    meta["error"] = "no timing: %s" % e
json.dump(meta, open(d + "/meta.json", "w"))
print("%.2f %.2f" % (meta.get("nginx_cpu", 0), meta.get("other_load", 0)), file=open(d + "/cpu_around", "w"))
EOF
  printf '  %-10s %-44s rc=%-3s requests=%-5s %s nginx=%.2fs other-load=%.2f cores\n' "$crawler" "$config" "$rc" \
    "$(wc -l <"$d/access.log")" \
    "$(awk '{printf "wall=%.2fs user=%.3fs sys=%.3fs", $1, $2, $3}' "$d/time" 2>/dev/null)" \
    $(cat "$d/cpu_around")
}
nginx_jiffies() { awk '{print $14 + $15}' "/proc/$nginx_pid/stat" 2>/dev/null || echo 0; }

runner=(python3 "$here/bench_vs_wget2_run.py")  # wall, CPU (us resolution), cap
newscrawl_run() {  # newscrawl_run ID CLASS CONFIG MIN_DELAY [extra crawl flags]
  local id=$1 cls=$2 config=$3 delay=$4; shift 4
  local d="$work/runs/$id"
  run_one "$id" newscrawl "$cls" "$config" -- \
    "${runner[@]}" "$d/time" "${nc_cap:-$run_cap}" "$newscrawl" crawl --seed "$seed" --store "$out/$id" "${resolve[@]}" \
    --min-delay "$delay" --scope seed-domains --quiet "$@"
  "$newscrawl" status --store "$out/$id" --json >"$d/status.json" 2>/dev/null || true
  du -sb "$out/$id" >"$d/out_bytes" 2>/dev/null || true
}

# wget2 1.99.1 queues the off-site links of article pages (www.autre-media.test,
# ...) despite --domains; they fail to resolve, and with the default --tries=20
# and --waitretry=10 it would wait ~190 s on them. --tries=1 removes that wait.
wget2_flags=(--recursive --level=inf --span-hosts --domains=lejournal.test
  --robots=on --no-verbose --tries=1)
wget2_run() {  # wget2_run ID CLASS CONFIG CAP [extra wget2 flags]
  local id=$1 cls=$2 config=$3 cap=$4; shift 4
  local d="$work/runs/$id"
  mkdir -p "$d"
  # Time only wget2 (inside the namespace), not unshare/mount. HOME points to
  # the work directory: no ~/.wget2rc is read, its HSTS/OCSP files land there.
  local cmd
  cmd=$(printf '%q ' env HOME="$work/wget2-home" "${runner[@]}" "$d/time" "$cap" \
    wget2 "${wget2_flags[@]}" "$@" -P "$out/$id" "$seed")
  mkdir -p "$work/wget2-home"
  run_one "$id" wget2 "$cls" "$config" -- unshare --mount sh -c \
    "mount --bind $(printf %q "$work/hosts") /etc/hosts &&
     mount --bind $(printf %q "$work/nsswitch.conf") /etc/nsswitch.conf && exec $cmd"
  find "$out/$id" -type f -name '*.html*' 2>/dev/null | wc -l >"$d/html_files"
  du -sb "$out/$id" >"$d/out_bytes" 2>/dev/null || true
}

echo "== bench_vs_wget2: $(date -u +%FT%TZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   site: $nhosts hosts, $nfiles HTML files, ${site_mb} MB, nginx 1 worker on 127.0.0.1:$port"
echo "   crawlers write to $fs_note"
echo "   newscrawl $("$newscrawl" --version 2>/dev/null | head -1) ($newscrawl, tree at" \
  "$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))  |  $(wget2 --version | head -1)"
echo "   full-speed runs x$reps (median reported), each capped at ${run_cap}s"
# With autogroup scheduling the CPU is shared per session first: other
# sessions' `nice -n 10` builds still take their share (tests/bench/README.md,
# "B1 rate: what waited"). Say which applies, so a figure can be judged.
if [[ $(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null) == 1 ]]; then
  echo "   scheduler: autogroup on, this session's group $(cat /proc/self/autogroup 2>/dev/null);" \
    "$(for p in /proc/[0-9]*; do cat "$p/autogroup" 2>/dev/null; done | awk '{print $1}' | sort -u | wc -l) groups"
fi
load_before=$(cut -d' ' -f1 /proc/loadavg)

whatif_toml=${BENCH_WHATIF_TOML:-$'[extract]\narticles = false'}
printf '%s\n' "$whatif_toml" >"$work/whatif.toml"
whatif_label="min-delay 0, $(grep -v '^\[' "$work/whatif.toml" | tr -d ' ' | paste -sd, -) (what-if)"
# Alternate the crawlers so background load hits them alike.
for r in $(seq "$reps"); do
  newscrawl_run "nc-fast-$r" fast "min-delay 0, 1/host" 0
  wget2_run "w2-t5-$r" fast "default (5 threads)" "$run_cap"
  wget2_run "w2-t10-$r" fast "--max-threads=10" "$run_cap" --max-threads=10
  if [[ "$whatif" == 1 ]]; then
    # What-if: the same crawl with another configuration, to measure a
    # setting before changing its default.
    newscrawl_run "nc-whatif-$r" fast "$whatif_label" 0 --config "$work/whatif.toml"
  fi
done
if [[ "$polite" == 1 ]]; then
  # B1 has ~307 pages a host: at 1 s a page the polite crawl needs ~310 s,
  # over run_cap, so it gets a cap of its own.
  nc_cap=$polite_nc_cap newscrawl_run "nc-polite-1" polite "min-delay 1 (default), 1/host" 1
  wget2_run "w2-wait1-1" polite "--wait=1 (5 threads), ${polite_cap}s cap" "$polite_cap" --wait=1
  # The only wget2 setting that is polite per host: one request at a time overall.
  wget2_run "w2-wait1-t1-1" polite "--wait=1 --max-threads=1, ${polite_cap}s cap" "$polite_cap" \
    --wait=1 --max-threads=1
fi
load_after=$(cut -d' ' -f1 /proc/loadavg)

python3 "$here/bench_vs_wget2_report.py" "$work/runs" \
  --note "load average (1 min) before ${load_before}, after ${load_after}, on $(nproc) CPUs"

# --- where newscrawl's CPU goes ------------------------------------------------
if [[ "$profile" == 1 ]]; then
  if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
    echo
    echo "== newscrawl CPU profile: perf, cpu-clock samples with DWARF call graphs, one extra"
    echo "   min-delay 0 run (not in the table); % of the process's CPU, start-up included"
    d="$work/runs-profile"
    mkdir -p "$d"
    : >"$log"
    perf record -q -e cpu-clock -F 2999 --call-graph dwarf,16384 -o "$d/perf.data" -- \
      timeout "$run_cap" "$newscrawl" crawl --seed "$seed" --store "$out/profile" "${resolve[@]}" \
      --min-delay 0 --scope seed-domains --quiet >/dev/null 2>&1 || true
    # (|| true: head closing a pipe early is not a failure)
    echo "-- by shared object (self)"
    perf report -i "$d/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null |
      grep -v -e '^#' -e '^$' | head -10 || true
    echo "-- inclusive (children, self) of the functions that matter"
    perf report -i "$d/perf.data" --children --sort sym --stdio -g none --percent-limit 1 2>/dev/null |
      grep -v '^#' |
      grep -E '\] (nc::[A-Za-z_:]+|ZSTD_compress2|psl_registrable_domain|mdb_txn_commit|mdb_env_sync|__libc_recvmsg|asm_exc_page_fault|__GI___libc_malloc|__GI___libc_free|X509_STORE_set_default_paths_ex)' |
      grep -v -e 'RunCli' -e 'RunCrawl' -e 'RunJob' -e 'CrawlEngine::Run$' -e 'HttpClient::HttpClient' \
        -e 'HttpClient::Impl::Impl' -e 'std::' |
      cut -c1-130 | head -32 || true
  else
    echo
    echo "== perf not usable here (perf stat -e task-clock failed): profile skipped"
  fi
fi

if [[ "$callgrind" == 1 ]]; then
  if command -v valgrind >/dev/null; then
    echo
    echo "== newscrawl under callgrind (--max-pages 300, min-delay 0): top inclusive costs (instructions)"
    d="$work/runs-callgrind"
    mkdir -p "$d"
    timeout 900 valgrind --tool=callgrind --callgrind-out-file="$d/callgrind.out" \
      "$newscrawl" crawl --seed "$seed" --store "$out/callgrind" "${resolve[@]}" \
      --min-delay 0 --scope seed-domains --max-pages 300 --quiet >/dev/null 2>"$d/valgrind.log" || true
    echo "   (user-space instructions; Prepare/MakeTlsClientContext is start-up, paid once per run)"
    callgrind_annotate --inclusive=yes "$d/callgrind.out" 2>/dev/null |
      grep -E '^ *[0-9,]+ \( *[0-9.]+%\)' | grep -E '\[/|PROGRAM' |
      grep -E 'nc::|ZSTD_compress2|psl_registrable|mdb_txn_commit|malloc|free|X509_STORE_set_default|PROGRAM' |
      grep -v -e 'RunCli' -e 'RunCrawl' -e 'RunJob' -e 'CrawlEngine::Run(' -e 'executor_op' \
        -e 'HttpClient::HttpClient' -e 'HttpClient::Impl::Impl' -e '_State_impl' |
      sed -E 's#'"$root"'/|/usr/lib/x86_64-linux-gnu/##g; s/\(([^()]|\([^()]*\))*\)( const)? \[/ [/' |
      head -30 | cut -c1-130 || true
  else
    echo "== valgrind missing: callgrind skipped"
  fi
fi
