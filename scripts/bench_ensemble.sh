#!/usr/bin/env bash
# Ensemble throughput, 1 thread against 2: runs per second of `regimesim run --runs N`
# on the default-size world (scenarios/bench/ensemble.yaml), median of REPEATS timings
# each, with and without writing the result directory. Figures go in docs/BENCHMARKS.md.
# Usage: scripts/bench_ensemble.sh [RUNS=8] [REPEATS=3]   (builds Release first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-8}; repeats=${2:-3}
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF
bin=build/release/sim/regimesim
scenario=scenarios/bench/ensemble.yaml
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() {  # seconds one command takes
  local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

echo "scenario $scenario, $runs runs, median of $repeats; $(nproc) cores"
for mode in "summary only" "with --out"; do
  declare -A rate=()
  for threads in 1 2; do
    times=()
    for _ in $(seq 1 "$repeats"); do
      args=(run "$scenario" --runs "$runs" --threads "$threads" --quiet)
      [ "$mode" = "with --out" ] && args+=(--out "$out/r" --force)
      times+=("$(seconds "$bin" "${args[@]}")")
    done
    med=$(printf '%s\n' "${times[@]}" | median)
    rate[$threads]=$(awk -v n="$runs" -v t="$med" 'BEGIN { print n / t }')
    printf '%-13s threads %d: median %.2f s (of %s) = %.3f runs/s\n' "$mode," "$threads" "$med" "${times[*]}" "${rate[$threads]}"
  done
  printf '%-13s ratio 2 threads / 1 thread: %.2fx\n' "$mode," "$(awk -v a="${rate[2]}" -v b="${rate[1]}" 'BEGIN { print a / b }')"
  unset rate
done
