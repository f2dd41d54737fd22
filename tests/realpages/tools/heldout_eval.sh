#!/usr/bin/env bash
# Grades link roles on one held-out set (tests/realpages/heldoutN/run_eval.sh
# calls it with its name and folder). The pages are third-party bytes kept
# out of this repository, read from $NEWSCRAWL_<NAME>/pages (default
# /work/realpages-data/NAME/pages). Without them: exit 77 (skipped).
#   heldout_eval.sh NAME SET_DIR WHERE_PAGES_COME_FROM [NEWSCRAWL_BINARY] [extra links flags]
set -euo pipefail
name=$1 here=$2 source=$3; shift 3
newscrawl=${1:-$here/../../../build/newscrawl}; shift $(( $# > 0 ? 1 : 0 ))
var=NEWSCRAWL_${name^^}
data=${!var:-/work/realpages-data/$name}
if [[ ! -d "$data/pages" ]]; then
  echo "$name: no page files at $data/pages ($source, or set $var); skipped"
  exit 77
fi
exec "$newscrawl" links --eval-corpus "$here" --pages "$data/pages" "$@"
