#!/bin/sh
# The hostile suite with the DEFAULT timeouts (issue 11 item 2: at most
# 3 minutes): the same crawl as the CI test tests_hostile, whose own run
# uses small timeouts. Prints per case the reason, the seconds from the
# crawl's start to the end of the case's last attempt, then the crawl's
# wall time and peak RSS. Not in ctest (about 1-2 minutes of waiting on
# timeouts). Usage: tests/hostile/run_defaults.sh [BUILD_DIR]
set -eu
build=${1:-build}
exec "$build/tests/tests_hostile" --gtest_also_run_disabled_tests \
  --gtest_filter='HostileCrawl.DISABLED_DefaultTimeouts'
