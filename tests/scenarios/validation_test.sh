#!/usr/bin/env bash
# The validation episodes (validation/, docs/VALIDATION.md): every episode directory holds its three
# files, its criterion is complete, its scenario loads; the figure reader prints one line and
# refuses a row that does not exist; scripts/validate.sh prints one line per episode it runs. The
# two small-world episodes are run; the default-world ones only checked (a full run takes ~30 s).
# Usage: validation_test.sh REGIMESIM SOURCE_DIR
set -u
bin=$1; src=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

n=0
for d in "$src"/validation/*/; do
  ep=$(basename "$d"); n=$((n + 1))
  expect "$ep: episode.md, scenario.yaml and criterion.yaml exist" \
    "[ -s '$d/episode.md' ] && [ -s '$d/scenario.yaml' ] && [ -s '$d/criterion.yaml' ]"
  expect "$ep: criterion.yaml is complete" "python3 - '$d/criterion.yaml' '$ep' <<'PY'
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
assert c['episode'] == sys.argv[2], 'episode id differs from the directory'
assert c['role'] in ('calibration', 'validation')
for k in ('metric', 'observed_text', 'direction', 'read'):
    assert c[k] not in (None, ''), k
assert c['read']['kind'] in ('timeseries', 'flows_ratio', 'flows_share_ratio', 'diversion_multiple')
assert float(c['lower']) <= float(c['upper'])
PY"
  # on the default world at 1 firm per state and item, as the library checks, to stay fast under sanitizers
  small=(); grep -q 'scenarios/data/world.yaml' "$d/scenario.yaml" && small=(--set world.generate.firms_per_state=1)
  expect "$ep: the scenario loads" "'$bin' check '$d/scenario.yaml' ${small[*]:-} >/dev/null 2>&1"
done
expect "there are at least six episodes" "[ $n -ge 6 ]"

"$bin" run "$src/scenarios/tutorial/embargo.yaml" --out "$work/run" >/dev/null 2>&1
cat > "$work/c.yaml" <<'Y'
episode: t
role: validation
metric: ore from Australia to Korea
observed_text: "0"
read: {kind: flows_ratio, exporters: [AUS], importers: [KOR], items: [ore], steps: [6, 10]}
direction: down
lower: 0
upper: 0.1
Y
out=$(python3 "$src/scripts/validate_read.py" "$work/c.yaml" "$work/run"); rc=$?
expect "the reader prints one verdict line for a figure it can read" \
  "[ $rc -eq 0 ] && [ \$(printf '%s\n' \"\$out\" | wc -l) -eq 1 ] && printf '%s' \"\$out\" | grep -q '| model 0 | down; \[0, 0.1\] | REPRODUCED$'"
sed -i 's/exporters: \[AUS\]/exporters: [XXX]/' "$work/c.yaml"
python3 "$src/scripts/validate_read.py" "$work/c.yaml" "$work/run" > "$work/nf.txt"; rc=$?
expect "a figure that cannot be read is NO FIGURE, exit 3" "[ $rc -eq 3 ] && grep -q 'NO FIGURE' '$work/nf.txt'"

REGIMESIM=$bin bash "$src/scripts/validate.sh" zte-denial-order-2018 jpn-kor-fluorides-2019 > "$work/v.txt" 2>&1; rc=$?
cat "$work/v.txt"
expect "validate.sh exits 0 and prints a header and one line per episode" \
  "[ $rc -eq 0 ] && [ \$(wc -l < '$work/v.txt') -eq 3 ] && [ \$(grep -c 'REPRODUCED' '$work/v.txt') -eq 2 ]"
exit $fail
