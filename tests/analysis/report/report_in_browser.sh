#!/usr/bin/env bash
# report.html as a browser sees it: headless Chromium loads each report offline (with
# #self-test, so that the page also exports every chart through its PNG and SVG
# buttons) and dumps the DOM after the scripts ran. Checked there: the page's marker
# attributes on <body> (every chart drew, no script or console error, no rejected
# chart, no blocked network fetch), and, by check_report_dom.py, that each axis's tick
# labels differ, that every export button made a PNG or SVG data URL, and the numbers
# the page must show, worked out from the result's own files. Covers a real run
# (through `run --report`, from another directory), a real 20-run ensemble, a real
# sweep, a real comparison, the hand-made fixtures, scenario discovery's boxes (on a
# fixture whose answer is known by construction, and on the real sweep), and broken
# pages that must fail.
# With REPORT_SCREENSHOTS=DIR, also saves a PNG screenshot of each page in DIR.
# Usage: report_in_browser.sh REGIMESIM_BINARY SOURCE_DIR. Exit 77 (skipped) when
# Chromium is missing, unless REGIMESIM_REQUIRE_BROWSER is set (CI sets it).
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ -n "${REGIMESIM_REQUIRE_BROWSER:-}" ]; then echo "FAIL: chromium is not installed (apt-get install chromium)"; exit 1; fi
  echo "skipped: chromium is not installed (apt-get install chromium)"; exit 77
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
checker="$src/tests/analysis/report/check_report_dom.py"
tutorial="$src/scenarios/tutorial"

# Runs from another directory: the report must not depend on the working directory.
(cd "$work" && "$bin" run "$tutorial/embargo.yaml" --out run --report > run.txt); rc=$?
expect "run --report exits 0 and writes report.html" "[ $rc -eq 0 ] && [ -s $work/run/report.html ]"
(cd "$work" && "$bin" run "$tutorial/diversion-and-enforcement.yaml" --runs 20 --quiet --out ensemble --report > ensemble.txt); rc=$?
expect "an ensemble of 20 runs with --report exits 0" "[ $rc -eq 0 ] && [ -s $work/ensemble/report.html ]"
(cd "$work" && "$bin" run "$tutorial/diversion-and-enforcement.yaml" --runs 4 --quiet \
  --sweep world.states.USA.enforcement_effort=0:1:0.5 --out sweep --report > sweep.txt); rc=$?
expect "a sweep with --report exits 0" "[ $rc -eq 0 ] && [ -s $work/sweep/report.html ]"
(cd "$work" && "$bin" compare "$tutorial"/small-circle-*.yaml --out compare > /dev/null && "$bin" report compare > /dev/null); rc=$?
expect "report of a comparison exits 0" "[ $rc -eq 0 ] && [ -s $work/compare/report.html ]"
for f in ensemble sweep comparison; do
  cp -r "$src/tests/analysis/report/fixtures/$f" "$work/fixture-$f"
  "$bin" report "$work/fixture-$f" > /dev/null; rc=$?
  expect "report of the $f fixture exits 0" "[ $rc -eq 0 ]"
done

# Scenario discovery in the page. The fixture's answer is known by construction
# (fixtures/README.md): denial above 0.9 holds at 12 of 50 points, exactly where USA
# enforcement effort >= 0.5 and diversion propensity <= 0.25, whatever the members.
cp -r "$src/tests/analysis/report/fixtures/discovery" "$work/fixture-discovery"
"$bin" report "$work/fixture-discovery" --metric denial_effectiveness --above 0.9 > /dev/null; rc=$?
expect "report --metric --above over the discovery fixture exits 0" "[ $rc -eq 0 ] && [ -s $work/fixture-discovery/report.html ]"
# discover's own file, put in DIR, is drawn by a plain `report DIR`.
cp -r "$src/tests/analysis/report/fixtures/discovery" "$work/discovery-file"
"$bin" discover "$work/discovery-file" --metric denial_effectiveness --above 0.9 --out "$work/discovery-file/discovery.json" \
  --force > /dev/null && "$bin" report "$work/discovery-file" > /dev/null; rc=$?
