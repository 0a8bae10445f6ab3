#!/usr/bin/env bash
# The quick look: installs missing packages, builds the library and the `tierdesk` CLI in
# Release mode into build/release, and runs `tierdesk demo`: a month of tickets, replies, work
# and fees for the five provider presets (examples/contracts/) in a fresh database, then the SLA
# due times, one status e-mail and one statement.
#
# Environment: TIERDESK_JOBS (default 2) sets the build parallelism.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=build/release
jobs=${TIERDESK_JOBS:-2}

bash scripts/install-deps.sh

cmake -S . -B "$build" \
  -DCMAKE_BUILD_TYPE=Release \
  -DTIERDESK_BUILD_TESTS=OFF \
  -DTIERDESK_BUILD_EXAMPLES=ON \
  -DTIERDESK_BUILD_BENCHMARKS=OFF
cmake --build "$build" -j "$jobs"

cli=$build/examples/cli/tierdesk
db=$(mktemp -d)/tierdesk-demo.db
trap 'rm -rf "$(dirname "$db")"' EXIT

echo
echo "tierdesk demo --db $db"
echo "(a month of tickets and work for the five provider presets in examples/contracts/)"
echo
"$cli" demo --db "$db" --contracts examples/contracts
