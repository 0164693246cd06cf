#!/usr/bin/env bash
# End to end through the regimesim command: outputs, exit codes, no half-written results.
# Usage: cli_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

"$bin" run "$src/scenarios/tutorial/embargo.yaml" --out "$work/a" > "$work/a.txt"; rc=$?
expect "run exits 0" "[ $rc -eq 0 ]"
expect "run writes the three files" "[ -s $work/a/timeseries.csv ] && [ -s $work/a/summary.json ] && [ -s $work/a/manifest.json ]"
expect "summary printed" "grep -q 'Against the baseline' $work/a.txt"
"$bin" run "$src/scenarios/tutorial/embargo.yaml" --out "$work/b" > /dev/null
expect "same seed, byte-identical timeseries" "cmp -s $work/a/timeseries.csv $work/b/timeseries.csv"
expect "same seed, byte-identical summary" "cmp -s $work/a/summary.json $work/b/summary.json"
expect "manifest embeds the resolved scenario" "grep -q '\"resolved_scenario\"' $work/a/manifest.json && grep -q 'ore-embargo' $work/a/manifest.json"
"$bin" run "$src/scenarios/tutorial/embargo.yaml" --out "$work/a" > /dev/null 2> "$work/exists.txt"; rc=$?
expect "an existing DIR is refused with exit 2" "[ $rc -eq 2 ] && grep -q 'already exists' $work/exists.txt"
"$bin" run "$src/scenarios/tutorial/embargo.yaml" --out "$work/c" --set steps=12 --set controls.ore-embargo.start=3 > /dev/null
expect "--set changes the run" "[ \$(grep -c ',ore,blocked_trade,' $work/c/timeseries.csv) -eq 12 ] && ! cmp -s $work/a/summary.json $work/c/summary.json"

printf 'name: bad\nworld:\n  states: [{code: USA}]\n  items: [{id: x}]\n  firms: [{id: f, state: USA, item: x, capacity: -1}]\n' > "$work/bad.yaml"
"$bin" run "$work/bad.yaml" --out "$work/d" > /dev/null 2> "$work/bad.txt"; rc=$?
expect "bad input exits 2" "[ $rc -eq 2 ]"
expect "bad input names file, line, column and key path" "grep -q 'bad.yaml:5:.*world.firms\[0\].capacity: must be zero or more' $work/bad.txt"
expect "bad input leaves no output directory" "[ ! -e $work/d ] && [ -z \"\$(ls -A $work | grep partial)\" ]"
"$bin" check "$work/bad.yaml" > /dev/null 2>&1; rc=$?
expect "check reports the same error with exit 2" "[ $rc -eq 2 ]"
"$bin" check "$src/scenarios/tutorial/embargo.yaml" > "$work/check.txt"; rc=$?
expect "check of a good scenario exits 0 and lists the world" "[ $rc -eq 0 ] && grep -q 'valid' $work/check.txt && grep -q 'steel' $work/check.txt"
"$bin" run "$src/scenarios/tutorial/nowhere.yaml" > /dev/null 2>&1; rc=$?
expect "a missing scenario file exits 2" "[ $rc -eq 2 ]"
"$bin" run "$src/scenarios/tutorial/embargo.yaml" --set world.firms.kor_mill.capacity=10 > /dev/null 2> "$work/cap.txt"; rc=$?
expect "a capacity below equilibrium is a located error" "[ $rc -eq 2 ] && grep -q 'world.firms\[1\].capacity' $work/cap.txt"
# flows.csv: by default the items some control names (the embargo names ore), all with --flows all
emb="$src/scenarios/tutorial/embargo.yaml"
"$bin" run "$emb" --out "$work/f1" > /dev/null; "$bin" run "$emb" --flows all --out "$work/f2" > /dev/null
"$bin" run "$emb" --flows none --out "$work/f3" > /dev/null
expect "flows.csv holds only the controlled items by default" \
  "[ \"\$(tail -n +2 $work/f1/flows.csv | cut -d, -f4 | sort -u | tr '\n' ' ')\" = 'ore ' ]"
expect "flows.csv holds every item with --flows all" \
  "[ \"\$(tail -n +2 $work/f2/flows.csv | cut -d, -f4 | sort -u | tr '\n' ' ')\" = 'cars ore steel ' ]"
expect "the ore rows are the same either way, and --flows none writes no flows.csv" \
  "diff <(grep ',ore,' $work/f1/flows.csv) <(grep ',ore,' $work/f2/flows.csv) > /dev/null && [ ! -e $work/f3/flows.csv ]"
# Export quotas and the named firms (tutorial/export-quota.md works the figures out by hand):
# the fab loses 1 - 3640/4800 = 24.2% of its output over the run, and 40 a step is blocked
# for 18 steps, 720; an ensemble's bytes do not depend on the thread count.
quota="$src/scenarios/tutorial/export-quota.yaml"
"$bin" compare "$quota" --set 'report_firms=[jpn_fab]' > "$work/qc.txt"
expect "compare shows the named firm's own rows" \
  "grep -q 'Output lost over the run \[jpn_fab\] *24.2%' $work/qc.txt && grep -q 'Inputs blocked \[jpn_fab\] *720 ' $work/qc.txt"
"$bin" run "$quota" --set 'report_firms=[jpn_fab]' --out "$work/q1" > /dev/null
expect "timeseries.csv and flows.csv carry the firm's rows" \
  "grep -q ',7,firm:jpn_fab,gallium,input_received,60$' $work/q1/timeseries.csv && grep -q '^7,CHN,firm:jpn_fab,gallium,yes,60,100$' $work/q1/flows.csv"
"$bin" run "$quota" --set controls.gallium-quota.quota.allocation=first_come --runs 3 --threads 1 --out "$work/q2" > /dev/null
"$bin" run "$quota" --set controls.gallium-quota.quota.allocation=first_come --runs 3 --threads 2 --out "$work/q3" > /dev/null
expect "a quota's ensemble is byte-identical on one thread and on two" \
  "cmp -s $work/q2/timeseries.csv $work/q3/timeseries.csv && cmp -s $work/q2/summary.json $work/q3/summary.json"

# An option a command does not take is named as such (it said "File does not exist: 5").
"$bin" compare "$src/scenarios/tutorial/embargo.yaml" --vary world > /dev/null 2> "$work/opt.txt"; rc=$?
expect "compare --vary: exit 2, naming the option and what compare takes" \
  "[ $rc -eq 2 ] && grep -q \"'--vary' is not an option of compare; it takes --out\" $work/opt.txt"
"$bin" run "$src/scenarios/tutorial/embargo.yaml" --set=steps=12 --quiet > /dev/null; rc=$?
expect "an option written --name=value is still recognised" "[ $rc -eq 0 ]"
exit $fail
