# Pieces the end-to-end benchmarks (tests/bench/bench_*.sh) share: the binary
# and nginx, a free loopback port, one nginx worker serving the fixture site,
# the --resolve flags for its hosts, and the machine's busy CPU counter. Each
# crawl's own cost is measured by bench_vs_wget2_run.py (wait4 rusage).
# Sourced, not run: `. "$(dirname "$0")/lib.sh" NAME`, NAME prefixing error
# messages. Loopback only.
#
# Sets here (tests/bench), newscrawl (NEWSCRAWL, default build/newscrawl) and
# nginx_bin, or dies saying what is missing.
bench_name=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() { echo "$bench_name: $*" >&2; exit 1; }

newscrawl=${NEWSCRAWL:-$(cd "$here/../.." && pwd)/build/newscrawl}
[[ -x "$newscrawl" ]] || die "no $newscrawl (build it: cmake --build build -j2 --target newscrawl)"
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x "$nginx_bin" ]] || die "nginx missing (apt-get install nginx-light)"

# bench_work_dir: sets `work` to a fresh /tmp/NAME.XXXXXX. On exit or signal
# the script's own bench_on_exit runs (when it defines one), then the nginx
# of bench_start_nginx stops and `work` is removed (kept, saying so, with
# BENCH_KEEP=1).
bench_work_dir() {
  work=$(mktemp -d "/tmp/$bench_name.XXXXXX")
  nginx_pid=
  trap bench_exit EXIT
  trap 'exit 130' INT TERM
}
bench_exit() {
  local rc=$?
  if declare -F bench_on_exit >/dev/null; then bench_on_exit; fi
  bench_stop_nginx
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then echo "$bench_name: kept $work" >&2; else rm -rf "$work"; fi
  exit "$rc"
}

# bench_site_options EXTRA_HOSTS PARAGRAPHS ARTICLES: sets extra_hosts,
# paragraphs and articles (per section), the fixture site's size, from
# BENCH_EXTRA_HOSTS, BENCH_PARAGRAPHS and BENCH_ARTICLES, else these defaults.
bench_site_options() {
  extra_hosts=${BENCH_EXTRA_HOSTS:-$1}
  paragraphs=${BENCH_PARAGRAPHS:-$2}
  articles=${BENCH_ARTICLES:-$3}
}

# bench_serve_site [HTTP_LINE...]: writes the fixture site of that size into
# $work/site (its hosts, one a line, in $work/hosts.txt) and serves it with
# bench_start_nginx on a free port (1024 connections, no access log, plus
# the HTTP_LINEs). Sets port, seed (the www homepage) and resolve.
bench_serve_site() {
  port=$(bench_free_port)
  "$newscrawl" fixture-site --out "$work/site" --port "$port" \
    --extra-hosts "$extra_hosts" --paragraphs "$paragraphs" \
    --articles-per-section "$articles" >"$work/hosts.txt"
  bench_start_nginx "$work/nginx" "$port" "$work/site" 1024 "access_log off;" "$@"
  bench_resolve_flags "$work/hosts.txt" "$port"
  seed="http://www.lejournal.test:$port/"
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# bench_start_nginx DIR PORT SITE CONNECTIONS [HTTP_LINE...]: one nginx worker
# in the background serving SITE/<Host>/ on 127.0.0.1:PORT, with its
# configuration, logs and temp files in DIR; each HTTP_LINE is one more
# directive of the http block (access log, keep-alive). Sets nginx_pid and
# returns once nginx listens; dies if it does not.
bench_start_nginx() {
  local dir=$1 port=$2 site=$3 connections=$4 line _
  shift 4
  mkdir -p "$dir/tmp"
  {
    cat <<EOF
daemon off;
master_process off;
worker_processes 1;
user root;
error_log $dir/error.log;
pid $dir/nginx.pid;
events { worker_connections $connections; }
http {
EOF
    for line in "$@"; do printf '  %s\n' "$line"; done
    cat <<EOF
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $dir/tmp/client_body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  types { text/html html; text/plain txt; application/xml xml; }
  default_type text/plain;
  server { listen 127.0.0.1:$port; root $site/\$host; index index.html; }
}
EOF
  } >"$dir/nginx.conf"
  "$nginx_bin" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 500); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    kill -0 "$nginx_pid" 2>/dev/null || die "nginx exited: $(cat "$dir/error.log")"
    sleep 0.01
  done
  die "nginx does not listen on 127.0.0.1:$port"
}

# For cleanup traps: stops the nginx that bench_start_nginx started, if any.
bench_stop_nginx() {
  if [[ -n "${nginx_pid:-}" ]] && kill -0 "$nginx_pid" 2>/dev/null; then
    kill -TERM "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
}

# bench_resolve_flags HOSTS_FILE PORT: sets the array `resolve` to the crawl
# flags that send each host of HOSTS_FILE (one a line) to 127.0.0.1:PORT.
bench_resolve_flags() {
  local host
  resolve=()
  while read -r host; do resolve+=(--resolve "$host:$2:127.0.0.1"); done <"$1"
}

# CPU time (jiffies) the whole machine has spent busy: around a run, what is
# left after the crawler's own CPU is other load, which makes figures noisy.
busy_jiffies() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
