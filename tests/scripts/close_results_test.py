#!/usr/bin/env python3
"""scripts/close_results.py against results whose differences are known by construction:
a real result (a tutorial run) copied, then one number moved by a relative 1e-12 (within
the tolerance: exit 0, counted as differing), by 1e-3 (beyond it: exit 1, its metric
named), a row dropped and a text field changed (exit 1, said), and summary.json moved.
Usage: close_results_test.py REGIMESIM SOURCE_DIR"""
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

binary, source = sys.argv[1], Path(sys.argv[2])
script = source / "scripts" / "close_results.py"
failures = []


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def compare(a, b):
    p = subprocess.run([sys.executable, str(script), str(a), str(b)], capture_output=True, text=True)
    return p.returncode, p.stdout


def edit_timeseries(d, edit):
    path = d / "timeseries.csv"
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with open(path, "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    old = tmp / "old"
    subprocess.run([binary, "run", str(source / "scenarios/tutorial/three-firm-chain.yaml"), "--quiet", "--out", str(old)],
                   check=True, stdout=subprocess.DEVNULL)
    with open(old / "timeseries.csv", newline="") as f:
        header = next(csv.reader(f))
    value, metric = header.index("value"), header.index("metric")

    def copy(name):
        d = tmp / name
        shutil.copytree(old, d)
        return d

    code, out = compare(old, copy("same"))
    check("a copy: exit 0, nothing differs", code == 0 and " 0 differ" in out)

    # the first non-zero value of the file, and its metric
    def first_nonzero(rows):
        for r in rows[1:]:
            if float(r[value]) != 0:
                return r
    close = copy("close")
    picked = {}

    def nudge(factor):
        def edit(rows):
            r = first_nonzero(rows)
            picked["metric"] = r[metric]
            r[value] = repr(float(r[value]) * factor)
        return edit
    edit_timeseries(close, nudge(1 + 1e-12))
    code, out = compare(old, close)
    check("moved by 1e-12: exit 0, one number differs, none beyond",
          code == 0 and "timeseries.csv:" in out and " 1 differ, 0 beyond" in out)

    far = copy("far")
    edit_timeseries(far, nudge(1 + 1e-3))
    code, out = compare(old, far)
    check(f"moved by 1e-3: exit 1, its metric ({picked['metric']}) named",
          code == 1 and " 1 beyond tolerance" in out and f"({picked['metric']} 1)" in out)

    short = copy("short")
    edit_timeseries(short, lambda rows: rows.pop())
    code, out = compare(old, short)
    check("a row dropped: exit 1, the row counts said", code == 1 and "rows against" in out)

    text = copy("text")
    edit_timeseries(text, lambda rows: rows[1].__setitem__(header.index("state"), "XXX"))
    code, out = compare(old, text)
    check("a text field changed: exit 1, the field said", code == 1 and "column state" in out)

    summary = copy("summary")
    s = json.loads((summary / "summary.json").read_text())

    def first_number(node):  # the path to the first non-zero number of the summary
        if isinstance(node, dict):
            for k, v in node.items():
                p = first_number(v)
                if p is not None:
                    return [k] + p
        elif isinstance(node, list):
            for i, v in enumerate(node):
                p = first_number(v)
                if p is not None:
                    return [i] + p
        elif isinstance(node, float) and node != 0:
            return []
        return None
    path = first_number(s)
    node = s
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] *= 1.01
    (summary / "summary.json").write_text(json.dumps(s))
    code, out = compare(old, summary)
    check("summary.json moved by 1%: exit 1", code == 1 and "summary.json:" in out and " 1 beyond" in out)

    code, _ = compare(old, tmp / "missing")
    check("a missing directory: exit 2", code == 2)

sys.exit(1 if failures else 0)
