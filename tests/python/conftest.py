"""What every Python test shares: the regimesim command built beside the module, the
source tree's scenarios, and the command line's own result for a scenario and seed."""

import json
import os
import subprocess

import pandas as pd
import pytest

from regimesim._frames import with_seeds

BIN = os.environ.get("REGIMESIM_BIN", "regimesim")
SOURCE = os.environ.get("REGIMESIM_SOURCE", os.path.join(os.path.dirname(__file__), "..", ".."))
# A small world (4 states, a few firms) whose runs take a fraction of a second.
TUTORIAL = os.path.join(SOURCE, "scenarios", "tutorial", "diversion-and-enforcement.yaml")


def cli(*args, check=True):
    """Runs the regimesim command; returns the completed process."""
    p = subprocess.run([BIN, *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"regimesim {' '.join(map(str, args))} exited {p.returncode}: {p.stderr}")
    return p


class CliResult:
    """A result directory the command line wrote, read as the module's tables are."""

    def __init__(self, path):
        self.path = path

    def table(self, name):
        return with_seeds(pd.read_csv(os.path.join(self.path, name), dtype={"seed": str, "state": str, "item": str},
                                      keep_default_na=False, na_values=[""]))

    def summary(self):
        with open(os.path.join(self.path, "summary.json")) as f:
            return json.load(f)


@pytest.fixture
def cli_run(tmp_path):
    """cli_run(scenario, *options) -> the CliResult of `regimesim run scenario --out DIR --quiet *options`: the
    module's defaults are the command line's, so the same options give the same tables."""
    count = [0]

    def run(scenario, *options):
        count[0] += 1
        out = tmp_path / f"cli{count[0]}"
        cli("run", scenario, "--out", out, "--quiet", *options)
        return CliResult(str(out))

    return run
