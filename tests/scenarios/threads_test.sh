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
# The answers that run inside the sweeps or read the stamps the sweeps write: starvation counted in
# the slot sweep (each piece queues its own searches, joined in piece order), with a grace and the
# come-back rule, the pull toward spare capacity, and design-out with reach recomputed.
answers=(--set responses.resourcing.starved_delay=2 --set responses.resourcing.starved_grace=1
         --set responses.resourcing.return_after=2 --set responses.capacity_expansion.toward_spare=true
         --set responses.design_out.delay=2)
for t in 1 2 3; do
  "$bin" run "$src/scenarios/unilateral-chip-equipment.yaml" --set world.generate.firms_per_state=3 --steps 14 \
    "${answers[@]}" --quiet --threads $t --out "$work/answers-$t" > /dev/null || { echo "FAIL: answers on $t threads"; fail=1; }
done
for t in 2 3; do
  for f in timeseries.csv flows.csv statistics.csv summary.json; do
    expect "every answer: $f on $t threads is byte-identical to one thread" "cmp -s $work/answers-1/$f $work/answers-$t/$f"
  done
done
exit $fail
