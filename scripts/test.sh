#!/usr/bin/env bash
# The README's second command: build the whole test suite and run it with ctest.
#   scripts/test.sh          under AddressSanitizer + UndefinedBehaviorSanitizer (build/test)
#   scripts/test.sh --plain  without sanitizers (build/test-plain)
# One sanitized build serves both as the test run and the memory/UB check: on the
# 2-core machines CI uses, each extra build of the suite costs a quarter of an hour.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ "${1:-}" = "--plain" ]; then
  dir=build/test-plain
  bash scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1"
else
  dir=build/test
  bash scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DREGIMESIM_SANITIZE=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
