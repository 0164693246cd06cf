#!/usr/bin/env bash
# End to end: what the result files hold and how they are labelled. Filters (--detail,
# --per-run, --metrics, --states, --items), the lean default of an ensemble, the data
# dictionary metrics.csv, groups as columns, seeds as exact text, compare as an
# experiment (--runs, intervals, statistics of every scenario, a shared world read
# once), `help`, and the sweep warning. Usage: outputs_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
py=/usr/bin/python3; [ -x $py ] || py=python3
sc="$src/scenarios/tutorial/diversion-and-enforcement.yaml"

# The lean ensemble: statistics.csv keeps every row, timeseries.csv each run's world rows.
"$bin" run "$sc" --steps 8 --runs 3 --threads 1 --out "$work/lean1" --quiet > /dev/null; rc1=$?
"$bin" run "$sc" --steps 8 --runs 3 --threads 2 --out "$work/lean2" --quiet > /dev/null; rc2=$?
"$bin" run "$sc" --steps 8 --runs 3 --threads 2 --per-run all --out "$work/full" --quiet > /dev/null; rc3=$?
expect "ensembles exit 0" "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $rc3 -eq 0 ]"
expect "the lean files are byte-identical on one thread and two" \
  "cmp -s $work/lean1/timeseries.csv $work/lean2/timeseries.csv && cmp -s $work/lean1/statistics.csv $work/lean2/statistics.csv && cmp -s $work/lean1/metrics.csv $work/lean2/metrics.csv"
expect "statistics.csv is the same whatever --per-run says" "cmp -s $work/lean1/statistics.csv $work/full/statistics.csv"
# The default per-run rows are exactly the full table's world and group rows over all items
# (and the named firms' rows; this scenario names none).
expect "the default per-run rows are the full table's world-level rows, in order" \
  "diff <(tail -n +2 $work/lean1/timeseries.csv) <(tail -n +2 $work/full/timeseries.csv | awk -F, '(\$5 == \"WORLD\" || \$5 == \"DEVELOPING\" || \$5 ~ /^control:/) && \$6 == \"all\"') > /dev/null"
expect "the lean table is much smaller" \
  "[ \$(wc -l < $work/lean1/timeseries.csv) -lt \$(( \$(wc -l < $work/full/timeseries.csv) / 4 )) ]"
expect "the manifest says what the tables hold" \
  "$py -c 'import json,sys; o=json.load(open(sys.argv[1]))[\"output\"]; sys.exit(not (o[\"statistics\"]==\"item\" and o[\"per_run\"]==\"world\"))' $work/lean1/manifest.json"
"$bin" run "$sc" --steps 8 --runs 2 --per-run none --detail state --out "$work/none" --quiet > /dev/null
expect "--per-run none writes no timeseries.csv; --detail state keeps no per-item statistics" \
  "[ ! -e $work/none/timeseries.csv ] && [ -s $work/none/statistics.csv ] && ! awk -F, 'NR > 1 && \$3 != \"WORLD\" && \$4 != \"all\"' $work/none/statistics.csv | grep -q ."

# A single run keeps every row by default; the filters pick rows out of that table.
"$bin" run "$sc" --steps 8 --out "$work/one" --quiet > /dev/null
"$bin" run "$sc" --steps 8 --metrics leakage,denial_effectiveness --states CHN --out "$work/pick" --quiet > /dev/null
expect "--metrics and --states keep exactly those rows of the full table" \
  "diff <(tail -n +2 $work/pick/timeseries.csv) <(tail -n +2 $work/one/timeseries.csv | awk -F, '(\$7 == \"leakage\" || \$7 == \"denial_effectiveness\") && (\$5 == \"CHN\" || \$5 == \"WORLD\" || \$5 == \"DEVELOPING\" || \$5 ~ /^control:/ || \$5 ~ /^firm:/)') > /dev/null && [ \$(wc -l < $work/pick/timeseries.csv) -gt 8 ]"
"$bin" run "$sc" --steps 6 --items chips --out "$work/items" --quiet > /dev/null
expect "--items keeps that item's rows and the rows over all items" \
  "[ \"\$(tail -n +2 $work/items/timeseries.csv | cut -d, -f6 | sort -u | tr '\n' ' ')\" = 'all chips ' ]"
