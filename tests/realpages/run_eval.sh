#!/usr/bin/env bash
# ctest realpages_link_roles: grades link roles on the real-page corpus.
# The pages are third-party bytes, kept out of this repository (see
# README.md): they are read from $NEWSCRAWL_REALPAGES, or from
# ../shared/realpages/pages beside the checkout. Without them the test is
# skipped (exit 77), saying so; the labels and the provenance are here.
set -euo pipefail
newscrawl=$1; source_dir=$2; shift 2
pages=${NEWSCRAWL_REALPAGES:-$source_dir/../shared/realpages/pages}
if [[ ! -d "$pages" ]]; then
  echo "realpages: no page files at $pages (set NEWSCRAWL_REALPAGES); skipped"
  exit 77
fi
exec "$newscrawl" links --eval-corpus "$source_dir/tests/realpages" --pages "$pages" "$@"
