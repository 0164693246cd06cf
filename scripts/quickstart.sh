#!/usr/bin/env bash
# The README's first command: install what is missing, build a Release binary,
# and print the flagship comparison (docs/FLAGSHIP.md): the same control on
# chip-making equipment to China, issued by the United States alone, by a small
# circle (USA, Netherlands, Japan) and by the Wassenaar membership by consensus.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Installing what is missing: Debian packages with apt-get (headless Chromium among them, for regimesim plot),"
echo "and the report's chart library (Vega, Vega-Lite, vega-embed) from the npm registry with npm ci"
echo "(analysis/report/web, pinned by package-lock.json)."
bash scripts/install-deps.sh
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF
echo
echo "The same control on chip-making equipment to China, issued three ways, each run beside its"
echo "baseline on the default world (79 states, 75 items, 16,223 firms; 24 months). docs/FLAGSHIP.md reads it."
echo
./build/release/sim/regimesim compare scenarios/unilateral-chip-equipment.yaml \
  scenarios/small-circle-chip-equipment.yaml scenarios/regime-wide-chip-equipment.yaml
