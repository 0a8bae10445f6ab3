#!/usr/bin/env bash
# Installs the Debian packages tierdesk needs to build, test and run its hosts.
# Idempotent: when every package is already installed it changes nothing and does not touch
# the network. Runs apt-get as root directly, through sudo otherwise.
set -euo pipefail

packages=(
  build-essential cmake g++
  libboost1.81-dev libboost-date-time1.81-dev libboost-json1.81-dev libboost-system1.81-dev
  libboost-url1.81-dev libboost-program-options1.81-dev
  libsqlite3-dev libssl-dev libfmt-dev doctest-dev pybind11-dev libhowardhinnant-date-dev libbenchmark-dev
  tzdata python3 python3-dev python3-pytest sqlite3
  libgoogle-perftools-dev  # tcmalloc_minimal for tierdesk-server
  clang-16 libclang-rt-16-dev
  wrk nginx-light  # benchmarks/server_bench.sh: the load generator and the static-file ceiling
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

echo "install-deps: missing ${#missing[@]} package(s): ${missing[*]}"

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: not root and sudo is not available; as root, run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"
