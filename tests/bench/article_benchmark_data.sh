#!/usr/bin/env bash
# Rebuilds the article-extraction benchmark's data (third-party pages, never
# committed) from a mirror of github.com/scrapinghub/article-extraction-benchmark
# (MIT licence; evaluated at commit 4a3bc97, "Merge pull request #27").
# Writes DEST/html/<id>.html (decompressed) and DEST/ground-truth.json.
#   tests/bench/article_benchmark_data.sh [MIRROR_GIT_DIR] [DEST]
set -euo pipefail
mirror=${1:-/work/.mirror/scrapinghub+article-extraction-benchmark/repo}
dest=${2:-${NEWSCRAWL_ARTICLE_BENCHMARK:-/work/testdata-local/article-benchmark}}
commit=${ARTICLE_BENCHMARK_COMMIT:-HEAD}
mkdir -p "$dest/html"
git --git-dir="$mirror" show "$commit:ground-truth.json" >"$dest/ground-truth.json"
git --git-dir="$mirror" show "$commit:LICENSE" >"$dest/LICENSE"
git --git-dir="$mirror" ls-tree --name-only "$commit" html/ | while read -r path; do
  name=$(basename "$path" .gz)
  git --git-dir="$mirror" show "$commit:$path" | gzip -dc >"$dest/html/$name"
done
echo "article benchmark: $(ls "$dest/html" | wc -l) pages in $dest"
