#!/usr/bin/env bash
# report.html as a browser sees it: headless Chromium loads each report offline and
# dumps the DOM after the scripts ran; the page's marker attributes on <body> must say
# that every chart drew (an <svg> in each chart's div) and that no script error, no
# rejected chart and no blocked network fetch occurred. Covers a real run (through
# `run --report`), a real comparison, and the hand-made ensemble and sweep fixtures.
# Usage: report_in_browser.sh REGIMESIM_BINARY SOURCE_DIR. Exit 77 (skipped) when
# Chromium is missing, unless REGIMESIM_REQUIRE_BROWSER is set (CI sets it).
set -u
bin=$1; src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ -n "${REGIMESIM_REQUIRE_BROWSER:-}" ]; then echo "FAIL: chromium is not installed (apt-get install chromium)"; exit 1; fi
  echo "skipped: chromium is not installed (apt-get install chromium)"; exit 77
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }

# Runs from another directory: the report must not depend on the working directory.
(cd "$work" && "$bin" run "$src/scenarios/tutorial/embargo.yaml" --out run --report > run.txt); rc=$?
expect "run --report exits 0 and writes report.html" "[ $rc -eq 0 ] && [ -s $work/run/report.html ]"
(cd "$work" && "$bin" compare "$src"/scenarios/tutorial/small-circle-*.yaml --out compare > /dev/null && "$bin" report compare > /dev/null); rc=$?
expect "report of a comparison exits 0" "[ $rc -eq 0 ] && [ -s $work/compare/report.html ]"
for f in ensemble sweep; do
  cp -r "$src/tests/analysis/report/fixtures/$f" "$work/$f"
  "$bin" report "$work/$f" > /dev/null; rc=$?
  expect "report of the $f fixture exits 0" "[ $rc -eq 0 ]"
done

"$bin" report "$work/nowhere" > /dev/null 2> "$work/missing.txt"; rc=$?
expect "a missing DIR exits 2 with a message" "[ $rc -eq 2 ] && grep -q 'nowhere: no such directory' $work/missing.txt"
mkdir "$work/bad" && echo '{"scenario": ' > "$work/bad/summary.json"
"$bin" report "$work/bad" > /dev/null 2> "$work/bad.txt"; rc=$?
expect "a malformed summary.json exits 2 naming the file, no report left" \
  "[ $rc -eq 2 ] && grep -q 'summary.json: not valid JSON' $work/bad.txt && [ -z \"\$(ls -A $work/bad | grep report)\" ]"

# A negative control, so that the checks below are known to be able to fail: a copy of
# the run's page with one chart's mark made invalid and a network fetch added.
mkdir "$work/broken"
sed -e '0,/"type":"line"/s//"type":"no-such-mark"/' -e "s|<div id=\"report-errors\"|<script>fetch('http://127.0.0.1:9/x')</script>&|" \
  "$work/run/report.html" > "$work/broken/report.html"

# What each page should draw, counted from its own chart list; all must draw.
for d in run compare ensemble sweep broken; do
  page="$work/$d/report.html"
  [ -s "$page" ] || continue
  dom="$work/$d.dom.html"
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile" --virtual-time-budget=20000 --dump-dom "file://$page" > "$dom" 2> "$work/$d.browser.log"
  body=$(grep -o '<body [^>]*data-report-status[^>]*>' "$dom" | head -1)
  echo "  $d: $body"
  expected=$(sed -n 's/.*data-charts-expected="\([0-9]*\)".*/\1/p' <<< "$body")
  drawn=$(sed -n 's/.*data-charts-drawn="\([0-9]*\)".*/\1/p' <<< "$body")
  errors=$(sed -n 's/.*data-script-errors="\([0-9]*\)".*/\1/p' <<< "$body")
  svgs=$(grep -o 'id="chart-[0-9]*"[^>]*><svg' "$dom" | wc -l)
  expect "$d: the page finished drawing" "grep -q 'data-report-status=\"done\"' <<< '$body'"
  if [ "$d" = broken ]; then
    expect "broken: the bad chart and the fetch are caught ($drawn of $expected drew, $errors errors)" \
      "[ '$drawn' -lt '$expected' ] && [ '$errors' -ge 2 ]"
    continue
  fi
  expect "$d: at least one chart, and every chart drew ($drawn of $expected, $svgs svg)" \
    "[ -n '$expected' ] && [ '$expected' -gt 0 ] && [ '$drawn' = '$expected' ] && [ '$svgs' = '$expected' ]"
  expect "$d: no script error, rejected chart or blocked fetch" "[ '$errors' = 0 ]"
done
exit $fail
