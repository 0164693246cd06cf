#!/usr/bin/env bash
# regimesim plot: lists a result's charts, refuses what it cannot do with exit 2 (a
# directory that is not a result, a chart it does not have, a file that exists, no
# Chromium to draw with), and,
# where Chromium is installed, writes a chart as a real PNG and SVG, whose sizes
# follow the chart's (a PNG at --scale 2 is twice as wide as at --scale 1).
# Usage: plot_command.sh REGIMESIM_BINARY SOURCE_DIR. The drawing part is skipped
# without Chromium, unless REGIMESIM_REQUIRE_BROWSER is set (CI sets it).
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
expect() { if ! eval "$2"; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi; }
cp -r "$src/tests/analysis/report/fixtures/ensemble" "$work/ensemble"
cp -r "$src/tests/analysis/report/fixtures/comparison" "$work/comparison"

"$bin" plot "$work/ensemble" --list > "$work/list.txt"; rc=$?
expect "--list names each chart with its title" \
  "[ $rc -eq 0 ] && grep -q '^  denial  *Controlled items kept from their targets' $work/list.txt && grep -q '^  output-loss-by-state ' $work/list.txt"
expect "--list writes nothing" "[ \$(ls $work/ensemble | wc -l) -eq 3 ]"
"$bin" plot "$work/comparison" --list > "$work/clist.txt"; rc=$?
expect "a comparison's charts: the bars and the scenarios' paths" "[ $rc -eq 0 ] && grep -q '^  comparison ' $work/clist.txt && grep -q '^  denial ' $work/clist.txt"

"$bin" plot "$work/ensemble" --chart no-such-chart --out "$work/x.png" > /dev/null 2> "$work/name.txt"; rc=$?
expect "a chart the result does not have: exit 2, naming the ones it has" \
  "[ $rc -eq 2 ] && grep -q \"has no chart 'no-such-chart'\" $work/name.txt && grep -q '^  prices ' $work/name.txt && [ ! -e $work/x.png ]"
mkdir "$work/empty"
"$bin" plot "$work/empty" --chart denial --out "$work/x.png" > /dev/null 2> "$work/empty.txt"; rc=$?
expect "a directory that is not a result: exit 2" "[ $rc -eq 2 ] && grep -q 'is it a result directory' $work/empty.txt && [ ! -e $work/x.png ]"
"$bin" plot "$work/nowhere" --list > /dev/null 2> "$work/nowhere.txt"; rc=$?
expect "a missing directory: exit 2" "[ $rc -eq 2 ] && grep -q 'no such directory' $work/nowhere.txt"
"$bin" plot "$work/ensemble" > /dev/null 2> "$work/nochart.txt"; rc=$?
expect "no --chart: exit 2, listing the charts" "[ $rc -eq 2 ] && grep -q 'name the chart to draw with --chart' $work/nochart.txt"
"$bin" plot "$work/ensemble" --chart denial --format gif > /dev/null 2>&1; rc=$?
expect "a format other than png or svg: exit 2" "[ $rc -eq 2 ]"
echo keep > "$work/taken.png"
"$bin" plot "$work/ensemble" --chart denial --out "$work/taken.png" > /dev/null 2> "$work/taken.txt"; rc=$?
expect "an existing file without --force: exit 2, the file untouched" \
  "[ $rc -eq 2 ] && grep -q 'exists; pass --force' $work/taken.txt && [ \"\$(cat $work/taken.png)\" = keep ]"

# Without Chromium (none on PATH, or REGIMESIM_CHROMIUM naming no program): a refusal
# saying what to install, exit 2, nothing written.
env -u REGIMESIM_CHROMIUM PATH=/nonexistent "$bin" plot "$work/ensemble" --chart denial --out "$work/nochromium.png" \
  > /dev/null 2> "$work/nochromium.txt"; rc=$?
expect "no Chromium on PATH: exit 2, naming Debian's chromium, nothing written" \
  "[ $rc -eq 2 ] && grep -q 'apt-get install chromium' $work/nochromium.txt && [ ! -e $work/nochromium.png ]"
REGIMESIM_CHROMIUM="$work/no-such-browser" "$bin" plot "$work/ensemble" --chart denial --out "$work/nochromium.png" \
  > /dev/null 2> "$work/badchromium.txt"; rc=$?
expect "REGIMESIM_CHROMIUM naming no program: exit 2, naming it" \
  "[ $rc -eq 2 ] && grep -q 'REGIMESIM_CHROMIUM names .*no-such-browser' $work/badchromium.txt && [ ! -e $work/nochromium.png ]"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ -n "${REGIMESIM_REQUIRE_BROWSER:-}" ]; then echo "FAIL: chromium is not installed (apt-get install chromium)"; exit 1; fi
  echo "skipped: drawing (chromium is not installed)"; exit $fail
fi
png_width() { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(struct.unpack('>I', d[16:20])[0] if d[:8]==b'\x89PNG\r\n\x1a\n' else 0)" "$1"; }
"$bin" plot "$work/ensemble" --chart denial --scale 1 --out "$work/denial-1.png" > /dev/null; rc1=$?
"$bin" plot "$work/ensemble" --chart denial --out "$work/denial.png" > "$work/wrote.txt"; rc2=$?
w1=$(png_width "$work/denial-1.png"); w2=$(png_width "$work/denial.png")
expect "PNGs at scale 1 and 2 ($w1 and $w2 pixels wide; the chart is 720 wide plus axes and padding)" \
  "[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ $w1 -gt 720 ] && [ $w2 -eq \$((2 * w1)) ] && grep -q 'Wrote .*denial.png (PNG' $work/wrote.txt"
# Every chunk of the PNG whole, its CRC right, ending with IEND at the file's last byte
# (base64 decoded to the byte, nothing cut or appended).
png_whole() { python3 - "$1" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
i, last = 8, None
while i < len(d):
    n = struct.unpack(">I", d[i:i + 4])[0]
    kind, body, crc = d[i + 4:i + 8], d[i + 8:i + 8 + n], d[i + 8 + n:i + 12 + n]
    if len(crc) < 4 or zlib.crc32(kind + body) != struct.unpack(">I", crc)[0]:
        sys.exit(1)
    last, i = kind, i + 12 + n
sys.exit(0 if d[:8] == b"\x89PNG\r\n\x1a\n" and last == b"IEND" and i == len(d) else 1)
PY
}
expect "the PNG is whole: every chunk's CRC right, IEND last" "png_whole $work/denial.png"
"$bin" plot "$work/ensemble" --chart denial --out "$work/denial.png" --force > /dev/null; rc=$?
expect "--force replaces the file" "[ $rc -eq 0 ] && [ \$(png_width $work/denial.png) -eq $w2 ]"
(cd "$work" && "$bin" plot comparison --chart comparison --format svg > /dev/null); rc=$?
expect "an SVG, by default NAME.svg in the current directory, with the chart's title and panels" \
  "[ $rc -eq 0 ] && head -c 300 $work/comparison.svg | grep -q '<svg' && grep -q 'Headline results per scenario' $work/comparison.svg && grep -q 'regime-wide' $work/comparison.svg"
expect "the SVG is well-formed XML" "python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' $work/comparison.svg"
expect "no partial file left beside them" "[ -z \"\$(ls -A $work | grep partial)\" ]"
exit $fail