for bad in "--metrics denial:not a metric:denial_effectiveness" "--states FRA:not a state code:USA, NLD, JPN" "--items chip:not an item id:equipment, chips"; do
  IFS=: read -r opt what valid <<< "$bad"
  "$bin" run "$sc" --steps 6 $opt --out "$work/bad" > /dev/null 2> "$work/bad.txt"; rc=$?
  expect "${opt%% *} with an unknown name: exit 2, the valid names listed, nothing written" \
    "[ $rc -eq 2 ] && grep -q \"$what\" $work/bad.txt && grep -q \"$valid\" $work/bad.txt && [ ! -e $work/bad ]"
done

# The data dictionary: in every result, one row per metric, and `help metrics` prints the same words.
expect "metrics.csv is written, with a row for every metric in the table" \
  "[ -s $work/one/metrics.csv ] && [ \$(tail -n +2 $work/one/timeseries.csv | cut -d, -f7 | sort -u | grep -vxFf <(cut -d, -f1 $work/one/metrics.csv) | wc -l) -eq 0 ]"
"$bin" help metrics > "$work/help-metrics.txt"; rc=$?
expect "help metrics prints the dictionary" \
  "[ $rc -eq 0 ] && grep -q '| \`denial_effectiveness\` | share |' $work/help-metrics.txt"

# Groups are a field, never part of a name.
expect "no name holds a group in parentheses (summary.json, statistics.csv)" \
  "! grep -q '(DEVELOPING)\|(WORLD)\|(control:' $work/lean1/summary.json $work/lean1/statistics.csv"

# Seeds: written as 0x and 16 hex digits; pandas reads them as text, exactly, and --seed takes them back.
"$bin" run "$sc" --steps 6 --runs 3 --seed 18446744073709551615 --per-run all --out "$work/seeds" --quiet > /dev/null
if $py -c 'import pandas' 2> /dev/null; then
  expect "pandas reads every seed back exactly (the manifest's run_seeds)" \
    "$py -c 'import json,sys,pandas as pd; d=pd.read_csv(sys.argv[1]+\"/timeseries.csv\"); m=json.load(open(sys.argv[1]+\"/manifest.json\")); s=[int(x,16) for x in d.drop_duplicates(\"run\")[\"seed\"]]; sys.exit(not (d[\"seed\"].dtype==object and s==m[\"run_seeds\"] and s[0]==18446744073709551615))' $work/seeds"
else
  echo "SKIP: pandas is not installed here (python3-pandas); the seed check needs it"
fi
seed2=$(awk -F, '$2 == 2 {print $3; exit}' "$work/seeds/timeseries.csv")
"$bin" run "$sc" --steps 6 --seed "$seed2" --out "$work/seed2" --quiet > /dev/null
expect "--seed takes the table's text: run 2's seed alone reruns run 2" \
  "diff <(awk -F, '\$2 == 2' $work/seeds/timeseries.csv | cut -d, -f3-) <(tail -n +2 $work/seed2/timeseries.csv | cut -d, -f3-) > /dev/null"

# compare as an experiment.
trio=("$src/scenarios/tutorial/small-circle-unilateral.yaml" "$src/scenarios/tutorial/small-circle-coalition.yaml" "$src/scenarios/tutorial/diversion-and-enforcement.yaml")
"$bin" compare "${trio[@]}" --runs 4 --steps 10 --threads 1 --quiet --out "$work/cmp1" > "$work/cmp1.txt"; rc1=$?
"$bin" compare "${trio[@]}" --runs 4 --steps 10 --threads 2 --quiet --out "$work/cmp2" > /dev/null; rc2=$?
expect "compare --runs --steps --threads --quiet --out: exit 0" "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]"
expect "compare's files are byte-identical on one thread and two" \
  "cmp -s $work/cmp1/comparison.csv $work/cmp2/comparison.csv && cmp -s $work/cmp1/statistics.csv $work/cmp2/statistics.csv && cmp -s $work/cmp1/comparison.json $work/cmp2/comparison.json"
