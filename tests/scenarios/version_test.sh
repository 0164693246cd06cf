#!/usr/bin/env bash
# The commit a binary names (--version, and every manifest.json) is the one its sources are
# at: read again at every build (cmake/WriteVersion.cmake), not only when cmake configured
# the build directory, which outlives many commits. Only the commit is compared, not the
# -dirty mark, which a file edited after the build would change.
# Usage: version_test.sh REGIMESIM SOURCE_DIR
set -u
bin=$1; src=$2
if ! command -v git > /dev/null || ! git -C "$src" rev-parse HEAD > /dev/null 2>&1; then
  echo "ok: not a git checkout, the binary names no commit to compare"; exit 0
fi
want=$(git -C "$src" rev-parse HEAD)
got=$("$bin" --version | sed -n 's/.*(\([0-9a-f]*\)\(-dirty\)\{0,1\}).*/\1/p')
if [ "$got" != "$want" ]; then
  echo "FAIL: regimesim --version names commit '$got'; the sources are at $want"; exit 1
fi
echo "ok: --version names the sources' commit $got"
