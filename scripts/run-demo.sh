#!/usr/bin/env bash
# The quick look: installs missing packages, builds the library and the `tierdesk` CLI in
# Release mode into build/release, and runs the CLI on a bundled example: ticket-like
# business-time questions (examples/tickets/calendar-demo.jsonl) against an office calendar
# (Mon–Fri 08:00–17:00 Europe/Berlin with the public holidays of Baden-Württemberg).
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
calendar=examples/calendars/de-bw-office.json
requests=examples/tickets/calendar-demo.jsonl

answers=$(mktemp)
trap 'rm -f "$answers"' EXIT
"$cli" calendar eval --calendar "$calendar" <"$requests" >"$answers"

echo
echo "tierdesk calendar eval --calendar $calendar < $requests"
echo "(Mon–Fri 08:00–17:00 Europe/Berlin, public holidays of Baden-Württemberg)"
echo
while IFS= read -r request && IFS= read -r answer <&3; do
  printf '  %s\n  → %s\n\n' "$request" "$answer"
done <"$requests" 3<"$answers"
