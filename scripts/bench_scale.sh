#!/usr/bin/env bash
# The scale goals (issue 15), each measured the way docs/BENCHMARKS.md quotes it, one
# after another in one session, printed as a Markdown table with the load average at
# the start and the end (the machine is noisy: quote medians, and compare binaries by
# running this for each in turn).
# Usage: scripts/bench_scale.sh [BINARY] [REPEATS=3]
#   BINARY defaults to build/release/sim/regimesim, built first when it is not given.
# Takes about six minutes on a 2-core machine with REPEATS=3; writes only in a
# temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
  bin=$1
else
  bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF > /dev/null
  bin=build/release/sim/regimesim
fi
repeats=${2:-3}
[ -x "$bin" ] || { echo "bench_scale.sh: no binary at $bin" >&2; exit 2; }
big=(--set world.generate.firms_per_state=2000)  # the 1M-firm world: 10.76M links
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
step_ms() {  # median step of one bench run, in ms
  "$bin" bench "$@" 2>&1 | awk '/^step: median/ {print $3}'
}
timed() {  # wall seconds and peak MiB of one command: "S MIB"
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2>&1
  awk '{printf "%s %.0f\n", $1, $2 / 1024}' "$work/time"
}

start_load=$(load)
links_small=$("$bin" bench scenarios/bench/100k-firms.yaml --steps 1 2>&1 | awk '/^world:/ {print $6}')
links_big=$("$bin" bench scenarios/bench/100k-firms.yaml "${big[@]}" --steps 1 2>&1 | awk '/^world:/ {print $6}')
# The 100k and 10M steps taken in turn, repeat by repeat, so that the growth from one to
# the other is measured side by side: the machine's speed drifts by a quarter within minutes.
small=(); big1s=(); big2s=()
for _ in $(seq "$repeats"); do
  small+=("$(step_ms scenarios/bench/100k-firms.yaml --steps 40 --threads 1)")
  big1s+=("$(step_ms scenarios/bench/100k-firms.yaml "${big[@]}" --steps 20 --threads 1)")
  big2s+=("$(step_ms scenarios/bench/100k-firms.yaml "${big[@]}" --steps 20 --threads 2)")
done
small1=$(printf '%s\n' "${small[@]}" | median)
big1=$(printf '%s\n' "${big1s[@]}" | median)
big2=$(printf '%s\n' "${big2s[@]}" | median)
# The metrics' share of the step, the median over $repeats runs (one 24-step run moves by
# several points from one to the next on a noisy machine).
metrics=$(for _ in $(seq "$repeats"); do
  "$bin" bench scenarios/bench/ensemble.yaml --steps 24 2>&1 | awk '/^metrics:/ {sub("%", "", $(NF-3)); print $(NF-3)}'
done | median)%
paired_s=(); paired_mib=()
for _ in $(seq "$repeats"); do
  read -r s m < <(timed "$bin" run scenarios/bench/100k-firms.yaml "${big[@]}" --steps 120 --quiet --threads 2 \
    --out "$work/paired" --force)
  paired_s+=("$s"); paired_mib+=("$m")
done
ens_s=(); ens_mib=()
for _ in $(seq "$repeats"); do
  read -r s m < <(timed "$bin" run scenarios/bench/ensemble.yaml --runs 1000 --threads 2 --quiet)
  ens_s+=("$s"); ens_mib+=("$m")
done
read -r _ ens100_mib < <(timed "$bin" run scenarios/bench/ensemble.yaml --runs 100 --threads 2 --quiet)
end_load=$(load)

med() { printf '%s\n' "$@" | median; }
awk -v bin="$bin" -v rev="$("$bin" --version 2>/dev/null | head -1)" \
    -v l0="$start_load" -v l1="$end_load" -v ls="$links_small" -v lb="$links_big" \
    -v s1="$small1" -v b1="$big1" -v b2="$big2" -v metrics="$metrics" \
    -v ps="$(med "${paired_s[@]}")" -v pm="$(med "${paired_mib[@]}")" \
    -v es="$(med "${ens_s[@]}")" -v em="$(med "${ens_mib[@]}")" -v e100m="$ens100_mib" -v reps="$repeats" '
function yes(ok) { return ok ? "yes" : "**no**" }
BEGIN {
  ups = ls / (s1 / 1000); per_small = s1 * 1e6 / ls; per_big = b1 * 1e6 / lb
  printf "%s (%s), medians of %d; load average %s at the start, %s at the end\n\n", bin, rev, reps, l0, l1
  print "| goal | measured | met? |"
  print "| --- | --- | --- |"
  printf "| metrics at most 20%% of the step | %s of the step (bench ensemble) | %s |\n", metrics, yes(metrics + 0 <= 20)
  printf "| memory flat in the number of runs | %d MiB for 100 runs, %d MiB for 1,000 | %s |\n", e100m, em, yes(em < 1.25 * e100m)
  printf "| 1,000 runs in under 60 s and 1 GB | %.1f s, %d MiB | %s |\n", es, em, yes(es < 60 && em < 1024)
  printf "| 10M links beside the baseline, 120 steps, under 30 s and 1 GB | %.1f s, %d MiB | %s |\n", ps, pm, yes(ps < 30 && pm < 1024)
  printf "| 1.5e8 link-updates/s on one core (100k firms) | %.2f ms a step: %.2e/s | %s |\n", s1, ups, yes(ups >= 1.5e8)
  printf "| at least 1.6x on 2 threads at 10M links | %.1f ms on 1, %.1f on 2: %.2fx | %s |\n", b1, b2, b1 / b2, yes(b1 / b2 >= 1.6)
  printf "| time per link-update at 10M within 1.3x of 100k | %.1f ns against %.1f: %.2fx | %s |\n", per_big, per_small, per_big / per_small, yes(per_big / per_small <= 1.3)
}'
