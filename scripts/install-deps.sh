#!/usr/bin/env bash
# Installs, from Debian 12's packages, whatever regimesim needs to build and test
# and is not yet on the machine. Safe to run again: it installs nothing twice.
set -euo pipefail
packages=(cmake g++ make git libboost-graph-dev libeigen3-dev libtbb-dev libyaml-cpp-dev
          catch2 libcli11-dev libfmt-dev nlohmann-json3-dev)
packages+=(python3 python3-yaml)  # the data checks and the scenario-library tests
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
