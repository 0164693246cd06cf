#!/usr/bin/env bash
# End to end: one run stepped on 1, 2 and 3 threads (its sweeps' fixed pieces,
# engine/step_chunks.hpp) writes the same bytes. The worlds have 3 firms per
# producing state and item, so the default world's links make a few dozen pieces
# and the decision point's controlled links fall in several of them. The library
# scenarios exercise licences, a quota, diversion with enforcement and an entity list.
# Usage: threads_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

for name in unilateral-chip-equipment critical-mineral-quota diversion-and-enforcement unilateral-entity-list; do
  for t in 1 2 3; do
    "$bin" run "$src/scenarios/$name.yaml" --set world.generate.firms_per_state=3 --steps 14 --quiet \
      --threads $t --out "$work/$name-$t" > /dev/null || { echo "FAIL: $name on $t threads: exit $?"; fail=1; }
  done
  for t in 2 3; do
    for f in timeseries.csv flows.csv statistics.csv summary.json; do
      [ -e "$work/$name-1/$f" ] || continue
      expect "$name: $f on $t threads is byte-identical to one thread" "cmp -s $work/$name-1/$f $work/$name-$t/$f"
    done
  done
  expect "$name: timeseries.csv written" "[ -s $work/$name-1/timeseries.csv ]"
done
exit $fail
