"""compare gives, with one run, the values `regimesim compare` writes."""

import os

import pandas as pd

import regimesim
from conftest import SOURCE, cli

SCENARIOS = [os.path.join(SOURCE, "scenarios", "tutorial", f"small-circle-{k}.yaml") for k in ("unilateral", "coalition")]


def test_compare_matches_the_command_line(tmp_path):
    py = regimesim.compare(SCENARIOS)
    cli("compare", *SCENARIOS, "--out", tmp_path / "c")
    theirs = pd.read_csv(tmp_path / "c" / "comparison.csv")
    assert list(py["scenario"].unique()) == list(theirs["scenario"].unique())
    checked = 0
    for _, row in theirs.iterrows():
        if row["group"].startswith("firm:"):
            continue  # a named firm's rows are compare's own, not headlines
        if row["metric"] == "output_loss":  # the world's output over the run
            mine = py[(py.scenario == row["scenario"]) & (py.metric == "output_loss") & (py.when == "over the run")]
        else:
            mine = py[(py.scenario == row["scenario"]) & (py.metric == row["metric"]) & (py.group == row["group"])
                      & (py.when == row["when"])]
        assert len(mine) == 1, row.to_dict()
        assert mine.iloc[0]["mean"] == row["value"]
        checked += 1
    assert checked >= 4


def test_compare_with_runs_gives_intervals():
    py = regimesim.compare(SCENARIOS[:1], runs=3, steps=6)
    assert set(py["runs"]) <= {3} | set(range(4)) and (py["ci95_low"] <= py["ci95_high"]).all()
