"""regimesim from Python: load a scenario, run it, and read its results as pandas
DataFrames, with the values the command line writes for the same scenario and seed.

    import regimesim
    sc = regimesim.load("scenarios/tutorial/small-circle.yaml", {"steps": 12})
    result = sc.run(runs=20, threads=2, seed=7)
    result.statistics            # statistics.csv, as a DataFrame
    regimesim.run_design("scenarios/tutorial/small-circle.yaml",
                         [{"responses.diversion.propensity": p} for p in (0.2, 0.5, 0.8)])

docs/PYTHON.md describes the API; every call that runs releases the GIL and stops
cleanly on Ctrl-C (KeyboardInterrupt).
"""

import json
import os

import pandas as pd

from . import _core
from ._core import ScenarioError
from ._discovery import Discovery, discover
from ._frames import headlines_frame, read_table, summary_frame
from ._values import design_points, set_options, yaml_text

__version__ = _core.version
__all__ = ["Scenario", "Result", "load", "run", "run_design", "compare", "discover", "Discovery", "ScenarioError"]


class Result:
    """The tables of a run, an ensemble, a sweep or a design, as DataFrames:

    - timeseries: each run's rows (timeseries.csv): scenario, run, seed, [design keys], step, state, item, metric,
      value, ...; of an ensemble or design, the rows `per_run` keeps (world by default, as `regimesim run`
      writes them); None with per_run="none"
    - statistics: per point, step and row, over the runs (statistics.csv)
    - summary: per point and headline metric, over the runs (summary.json's statistics)
    - headlines: the headlines of run 0 of the first point
    - flows: the bilateral flows of a single run (flows.csv), else None
    - summary_json: summary.json as a dict
    """

    def __init__(self, raw, design_keys, runs):
        self._raw = raw
        self.design_keys = list(design_keys)
        self.runs = runs
        self.summary_json = json.loads(raw["summary"])
        self._frames = {}

    def _frame(self, name, make):
        if name not in self._frames:
            self._frames[name] = make()
        return self._frames[name]

    @property
    def timeseries(self):
        if not self._raw["timeseries"]:
            return None  # per_run="none"
        return self._frame("timeseries", lambda: read_table(self._raw["timeseries"]))

    @property
    def statistics(self):
        return self._frame("statistics", lambda: read_table(self._raw["statistics"]))

    @property
    def flows(self):
        return self._frame("flows", lambda: read_table(self._raw["flows"]))

    @property
    def summary(self):
        return self._frame("summary", lambda: summary_frame(self.summary_json))

    @property
    def headlines(self):
        return self._frame("headlines", lambda: headlines_frame(self.summary_json))

    def __repr__(self):
        points = len(self.summary_json.get("statistics", [])) or 1
        return f"<regimesim.Result: {self.summary_json.get('scenario')}, {points} point(s) x {self.runs} run(s)>"


def _row_options(per_run, detail, metrics, states, items):
    """The rows each table keeps, as `regimesim run --per-run --detail --metrics --states --items`."""
    def names(value):
        if value is None:
            return []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    if per_run not in (None, "world", "state", "item", "all", "none"):
        raise ScenarioError(f"per_run: {per_run!r} is not one of world, state, item, all, none")
    return [detail or "", names(metrics), names(states), names(items), per_run or ""]


def _run_options(seed, steps):
    options = []
    if seed is not None:
        options.append(f"seed={int(seed)}")
    if steps is not None:
        options.append(f"steps={int(steps)}")
    return options


class Scenario:
    """A scenario file with overrides ({key.path: value}, the keys `--set` takes).
    Running checks it: a bad key or value raises ScenarioError naming where, before
    anything runs."""

    def __init__(self, path, overrides=None):
        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise FileNotFoundError(f"{self.path}: no such scenario file")
        self.overrides = dict(overrides or {})

    def run(self, runs=1, threads=0, seed=None, steps=None, sweep=None, flows="controlled", per_run=None, detail=None,
            metrics=None, states=None, items=None):
        """Runs `runs` replicates (of every point of `sweep`, {key.path: [values]}, the
        product as with --sweep) on `threads` threads (0: all); returns a Result.

        The rows kept are those `regimesim run` writes with the same options: `per_run`
        (world, state, item, all or none; default world) for an ensemble's timeseries,
        `detail` (world, state, item; default item) for the statistics and a single run's
        timeseries, and `metrics`, `states`, `items` (names or lists of names) for both.
        An ensemble's runs are folded into the statistics as they finish, so only the
        rows `per_run` keeps stay in memory."""
        sweeps = []
        for key, values in (sweep or {}).items():
            sweeps.append(f"{key}=" + "; ".join(yaml_text(v) for v in values))
        raw = _core.run_design(self.path, set_options(self.overrides) + _run_options(seed, steps), sweeps, [], [], [],
                               [], int(runs), int(threads), flows,
                               *_row_options(per_run, detail, metrics, states, items))
        _raise_if_interrupted(raw)
        summary = json.loads(raw["summary"])
        return Result(raw, summary.get("sweep", {}).get("keys", []), int(runs))

    def run_design(self, design, runs=1, threads=0, seed=None, steps=None, per_run=None, detail=None, metrics=None,
                   states=None, items=None):
        """Runs every point of `design`: a list of dicts {key.path: value}, or a
        DataFrame with one column per key path (a scipy.stats.qmc sample scaled to
        the ranges, as it comes). Each point is loaded as --set would load it. The rows
        kept: as run()."""
        keys, options, cells, values = design_points(design)
        raw = _core.run_design(self.path, set_options(self.overrides) + _run_options(seed, steps), [], options, keys,
                               cells, values, int(runs), int(threads), "none",
                               *_row_options(per_run, detail, metrics, states, items))
        _raise_if_interrupted(raw)
        return Result(raw, keys, int(runs))

    def __repr__(self):
        return f"<regimesim.Scenario {self.path} {self.overrides}>"


def _raise_if_interrupted(raw):
    if raw["interrupted"]:
        raise KeyboardInterrupt(f"interrupted after {raw['runs_complete']} of {raw['runs_total']} runs")


def load(path, overrides=None):
    """A scenario file with overrides (a dict {key.path: value})."""
    return Scenario(path, overrides)


def run(path, overrides=None, **options):
    """load(path, overrides).run(**options)."""
    return load(path, overrides).run(**options)


def run_design(path, design, overrides=None, **options):
    """load(path, overrides).run_design(design, **options)."""
    return load(path, overrides).run_design(design, **options)


def compare(scenarios, overrides=None, runs=1, threads=0, seed=None, steps=None):
    """Each scenario (a path or a Scenario) run beside its baseline: one row per
    scenario and headline metric, with its statistics over `runs` runs (with one run,
    `mean` is the value `regimesim compare` prints)."""
    frames = []
    for sc in scenarios:
        if not isinstance(sc, Scenario):
            sc = Scenario(sc, overrides)
        elif overrides:
            sc = Scenario(sc.path, {**sc.overrides, **overrides})
        # Only the summary is read: no run's rows are kept.
        result = sc.run(runs=runs, threads=threads, seed=seed, steps=steps, flows="none", per_run="none",
                        detail="world")
        frame = result.summary.drop(columns=["point"])
        frame.insert(0, "scenario", result.summary_json.get("scenario"))
        frame.insert(1, "file", sc.path)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)
