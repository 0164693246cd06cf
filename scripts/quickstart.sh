#!/usr/bin/env bash
# The README's first command: install what is missing, build a Release binary,
# and run the flagship scenario, printing a summary a person can read.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DREGIMESIM_BUILD_TESTS=OFF
./build/release/sim/regimesim run scenarios/tutorial/embargo.yaml