expect "report DIR draws DIR/discovery.json" "[ $rc -eq 0 ] && [ -s $work/discovery-file/report.html ]"
# A real sweep of one input: the threshold is the median of its points' means, so that
# the count of points where it holds is worked out here from summary.json.
cp -r "$work/sweep" "$work/sweep-discovery"
read -r sweep_threshold sweep_holds sweep_points < <(python3 - "$work/sweep/summary.json" <<'PY'
import json, statistics, sys
s = json.load(open(sys.argv[1]))
means = [m["mean"] for p in s["statistics"] for m in p["metrics"] if m["metric"] == "denial_effectiveness" and m["group"] == "WORLD"]
t = statistics.median(means)
print(repr(t), sum(v > t for v in means), len(means))
PY
)
"$bin" report "$work/sweep-discovery" --metric denial_effectiveness --above "$sweep_threshold" > /dev/null; rc=$?
expect "report --metric over a real sweep exits 0" "[ $rc -eq 0 ] && [ -s $work/sweep-discovery/report.html ]"
mkdir "$work/no-threshold" && cp "$src/tests/analysis/report/fixtures/discovery/summary.json" "$work/no-threshold/"
"$bin" report "$work/no-threshold" --metric denial_effectiveness > /dev/null 2> "$work/no-threshold.txt"; rc=$?
expect "report --metric without --above or --below: exit 2, no report" \
  "[ $rc -eq 2 ] && grep -q 'give a threshold: --above X' $work/no-threshold.txt && [ ! -e $work/no-threshold/report.html ]"
"$bin" report "$work/no-threshold" --above 0.9 > /dev/null 2>&1; rc=$?
expect "report --above without --metric: exit 2, no report" "[ $rc -eq 2 ] && [ ! -e $work/no-threshold/report.html ]"

"$bin" report "$work/nowhere" > /dev/null 2> "$work/missing.txt"; rc=$?
expect "a missing DIR exits 2 with a message" "[ $rc -eq 2 ] && grep -q 'nowhere: no such directory' $work/missing.txt"
mkdir "$work/bad" && echo '{"scenario": ' > "$work/bad/summary.json"
"$bin" report "$work/bad" > /dev/null 2> "$work/bad.txt"; rc=$?
expect "a malformed summary.json exits 2 naming the file, no report left" \
  "[ $rc -eq 2 ] && grep -q 'summary.json: not valid JSON' $work/bad.txt && [ -z \"\$(ls -A $work/bad | grep report)\" ]"

# A negative control, so that the checks below are known to be able to fail: a copy of
# the run's page with one chart's mark made invalid, a network fetch added, and its
# a comparison's percent axes back to a fixed ".0%" (its output loss, 0 to 1%, then
# reads 0% 0% 0% 1% 1%).
mkdir "$work/broken"
sed -e '0,/"type":"line"/s//"type":"no-such-mark"/' -e "s|<div id=\"report-errors\"|<script>fetch('http://127.0.0.1:9/x')</script>&|" \
  "$work/run/report.html" > "$work/broken/report.html"
# A page whose dash scale differs from its colour scale (one value more): Vega-Lite then
# draws two legends, one of them grey dashes, which the checker must catch.
mkdir "$work/split"
sed -e 's/\],"range":\[\[1,0\]/,"zz"],"range":[[1,0]/g' "$work/ensemble/report.html" > "$work/split/report.html"
mkdir "$work/repeated"
sed -e 's/"format":"%"/"format":".0%"/g' "$work/fixture-comparison/report.html" > "$work/repeated/report.html"

# What a page must show, worked out from the result's own files (not by the report).
# The ensemble: its run count, and the mean of world denial over the runs as summary.json has it.
read -r ens_runs ens_denial < <(python3 - "$work/ensemble/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
m = next(m for m in s["statistics"][0]["metrics"] if m["metric"] == "denial_effectiveness" and m["group"] == "WORLD")
print(s["runs"], f"{100 * m['mean']:.1f}%")
PY
)
declare -A texts absent percent
texts[run]="--text|These numbers come from one run|--text|One run: each line is that run."
absent[run]="of 1 runs"
texts[ensemble]="--text|Mean of $ens_runs runs: $ens_denial|--text|Lines are the mean of $ens_runs runs"
absent[ensemble]="come from one run"
texts[sweep]="--text|Response to the sweep|--text|USA enforcement effort|--text|These sentences read the first sweep point (USA enforcement effort = 0)"
texts[compare]="--text|The scenarios side by side"
absent[compare]="(100.0% to 100.0%)"
texts[fixture-comparison]="--text|Lines are the mean of 10 runs"
discovered="--text|It holds at 12 of the 50 points (24.0%)|--text|Coverage 100.0%|--text|density 100.0%"
discovered+="|--text|support 24.0% (12 of 50 points)|--limit|world.states.USA.enforcement_effort=at least 0.5"
discovered+="|--limit|responses.diversion.propensity=at most 0.25|--limit|world.coalitions.chip_trio.members=not restricted"
discovered+="|--symbols|chart-discovery-box=50|--symbols|chart-discovery-box:#1f4e79=12"
texts[fixture-discovery]="$discovered"
texts[discovery-file]="$discovered"
texts[sweep-discovery]="--text|It holds at $sweep_holds of the $sweep_points points|--text|it needs two numeric inputs"
for d in run ensemble sweep fixture-ensemble fixture-sweep fixture-comparison repeated fixture-discovery sweep-discovery; do
  percent[$d]=--percent-axes
