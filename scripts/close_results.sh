#!/usr/bin/env bash
# Runs every library scenario (and the tutorial's) with two regimesim binaries and
# compares their results number by number (scripts/close_results.py): how a change that
# moves figures on purpose (an accounting fix, sums added in another order) is shown to
# move only the figures it names, and the rest by no more than the tolerance.
# Usage: scripts/close_results.sh OLD_BINARY NEW_BINARY [--rtol X] [regimesim run options...]
# Exit 0 when no number of any scenario is beyond the tolerance; one block per scenario.
set -u
old=$1; new=$2; shift 2
tol=()
if [ "${1:-}" = --rtol ]; then tol=(--rtol "$2"); shift 2; fi
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
beyond=0
for sc in scenarios/*.yaml scenarios/tutorial/*.yaml; do
  tag=$(echo "${sc%.yaml}" | tr / -)
  "$old" run "$sc" --quiet --out "$work/$tag-old" "$@" > /dev/null 2>&1; a=$?
  "$new" run "$sc" --quiet --out "$work/$tag-new" "$@" > /dev/null 2>&1; b=$?
  if [ $a -ne $b ]; then echo "DIFFER $sc: exit $a vs $b"; beyond=1; continue; fi
  [ $a -ne 0 ] && { echo "both exit $a: $sc"; continue; }
  echo "== $sc"
  python3 scripts/close_results.py "$work/$tag-old" "$work/$tag-new" "${tol[@]}" | sed 's/^/   /' || beyond=1
done
exit $beyond
