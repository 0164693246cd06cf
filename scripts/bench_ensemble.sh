#!/usr/bin/env bash
# Ensemble throughput, 1 thread against 2: runs per second of `regimesim run --runs N`
# on the default-size world (scenarios/bench/ensemble.yaml), the median of REPEATS
# timings each, with and without writing the result directory. The 1- and 2-thread
# timings alternate, so a load that comes and goes hits both alike; the load average
# is printed, since the ratio means little when other work holds the cores.
# Usage: scripts/bench_ensemble.sh [RUNS=16] [REPEATS=5]   (builds Release first)
# Figures go in docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-16}; repeats=${2:-5}
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF > /dev/null
bin=build/release/sim/regimesim
scenario=scenarios/bench/ensemble.yaml
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() {  # the wall-clock seconds one command takes
  local t0 t1; t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }'
}

echo "$scenario, $runs runs, median of $repeats; $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for mode in "summary only" "with --out"; do
  t1=(); t2=()
  for _ in $(seq 1 "$repeats"); do
    for threads in 1 2; do
      args=(run "$scenario" --runs "$runs" --threads "$threads" --quiet)
      if [ "$mode" = "with --out" ]; then args+=(--out "$out/r" --force); fi
      s=$(seconds "$bin" "${args[@]}")
      if [ "$threads" = 1 ]; then t1+=("$s"); else t2+=("$s"); fi
    done
  done
  m1=$(printf '%s\n' "${t1[@]}" | median); m2=$(printf '%s\n' "${t2[@]}" | median)
  awk -v n="$runs" -v a="$m1" -v b="$m2" -v mode="$mode" -v l1="${t1[*]}" -v l2="${t2[*]}" 'BEGIN {
    printf "%-13s 1 thread:  median %.2f s = %.2f runs/s  (%s)\n", mode ",", a, n / a, l1
    printf "%-13s 2 threads: median %.2f s = %.2f runs/s  (%s)\n", mode ",", b, n / b, l2
    printf "%-13s ratio 2 threads / 1 thread: %.2fx\n", mode ",", a / b }'
done
# The control: two separate 1-thread processes of half the runs each, at the same time.
# What they reach is what this machine gives two independent workers right now; the
# 2-thread ensemble should come close to it.
pair=()
for _ in $(seq 1 "$repeats"); do
  t0=$(date +%s.%N)
  "$bin" run "$scenario" --runs $((runs / 2)) --threads 1 --quiet > /dev/null &
  "$bin" run "$scenario" --runs $((runs / 2)) --threads 1 --quiet --seed 2 > /dev/null
  wait
  pair+=("$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')")
done
mp=$(printf '%s\n' "${pair[@]}" | median)
awk -v n="$runs" -v a="$mp" -v l="${pair[*]}" 'BEGIN {
  printf "control: two 1-thread processes of %d runs each: median %.2f s = %.2f runs/s  (%s)\n", n / 2, a, n / a, l }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
