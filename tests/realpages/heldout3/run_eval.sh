#!/usr/bin/env bash
# Grades link roles on the third held-out set, French fronts (README.md here):
# a measurement, not a regression test, so it sets no floors and no ctest runs
# it. The pages are third-party bytes kept out of this repository; README.md
# says how they were obtained and gives a checksum per page; they live in
# $NEWSCRAWL_HELDOUT3/pages. Without them: exit 77 (../tools/heldout_set.sh,
# shared by the held-out sets).
#   tests/realpages/heldout3/run_eval.sh [NEWSCRAWL_BINARY] [extra links flags]
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../tools/heldout_set.sh" eval "$here" "$@"
