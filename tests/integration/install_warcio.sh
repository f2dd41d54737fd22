#!/bin/sh
# Installs the npm `warcio` package (webrecorder's WARC reader, the
# independent reader of the WARC export test) into BUILD_DIR/warcio, where
# tests_integration looks for it (or set NEWSCRAWL_WARCIO to a warcio package
# directory). Tests never reach the network themselves: without it the WARC
# read-back test is skipped and says so.
#
# Usage: tests/integration/install_warcio.sh [BUILD_DIR]   (default: build)
set -eu
build_dir=${1:-build}
command -v npm >/dev/null || { echo "install_warcio: npm is not installed (apt-get install npm)" >&2; exit 1; }
mkdir -p "$build_dir/warcio"
npm install --prefix "$build_dir/warcio" --no-audit --no-fund warcio@2.4.11
echo "warcio: $build_dir/warcio/node_modules/warcio"
