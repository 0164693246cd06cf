"""Scenario discovery: on a table whose answer is known by construction, and on a real
sweep, where the command line and Python agree and the box's coverage and density,
counted here from summary.json, are the ones printed."""

import json
import os

import numpy as np
import pandas as pd
import pytest

import regimesim
from conftest import TUTORIAL, cli

EFFORT = "world.states.USA.enforcement_effort"
PROPENSITY = "responses.diversion.propensity"


def limits(d, box=1):
    b = d.boxes
    return {r["input"]: r for _, r in b[b.box == box].iterrows()}


def test_the_box_known_by_construction_is_found():
    rng = np.random.default_rng(1)
    x = pd.DataFrame(rng.uniform(size=(1000, 3)), columns=["x1", "x2", "x3"])
    x["y"] = ((x.x1 > 0.6) & (x.x2 < 0.3)).astype(float)
    d = regimesim.discover(x, "y", above=0.5)
    lim = limits(d)
    assert lim["x1"]["low"] == pytest.approx(0.6, abs=0.03) and pd.isna(lim["x1"]["high"])
    assert lim["x2"]["high"] == pytest.approx(0.3, abs=0.03)
    assert not lim["x3"]["restricted"]
    box = d.json["boxes"][0]
    assert box["density"] > 0.95 and box["coverage"] > 0.9
    assert "x1: at least" in d.text and "not restricted: x3" in d.text
    # a category: the coalition that holds, and a range
    x["coalition"] = np.where(np.arange(1000) % 2, "[USA, NLD]", "[USA, NLD, JPN]")
    x["z"] = ((x.coalition == "[USA, NLD, JPN]") & (x.x1 > 0.5)).astype(float)
    d = regimesim.discover(x, "z", above=0.5, inputs=["coalition", "x1", "x2"])
    lim = limits(d)
    assert list(lim["coalition"]["kept"]) == ["[USA, NLD, JPN]"]
    assert lim["x1"]["low"] == pytest.approx(0.5, abs=0.03) and not lim["x2"]["restricted"]


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "s"
    cli("run", TUTORIAL, "--steps", 24, "--runs", 2, "--sweep", f"{EFFORT}=0:1:0.25", "--sweep", f"{PROPENSITY}=0:1:0.25",
        "--out", out, "--quiet")
    return str(out)


def denial_by_point(sweep):
    s = json.load(open(os.path.join(sweep, "summary.json")))
    rows = []
    for p in s["statistics"]:
        m = next(m for m in p["metrics"] if m["metric"] == "denial_effectiveness" and m["group"] == "WORLD")
        rows.append({EFFORT: p["sweep"][EFFORT], PROPENSITY: p["sweep"][PROPENSITY], "mean": m["mean"]})
    return pd.DataFrame(rows)


def test_a_real_sweep_the_command_line_and_python_agree(sweep, tmp_path):
    points = denial_by_point(sweep)
    threshold = 0.3  # diversion defeats the control in most of the grid, not in all of it
    assert 0 < (points["mean"] > threshold).sum() < len(points)
    p = cli("discover", sweep, "--metric", "denial_effectiveness", "--above", threshold, "--out", tmp_path / "d.json")
    assert "coverage" in p.stdout and "density" in p.stdout and "Peeling trajectory" in p.stdout
    theirs = json.load(open(tmp_path / "d.json"))
    mine = regimesim.discover(sweep, "denial_effectiveness", above=threshold)
    assert mine.json["boxes"] == theirs["boxes"] and mine.json["inputs"] == theirs["inputs"]
    assert theirs["cases"] == 25 and theirs["holds"] == int((points["mean"] > threshold).sum())
    # the printed coverage and density, counted from summary.json for the box's limits
    box = theirs["boxes"][0]
    inside = pd.Series(True, index=points.index)
    for lim in box["limits"]:
        v = points[lim["input"]]
        if lim["low"] is not None:
            inside &= v >= lim["low"]
        if lim["high"] is not None:
            inside &= v <= lim["high"]
    holds = points["mean"] > threshold
    assert box["cases"] == inside.sum()
    assert box["density"] == pytest.approx((holds & inside).sum() / inside.sum())
    assert box["coverage"] == pytest.approx((holds & inside).sum() / holds.sum())


def test_discover_on_a_design_result():
    design = [{EFFORT: e, PROPENSITY: p} for e in (0, 0.5, 1) for p in (0.2, 0.8)]
    result = regimesim.run_design(TUTORIAL, design, steps=6)
    d = regimesim.discover(result, "denial_effectiveness", below=1.0)  # every point: one box, everything
    assert d.json["cases"] == 6
    t = d.trajectory
    assert t.iloc[0]["coverage"] == 1.0 and t.iloc[0]["support"] == 1.0


def test_discover_refuses_what_it_must(sweep, tmp_path):
    p = cli("discover", sweep, "--metric", "denial_effectiveness", check=False)
    assert p.returncode == 2 and "--above" in p.stderr
    p = cli("discover", sweep, "--metric", "no_such_metric", "--above", 0.5, check=False)
    assert p.returncode == 2 and "denial_effectiveness" in p.stderr  # lists what the result has
    p = cli("discover", sweep, "--metric", "output_loss", "--above", 0.1, check=False)
    assert p.returncode == 2 and "--when" in p.stderr
    # --out: never inside a result, never over a file, without --force; nothing else written
    before = sorted(os.listdir(sweep))
    p = cli("discover", sweep, "--metric", "denial_effectiveness", "--above", 0.5, "--out", os.path.join(sweep, "d.json"),
            check=False)
    assert p.returncode == 2 and "inside the result directory" in p.stderr and sorted(os.listdir(sweep)) == before
    (tmp_path / "x.json").write_text("keep")
    p = cli("discover", sweep, "--metric", "denial_effectiveness", "--above", 0.5, "--out", tmp_path / "x.json",
            check=False)
    assert p.returncode == 2 and (tmp_path / "x.json").read_text() == "keep"
    cli("discover", sweep, "--metric", "denial_effectiveness", "--above", 0.5, "--out", tmp_path / "x.json", "--force")
    assert json.load(open(tmp_path / "x.json"))["outcome"]["metric"] == "denial_effectiveness"
    assert sorted(os.listdir(tmp_path)) == ["x.json"]  # no staging file left
    one = tmp_path / "one"
    cli("run", TUTORIAL, "--steps", 6, "--out", one, "--quiet")
    p = cli("discover", one, "--metric", "denial_effectiveness", "--above", 0.5, check=False)
    assert p.returncode == 2 and "no sweep" in p.stderr
