#!/usr/bin/env bash
# End to end: a run saved at a step and continued (run --checkpoint-at, run --from).
# Continued unchanged, it is the uninterrupted run byte for byte, for library
# scenarios that exercise every answer; continued under changed controls (a branch),
# it is the run whose scenario had the change from that step; a checkpoint that is
# not one, damaged, truncated, of another version or of another world is refused
# with exit code 2 and no result. Usage: checkpoint_test.sh REGIMESIM_BINARY SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
small=(--set world.generate.firms_per_state=1 --steps 16 --quiet)

# 1. Resumed unchanged = uninterrupted, on scenarios with licences, quotas,
#    diversion and enforcement, an entity list, an announcement, a candidate that
#    joins during the run, a capacity expansion under way at step 7 (five of the
#    library, to keep the sanitized suite short: seven took 200 s under ASan; the
#    tutorials are tiny). In small-circle-joining, Korea's join is decided after
#    step 6 and applies from step 7: the checkpoint at 7 falls between the two.
for name in unilateral-chip-equipment diversion-and-enforcement critical-mineral-quota \
            unilateral-entity-list tutorial/announced-control tutorial/small-circle-joining \
            tutorial/capacity-expansion; do
  sc="$src/scenarios/$name.yaml"
  set=("${small[@]}")
  case $name in tutorial/*) set=(--steps 14 --quiet) ;; esac
  tag=${name//\//-}
  "$bin" run "$sc" "${set[@]}" --checkpoint-at 7 --out "$work/$tag-full" > /dev/null
  "$bin" run "$sc" "${set[@]}" --from "$work/$tag-full/checkpoint-7" --out "$work/$tag-resumed" > /dev/null
  expect "$name: the checkpoint is written" "[ -s $work/$tag-full/checkpoint-7 ]"
  for f in timeseries.csv flows.csv statistics.csv summary.json; do
    expect "$name: resumed at step 7, $f is byte-identical to the uninterrupted run" \
      "cmp -s $work/$tag-full/$f $work/$tag-resumed/$f"
  done
done
expect "tutorial/small-circle-joining: Korea's join survives the checkpoint (events.csv identical, and Korea joins)" \
  "cmp -s $work/tutorial-small-circle-joining-full/events.csv $work/tutorial-small-circle-joining-resumed/events.csv && grep -q '^7,joins,KOR' $work/tutorial-small-circle-joining-full/events.csv"

# Saved just after a step whose answers moved links (capacity-expansion's buyers search
# in the step the embargo starts, step 3, search_delay 1): the moves carry over, and the
# step after files what arrives on those links under the suppliers that shipped it.
sc="$src/scenarios/tutorial/capacity-expansion.yaml"
"$bin" run "$sc" --steps 8 --quiet --checkpoint-at 4 --out "$work/moved-full" > /dev/null
"$bin" run "$sc" --steps 8 --quiet --from "$work/moved-full/checkpoint-4" --out "$work/moved-resumed" > /dev/null
for f in timeseries.csv flows.csv statistics.csv summary.json; do
  expect "tutorial/capacity-expansion: resumed at step 4, just after its buyers moved, $f is byte-identical" \
    "cmp -s $work/moved-full/$f $work/moved-resumed/$f"
done

# Design-out and recomputed reach: saved after the Korean maker moved its wafers at
# step 12 and before the recompute at 13 releases it (design-out's memory and the run's
# caught sets both carry the release), and while it waits out its delay (step 9).
sc="$src/scenarios/tutorial/design-out.yaml"
for at in 9 13; do
  "$bin" run "$sc" --steps 18 --quiet --checkpoint-at $at --out "$work/design-out-full-$at" > /dev/null
  "$bin" run "$sc" --steps 18 --quiet --from "$work/design-out-full-$at/checkpoint-$at" \
    --out "$work/design-out-resumed-$at" > /dev/null
  expect "tutorial/design-out: resumed at step $at, timeseries.csv is byte-identical to the uninterrupted run" \
    "cmp -s $work/design-out-full-$at/timeseries.csv $work/design-out-resumed-$at/timeseries.csv"
done

# Starvation re-sourcing with a grace: saved at step 8, inside the grace of the supplier
# the car maker chose after step 5 (the step it moved the link is re-sourcing's memory).
sc="$src/tests/scenarios/checkpoint/starved-grace.yaml"
"$bin" run "$sc" --quiet --checkpoint-at 8 --out "$work/grace-full" > /dev/null
"$bin" run "$sc" --quiet --from "$work/grace-full/checkpoint-8" --out "$work/grace-resumed" > /dev/null
"$bin" run "$sc" --quiet --set responses.resourcing.starved_grace=0 --out "$work/grace-none" > /dev/null
expect "starved-grace: resumed at step 8 inside a grace, timeseries.csv is byte-identical to the uninterrupted run" \
  "cmp -s $work/grace-full/timeseries.csv $work/grace-resumed/timeseries.csv"
expect "starved-grace: the grace changed the run (a resumed run that forgot it would differ)" \
  "! cmp -s $work/grace-full/timeseries.csv $work/grace-none/timeseries.csv"

# A run continued from a continued run: still the uninterrupted one.
sc="$src/scenarios/diversion-and-enforcement.yaml"
"$bin" run "$sc" "${small[@]}" --from "$work/diversion-and-enforcement-full/checkpoint-7" --checkpoint-at 11 \
  --out "$work/chain1" > /dev/null
"$bin" run "$sc" "${small[@]}" --from "$work/chain1/checkpoint-11" --out "$work/chain2" > /dev/null
expect "saved at 7, continued, saved at 11, continued: timeseries.csv unchanged" \
  "cmp -s $work/diversion-and-enforcement-full/timeseries.csv $work/chain2/timeseries.csv"
"$bin" run "$sc" "${small[@]}" --threads 1 --from "$work/diversion-and-enforcement-full/checkpoint-7" \
  --out "$work/one-thread" > /dev/null
expect "continued on one thread: byte-identical" \
  "cmp -s $work/diversion-and-enforcement-full/timeseries.csv $work/one-thread/timeseries.csv"

# 2. A branch: the trunk (the US alone) saved at step 6 and continued under the file
#    in which Japan joins at step 6 gives the trunk's history before step 6 and,
#    from step 6, what that file gives run whole.
before="$src/tests/scenarios/checkpoint/branch-before.yaml"
after="$src/tests/scenarios/checkpoint/branch-after.yaml"
"$bin" run "$before" --quiet --checkpoint-at 6 --out "$work/trunk" > /dev/null
"$bin" run "$after" --quiet --from "$work/trunk/checkpoint-6" --out "$work/branch" > /dev/null
"$bin" run "$after" --quiet --out "$work/whole" > /dev/null
step_col=$(head -1 "$work/trunk/timeseries.csv" | tr ',' '\n' | grep -nx step | cut -d: -f1)
rows() { awk -F, -v c="$step_col" -v lo="$2" -v hi="$3" 'NR > 1 && $c >= lo && $c < hi' "$1"; }
expect "the branch keeps the trunk's months before step 6" \
  "[ \"\$(rows $work/branch/timeseries.csv 0 6)\" = \"\$(rows $work/trunk/timeseries.csv 0 6)\" ] && [ -n \"\$(rows $work/trunk/timeseries.csv 0 6)\" ]"
expect "those months came from the checkpoint: the branch's file run whole differs before step 6 (Japan is a controller)" \
  "[ \"\$(rows $work/branch/timeseries.csv 0 6)\" != \"\$(rows $work/whole/timeseries.csv 0 6)\" ]"
expect "from step 6 the branch is the scenario in which Japan joins at 6, run whole" \
  "[ \"\$(rows $work/branch/timeseries.csv 6 99)\" = \"\$(rows $work/whole/timeseries.csv 6 99)\" ] && [ -n \"\$(rows $work/whole/timeseries.csv 6 99)\" ]"
expect "and it differs from the trunk after step 6 (Japan's joining changed something)" \
  "[ \"\$(rows $work/branch/timeseries.csv 6 99)\" != \"\$(rows $work/trunk/timeseries.csv 6 99)\" ]"

# 2b. A branch into instruments the trunk's plan lacks: the trunk keeps no licence or
#     quota per link; the branch's plan licenses and caps from step 6, and must step from
#     the trunk's step 6 as its own file run whole steps from there. And back: a trunk that
#     keeps them, continued under a plan without them, gives the trunk's months before.
licensed="$src/tests/scenarios/checkpoint/branch-licensed.yaml"
"$bin" run "$licensed" --quiet --from "$work/trunk/checkpoint-6" --out "$work/branch-licensed" > /dev/null
"$bin" run "$licensed" --quiet --checkpoint-at 8 --out "$work/whole-licensed" > /dev/null
expect "from step 6 the licensed branch is its file run whole" \
  "[ \"\$(rows $work/branch-licensed/timeseries.csv 6 99)\" = \"\$(rows $work/whole-licensed/timeseries.csv 6 99)\" ] && [ -n \"\$(rows $work/whole-licensed/timeseries.csv 6 99)\" ]"
expect "and its licences and quota acted (delayed trade after step 6)" \
  "[ \"\$(rows $work/branch-licensed/timeseries.csv 6 99 | grep -c ',delayed_trade,[1-9]')\" -gt 0 ]"
"$bin" run "$licensed" --quiet --set controls.1.end=8 --set controls.2.end=8 \
  --from "$work/whole-licensed/checkpoint-8" --out "$work/unlicensed" > /dev/null
expect "a branch that ends the licence and the quota keeps the licensed trunk's months before step 8" \
  "[ \"\$(rows $work/unlicensed/timeseries.csv 0 8)\" = \"\$(rows $work/whole-licensed/timeseries.csv 0 8)\" ] && [ -n \"\$(rows $work/unlicensed/timeseries.csv 8 99)\" ]"
expect "and from step 8 it delays nothing" \
  "[ \"\$(rows $work/unlicensed/timeseries.csv 8 99 | grep -c ',delayed_trade,[1-9]')\" -eq 0 ]"

# 3. Refusals: exit 2, a message that says what is wrong, no result written.
ck="$work/trunk/checkpoint-6"
refused() {  # description, expected message, arguments...
  local what=$1 message=$2; shift 2
  local out="$work/refused-$RANDOM"
  "$bin" run "$before" --quiet "$@" --out "$out" > "$work/err" 2>&1; local rc=$?
  expect "$what: exit 2" "[ $rc -eq 2 ]"
  expect "$what: says '$message'" "grep -qF -- \"$message\" $work/err"
  expect "$what: writes no result" "[ ! -e $out ] && [ -z \"\$(ls -A $work | grep '^\.refused')\" ]"
}
refused "a YAML file as checkpoint" "not a regimesim checkpoint" --from "$before"
refused "a missing checkpoint" "no checkpoint file here" --from "$work/none"
head -c -9 "$ck" > "$work/truncated"
refused "a truncated checkpoint" "truncated" --from "$work/truncated"
cp "$ck" "$work/damaged"; printf '\x7f' | dd of="$work/damaged" bs=1 seek=400 conv=notrunc status=none
refused "a damaged checkpoint" "damaged" --from "$work/damaged"
cp "$ck" "$work/v9"; printf '\x09' | dd of="$work/v9" bs=1 seek=8 conv=notrunc status=none
refused "a checkpoint of another version" "a version 9 checkpoint; this build reads version 7" --from "$work/v9"
refused "a checkpoint of another world" "was saved on another world" --from "$work/unilateral-chip-equipment-full/checkpoint-7"
refused "continuing past the end" "give --steps more than 6" --from "$ck" --steps 6
refused "another seed" "would join two runs' draws" --from "$ck" --seed 99
ckl="$work/whole-licensed/checkpoint-8"
refused "a branch that drops the saved controls" "a branch keeps the saved controls in their order" --from "$ckl"
refused "a branch that reorders the saved controls" "number 1 was 'us-tools' and is now 'jp-tools'" \
  --from "$work/trunk/checkpoint-6" --set controls.0.id=jp-tools --set controls.0.issuer=JPN
refused "a checkpoint in an ensemble" "does not take --runs" --checkpoint-at 3 --runs 2
refused "a checkpoint step past the end" "give a step from 1 to 13" --checkpoint-at 14
refused "saving before the step continued from" "give a step from 7 to 13" --from "$ck" --checkpoint-at 5
"$bin" run "$before" --quiet --checkpoint-at 3 > "$work/err" 2>&1; rc=$?
expect "a checkpoint without --out: exit 2 and says so" "[ $rc -eq 2 ] && grep -q 'give --out DIR' $work/err"

exit $fail
