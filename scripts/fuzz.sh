#!/usr/bin/env bash
# The fuzz targets of tests/fuzz/ (docs/fuzzing.md), built with clang-16's libFuzzer,
# AddressSanitizer and UndefinedBehaviorSanitizer into build/fuzz:
#
#   bash scripts/fuzz.sh smoke               every target for TIERDESK_FUZZ_SECONDS (default 10)
#                                            from the committed corpus, as CTest tests
#   bash scripts/fuzz.sh run TARGET [RUNS [MAX_LEN]]
#                                            one target for RUNS executions (default 10000000),
#                                            inputs of at most MAX_LEN bytes (default 65536),
#                                            new inputs kept in build/fuzz/corpus/TARGET
#   bash scripts/fuzz.sh merge TARGET        adds the inputs of build/fuzz/corpus/TARGET that
#                                            reach new code to tests/fuzz/corpus/TARGET
#
# TARGET: calendar_json, policy_json, contract_json, calendar_eval, sla_eval, http_request.
# A crash leaves its input in build/fuzz/crash-*; copy it to tests/fuzz/regressions/TARGET/ so
# that every later test run replays it (fuzz_replay_TARGET). Exits non-zero when a run fails.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/build/fuzz
jobs=${TIERDESK_JOBS:-2}
targets=(calendar_json policy_json contract_json calendar_eval sla_eval http_request)

usage() {
  sed -n '2,/^set /{/^#/p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

known_target() {
  local t
  for t in "${targets[@]}"; do [[ $t == "$1" ]] && return 0; done
  echo "fuzz.sh: unknown target \"$1\", expected one of: ${targets[*]}" >&2
  exit 2
}

build_targets() {
  if ! command -v clang++-16 >/dev/null; then
    echo "fuzz.sh: clang++-16 is missing (bash scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
  # -O1 with line tables: what libFuzzer's documentation suggests, and quick to compile.
  cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER=clang++-16 -DCMAKE_BUILD_TYPE=None \
        "-DCMAKE_CXX_FLAGS=-O1 -gline-tables-only" \
        -DTIERDESK_BUILD_FUZZERS=ON -DTIERDESK_SANITIZE=address,undefined \
        -DTIERDESK_BUILD_TESTS=OFF -DTIERDESK_BUILD_BENCHMARKS=OFF -DTIERDESK_BUILD_EXAMPLES=ON \
        "-DTIERDESK_FUZZ_SMOKE_SECONDS=${TIERDESK_FUZZ_SECONDS:-10}" >/dev/null
  cmake --build "$build" -j "$jobs" --target "${targets[@]/#/fuzz_}"
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

case "${1:-}" in
  smoke)
    build_targets
    ctest --test-dir "$build" --output-on-failure --no-tests=error -L fuzz -j "$jobs"
    ;;
  run)
    [[ $# -ge 2 ]] || usage
    known_target "$2"
    build_targets
    mkdir -p "$build/corpus/$2"
    cd "$build"
    "./tests/fuzz/fuzz_$2" -runs="${3:-10000000}" -timeout=10 -rss_limit_mb=4096 \
        -max_len="${4:-65536}" -print_final_stats=1 "$build/corpus/$2" "$root/tests/fuzz/corpus/$2"
    ;;
  merge)
    [[ $# -ge 2 ]] || usage
    known_target "$2"
    build_targets
    "$build/tests/fuzz/fuzz_$2" -merge=1 "$root/tests/fuzz/corpus/$2" "$build/corpus/$2"
    ;;
  *)
    usage
    ;;
esac
