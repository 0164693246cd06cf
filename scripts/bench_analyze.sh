#!/usr/bin/env bash
# Times `regimesim analyze` (Release) on a tutorial, the default world and the
# 100,000-firm world: wall time and peak memory of 3 runs each, and the median.
# Usage: scripts/bench_analyze.sh [extra analyze options, e.g. --no-simulation]
# Figures go into docs/BENCHMARKS.md; quote medians, the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=./build/release/sim/regimesim
if [ ! -x "$bin" ]; then
  bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF
fi
for scenario in scenarios/tutorial/embargo.yaml scenarios/analysis/default-world.yaml scenarios/bench/100k-firms.yaml; do
  times=()
  for run in 1 2 3; do
    /usr/bin/time -f '%e %M' -o /tmp/bench_analyze.$$ "$bin" analyze "$scenario" --timings "$@" > /tmp/bench_analyze_out.$$
    read -r seconds kib < /tmp/bench_analyze.$$
    times+=("$seconds")
    echo "$scenario run $run: ${seconds} s, peak RSS $((kib / 1024)) MiB; $(grep 'Wall time per part' /tmp/bench_analyze_out.$$)"
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)
  echo "$scenario: median ${median} s"
done
rm -f /tmp/bench_analyze.$$ /tmp/bench_analyze_out.$$
