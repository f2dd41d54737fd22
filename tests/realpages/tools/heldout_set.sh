#!/usr/bin/env bash
# The held-out sets' page checks and grading, one copy for every set from
# heldout2 on (each set's run_eval.sh, and verify.sh where it has one, call it):
#   tools/heldout_set.sh verify SETDIR
#     SHA-256 of each decompressed page against SETDIR/checksums.sha256;
#   tools/heldout_set.sh eval SETDIR [NEWSCRAWL_BINARY] [extra links flags]
#     newscrawl links --eval-corpus SETDIR (a measurement: no floors).
# The pages are third-party bytes kept out of the repository, in
# $NEWSCRAWL_<SET FOLDER IN CAPITALS>/pages (default
# /work/realpages-data/<set folder>/pages). Without them: exit 77.
set -euo pipefail
cmd=$1; set_dir=$(cd "$2" && pwd); shift 2
name=$(basename "$set_dir")
env_name=NEWSCRAWL_${name^^}
data=${!env_name:-/work/realpages-data/$name}
if [[ ! -d "$data/pages" ]]; then
  echo "$name: no page files at $data/pages (see $name/README.md, or set $env_name); skipped"
  exit 77
fi
case $cmd in
  verify)
    tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
    while read -r _ file; do gzip -dc "$data/pages/${file%.html}.html.gz" >"$tmp/$file"; done \
      <"$set_dir/checksums.sha256"
    (cd "$tmp" && sha256sum -c "$set_dir/checksums.sha256") ;;
  eval)
    newscrawl=${1:-$set_dir/../../../build/newscrawl}; shift $(( $# > 0 ? 1 : 0 ))
    exec "$newscrawl" links --eval-corpus "$set_dir" --pages "$data/pages" "$@" ;;
  *) echo "usage: $0 verify|eval SETDIR [...]" >&2; exit 2 ;;
esac
