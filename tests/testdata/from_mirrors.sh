#!/usr/bin/env bash
# Rebuilds the third-party test data (real news pages, the article benchmark,
# WHATWG urltestdata) from local git mirrors of the public repositories they
# come from, using the provenance (repository, path, commit) committed beside
# each set. The data itself is never committed; the tests that read it skip,
# saying so, when it is absent. `scripts/run test` calls this when a mirror
# folder is present, so the data-driven tests run in CI on a machine that has
# the mirrors.
#   tests/testdata/from_mirrors.sh MIRRORS_DIR DEST_DIR
# MIRRORS_DIR holds one mirror per repository as OWNER+NAME/repo (bare, or with
# a work tree). Writes under DEST_DIR: realpages/ID.html.gz,
# articles-fr/ID.html, article-benchmark/{html/,ground-truth.json},
# fundus/{pages/ID.html,truth.json},
# urltestdata.json, xsd/ (GraphML and GEXF schemas); and prints one line per set (built, or why not). A set
# whose mirror or commit is missing is left out; the others are still built.
set -uo pipefail
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
mirrors=${1:?MIRRORS_DIR}
dest=${2:?DEST_DIR}
mkdir -p "$dest"

git_dir() {  # git_dir OWNER/NAME: the mirror's git directory
  local dir="$mirrors/${1/\//+}/repo"
  [[ -d $dir/.git ]] && dir=$dir/.git
  echo "$dir"
}

# copy_pages TSV gz|plain OUT: one file per row of a provenance table whose
# header names the columns id, repository, path and commit. Files the
# repository stores gzipped are unpacked; `gz` stores each page gzipped.
copy_pages() {
  local tsv=$1 mode=$2 out=$3 count=0
  mkdir -p "$out"
  python3 - "$tsv" <<'PY' | while IFS=$'\t' read -r id repository path commit; do
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline=""), delimiter="\t")
for row in rows:
    print("\t".join(row[k] for k in ("id", "repository", "path", "commit")))
PY
    local dir file
    dir=$(git_dir "$repository")
    file=$out/$id.html
    [[ $mode == gz ]] && file=$file.gz
    if ! git --git-dir="$dir" cat-file -e "$commit:$path" 2>/dev/null; then
      echo "missing: $repository $commit:$path" >&2
      return 1
    fi
    if [[ $path == *.gz ]]; then
      git --git-dir="$dir" show "$commit:$path" | gzip -dc
    else
      git --git-dir="$dir" show "$commit:$path"
    fi | if [[ $mode == gz ]]; then gzip -9n >"$file"; else cat >"$file"; fi
    count=$((count + 1))
    echo "$count pages"
  done | tail -n 1
}

# build NAME OUT COMMAND...: runs one set's rebuild into OUT.part (COMMAND's
# last argument), moves it to OUT when it succeeded and says how it went, so
# that a set is either whole or absent.
build() {
  local name=$1 out=$2 output
  shift 2
  rm -rf "$out" "$out.part"
  if output=$("$@" 2>&1); then
    mv "$out.part" "$out"
    echo "testdata: $name: ${output##*$'\n'}"
  else
    rm -rf "$out.part"
    echo "testdata: $name: not built (${output##*$'\n'})"
  fi
}

build realpages "$dest/realpages" \
  copy_pages "$source_dir/tests/realpages/pages.tsv" gz "$dest/realpages.part"
build articles-fr "$dest/articles-fr" \
  copy_pages "$source_dir/tests/realpages/articles_fr/pages.tsv" plain "$dest/articles-fr.part"
build article-benchmark "$dest/article-benchmark" env ARTICLE_BENCHMARK_COMMIT=4a3bc97 \
  "$source_dir/tests/bench/article_benchmark_data.sh" \
  "$(git_dir scrapinghub/article-extraction-benchmark)" "$dest/article-benchmark.part"
build fundus "$dest/fundus" python3 "$source_dir/tests/realpages/fundus/tools/build_data.py" \
  "$(git_dir flairNLP/fundus)" "$source_dir/tests/realpages/fundus/pages.tsv" "$dest/fundus.part"
build urltestdata "$dest/urltestdata.json" sh -c \
  'git --git-dir="$1" show 308110b26b32d12db492d460a41e57932366269d:tests/wpt/urltestdata.json >"$2" && echo "$(wc -c <"$2") bytes"' \
  _ "$(git_dir ada-url/ada)" "$dest/urltestdata.json.part"
build xsd "$dest/xsd" sh -c '"$1" "$2" "$3" && echo "$(find "$2" -name "*.xsd" | wc -l) schemas"' \
  _ "$source_dir/tests/integration/collect_xsd.sh" "$dest/xsd.part" "$mirrors"
