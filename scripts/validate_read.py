#!/usr/bin/env python3
"""Reads one validation episode's figure from a run's result files and prints its line.

Usage: validate_read.py CRITERION.yaml RUN_DIR
Prints one line: episode | metric | observed | model | criterion | REPRODUCED or NOT REPRODUCED.
Exits 0 when the figure was read (whatever the verdict), 3 when it could not be read (a missing
row or file: the episode's read spec does not match the run, which is a fault to fix, not a
result). The read kinds are described in docs/VALIDATION.md.
"""
import csv
import os
import sys

import yaml


class NoFigure(Exception):
    pass


def step_range(spec):
    lo, hi = spec["steps"]
    return int(lo), int(hi)


def read_timeseries(run_dir, spec):
    lo, hi = step_range(spec)
    values = {}
    with open(os.path.join(run_dir, "timeseries.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if (row["state"] == spec["state"] and row["item"] == spec["item"]
                    and row["metric"] == spec["metric"] and row["run"] == "0"):
                step = int(row["step"])
                if lo <= step <= hi:
                    values[step] = float(row["value"])
    missing = [s for s in range(lo, hi + 1) if s not in values]
    if missing:
        raise NoFigure(f"no {spec['metric']} row for ({spec['state']}, {spec['item']}) at steps {missing}")
    series = [values[s] for s in range(lo, hi + 1)]
    reduce = spec.get("reduce", "mean")
    if reduce == "mean":
        return sum(series) / len(series)
    if reduce == "max":
        return max(series)
    if reduce == "min":
        return min(series)
    raise NoFigure(f"unknown reduce '{reduce}'")


def flows_rows(run_dir, spec):
    lo, hi = step_range(spec)
    exporters = set(spec["exporters"])
    items = spec.get("items", "any")
    items = None if items == "any" else set(items)
    with open(os.path.join(run_dir, "flows.csv"), newline="") as f:
        for row in csv.DictReader(f):
            step = int(row["step"])
            if not (lo <= step <= hi) or row["exporter"] not in exporters:
                continue
            if row["importer"] == row["exporter"]:
                continue  # a sale at home is not an export
            if items is not None and row["item"] not in items:
                continue
            yield row


def importer_selected(spec_importers, row):
    return spec_importers == "abroad" or row["importer"] in spec_importers


def read_flows_ratio(run_dir, spec):
    value = base = 0.0
    for row in flows_rows(run_dir, spec):
        if importer_selected(spec["importers"], row):
            value += float(row["value"])
            base += float(row["baseline_value"])
    if base <= 0:
        raise NoFigure("the selected flows are 0 in the baseline")
    return value / base


def read_flows_share_ratio(run_dir, spec):
    sel = tot = sel_b = tot_b = 0.0
    for row in flows_rows(run_dir, spec):
        v, b = float(row["value"]), float(row["baseline_value"])
        tot += v
        tot_b += b
        if importer_selected(spec["importers"], row):
            sel += v
            sel_b += b
    if tot <= 0 or tot_b <= 0 or sel_b <= 0:
        raise NoFigure("the selected exports are 0 in the run or the baseline")
    return (sel / tot) / (sel_b / tot_b)


def read_diversion_multiple(run_dir, spec):
    lo, hi = step_range(spec)
    fronts = set(spec["fronts"])
    value = base = 0.0
    for row in flows_rows(run_dir, spec):
        if row["importer"] in fronts:
            value += float(row["value"])
            base += float(row["baseline_value"])
    diverted = 0.0
    with open(os.path.join(run_dir, "timeseries.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if (row["metric"] == "diverted_trade" and row["state"] in fronts and row["item"] == "all"
                    and row["run"] == "0" and lo <= int(row["step"]) <= hi):
                diverted += float(row["value"])
    if base <= 0:
        raise NoFigure("the controllers' baseline exports of the listed items to the fronts' states are 0")
    return (value + diverted) / base


READERS = {
    "timeseries": read_timeseries,
    "flows_ratio": read_flows_ratio,
    "flows_share_ratio": read_flows_share_ratio,
    "diversion_multiple": read_diversion_multiple,
}


def fmt(x):
    return f"{x:.3g}"


def main():
    crit_path, run_dir = sys.argv[1], sys.argv[2]
    with open(crit_path) as f:
        c = yaml.safe_load(f)
    lo, hi = float(c["lower"]), float(c["upper"])
    lower_open = bool(c.get("lower_open", False))
    criterion = f"{c['direction']}; {'(' if lower_open else '['}{fmt(lo)}, {fmt(hi)}]"
    head = f"{c['episode']} ({c['role']}) | {c['metric']} | observed {c['observed_text']}"
    try:
        spec = c["read"]
        reader = READERS.get(spec["kind"])
        if reader is None:
            raise NoFigure(f"unknown read kind '{spec['kind']}'")
        value = reader(run_dir, spec)
    except (NoFigure, OSError, KeyError, ValueError) as e:
        print(f"{head} | model n/a | {criterion} | NO FIGURE ({e})")
        return 3
    ok = (lo < value if lower_open else lo <= value) and value <= hi
    print(f"{head} | model {fmt(value)} | {criterion} | {'REPRODUCED' if ok else 'NOT REPRODUCED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
