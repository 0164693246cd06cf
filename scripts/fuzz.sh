#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang under ASan + UBSan in their
# own tree, build/fuzz, and runs each for a bounded time on a copy of its committed
# seed corpus (tests/fuzz/corpus/HARNESS). A crash, sanitizer report, leak, timeout
# or out-of-memory fails the script, leaving the input in build/fuzz/findings/.
#   scripts/fuzz.sh [SECONDS_PER_HARNESS]   (default 120, the issue's figure: a cap)
#   FUZZ_RUNS=N: inputs per harness (default 12000, with -seed=1: on a 2-core machine both harnesses
#   finish them inside the cap, so CI runs the same inputs every time); FUZZ_RUNS=-1 fuzzes until the cap
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
bash scripts/install-deps.sh --fuzz
dir=build/fuzz
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DREGIMESIM_FUZZ=ON -DREGIMESIM_BUILD_TESTS=OFF > /dev/null
cmake --build "$dir" --target loader_fuzzer valid_worlds_fuzzer -j "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p "$dir/findings"
status=0
for harness in loader_fuzzer valid_worlds_fuzzer; do
  name=${harness%_fuzzer}
  corpus="$dir/corpus/$name"
  rm -rf "$corpus"; mkdir -p "$corpus"; cp tests/fuzz/corpus/"$name"/* "$corpus"/
  # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: over 2 GB, a memory bomb.
  # A fixed seed and a fixed number of inputs make the run repeatable: CI meets the inputs this
  # machine met, so a submission cannot fail on a new random find; the time cap bounds it all the same.
  runs=${FUZZ_RUNS:-12000}
  if ! "$dir/tests/fuzz/$harness" "$corpus" -seed=1 -runs="$runs" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$dir/findings/$name-" 2> "$dir/$name.log"; then
    echo "FAIL: $harness found a problem; the input is in $dir/findings/ (log: $dir/$name.log)" >&2
    tail -40 "$dir/$name.log" >&2
    status=1
  fi
  grep -E "^#[0-9]+.*DONE|stat::number_of_executed_units|reached the engine|cov:" "$dir/$name.log" | tail -4 >&2 || true
done
exit $status
