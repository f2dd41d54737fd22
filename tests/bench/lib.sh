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
