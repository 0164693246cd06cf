"""The tables a run hands back, read into pandas DataFrames as they would be read
from the files `regimesim run --out` writes (docs/ENSEMBLES.md)."""

import io
import json

import pandas as pd


def read_table(data, design_keys=()):
    """A CSV table; seeds (written as 0x text) read as unsigned 64-bit integers (a float
    would lose digits), and the design's columns as text when they hold lists."""
    if not data:
        return None
    return with_seeds(pd.read_csv(io.BytesIO(data), dtype={"seed": str, "state": str, "item": str},
                                  keep_default_na=False, na_values=[""]))


def with_seeds(frame):
    """The seed column, written as 0x hexadecimal text, as exact unsigned 64-bit integers."""
    if "seed" in frame.columns:
        frame["seed"] = frame["seed"].map(lambda s: int(s, 0)).astype("uint64")
    return frame


def summary_frame(summary):
    """summary.json's `statistics`: one row per design point and headline metric, with
    the point's value of each design key, then metric, group, when and the statistics."""
    keys = summary.get("sweep", {}).get("keys", [])
    rows = []
    for point in summary.get("statistics", []):
        values = point.get("sweep", {})
        for m in point.get("metrics", []):
            row = {"point": point.get("point", 0)}
            for k in keys:
                row[k] = values.get(k)
            row.update(m)
            rows.append(row)
    return pd.DataFrame(rows)


def headlines_frame(summary):
    """The headlines of run 0 of the first point (summary.json's `headlines`)."""
    return pd.DataFrame(summary.get("headlines", []))
