#!/usr/bin/env bash
# The README's second command: build and run the whole test suite with ctest.
#   scripts/test.sh             optimised build with assertions (build/test)
#   scripts/test.sh --sanitize  the same under AddressSanitizer + UBSan (build/sanitize)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  dir=build/sanitize
  bash scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=Debug -DREGIMESIM_SANITIZE=ON
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  dir=build/test
  bash scripts/build.sh "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
