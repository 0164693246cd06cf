#!/usr/bin/env bash
# End to end: ensembles (--runs, --threads, --run-index), sweeps (--sweep), the files
# they write, and Ctrl-C leaving no result. Usage: ensemble_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
sc="$src/scenarios/tutorial/diversion-and-enforcement.yaml"

"$bin" run "$sc" --steps 8 --runs 3 --threads 1 --out "$work/t1" --quiet > /dev/null; rc1=$?
"$bin" run "$sc" --steps 8 --runs 3 --threads 2 --out "$work/t2" --quiet > /dev/null; rc2=$?
expect "ensemble runs exit 0" "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]"
expect "an ensemble writes the four files" "[ -s $work/t1/timeseries.csv ] && [ -s $work/t1/statistics.csv ] && [ -s $work/t1/summary.json ] && [ -s $work/t1/manifest.json ]"
for f in timeseries.csv statistics.csv summary.json; do
  expect "1 and 2 threads give byte-identical $f" "cmp -s $work/t1/$f $work/t2/$f"
done
expect "the manifest records threads, runs and each run's seed" \
  "grep -q '\"threads\": 2' $work/t2/manifest.json && grep -q '\"runs\": 3' $work/t2/manifest.json && grep -q '\"run_seeds\"' $work/t2/manifest.json"
# rows come run by run, then step by step; 3 runs of 8 steps
expect "timeseries holds each run's rows in run order" \
  "[ \"\$(tail -n +2 $work/t1/timeseries.csv | cut -d, -f2 | uniq | tr '\n' ' ')\" = '0 1 2 ' ]"
expect "summary.json holds the runs and headline statistics" \
  "grep -q '\"runs\": 3' $work/t1/summary.json && grep -q '\"ci95_low\"' $work/t1/summary.json"
# diverted_trade is recorded only in steps with diversion: a run without any counts as zero
expect "statistics.csv counts three runs per row" \
  "[ \"\$(tail -n +2 $work/t1/statistics.csv | awk -F, '{print \$6}' | sort -u)\" = 3 ]"

"$bin" run "$sc" --steps 8 --run-index 2 --out "$work/r2" --quiet > /dev/null
expect "run 2 alone gives the rows it gave within the ensemble" \
  "diff <(grep '^lax-enforcement,2,' $work/t1/timeseries.csv) <(tail -n +2 $work/r2/timeseries.csv) > /dev/null"

"$bin" run "$sc" --steps 6 --runs 2 --sweep world.states.USA.enforcement_effort=0:1:0.5 \
  --sweep 'world.coalitions.main_three.members=[USA,NLD];[USA,NLD,JPN]' --out "$work/s" --quiet > /dev/null; rc=$?
expect "a sweep exits 0" "[ $rc -eq 0 ]"
expect "the sweep's keys are columns between seed and step" \
  "head -1 $work/s/timeseries.csv | grep -qx 'scenario,run,seed,world.states.USA.enforcement_effort,world.coalitions.main_three.members,step,state,item,metric,value'"
# 3 x 2 points: the (effort, members) pairs of the rows are the product
expect "the design is the product of the sweeps" \
  "[ \"\$(tail -n +2 $work/s/statistics.csv | cut -d, -f2- | sed 's/,[0-9]*,[A-Z]*,.*//' | uniq | tr '\n' '|')\" = '0,\"[USA, NLD]\"|0,\"[USA, NLD, JPN]\"|0.5,\"[USA, NLD]\"|0.5,\"[USA, NLD, JPN]\"|1,\"[USA, NLD]\"|1,\"[USA, NLD, JPN]\"|' ]"

"$bin" run "$sc" --sweep world.states.USA.enforcement_effort=0,2 --out "$work/bad" --quiet > /dev/null 2> "$work/bad.txt"; rc=$?
expect "a bad sweep value exits 2, naming the value and key path, and writes nothing" \
  "[ $rc -eq 2 ] && grep -q 'enforcement_effort=2.*world.states\[0\].enforcement_effort: must lie between 0 and 1' $work/bad.txt && [ ! -e $work/bad ]"

"$bin" run "$sc" --steps 8 --runs 2 --threads 2 --out "$work/log" 2> "$work/progress.txt" > /dev/null
expect "a short run to a log prints no progress lines" "[ ! -s $work/progress.txt ]"

# Ctrl-C: a long ensemble, interrupted, leaves no directory (and no partial one) and exits 130.
"$bin" run "$sc" --steps 100000 --runs 50 --threads 2 --out "$work/long" --quiet > /dev/null 2> "$work/int.txt" &
pid=$!
for _ in $(seq 1 200); do ls -A "$work" | grep -q '^\.long\.partial' && break; sleep 0.05; done
kill -INT $pid; wait $pid; rc=$?
expect "Ctrl-C exits 130" "[ $rc -eq 130 ] && grep -q 'interrupted' $work/int.txt"
expect "Ctrl-C leaves no result directory, complete or partial" "[ ! -e $work/long ] && ! ls -A $work | grep -q partial"
exit $fail
