#!/bin/sh
# Rebuilds the GraphML and GEXF XML schemas the export schema test validates
# against (tests/integration/export_schema_test.cc), from the repository
# mirrors under /work/.mirror (the `fetch` tool brings them). The schemas are
# third-party data: never committed; the test reads them from
# $NEWSCRAWL_XSD (default /work/testdata-local/xsd) and is skipped without them.
#
# Provenance (repository, commit, path -> file written):
#   gephi/gexf      ce89bb7  specs/1.3/gexf.xsd, viz.xsd, dynamics.xsd -> gexf/1.3/
#   twcook/S3Model  c0832e9  graphml/graphml.xsd, graphml-structure.xsd, xlink.xsd -> graphml/
# (S3Model carries an unmodified copy of the GraphML 1.0 schema set of
# graphml.graphdrawing.org/xmlns/1.0/: graphml.xsd redefines
# graphml-structure.xsd with the attributes and parseinfo extensions.)
#
# Usage: tests/integration/collect_xsd.sh [OUT_DIR] [MIRROR_DIR]
set -eu
out=${1:-/work/testdata-local/xsd}
mirror=${2:-/work/.mirror}

copy() {  # repo commit path destination
  git_dir="$mirror/$(echo "$1" | tr / +)/repo"
  [ -d "$git_dir" ] || { echo "collect_xsd: no mirror of $1 at $git_dir (fetch github:$1)" >&2; exit 1; }
  mkdir -p "$(dirname "$4")"
  git --git-dir="$git_dir" show "$2:$3" > "$4"
}

for f in gexf.xsd viz.xsd dynamics.xsd; do
  copy gephi/gexf ce89bb7 "specs/1.3/$f" "$out/gexf/1.3/$f"
done
for f in graphml.xsd graphml-structure.xsd xlink.xsd; do
  copy twcook/S3Model c0832e9 "graphml/$f" "$out/graphml/$f"
done
echo "collect_xsd: schemas in $out"
