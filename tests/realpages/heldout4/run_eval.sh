#!/usr/bin/env bash
# Grades link roles on the fourth held-out set, French fronts (README.md here):
# a measurement, not a regression test, so it sets no floors and no ctest runs
# it. The pages are third-party bytes kept out of this repository; README.md
# says how they were obtained and gives a checksum per page; they live in
# $NEWSCRAWL_HELDOUT4/pages. Without them: exit 77.
#   tests/realpages/heldout4/run_eval.sh [NEWSCRAWL_BINARY] [extra links flags]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
newscrawl=${1:-$here/../../../build/newscrawl}; shift $(( $# > 0 ? 1 : 0 ))
data=${NEWSCRAWL_HELDOUT4:-/work/realpages-data/heldout4}
if [[ ! -d "$data/pages" ]]; then
  echo "heldout4: no page files at $data/pages (see README.md, or set NEWSCRAWL_HELDOUT4); skipped"
  exit 77
fi
exec "$newscrawl" links --eval-corpus "$here" --pages "$data/pages" "$@"
