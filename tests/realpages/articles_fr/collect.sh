#!/usr/bin/env bash
# Rebuilds the French article set's pages (third-party data, never
# committed) from local git mirrors of the source repositories, using the
# provenance in pages.tsv (repository, path, commit). Writes DEST/ID.html:
# the bytes the repository holds, gunzipped when it stores them gzipped.
#   tests/realpages/articles_fr/collect.sh [MIRRORS_DIR] [DEST]
# MIRRORS_DIR holds one bare mirror per repository as OWNER+NAME/repo
# (default /work/.mirror); DEST defaults to $NEWSCRAWL_ARTICLES_FR, else
# /work/testdata-local/articles-fr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirrors=${1:-/work/.mirror}
dest=${2:-${NEWSCRAWL_ARTICLES_FR:-/work/testdata-local/articles-fr}}
mkdir -p "$dest"
count=0
while IFS=$'\t' read -r id base_url repository path commit; do
  [[ $id == id ]] && continue
  git_dir="$mirrors/${repository/\//+}/repo"
  if ! git --git-dir="$git_dir" cat-file -e "$commit:$path" 2>/dev/null; then
    echo "missing: $repository $commit:$path" >&2
    exit 1
  fi
  if [[ $path == *.gz ]]; then
    git --git-dir="$git_dir" show "$commit:$path" | gzip -dc >"$dest/$id.html"
  else
    git --git-dir="$git_dir" show "$commit:$path" >"$dest/$id.html"
  fi
  count=$((count + 1))
done <"$here/pages.tsv"
echo "articles_fr: $count pages in $dest"
