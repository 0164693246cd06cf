#!/usr/bin/env python3
"""Checks a report page as headless Chromium left it (--dump-dom of report.html#self-test):
each chart's axes have distinct tick labels, each percent axis among them; each chart
draws at most one legend (its colours, dashes and shapes merged); every export
button made a PNG or SVG data URL; the texts given with --text appear on the page
(with --absent, that they do not); with --limit, what a discovery box's table says it
keeps of an input; with --symbols, how many points a chart drew (of one fill colour).
Prints one line per check; exits 1 if any failed."""
import argparse
import html
import sys
from html.parser import HTMLParser


class Axes(HTMLParser):
    """Collects, per chart div and per Vega axis group, the texts of its tick labels."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, classes, id) of open elements
        self.axes = []  # (chart id, axis aria-label, [labels])
        self.buttons = []  # attributes of export buttons
        self.legends = {}  # chart id -> how many legends it drew
        self.text = []
        self.in_label = False
        self.limits = {}  # a discovery box's table: input key -> its cells' texts
        self.row = None
        self.symbols = {}  # (chart id, fill) -> points drawn as symbols, legends aside

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "button" and "data-chart" in a:
            self.buttons.append(a)
        chart = next((i for _, _, i in reversed(self.stack) if i and i.startswith("chart-")), "?")
        if tag == "g" and "role-axis" in classes:
            self.axes.append((chart, a.get("aria-label", ""), []))
        if tag == "g" and "role-legend" in classes:
            self.legends[chart] = self.legends.get(chart, 0) + 1
        if tag == "tr" and "data-input" in a:
            self.row = self.limits.setdefault(a["data-input"], [])
        if tag == "td" and self.row is not None:
            self.row.append("")
        if tag == "path" and any(t == "g" and "mark-symbol" in c and "role-mark" in c for t, c, _ in self.stack) \
                and not any("role-legend" in c for _, c, _ in self.stack):
            for key in ((chart, None), (chart, a.get("fill"))):
                self.symbols[key] = self.symbols.get(key, 0) + 1
        if tag not in ("br", "img", "meta", "link", "input", "hr"):
            self.stack.append((tag, classes, a.get("id")))

    def handle_startendtag(self, tag, attrs):  # <path .../>: opened and closed at once
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None
        if not any(t == tag for t, _, _ in self.stack):
            return  # a stray end tag closes nothing
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] in ("script", "style"):
            return
        self.text.append(data)
        if self.row:
            self.row[-1] += data
        if self.stack and self.stack[-1][0] == "text" and any("role-axis-label" in c for _, c, _ in self.stack):
            self.axes[-1][2].append(data.strip())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dom")
    p.add_argument("--name", default="page")
    p.add_argument("--text", action="append", default=[], help="text the page must show")
    p.add_argument("--absent", action="append", default=[], help="text the page must not show")
    p.add_argument("--percent-axes", action="store_true", help="the page must have at least one percent axis")
    p.add_argument("--limit", action="append", default=[],
                   help="INPUT=WORDS: the discovery box's table says it keeps WORDS of INPUT")
    p.add_argument("--symbols", action="append", default=[],
                   help="CHART=N or CHART:FILL=N: the chart drew N points (of that fill)")
    args = p.parse_args()
    dom = open(args.dom, encoding="utf-8").read()
    parser = Axes()
    parser.feed(dom)
    failed = 0

    def check(ok, what):
        nonlocal failed
        print(("ok: " if ok else "FAIL: ") + f"{args.name}: {what}")
        failed += not ok

    axes = [a for a in parser.axes if a[2]]
    check(len(axes) > 0, f"{len(axes)} axes with tick labels")
    for chart, label, ticks in axes:
        if len(set(ticks)) != len(ticks):
            check(False, f"{chart}: repeated tick labels on {label!r}: {' '.join(ticks)}")
    percent = [a for a in axes if all(t.endswith("%") for t in a[2])]
    check(all(len(set(t)) == len(t) for _, _, t in axes), f"every axis's tick labels differ ({len(percent)} percent axes)")
    if args.percent_axes:
        check(len(percent) > 0, "at least one percent axis")

    # Colour, dash and shape of the lines are one legend, not one each (a legend of
    # dashes alone shows grey lines that match nothing on the chart).
    split = {c: n for c, n in parser.legends.items() if n > 1}
    check(not split, f"one legend per chart at most ({len(parser.legends)} legends{'; split: ' + str(split) if split else ''})")

    formats = {"png": "data:image/png;base64,iVBORw0KGgo", "svg": "data:image/svg+xml;charset=utf-8,%3Csvg"}
    buttons = parser.buttons
    charts = {b["data-chart"] for b in buttons}
    made = [b for b in buttons if b.get("data-exported", "").startswith(formats.get(b.get("data-format"), "?"))
            and int(b.get("data-exported-length", "0")) > 1000]
    check(len(buttons) == 2 * len(charts) and len(charts) > 0, f"a PNG and an SVG button for each of {len(charts)} charts")
    check(len(made) == len(buttons), f"every export button made its data URL ({len(made)} of {len(buttons)})")

    page_text = html.unescape(" ".join(" ".join(parser.text).split()))
    for t in args.text:
        check(t in page_text, f"shows {t!r}")
    for t in args.absent:
        check(t not in page_text, f"does not show {t!r}")
    for spec in args.limit:
        key, words = spec.split("=", 1)
        cells = [" ".join(c.split()) for c in parser.limits.get(key, [])]
        check(len(cells) > 1 and cells[1] == words, f"the box keeps {key}: {words!r} (the table says {cells[1:2]})")
    for spec in args.symbols:
        where, n = spec.rsplit("=", 1)
        chart, _, fill = where.partition(":")
        got = parser.symbols.get((chart, fill or None), 0)
        check(got == int(n), f"{where} drew {n} points (it drew {got})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
