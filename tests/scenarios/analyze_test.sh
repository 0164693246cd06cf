#!/usr/bin/env bash
# End to end through `regimesim analyze`: tables, tidy CSVs and JSON, determinism,
# exit codes, and the analytic loss beside the simulated one on the embargo tutorial.
# Usage: analyze_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
embargo=$src/scenarios/tutorial/embargo.yaml

"$bin" analyze "$embargo" --out "$work/a" > "$work/a.txt"; rc=$?
expect "analyze exits 0" "[ $rc -eq 0 ]"
for f in exposure.csv extraction.csv multipliers.csv concentration.csv held_items.csv failure_points.csv betweenness.csv simulation_beside.csv analysis.json; do
  expect "writes $f" "[ -s $work/a/$f ]"
done
expect "prints the exposure table" "grep -q \"Exposure to AUS's controlled items\" $work/a.txt"
expect "prints the comparison with the simulation" "grep -q 'Analysis beside simulation' $work/a.txt"
# Steel needs 0.5 ore a unit (by hand, three-firm-chain.yaml): Korea's direct exposure.
expect "Korea's direct exposure to Australia's ore is 0.5" "grep -q '^AUS,KOR,direct_exposure,0.5$' $work/a/exposure.csv"
# The mine loses its only buyer at once: impact 1, as the simulation shows at step 6.
expect "Australia's impact loss is 1, as simulated in the first step" \
  "grep -q '^AUS,analytic_impact_loss,6,1$' $work/a/simulation_beside.csv && grep -q '^AUS,simulated_output_loss,6,1$' $work/a/simulation_beside.csv"
expect "tidy CSVs have a header and one value per row" "head -1 $work/a/exposure.csv | grep -q '^issuer,state,metric,value$'"
"$bin" analyze "$embargo" --out "$work/b" > /dev/null
for f in exposure.csv extraction.csv concentration.csv betweenness.csv simulation_beside.csv analysis.json; do
  expect "same scenario, byte-identical $f" "cmp -s $work/a/$f $work/b/$f"
done
"$bin" analyze "$embargo" --out "$work/a" > /dev/null 2> "$work/exists.txt"; rc=$?
expect "an existing DIR is refused with exit 2" "[ $rc -eq 2 ] && grep -q 'already exists' $work/exists.txt"
"$bin" analyze "$embargo" --coalition NOWHERE > /dev/null 2> "$work/coal.txt"; rc=$?
expect "an unknown coalition exits 2 and says what is valid" "[ $rc -eq 2 ] && grep -q 'not a regime, a coalition or a state code' $work/coal.txt"
"$bin" analyze "$embargo" --coalition AUS,KOR --threshold 0.9 --top 3 > "$work/c.txt"; rc=$?
expect "a named coalition's held items are listed" "[ $rc -eq 0 ] && grep -q '^  AUS,KOR .* ore' $work/c.txt"
"$bin" analyze "$embargo" --set world.firms.kor_mill.capacity=10 --out "$work/d" > /dev/null 2> "$work/cap.txt"; rc=$?
expect "bad input exits 2 with a located error and no output" "[ $rc -eq 2 ] && grep -q 'world.firms\[1\].capacity' $work/cap.txt && [ ! -e $work/d ]"
exit $fail
