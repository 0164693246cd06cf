"""regimesim.discover: PRIM scenario discovery (docs/DISCOVERY.md), run by the engine's
own implementation (analysis/discovery/), over a result directory or a table."""

import json
import os

import pandas as pd

from . import _core
from ._values import yaml_text


class Discovery:
    """What `regimesim discover` prints (`text`, also `str(d)`) and writes with --out
    (`json`, a dict; `write(path)`), with the boxes and trajectories as DataFrames."""

    def __init__(self, raw):
        self.text = raw["text"]
        self.json = json.loads(raw["json"])

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"<regimesim.Discovery: {len(self.json['boxes'])} box(es) over {self.json['cases']} cases>"

    @property
    def boxes(self):
        """One row per box and input: restricted, low, high (numbers) or kept (categories),
        and the box's coverage, density and support."""
        rows = []
        for n, b in enumerate(self.json["boxes"], start=1):
            for lim in b["limits"]:
                rows.append({"box": n, "coverage": b["coverage"], "density": b["density"],
                             "support": b["support"], **lim})
        return pd.DataFrame(rows)

    @property
    def trajectory(self):
        """The peeling trajectory of every box: box, step, coverage, density, support,
        cases, holds, peeled, and whether it is the step chosen."""
        rows = []
        for n, b in enumerate(self.json["boxes"], start=1):
            for s in b["trajectory"]:
                rows.append({"box": n, **s, "chosen": s["step"] == b["chosen_step"]})
        return pd.DataFrame(rows)

    def write(self, path, force=False):
        """Writes the JSON (the layout of `regimesim discover --out`); refuses to replace
        a file unless force."""
        if os.path.exists(path) and not force:
            raise FileExistsError(f"{path} exists; pass force=True to replace it")
        tmp = os.path.join(os.path.dirname(os.path.abspath(path)), f".{os.path.basename(path)}.partial-{os.getpid()}")
        with open(tmp, "w") as f:
            json.dump(self.json, f, indent=2)
            f.write("\n")
        os.replace(tmp, path)


def discover(data, metric, above=None, below=None, inputs=None, group="WORLD", when="", statistic="mean",
             alpha=0.05, min_support=0.05, min_coverage=0.5, step=None, boxes=1):
    """Boxes of input ranges in which `metric` is above `above` (and/or below `below`).

    data: a sweep's or design's result directory (what `regimesim discover DIR` reads),
    a Result of run_design or run with a sweep (its summary), or any DataFrame with one
    column per input and the column `metric`. For a Result or a directory, `group`,
    `when` and `statistic` say which headline statistic (see Result.summary); for a
    DataFrame, `inputs` names the input columns (default: every column but `metric`).
    """
    if above is None and below is None:
        raise ValueError("give a threshold: above=X, below=X, or both")
    options = dict(alpha=alpha, min_support=min_support, min_coverage=min_coverage, step=step, boxes=boxes)
    if isinstance(data, (str, os.PathLike)):
        return Discovery(_core.discover_result(os.fspath(data), metric, above, below, group, when, statistic,
                                               **options))
    if hasattr(data, "summary") and hasattr(data, "design_keys"):  # a Result
        frame = data.summary
        rows = frame[(frame["metric"] == metric) & (frame["group"] == group)]
        if rows.empty:
            raise ValueError(f"the result has no headline {metric} for group {group}")
        whens = sorted(rows["when"].unique())
        if not when:
            if len(whens) > 1:
                raise ValueError(f"{metric} is read {len(whens)} ways; choose when= one of {whens}")
            when = whens[0]
        rows = rows[rows["when"] == when]
        if inputs is None:
            inputs = list(data.design_keys)
        words = f"{metric} ({statistic} over {data.runs} run{'s' if data.runs != 1 else ''} per point, {group}, {when})"
        return _discover_frame(rows, inputs, statistic, words, above, below, options)
    if isinstance(data, pd.DataFrame):
        if metric not in data.columns:
            raise ValueError(f"the table has no column {metric}; it has {', '.join(map(str, data.columns))}")
        if inputs is None:
            inputs = [c for c in data.columns if c != metric]
        return _discover_frame(data, inputs, metric, metric, above, below, options)
    raise TypeError("discover reads a result directory, a Result or a DataFrame")


def _cell(value):
    """An input value as the engine's case table reads it: numbers in their shortest
    exact form (read back as numbers), anything else as text (a category)."""
    return value if isinstance(value, str) else yaml_text(value)


def _discover_frame(frame, inputs, column, words, above, below, options):
    if not inputs:
        raise ValueError("no inputs to find ranges of; name them with inputs=[...]")
    missing = [c for c in inputs if c not in frame.columns]
    if missing:
        raise ValueError(f"the table has no input column {', '.join(map(str, missing))}")
    frame = frame[frame[column].notna()]
    columns = [[_cell(v) for v in frame[name]] for name in inputs]
    values = [float(v) for v in frame[column]]
    return Discovery(_core.discover_table([str(c) for c in inputs], columns, values, above, below, words, **options))
