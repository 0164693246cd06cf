#!/usr/bin/env bash
# End to end: `regimesim-mpi run` over 2 MPI ranks gives the files of `regimesim run`
# in one process byte for byte (an ensemble, a sweep, a single run with its flows), and
# a bad input, or a refusal on rank 0 alone, ends every rank with exit 2 and no result. The sweep has 3 runs at 2 points,
# so each rank holds runs of both points. A Ctrl-C to mpirun, a SIGTERM to rank 0 alone and a
# rank > 0 killed mid-run each end the job with a non-zero exit, no rank left running and no
# result directory.
# Usage: mpi_test.sh REGIMESIM_BINARY REGIMESIM_MPI_BINARY SOURCE_DIR
# Exits 77 (skipped) when regimesim-mpi was not built (CMake found no MPI).
# Under the sanitized build (scripts/test.sh), OpenMPI's own allocations at start-up
# are never freed: LeakSanitizer would fail every rank at exit, so the MPI runs here set
# ASAN_OPTIONS detect_leaks=0 (the other sanitizer checks stay on).
set -u
bin=$1; mpibin=$2; src=$3
if [ -z "$mpibin" ] || [ ! -x "$mpibin" ] || ! command -v mpirun > /dev/null; then
  echo "skipped: regimesim-mpi was not built (no MPI found by CMake; install libopenmpi-dev openmpi-bin)"
  exit 77
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
mpi() {
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    mpirun --allow-run-as-root --oversubscribe -np 2 "$mpibin" "$@"
}
sc="$src/scenarios/tutorial/diversion-and-enforcement.yaml"

for shape in plain sweep single; do
  # The ranks' threads differ from the single process's: neither may change a byte.
  extra=(--runs 4); ranks_threads=2; files="timeseries.csv statistics.csv summary.json metrics.csv"
  [ $shape = sweep ] && extra=(--runs 3 --sweep responses.resourcing.search_delay=1,4)
  [ $shape = single ] && { extra=(); ranks_threads=1; files="$files flows.csv"; }
  "$bin" run "$sc" --steps 6 --threads 1 "${extra[@]}" --out "$work/$shape-one" --quiet > /dev/null
  mpi run "$sc" --steps 6 --threads $ranks_threads "${extra[@]}" --out "$work/$shape-ranks" --quiet > "$work/$shape.stdout"; rc=$?
  expect "$shape: 2 ranks exit 0" "[ $rc -eq 0 ]"
  for f in $files; do
    expect "$shape: $f over 2 ranks is byte-identical to one process's" "cmp -s $work/$shape-one/$f $work/$shape-ranks/$f"
  done
  expect "$shape: the manifest lists the same runs and seeds" \
    "diff <(grep -A8 '\"run_seeds\"' $work/$shape-one/manifest.json) <(grep -A8 '\"run_seeds\"' $work/$shape-ranks/manifest.json) > /dev/null"
  expect "$shape: only rank 0 prints the summary" "[ \$(grep -c '^Wrote ' $work/$shape.stdout) -eq 1 ]"
done
expect "nothing but the results was written beside them" \
  "[ \"\$(ls -A $work | grep -v '\\.stdout\$' | sort | tr '\\n' ' ')\" = 'plain-one plain-ranks single-one single-ranks sweep-one sweep-ranks ' ]"

mpi run "$sc" --steps 6 --runs 4 --set responses.no_such_key=1 --out "$work/bad" --quiet > /dev/null 2> "$work/bad.err"; rc=$?
expect "a bad key ends the ranks with exit 2" "[ $rc -eq 2 ]"
expect "and names the key" "grep -q no_such_key $work/bad.err"
expect "and writes no result" "[ ! -e $work/bad ]"
# Only rank 0 opens DIR, so only it refuses one that exists: the other rank, its share
# running its share, must be ended too (no hang), with the refusal's exit code and DIR as it was.
mkdir "$work/taken"; echo mine > "$work/taken/keep"
timeout 120 bash -c "$(declare -f mpi); mpibin='$mpibin'; mpi run '$sc' --steps 6 --runs 4 --out '$work/taken' --quiet" \
  > /dev/null 2> "$work/taken.err"; rc=$?
expect "a refusal on rank 0 alone ends both ranks with exit 2" "[ $rc -eq 2 ]"
expect "and leaves the directory it refused as it was" "[ \"\$(ls -A $work/taken)\" = keep ] && grep -qx mine $work/taken/keep"
# Interruptions and failures mid-run. A long ensemble of short runs, so that each run's
# statistics fold in well under the second mpirun leaves between its SIGTERM and SIGKILL.
long_run() {
  rm -rf "$work/long" "$work"/.long.partial-*
  ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    mpirun --allow-run-as-root --oversubscribe -np 2 "$mpibin" run "$sc" --steps 300 --runs 5000 --threads 1 \
    --out "$work/long" --quiet > /dev/null 2> "$work/long.err" &
  job=$!
  for _ in $(seq 1 600); do ls -A "$work" | grep -q '^\.long\.partial' && break; sleep 0.05; done
  sleep 1
}
ranks_left() { pgrep -f "$mpibin run $sc --steps 300 --runs 5000" > /dev/null; }
long_run; kill -INT $job; wait $job; rc=$?; sleep 0.5
expect "Ctrl-C to mpirun: a non-zero exit" "[ $rc -ne 0 ]"
expect "Ctrl-C to mpirun: no rank left running" "! ranks_left"
expect "Ctrl-C to mpirun: no result directory, complete or partial" "[ ! -e $work/long ] && ! ls -A $work | grep -q partial"
long_run; kill -TERM "$(pgrep -P $job | head -1)"; wait $job; rc=$?; sleep 0.5
expect "SIGTERM to rank 0 alone: exit 130, and it says so" "[ $rc -eq 130 ] && grep -q 'interrupted after' $work/long.err"
expect "SIGTERM to rank 0 alone: no rank left running" "! ranks_left"
expect "SIGTERM to rank 0 alone: no result directory, complete or partial" "[ ! -e $work/long ] && ! ls -A $work | grep -q partial"
# A rank killed outright cannot hand anything over, and mpirun then kills rank 0 as well,
# which may leave its hidden staging directory: never the result, and the next run into
# the same directory removes it (output/result_directory.hpp, remove_stale_staging).
long_run; kill -KILL "$(pgrep -P $job | tail -1)"; wait $job; rc=$?; sleep 0.5
expect "rank 1 killed mid-run: a non-zero exit" "[ $rc -ne 0 ]"
expect "rank 1 killed mid-run: no rank left running" "! ranks_left"
expect "rank 1 killed mid-run: no result directory" "[ ! -e $work/long ]"
"$bin" run "$sc" --steps 6 --out "$work/long" --quiet > /dev/null
expect "and the next run there removes what the killed rank 0 left" "[ -d $work/long ] && ! ls -A $work | grep -q partial"
exit $fail
