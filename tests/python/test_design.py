"""A design given as a list of dicts or a DataFrame: each point is the run the command
line makes with that point's values given by --set; a design that lists a sweep's
product gives the sweep's tables."""

import pandas as pd
import pytest
import pandas.testing as pdt
from scipy.stats import qmc

import regimesim
from conftest import TUTORIAL

EFFORT = "world.states.USA.enforcement_effort"
MEMBERS = "world.coalitions.main_three.members"


def test_a_design_listing_a_sweeps_product_gives_the_sweeps_tables(cli_run):
    design = [{EFFORT: e, MEMBERS: m} for e in (0, 0.5) for m in (["USA", "NLD"], ["USA", "NLD", "JPN"])]
    py = regimesim.run_design(TUTORIAL, design, runs=2, steps=6)
    cli = cli_run(TUTORIAL, "--runs", 2, "--steps", 6, "--sweep", f"{EFFORT}=0,0.5",
                  "--sweep", f"{MEMBERS}=[USA,NLD];[USA,NLD,JPN]")
    pdt.assert_frame_equal(py.timeseries, cli.table("timeseries.csv"))
    pdt.assert_frame_equal(py.statistics, cli.table("statistics.csv"))
    assert py.summary_json["statistics"] == cli.summary()["statistics"]


def test_a_latin_hypercube_design_runs_as_it_comes(cli_run):
    sample = qmc.LatinHypercube(d=2, seed=3).random(n=4)
    scaled = qmc.scale(sample, [0.0, 0.1], [1.0, 0.9])
    design = pd.DataFrame(scaled, columns=[EFFORT, "responses.diversion.propensity"])
    py = regimesim.run_design(TUTORIAL, design, steps=6, seed=9, per_run="all")  # each point's every row
    s = py.summary
    assert sorted(s["point"].unique()) == [0, 1, 2, 3]
    # each point's inputs are in its rows, exactly as given
    first = s[s.point == 2].iloc[0]
    assert first[EFFORT] == design.iloc[2][EFFORT]
    # point 2 is the command line's run with point 2's values set
    cli = cli_run(TUTORIAL, "--steps", 6, "--seed", 9, "--set", f"{EFFORT}={design.iloc[2][EFFORT]!r}",
                  "--set", f"responses.diversion.propensity={design.iloc[2]['responses.diversion.propensity']!r}")
    ts = py.timeseries
    third = ts[EFFORT].unique()[2]  # points come in design order
    assert third == pytest.approx(design.iloc[2][EFFORT], rel=1e-15)
    mine = ts[ts[EFFORT] == third].drop(columns=[EFFORT, "responses.diversion.propensity"])
    pdt.assert_frame_equal(mine.reset_index(drop=True), cli.table("timeseries.csv"))


def test_a_design_point_missing_a_key_is_refused():
    with pytest.raises(ValueError, match="point 0 has no value for responses.diversion.propensity"):
        regimesim.run_design(TUTORIAL, [{EFFORT: 0.1}, {"responses.diversion.propensity": 0.2}], steps=6)
    with pytest.raises(regimesim.ScenarioError, match="between 0 and 1"):
        regimesim.run_design(TUTORIAL, [{EFFORT: 0.1}, {EFFORT: 3}], steps=6)
