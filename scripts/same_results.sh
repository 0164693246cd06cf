#!/usr/bin/env bash
# Runs every library scenario (and the tutorial's) with two regimesim binaries and
# compares their result files: byte for byte, how a change that should move no figure
# (a faster step, a leaner world) is shown to move none; or, with --close RTOL, number
# by number (scripts/close_results.py), how a change that moves figures on purpose (an
# accounting fix, sums added in another order) is shown to move only the figures it
# names, and the rest by no more than the tolerance.
# Usage: scripts/same_results.sh OLD_BINARY NEW_BINARY [--close RTOL] [regimesim run options...]
# e.g.   scripts/same_results.sh build/main-ref/build/sim/regimesim build/release/sim/regimesim --threads 2
# Exit 0 when every file of every scenario is identical (or within the tolerance).
set -u
old=$1; new=$2; shift 2
rtol=
if [ "${1:-}" = --close ]; then rtol=$2; shift 2; fi
cd "$(dirname "$0")/.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
differ=0
for sc in scenarios/*.yaml scenarios/tutorial/*.yaml; do
  tag=$(echo "${sc%.yaml}" | tr / -)
  "$old" run "$sc" --quiet --out "$work/$tag-old" "$@" > /dev/null 2>&1; a=$?
  "$new" run "$sc" --quiet --out "$work/$tag-new" "$@" > /dev/null 2>&1; b=$?
  if [ $a -ne $b ]; then echo "DIFFER $sc: exit $a vs $b"; differ=1; continue; fi
  [ $a -ne 0 ] && { echo "both exit $a: $sc"; continue; }
  if [ -n "$rtol" ]; then
    echo "== $sc"
    python3 scripts/close_results.py "$work/$tag-old" "$work/$tag-new" --rtol "$rtol" > "$work/numbers.txt" || differ=1
    sed 's/^/   /' "$work/numbers.txt"
    continue
  fi
  same=1
  for f in "$work/$tag-old"/*; do
    name=$(basename "$f")
    case $name in manifest.json|checkpoint-*) continue ;; esac  # the manifest names the binary and its build
    cmp -s "$f" "$work/$tag-new/$name" || { echo "DIFFER $sc: $name"; same=0; differ=1; }
  done
  [ $same -eq 1 ] && echo "same: $sc ($(ls "$work/$tag-old" | grep -vc manifest.json) files)"
done
exit $differ
