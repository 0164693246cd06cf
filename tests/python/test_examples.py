"""The two examples run end to end, quickly, on the tutorial's small worlds, and draw."""

import os
import subprocess
import sys

from conftest import SOURCE, TUTORIAL

EXAMPLES = os.path.join(SOURCE, "examples")


def run_example(name, *args):
    p = subprocess.run([sys.executable, os.path.join(EXAMPLES, name), *map(str, args)], capture_output=True, text=True,
                       cwd=SOURCE)
    assert p.returncode == 0, p.stderr
    return p.stdout


def is_png(path):
    with open(path, "rb") as f:
        return f.read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(path) > 10000


def test_the_coalition_sweep_draws_a_line_per_membership(tmp_path):
    out = tmp_path / "coalition.png"
    text = run_example("coalition_sweep.py", "--scenario", "scenarios/tutorial/small-circle-coalition.yaml",
                       "--coalition", "main_three", "--members", "USA", "USA,NLD,JPN", "--runs", 2, "--steps", 8,
                       "--out", out)
    assert is_png(out)
    assert "[USA]" in text and "[USA, NLD, JPN]" in text


def test_the_latin_hypercube_design_finds_a_box(tmp_path):
    out = tmp_path / "lhs.png"
    text = run_example("uncertainty_lhs.py", "--scenario", TUTORIAL, "--front", "ARE", "--points", 12, "--steps", 8,
                       "--above", 0.3, "--out", out)
    assert is_png(out)
    assert "holds in" in text and "wrote" in text
