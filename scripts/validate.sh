#!/usr/bin/env bash
# Runs every validation episode in validation/ and prints one line per episode: episode (and whether
# it is a calibration or a validation episode), metric, observed figure, model figure, criterion,
# REPRODUCED or NOT REPRODUCED. It reports; it is not a gate: it exits 0 whatever the verdicts, and
# non-zero only when a scenario fails to run or its figure cannot be read. docs/VALIDATION.md.
#
# Usage: bash scripts/validate.sh [EPISODE_ID ...]     (default: every directory in validation/)
# Builds build/release (Release, no tests) only if its binary is missing; REGIMESIM=path overrides.
# REGIMESIM_RUN_OPTIONS="--set k=v ..." adds options to every run (a sensitivity run, not a
# criterion: docs/VALIDATION.md says which runs used it and with what).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${REGIMESIM:-build/release/sim/regimesim}
if [ ! -x "$bin" ]; then
  echo "validate.sh: $bin is missing; building it" >&2
  bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF >&2
fi

if [ "$#" -gt 0 ]; then
  episodes=("$@")
else
  episodes=()
  for d in validation/*/; do
    [ -f "$d/criterion.yaml" ] && episodes+=("$(basename "$d")")
  done
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/regimesim-validate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

status=0
echo "episode (role) | metric | observed | model | criterion | verdict"
for ep in "${episodes[@]}"; do
  dir=validation/$ep
  # extra options for the run, from the criterion's run_options list (e.g. --flows all)
  mapfile -t opts < <(python3 -c 'import sys, yaml; [print(o) for o in (yaml.safe_load(open(sys.argv[1])).get("run_options") or [])]' "$dir/criterion.yaml")
  read -r -a more <<<"${REGIMESIM_RUN_OPTIONS:-}"
  if ! "$bin" run "$dir/scenario.yaml" --out "$tmp/$ep" "${opts[@]}" "${more[@]}" >"$tmp/$ep.log" 2>&1; then
    echo "$ep | the scenario failed to run:" >&2
    tail -5 "$tmp/$ep.log" >&2
    status=1
    continue
  fi
  python3 scripts/validate_read.py "$dir/criterion.yaml" "$tmp/$ep" || status=1
  rm -rf "${tmp:?}/$ep"   # free the space (flows.csv with every item is large) before the next run
done
exit "$status"
