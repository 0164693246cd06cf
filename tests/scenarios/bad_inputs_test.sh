#!/usr/bin/env bash
# Every file in tests/scenarios/bad/ is a scenario that must be refused: exit 2, one
# message on stderr matching the file's `# expect:` line (file:line:column, key path,
# what would be valid), no output directory and no staging directory left, and
# promptly. `# args:` holds extra command-line arguments. A few hostile inputs are
# too large or too special to commit (200,000 keys, a 24-deep include diamond, a
# FIFO) and are made here.
# Usage: bad_inputs_test.sh REGIMESIM_BINARY SOURCE_DIR [SECONDS]
#   SECONDS: how long one refusal may take (default 5: sanitizer builds are ~5x slower
#   than Release, where the issue's bound is one second).
set -u
bin=$1; src=$2; limit=${3:-5}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0; count=0

refused() {  # NAME EXPECT FILE [ARGS...]; $slack multiplies the time limit
  local name=$1 expect=$2 file=$3 limit=$((limit * ${slack:-1})); shift 3
  count=$((count + 1))
  local out="$work/out-$count" t0 t1 rc
  t0=$(date +%s%N)
  (cd "$(dirname "$file")" && timeout -k 2 $((limit * 4)) "$bin" run "$(basename "$file")" "$@" --out "$out" --quiet) \
    > "$work/stdout" 2> "$work/stderr"
  rc=$?
  t1=$(date +%s%N)
  local ms=$(((t1 - t0) / 1000000)) why=""
  [ "$rc" -eq 2 ] || why="exit $rc, not 2"
  [ -z "$why" ] && [ "$(wc -l < "$work/stderr")" -eq 1 ] || why="${why:-not one line on stderr}"
  [ -z "$why" ] && ! grep -Eq -- "$expect" "$work/stderr" && why="message does not match: $expect"
  [ -z "$why" ] && [ -e "$out" ] && why="an output directory was written"
  [ -z "$why" ] && ls -A "$work" | grep -q partial && why="a staging directory was left"
  [ -z "$why" ] && [ "$ms" -gt $((limit * 1000)) ] && why="took ${ms} ms (limit ${limit} s)"
  if [ -n "$why" ]; then
    echo "FAIL: $name: $why"; sed 's/^/    /' "$work/stderr" | head -5; fail=1
  else
    echo "ok: $name (${ms} ms)"
  fi
}

for f in "$src"/tests/scenarios/bad/*.yaml; do
  expect=$(sed -n 's/^# expect: //p' "$f" | head -1)
  args=$(sed -n 's/^# args: //p' "$f" | head -1)
  # shellcheck disable=SC2086  # args is a list of words
  refused "$(basename "$f" .yaml)" "$expect" "$f" $args
done

# A map with 200,000 keys: the duplicate-key check was quadratic (a hang).
python3 -c "
print('name: many-keys'); print('description:')
for i in range(200000): print(f'  k{i}: 1')
print('  k17: 2')" > "$work/many-keys.yaml"
# Linear, but a 2.3 MB file: 7 s in a -O1 debug build on a loaded 2-core machine.
slack=4 refused many-keys "many-keys.yaml:200003:[0-9]+: error: description.k17: .*appears twice" "$work/many-keys.yaml"

# An include diamond 24 deep: each file includes the next twice (2^24 loads before).
for i in $(seq 0 23); do printf 'include: [d%d.yaml, d%d.yaml]\n' $((i + 1)) $((i + 1)) > "$work/d$i.yaml"; done
printf 'steps: 0\n' > "$work/d24.yaml"
refused include-diamond "d24.yaml:1:[0-9]+: error: steps: .*from 1 to 100000" "$work/d0.yaml"

# An include cycle through two files.
printf 'include: c2.yaml\n' > "$work/c1.yaml"; printf 'include: c1.yaml\n' > "$work/c2.yaml"
refused include-cycle "c2.yaml:1:[0-9]+: error: include: .*include cycle" "$work/c1.yaml"

# An include of a FIFO (blocked forever before).
mkfifo "$work/fifo.yaml"; printf 'include: fifo.yaml\nsteps: 3\n' > "$work/with-fifo.yaml"
refused include-fifo "with-fifo.yaml:1:[0-9]+: error: include: .*not a regular file" "$work/with-fifo.yaml"

# --seed takes 0 to 2^64 - 1, as its help says; beyond that CLI11 refuses it.
good="$src/scenarios/tutorial/three-firm-chain.yaml"
"$bin" run "$good" --steps 2 --seed 18446744073709551615 > /dev/null 2> "$work/seed.txt"; rc=$?
if [ $rc -eq 0 ]; then echo "ok: --seed 2^64-1 is accepted"; else echo "FAIL: --seed 2^64-1 (exit $rc)"; cat "$work/seed.txt"; fail=1; fi
"$bin" run "$good" --steps 2 --seed 18446744073709551616 > /dev/null 2> "$work/seed.txt"; rc=$?
if [ $rc -eq 2 ] && grep -q -- "--seed" "$work/seed.txt"; then echo "ok: --seed 2^64 is refused"; else echo "FAIL: --seed 2^64 (exit $rc)"; cat "$work/seed.txt"; fail=1; fi

echo "$count bad inputs refused checked"
[ "$count" -ge 100 ] || { echo "FAIL: fewer than 100 bad inputs"; fail=1; }
exit $fail