expect "comparison.csv has the statistics, groups as a column, and each value inside its interval" \
  "head -1 $work/cmp1/comparison.csv | grep -qx 'scenario,metric,group,when,runs,value,baseline,sd,q05,q50,q95,ci95_low,ci95_high' && awk -F, 'NR > 1 && (\$3 ~ /[()]/ || \$2 ~ /[()]/ || \$6 < \$12 - 1e-12 || \$6 > \$13 + 1e-12) {bad = 1} END {exit bad}' $work/cmp1/comparison.csv && grep -q ',collateral_denial,DEVELOPING,' $work/cmp1/comparison.csv"
expect "statistics.csv holds the time series of every scenario" \
  "[ \"\$(tail -n +2 $work/cmp1/statistics.csv | cut -d, -f1 | sort -u | tr '\n' ' ')\" = 'coalition lax-enforcement unilateral ' ] && [ -s $work/cmp1/metrics.csv ]"
expect "the terminal table gives 95% intervals" "grep -q 'Denied: share of .*\[.*%, .*%\]' $work/cmp1.txt && grep -q '95% confidence interval' $work/cmp1.txt"
expect "a world the scenarios share is read once" \
  "$py -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))[\"worlds_read\"] != 2)' $work/cmp1/manifest.json"
# One run of compare is the run of `regimesim run` with the same seed: the same headline values.
"$bin" compare "${trio[0]}" --steps 10 --out "$work/cmp-one" > /dev/null
"$bin" run "${trio[0]}" --steps 10 --out "$work/run-one" --quiet > /dev/null
expect "compare --runs 1 gives the headline values run gives" \
  "$py -c '
import csv, json, sys
s = json.load(open(sys.argv[2]))
got = {(r[\"metric\"], r[\"group\"]): float(r[\"value\"]) for r in csv.DictReader(open(sys.argv[1]))}
want = {(h[\"metric\"], h[\"group\"]): h[\"value\"] for h in s[\"headlines\"]}
want[(\"output_loss\", \"WORLD\")] = s[\"world\"][\"output_loss\"][\"cumulative\"]
sys.exit(not (want and all(got.get(k) == v for k, v in want.items())))' $work/cmp-one/comparison.csv $work/run-one/summary.json"

# help
"$bin" help > "$work/help.txt"; rc1=$?
"$bin" help run > "$work/help-run.txt"; rc2=$?
"$bin" help nothing > /dev/null 2> "$work/help-bad.txt"; rc3=$?
expect "help lists the commands, help run the options of run, help nothing is exit 2" \
  "[ $rc1 -eq 0 ] && grep -q compare $work/help.txt && [ $rc2 -eq 0 ] && grep -q -- '--per-run' $work/help-run.txt && [ $rc3 -eq 2 ] && grep -q 'not a command; commands: run' $work/help-bad.txt"

# A sweep over a key nothing reads: the coalition's embargo has no fronts, so enforcement changes nothing.
"$bin" run "$src/scenarios/tutorial/small-circle-coalition.yaml" --steps 6 --sweep world.states.USA.enforcement_effort=0,1 --quiet > /dev/null 2> "$work/sweep.txt"; rc=$?
expect "a sweep of a key nothing reads warns, naming it" \
  "[ $rc -eq 0 ] && grep -q 'warning: --sweep world.states.USA.enforcement_effort: every value gave the same results' $work/sweep.txt"
"$bin" run "$sc" --steps 12 --sweep world.states.USA.enforcement_effort=0,1 --quiet > /dev/null 2> "$work/sweep2.txt"
expect "a sweep that changes something (detection of fronts) does not warn" "! grep -q warning $work/sweep2.txt"

# The README's --set example works on the default world (at its smallest scale, five steps).
"$bin" run "$src/scenarios/unilateral-chip-equipment.yaml" --seed 7 --steps 5 --set world.states.USA.enforcement_effort=0.9 \
  --set world.generate.firms_per_state=1 > /dev/null 2>&1; rc=$?
expect "the README's --set example runs on the default world" "[ $rc -eq 0 ]"
exit $fail
