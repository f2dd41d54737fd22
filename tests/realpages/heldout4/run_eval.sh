#!/usr/bin/env bash
# Grades link roles on this set (README.md): heldout4/run_eval.sh [NEWSCRAWL_BINARY] [links flags]
exec "$(dirname "$0")/../tools/heldout_set.sh" eval "$(dirname "$0")" "$@"