done

draw() {  # draw PAGE DOM: the DOM of the page after its scripts ran, exports included
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile" --virtual-time-budget=30000 --dump-dom "file://$1#self-test" > "$2" 2> "$2.log"
}

for d in run ensemble sweep compare fixture-ensemble fixture-sweep fixture-comparison fixture-discovery discovery-file \
         sweep-discovery broken split repeated; do
  page="$work/$d/report.html"
  [ -s "$page" ] || continue
  dom="$work/$d.dom.html"
  draw "$page" "$dom"
  body=$(grep -o '<body [^>]*data-report-status[^>]*>' "$dom" | head -1)
  echo "  $d: $body"
  expected=$(sed -n 's/.*data-charts-expected="\([0-9]*\)".*/\1/p' <<< "$body")
  drawn=$(sed -n 's/.*data-charts-drawn="\([0-9]*\)".*/\1/p' <<< "$body")
  errors=$(sed -n 's/.*data-script-errors="\([0-9]*\)".*/\1/p' <<< "$body")
  svgs=$(grep -o 'id="chart-[a-z0-9-]*"[^>]*><svg' "$dom" | wc -l)
  expect "$d: the page finished drawing" "grep -q 'data-report-status=\"done\"' <<< '$body'"
  if [ "$d" = broken ]; then
    expect "broken: the bad chart and the fetch are caught ($drawn of $expected drew, $errors errors)" \
      "[ '$drawn' -lt '$expected' ] && [ '$errors' -ge 2 ]"
    continue
  fi
  if [ "$d" = split ]; then
    expect "split: a chart with two legends is caught" \
      "! python3 '$checker' '$dom' --name split > '$work/split.check' && grep -q 'split:' '$work/split.check'"
    continue
  fi
  if [ "$d" = repeated ]; then
    expect "repeated: a fixed '.0%' format is caught repeating tick labels" \
      "! python3 '$checker' '$dom' --name repeated > '$work/repeated.check' && grep -q 'repeated tick labels' '$work/repeated.check'"
    continue
  fi
  expect "$d: at least one chart, and every chart drew ($drawn of $expected, $svgs svg)" \
    "[ -n '$expected' ] && [ '$expected' -gt 0 ] && [ '$drawn' = '$expected' ] && [ '$svgs' = '$expected' ]"
  expect "$d: no script or console error, rejected chart or blocked fetch" "[ '$errors' = 0 ] && ! grep -q 'Uncaught' '$dom.log'"
  IFS='|' read -r -a extra <<< "${texts[$d]:-}"
  [ -n "${absent[$d]:-}" ] && extra+=(--absent "${absent[$d]}")
  [ -n "${percent[$d]:-}" ] && extra+=("${percent[$d]}")
  python3 "$checker" "$dom" --name "$d" "${extra[@]}" > "$work/$d.check"; rc=$?
  sed 's/^/  /' "$work/$d.check"
  expect "$d: tick labels, exports and values on the page" "[ $rc -eq 0 ]"
  if [ -n "${REPORT_SCREENSHOTS:-}" ]; then
    mkdir -p "$REPORT_SCREENSHOTS"
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars \
      --user-data-dir="$work/profile" --virtual-time-budget=30000 --window-size=1100,7000 \
      --screenshot="$REPORT_SCREENSHOTS/$d.png" "file://$page" > /dev/null 2>&1
  fi
done

exit $fail
