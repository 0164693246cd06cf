#!/usr/bin/env bash
# Starts regimesim serve on a free loopback port with the small-circle tutorial's three
# variants and runs browser_test.mjs against it in headless Chromium. Skips (exit 77)
# where Chromium or the npm packages are missing. Usage: browser_test.sh BIN SRC [OUTDIR]
set -u
bin=$1; src=$2; out=${3:-}
chromium=${CHROMIUM:-/usr/bin/chromium}
web=$src/sim/classroom/web
if [ ! -x "$chromium" ] || [ ! -d "$web/node_modules/puppeteer-core" ] || ! command -v node > /dev/null; then
  if [ -n "${REGIMESIM_REQUIRE_BROWSER:-}" ]; then echo "FAIL: REGIMESIM_REQUIRE_BROWSER is set and $chromium, node or puppeteer-core is missing"; exit 1; fi
  echo "skipped: needs $chromium, node and npm ci in sim/classroom/web (scripts/install-deps.sh)"; exit 77
fi
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
tut=$src/scenarios/tutorial
"$bin" serve "$tut/small-circle-unilateral.yaml" "$tut/small-circle-coalition.yaml" "$tut/small-circle-regime.yaml" \
  --library "$tut" --port 0 > "$work/out.txt" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "Serving on" "$work/out.txt" && break; sleep 0.1; done
url=$(sed -n 's|^Serving on \(http://[^ ]*\)/.*|\1|p' "$work/out.txt")
[ -n "$out" ] || out=$work
mkdir -p "$out"
HOME=$work timeout 240 node "$(dirname "$0")/browser_test.mjs" "$url" "$out" "$web"
