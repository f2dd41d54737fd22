#!/usr/bin/env bash
# Checks the page files of this set against checksums.sha256 (../tools/heldout_set.sh).
exec "$(dirname "$0")/../tools/heldout_set.sh" verify "$(dirname "$0")"
