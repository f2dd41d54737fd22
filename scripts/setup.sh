#!/usr/bin/env bash
# Installs the Debian 12 packages newscrawl needs to build, test and demo.
# Idempotent: prints nothing and touches nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-all-dev libboost-url1.81-dev libssl-dev liblmdb-dev lmdb-utils
  libzstd-dev zlib1g-dev libbrotli-dev libcli11-dev libtomlplusplus-dev libpsl-dev libidn2-dev libxml2-dev
  libre2-dev libmodest-dev libuchardet-dev libicu-dev
  libnats-dev nats-server
  libgtest-dev libgmock-dev libbenchmark-dev
  nginx-light python3-networkx graphviz
  # Tests: xmllint validates the GraphML and GEXF exports against their schemas.
  libxml2-utils
  # Tests: a second Prometheus text parser for /metrics, and a headless
  # browser for the status page (chromium: about 1 min to install).
  python3-prometheus-client chromium
)
if [[ "${NEWSCRAWL_EXTRA_PACKAGES:-}" == *fuzz* ]]; then
  packages+=(clang libfuzzer-14-dev libclang-rt-14-dev)
fi
if [[ "${NEWSCRAWL_EXTRA_PACKAGES:-}" == *lint* ]]; then
  packages+=(clang-tidy)
fi
if [[ "${NEWSCRAWL_EXTRA_PACKAGES:-}" == *bench* ]]; then
  packages+=(wget2 time)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "setup: installing ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
