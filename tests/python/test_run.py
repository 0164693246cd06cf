"""A run from Python gives the command line's tables for the same scenario and seed."""

import pandas.testing as pdt
import pytest

import regimesim
from conftest import TUTORIAL


def test_one_run_matches_the_command_line(cli_run):
    py = regimesim.run(TUTORIAL, {"responses.diversion.propensity": 0.4}, seed=11, steps=6)
    cli = cli_run(TUTORIAL, "--seed", 11, "--steps", 6, "--set", "responses.diversion.propensity=0.4")
    pdt.assert_frame_equal(py.timeseries, cli.table("timeseries.csv"))
    pdt.assert_frame_equal(py.statistics, cli.table("statistics.csv"))
    pdt.assert_frame_equal(py.flows, cli.table("flows.csv"))
    assert py.summary_json == cli.summary()
    assert py.timeseries["seed"].dtype == "uint64" and set(py.timeseries["seed"]) == {11}
    # the override took: with no propensity to divert, nothing leaks
    def leakage(r):
        ts = r.timeseries
        return ts[(ts.metric == "leakage") & (ts.state == "WORLD")]["value"].sum()
    longer = regimesim.run(TUTORIAL, {"responses.diversion.propensity": 0.4}, seed=11, steps=16)
    none = regimesim.run(TUTORIAL, {"responses.diversion.propensity": 0}, seed=11, steps=16)
    assert leakage(longer) > 0 and leakage(none) == 0


def test_an_ensemble_matches_whatever_the_threads(cli_run):
    py = regimesim.load(TUTORIAL).run(runs=3, threads=2, seed=5, steps=8)
    cli = cli_run(TUTORIAL, "--runs", 3, "--threads", 1, "--seed", 5, "--steps", 8)
    pdt.assert_frame_equal(py.timeseries, cli.table("timeseries.csv"))
    pdt.assert_frame_equal(py.statistics, cli.table("statistics.csv"))
    assert py.flows is None  # an ensemble has no flows.csv either
    assert py.summary_json == cli.summary()
    # summary: one row per headline, with the statistics summary.json lists
    s = py.summary
    de = s[(s.metric == "denial_effectiveness") & (s.group == "WORLD")].iloc[0]
    listed = next(m for m in cli.summary()["statistics"][0]["metrics"]
                  if m["metric"] == "denial_effectiveness" and m["group"] == "WORLD")
    assert de["mean"] == listed["mean"] and de["runs"] == 3


def test_a_sweep_matches_the_command_line(cli_run):
    py = regimesim.load(TUTORIAL).run(runs=2, steps=6, sweep={"world.states.USA.enforcement_effort": [0, 0.5, 1],
                                                              "world.coalitions.main_three.members": [["USA", "NLD"],
                                                                                                      ["USA", "NLD", "JPN"]]})
    cli = cli_run(TUTORIAL, "--runs", 2, "--steps", 6, "--sweep", "world.states.USA.enforcement_effort=0,0.5,1",
                  "--sweep", "world.coalitions.main_three.members=[USA,NLD];[USA,NLD,JPN]")
    pdt.assert_frame_equal(py.timeseries, cli.table("timeseries.csv"))
    pdt.assert_frame_equal(py.statistics, cli.table("statistics.csv"))
    assert py.design_keys == ["world.states.USA.enforcement_effort", "world.coalitions.main_three.members"]
    assert sorted(py.summary["point"].unique()) == list(range(6))


def test_a_bad_override_names_the_key_path():
    with pytest.raises(regimesim.ScenarioError, match=r"enforcement_effort.*between 0 and 1"):
        regimesim.run(TUTORIAL, {"world.states.USA.enforcement_effort": 2}, steps=6)
    with pytest.raises(ValueError):  # ScenarioError is a ValueError
        regimesim.run(TUTORIAL, {"no_such_key": 1}, steps=6)
    with pytest.raises(FileNotFoundError):
        regimesim.load("no/such/file.yaml")


def test_an_ensembles_rows_are_the_command_lines_for_the_same_options(cli_run):
    """By default an ensemble keeps each run's world rows, as `regimesim run` writes them;
    per_run, detail, metrics, states and items keep what the same options write."""
    default = regimesim.load(TUTORIAL).run(runs=2, seed=5, steps=6)
    every = regimesim.load(TUTORIAL).run(runs=2, seed=5, steps=6, per_run="all")
    ts, all_rows = default.timeseries, every.timeseries
    assert set(ts.state) <= {"WORLD", "DEVELOPING"} | {s for s in ts.state if s.startswith(("control:", "firm:"))}
    assert set(ts.item) == {"all"} and len(ts) < len(all_rows)  # the tutorial names no firm
    # the default's rows are exactly the rows of every run that are the world's
    kept = all_rows[(all_rows.item == "all") & ~all_rows.state.str.fullmatch(r"[A-Z]{3}")]
    pdt.assert_frame_equal(ts.reset_index(drop=True), kept.reset_index(drop=True))
    pdt.assert_frame_equal(default.statistics, every.statistics)  # the statistics follow detail, not per_run
    pdt.assert_frame_equal(every.timeseries, cli_run(TUTORIAL, "--runs", 2, "--seed", 5, "--steps", 6,
                                                     "--per-run", "all").table("timeseries.csv"))
    options = dict(per_run="state", detail="state", metrics=["output_loss", "denial_effectiveness"], states="CHN")
    py = regimesim.load(TUTORIAL).run(runs=2, seed=5, steps=6, **options)
    cli = cli_run(TUTORIAL, "--runs", 2, "--seed", 5, "--steps", 6, "--per-run", "state", "--detail", "state",
                  "--metrics", "output_loss,denial_effectiveness", "--states", "CHN")
    pdt.assert_frame_equal(py.timeseries, cli.table("timeseries.csv"))
    pdt.assert_frame_equal(py.statistics, cli.table("statistics.csv"))
    assert set(py.statistics.metric) == {"output_loss", "denial_effectiveness"}
    assert regimesim.load(TUTORIAL).run(runs=2, steps=6, per_run="none").timeseries is None
    with pytest.raises(regimesim.ScenarioError, match="per_run"):
        regimesim.load(TUTORIAL).run(runs=2, steps=6, per_run="everything")
    with pytest.raises(regimesim.ScenarioError, match="no_such_metric"):
        regimesim.load(TUTORIAL).run(runs=2, steps=6, metrics="no_such_metric")
