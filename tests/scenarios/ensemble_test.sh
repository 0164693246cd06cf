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
  "[ $rc -eq 2 ] && grep -q 'enforcement_effort=2.*world.states.USA.enforcement_effort: must lie between 0 and 1' $work/bad.txt && [ ! -e $work/bad ]"

"$bin" run "$sc" --steps 8 --runs 2 --threads 2 --out "$work/log" 2> "$work/progress.txt" > /dev/null
expect "a short run to a log prints no progress lines" "[ ! -s $work/progress.txt ]"

# --vary world: each run draws its own world; run 0 keeps the scenario's world.
gw="$src/scenarios/diversion-and-enforcement.yaml"
small=(--set world.generate.firms_per_state=1 --steps 4 --runs 3 --quiet)
"$bin" run "$gw" "${small[@]}" --threads 1 --vary world --out "$work/w1" > /dev/null; rc1=$?
"$bin" run "$gw" "${small[@]}" --threads 2 --vary world --out "$work/w2" > /dev/null; rc2=$?
"$bin" run "$gw" "${small[@]}" --threads 2 --out "$work/w0" > /dev/null; rc0=$?
expect "--vary world runs exit 0" "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $rc0 -eq 0 ]"
expect "--vary world: 1 and 2 threads give byte-identical results" \
  "cmp -s $work/w1/timeseries.csv $work/w2/timeseries.csv && cmp -s $work/w1/statistics.csv $work/w2/statistics.csv"
expect "--vary world: the manifest records each run's world seed, run 0 keeping the scenario's" \
  "python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); w=m[\"world_seeds\"]; sys.exit(not (m[\"vary\"]==\"world\" and w[0]==2026 and len(set(w))==3))' $work/w1/manifest.json"
expect "--vary world: run 0 is the run on the scenario's own world" \
  "diff <(grep '^[^,]*,0,' $work/w1/timeseries.csv) <(grep '^[^,]*,0,' $work/w0/timeseries.csv) > /dev/null"
expect "--vary world: run 1 ran on another world (its rows differ)" \
  "! diff <(grep '^[^,]*,1,' $work/w1/timeseries.csv) <(grep '^[^,]*,1,' $work/w0/timeseries.csv) > /dev/null"
"$bin" run "$sc" --vary world --quiet > /dev/null 2> "$work/vary.txt"; rc=$?
expect "--vary world on a listed world exits 2 and says why" "[ $rc -eq 2 ] && grep -q 'needs a generated world' $work/vary.txt"

# Ctrl-C: a long ensemble, interrupted, leaves no directory (and no partial one) and exits 130.
"$bin" run "$sc" --steps 10000 --runs 50 --threads 2 --out "$work/long" --quiet > /dev/null 2> "$work/int.txt" &
pid=$!
for _ in $(seq 1 200); do ls -A "$work" | grep -q '^\.long\.partial' && break; sleep 0.05; done
kill -INT $pid; wait $pid; rc=$?
expect "Ctrl-C exits 130" "[ $rc -eq 130 ] && grep -q 'interrupted' $work/int.txt"
expect "Ctrl-C leaves no result directory, complete or partial" "[ ! -e $work/long ] && ! ls -A $work | grep -q partial"
exit $fail
