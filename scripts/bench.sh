#!/usr/bin/env bash
# Builds the Release binary and times the engine's step on the 100,000-firm world.
# Usage: scripts/bench.sh [extra regimesim bench options]
# Figures go into docs/BENCHMARKS.md; quote medians, the machine is noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF
./build/release/sim/regimesim bench scenarios/bench/100k-firms.yaml --steps 20 "$@"
