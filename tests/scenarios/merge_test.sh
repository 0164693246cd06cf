#!/usr/bin/env bash
# End to end: a job array's parts (`run --run-index I`, one run each) joined by
# `regimesim merge` give the files of `run --runs N` byte for byte, with and without a
# sweep; parts that do not fit together are refused (exit 2) and nothing is written.
# Usage: merge_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
sc="$src/scenarios/tutorial/diversion-and-enforcement.yaml"
sweep=(--sweep responses.diversion.propensity=0.3,0.9)

for shape in plain sweep; do
  extra=(); [ $shape = sweep ] && extra=("${sweep[@]}")
  "$bin" run "$sc" --steps 6 --runs 4 --threads 2 "${extra[@]}" --out "$work/$shape-whole" --quiet > /dev/null
  for i in 3 0 2 1; do  # the tasks of a job array, finished in any order
    "$bin" run "$sc" --steps 6 --run-index $i --threads 1 "${extra[@]}" --out "$work/$shape-part$i" --quiet > /dev/null
  done
  "$bin" merge "$work/$shape-part2" "$work/$shape-part0" "$work/$shape-part3" "$work/$shape-part1" \
    --out "$work/$shape-merged" > /dev/null; rc=$?
  expect "$shape: merge exits 0" "[ $rc -eq 0 ]"
  for f in timeseries.csv statistics.csv summary.json metrics.csv; do
    expect "$shape: merged $f is byte-identical to the ensemble's" "cmp -s $work/$shape-whole/$f $work/$shape-merged/$f"
  done
  expect "$shape: the merged manifest lists the four runs and their seeds as the ensemble's does" \
    "diff <(grep -A6 '\"run_seeds\"' $work/$shape-whole/manifest.json) <(grep -A6 '\"run_seeds\"' $work/$shape-merged/manifest.json) > /dev/null"
  expect "$shape: no file of values is left in the result" "[ ! -e $work/$shape-merged/.run-values ]"
done

refused() {  # what, then the merge's arguments: exit 2, a message, no output directory
  local what=$1; shift
  "$bin" merge "$@" --out "$work/refused" > /dev/null 2> "$work/err"; local rc=$?
  expect "$what: refused with exit 2 and a message" "[ $rc -eq 2 ] && [ -s $work/err ]"
  expect "$what: nothing written" "[ ! -e $work/refused ]"
}
refused "a missing run" "$work/plain-part0" "$work/plain-part1" "$work/plain-part3"
expect "the missing run is named" "grep -q 'run 2 ' $work/err"
refused "a run given twice" "$work/plain-part0" "$work/plain-part1" "$work/plain-part1"
refused "fewer runs than --runs asks for" "$work/plain-part0" "$work/plain-part1" --runs 3
"$bin" run "$sc" --steps 6 --run-index 1 --seed 99 --out "$work/other-seed" --quiet > /dev/null
refused "a part of another seed" "$work/plain-part0" "$work/other-seed"
expect "the differing key is named" "grep -q '\"seed\"' $work/err"
refused "a part of another design" "$work/plain-part0" "$work/sweep-part1"
refused "an ensemble rather than one run" "$work/plain-whole" "$work/plain-part1"
exit $fail
