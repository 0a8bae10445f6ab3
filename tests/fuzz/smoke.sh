#!/usr/bin/env bash
# One short libFuzzer run: smoke.sh FUZZER SECONDS DIR...
# New inputs go to a fresh temporary directory; the committed DIRs are only read.
set -euo pipefail
fuzzer=$1 seconds=$2
shift 2
work=$(mktemp -d "${TMPDIR:-/tmp}/tierdesk-fuzz-smoke-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/new"
cd "$work"  # crash-* files land here and are printed below
# The target's own temporary files (the HTTP harness's database) go here too: libFuzzer ends the
# process without running the harness's cleanup, and the trap above removes them.
export TMPDIR="$work"
status=0
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
          -print_final_stats=1 "$work/new" "$@" || status=$?
for crash in "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*; do
  [[ -e "$crash" ]] || continue
  echo "reproducer $crash:"; base64 "$crash"
done
exit "$status"
