#!/usr/bin/env bash
# The full test run, as CI does it: installs missing packages, builds everything (library,
# hosts, tests, benchmarks, the Python module) in Debug with warnings as errors and
# AddressSanitizer + UndefinedBehaviorSanitizer into build/asan, then runs every test with
# CTest, the pytest suite of the Python module included (test `python_tests`, which preloads the
# sanitizer runtimes into /usr/bin/python3; docs/python.md says why).
# Then builds the fuzz targets with clang-16 and libFuzzer into build/fuzz and fuzzes each for
# a few seconds from its committed corpus (scripts/fuzz.sh smoke, docs/fuzzing.md).
# Exits non-zero when the build fails or any test fails. Benchmarks are built, not run.
#
# Environment: TIERDESK_JOBS (default 2) sets build and test parallelism.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
build=build/asan
jobs=${TIERDESK_JOBS:-2}

bash scripts/install-deps.sh

cmake -S . -B "$build" \
  -DCMAKE_BUILD_TYPE=Debug \
  -DTIERDESK_WERROR=ON \
  -DTIERDESK_SANITIZE=address,undefined \
  -DTIERDESK_BUILD_TESTS=ON \
  -DTIERDESK_BUILD_EXAMPLES=ON \
  -DTIERDESK_BUILD_BENCHMARKS=ON \
  -DTIERDESK_BUILD_BINDINGS=ON \
  -DPYTHON_EXECUTABLE=/usr/bin/python3
cmake --build "$build" -j "$jobs"

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure --no-tests=error -j "$jobs"

bash scripts/fuzz.sh smoke
