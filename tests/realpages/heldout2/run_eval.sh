#!/usr/bin/env bash
# Grades link roles on the second held-out set (README.md here): a
# measurement, not a regression test, so it sets no floors and no ctest runs
# it. The pages are third-party bytes kept out of this repository; collect.py
# rebuilds them into $NEWSCRAWL_HELDOUT2/pages. Without them: exit 77.
#   tests/realpages/heldout2/run_eval.sh [NEWSCRAWL_BINARY] [extra links flags]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
newscrawl=${1:-$here/../../../build/newscrawl}; shift $(( $# > 0 ? 1 : 0 ))
data=${NEWSCRAWL_HELDOUT2:-/work/realpages-data/heldout2}
if [[ ! -d "$data/pages" ]]; then
  echo "heldout2: no page files at $data/pages (run collect.py, or set NEWSCRAWL_HELDOUT2); skipped"
  exit 77
fi
exec "$newscrawl" links --eval-corpus "$here" --pages "$data/pages" "$@"
