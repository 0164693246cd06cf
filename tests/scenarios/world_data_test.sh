#!/usr/bin/env bash
# The default world's data checks (scripts/check_world_data.py): the shipped data passes, and each
# kind of mistake the checker promises to catch, planted in a copy of the data, makes it fail.
# Usage: world_data_test.sh SOURCE_DIR
set -u
src=$1
check="python3 $src/scripts/check_world_data.py"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

$check "$src/scenarios/data/world.yaml" > "$work/ok.txt"; rc=$?
cat "$work/ok.txt"
expect "the shipped default world passes" "[ $rc -eq 0 ] && grep -q 'check_world_data: OK' $work/ok.txt"

# plant MESSAGE_PATTERN FILE SED_EXPRESSION: copy the data, apply one edit, expect a failure naming it.
plant() {
  local what=$1 pattern=$2 file=$3 edit=$4
  rm -rf "$work/data"; cp -r "$src/scenarios/data" "$work/data"
  sed -i "$edit" "$work/data/$file"
  if cmp -s "$src/scenarios/data/$file" "$work/data/$file"; then echo "FAIL: $what: the edit did not apply"; fail=1; return; fi
  $check "$work/data/world.yaml" > "$work/out.txt"; local rc=$?
  expect "$what" "[ $rc -eq 1 ] && grep -q '$pattern' $work/out.txt"
}
plant "a Wassenaar member swapped for a non-member is caught" "wassenaar: members differ from docs/DOMAIN.md" \
  regimes.yaml '/id: wassenaar/,/members:/ s/\bARG\b/BRA/'
plant "production shares that do not sum to one are caught" "production gallium: shares sum to" \
  production.yaml 's/gallium: {CHN: 0.98,/gallium: {CHN: 0.90,/'
plant "a recipe naming an unknown item is caught" "recipe input .unobtainium. is not an item" \
  items.yaml '0,/recipe: {rare_earth_concentrate:/ s/recipe: {rare_earth_concentrate:/recipe: {unobtainium:/'
plant "a state without a source is caught" "state ARG: no source" \
  states.yaml '0,/source: \[wb_wdi, un_wesp_2024, wb_income_fy2025, assumption\]/ s/source: \[wb_wdi, un_wesp_2024, wb_income_fy2025, assumption\]/source: []/'
plant "a source id that is not listed is caught" "unknown source .usgs_mcs_2099." \
  production.yaml 's/gallium: \[usgs_mcs_2024,/gallium: [usgs_mcs_2099,/'
plant "a WMD-risk end user in an unknown state is caught" "firm irn_nuclear_programme: unknown state" \
  end_users.yaml 's/state: IRN/state: IRQ/'
plant "a state the issue names, missing from the world, is caught" "state .HKG. (regime participant, G20 or named" \
  states.yaml '/- code: HKG/,+10d'
plant "a state income group that is not a World Bank group is caught" "state CHN: income_group .middle. not one of" \
  states.yaml '/- code: CHN/,/income_group:/ s/income_group: upper_middle/income_group: middle/'
plant "a state figure off the documented mapping is caught" "state SGP: cooperation 0.9 is not the documented mapping" \
  states.yaml '/- code: SGP/,/cooperation:/ s/cooperation: 0.3 /cooperation: 0.9 /'
plant "a controlled tool in a mature fab's recipe is caught" "item wafer_fabrication_mature: a mature-node item uses the advanced-node input .lithography_duv_advanced." \
  items.yaml '/id: wafer_fabrication_mature/,/recipe:/ s/lithography_duv_mature:/lithography_duv_advanced:/'
exit $fail
