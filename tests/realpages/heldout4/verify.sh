#!/usr/bin/env bash
# Checks that the page files of this set are the bytes the labels were made
# on: the SHA-256 of each decompressed page against checksums.sha256 (the
# pages were reassembled by hand from read_file chunks, see README.md, so a
# slip would show here). Exit 77 (skipped) when the pages are absent.
#   tests/realpages/heldout4/verify.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${NEWSCRAWL_HELDOUT4:-/work/realpages-data/heldout4}
if [[ ! -d "$data/pages" ]]; then
  echo "heldout4: no page files at $data/pages; skipped"
  exit 77
fi
status=0
while read -r sum name; do
  id=${name%.html}
  got=$(gzip -dc "$data/pages/$id.html.gz" | sha256sum | cut -d' ' -f1)
  if [[ "$got" == "$sum" ]]; then echo "ok   $id"; else echo "FAIL $id ($got)"; status=1; fi
done < "$here/checksums.sha256"
exit $status
