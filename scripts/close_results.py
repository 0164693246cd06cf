#!/usr/bin/env python3
"""Compares two result directories of `regimesim run` number by number: how a change
that moves figures only by the order of floating-point additions is shown to move
none by more, and a change of accounting is shown to move exactly the figures it names.

Usage: scripts/close_results.py OLD_DIR NEW_DIR [--rtol 1e-9] [--atol 1e-12]

Every CSV file both directories hold is read row by row; rows must match in every
column but the numeric ones, which must agree within |a - b| <= atol + rtol * max(|a|, |b|).
summary.json is compared the same way, key path by key path; manifest.json (which
records the binary, the wall time and the date) and checkpoints are skipped.
Prints, per file, how many numbers differ at all, how many beyond the tolerance and
the largest relative difference, and for the rows beyond it the metric (the `metric`
column, where there is one) with its count. Exit 0 when nothing is beyond the
tolerance, 1 otherwise, 2 on unreadable input.
"""
import argparse
import collections
import csv
import json
import math
import os
import sys


def as_number(text):
    try:
        x = float(text)
    except ValueError:
        return None
    # A seed written in hex, an id that is digits: compared as text.
    if text.startswith("0x") or not math.isfinite(x) and text.lower() not in ("nan", "inf", "-inf"):
        return None
    return x


class Tally:
    def __init__(self):
        self.numbers = 0
        self.differ = 0
        self.beyond = 0
        self.max_rel = 0.0
        self.beyond_by = collections.Counter()
        self.mismatch = []  # structural differences: rows, columns, text

    def number(self, a, b, rtol, atol, label):
        self.numbers += 1
        if a == b or (math.isnan(a) and math.isnan(b)):
            return
        self.differ += 1
        scale = max(abs(a), abs(b))
        rel = abs(a - b) / scale if scale > 0 else 0.0
        self.max_rel = max(self.max_rel, rel)
        if abs(a - b) > atol + rtol * scale:
            self.beyond += 1
            self.beyond_by[label] += 1


def compare_csv(old, new, rtol, atol, t):
    with open(old, newline="") as fa, open(new, newline="") as fb:
        ra, rb = list(csv.reader(fa)), list(csv.reader(fb))
    if not ra or not rb or ra[0] != rb[0]:
        t.mismatch.append("headers differ")
        return
    header = ra[0]
    metric_col = header.index("metric") if "metric" in header else None
    if len(ra) != len(rb):
        t.mismatch.append(f"{len(ra) - 1} rows against {len(rb) - 1}")
    for n, (x, y) in enumerate(zip(ra[1:], rb[1:]), start=2):
        if len(x) != len(y):
            t.mismatch.append(f"line {n}: {len(x)} fields against {len(y)}")
            continue
        label = x[metric_col] if metric_col is not None else "(row)"
        for col, (u, v) in enumerate(zip(x, y)):
            if u == v:
                nu = as_number(u)
                if nu is not None:
                    t.numbers += 1
                continue
            nu, nv = as_number(u), as_number(v)
            if nu is None or nv is None:
                if len(t.mismatch) < 5:
                    t.mismatch.append(f"line {n} column {header[col]}: {u!r} against {v!r}")
                continue
            t.number(nu, nv, rtol, atol, label if header[col] in ("value", "baseline") else f"{label}.{header[col]}")


def walk_json(a, b, path, rtol, atol, t):
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            t.mismatch.append(f"{path or '/'}: keys differ")
        for key in a.keys() & b.keys():
            walk_json(a[key], b[key], f"{path}/{key}", rtol, atol, t)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            t.mismatch.append(f"{path}: {len(a)} entries against {len(b)}")
        for i, (u, v) in enumerate(zip(a, b)):
            walk_json(u, v, f"{path}[{i}]", rtol, atol, t)
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        # the key path without list positions names the figure
        t.number(float(a), float(b), rtol, atol, "".join(p for p in path.split("[")[0:1]) or path)
    elif a != b:
        t.mismatch.append(f"{path}: {a!r} against {b!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--rtol", type=float, default=1e-9)
    ap.add_argument("--atol", type=float, default=1e-12)
    o = ap.parse_args()
    for d in (o.old, o.new):
        if not os.path.isdir(d):
            print(f"{d}: not a directory", file=sys.stderr)
            return 2
    names = sorted(set(os.listdir(o.old)) | set(os.listdir(o.new)))
    beyond = False
    for name in names:
        if name == "manifest.json" or name.startswith("checkpoint-"):
            continue
        a, b = os.path.join(o.old, name), os.path.join(o.new, name)
        if not (os.path.isfile(a) and os.path.isfile(b)):
            print(f"{name}: only in {'old' if os.path.exists(a) else 'new'}")
            beyond = True
            continue
        t = Tally()
        if name.endswith(".csv"):
            compare_csv(a, b, o.rtol, o.atol, t)
        elif name.endswith(".json"):
            with open(a) as fa, open(b) as fb:
                walk_json(json.load(fa), json.load(fb), "", o.rtol, o.atol, t)
        else:
            with open(a, "rb") as fa, open(b, "rb") as fb:
                if fa.read() != fb.read():
                    t.mismatch.append("bytes differ")
        line = f"{name}: {t.numbers} numbers, {t.differ} differ, {t.beyond} beyond tolerance, max rel {t.max_rel:.3g}"
        if t.beyond_by:
            line += " (" + ", ".join(f"{k} {v}" for k, v in t.beyond_by.most_common(8)) + ")"
        print(line)
        for m in t.mismatch[:5]:
            print(f"  {m}")
        beyond = beyond or t.beyond > 0 or bool(t.mismatch)
    return 1 if beyond else 0


if __name__ == "__main__":
    sys.exit(main())
