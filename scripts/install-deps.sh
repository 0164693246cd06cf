#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever regimesim needs to build and test
# and is not yet on the machine. Safe to run again: it installs nothing twice.
set -euo pipefail
packages=(cmake g++ make git libboost-graph-dev libeigen3-dev libtbb-dev libyaml-cpp-dev
          catch2 libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev)
packages+=(python3 python3-yaml)  # the data checks and the scenario-library tests
# The Python module (python/, built with pybind11), its pytest suite and the examples/.
packages+=(python3-dev pybind11-dev python3-numpy python3-pandas python3-pytest python3-scipy python3-matplotlib)
packages+=(libcpp-httplib-dev pkg-config curl)  # regimesim serve (sim/classroom/) and its API test
packages+=(libopenmpi-dev openmpi-bin)  # regimesim-mpi: an ensemble over MPI ranks (docs/ENSEMBLES.md)
# scripts/fuzz.sh: clang and libFuzzer (in libclang-rt-14-dev), only when asked for.
[ "${1:-}" = "--fuzz" ] && packages+=(clang-14 libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm install the report's chart library (below). Checked by command, not
# by package: a machine may have Node.js from elsewhere, whose npm is no Debian package.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
# Headless Chromium draws `regimesim plot`'s PNG and SVG files and the report's browser
# tests (tests/analysis/report, sim/classroom). Checked by command too: any Chromium on
# PATH will do (REGIMESIM_CHROMIUM names one elsewhere).
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}" >&2
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The report's chart library (Vega, Vega-Lite, vega-embed) at the versions pinned in
# analysis/report/web/package-lock.json; the build embeds it into the binary.
web="$(dirname "$0")/../analysis/report/web"
if [ ! -f "$web/node_modules/.package-lock.json" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
  echo "Installing the report's chart library with npm ci (analysis/report/web)" >&2
  (cd "$web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# regimesim serve's world map (world-atlas) and its browser test's driver (puppeteer-core,
# which uses Debian's chromium and downloads no browser), pinned in sim/classroom/web.
classroom_web="$(dirname "$0")/../sim/classroom/web"
if [ ! -f "$classroom_web/node_modules/.package-lock.json" ] || [ "$classroom_web/package-lock.json" -nt "$classroom_web/node_modules/.package-lock.json" ]; then
  echo "Installing the classroom's map and browser-test driver with npm ci (sim/classroom/web)" >&2
  (cd "$classroom_web" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
