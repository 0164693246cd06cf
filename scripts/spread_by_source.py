#!/usr/bin/env python3
"""How much of an ensemble's spread comes from the world's draw and how much from the run.

Usage: spread_by_source.py RUN_DIR WORLD_DIR [METRIC ...]

RUN_DIR is `regimesim run SCENARIO --runs N --out RUN_DIR` (one world, N run seeds);
WORLD_DIR is the same with `--vary world` (each run also draws its own world). For each
headline metric's world row at the last step, by the law of total variance
    Var(total) = E[Var(run | world)] + Var(E[. | world]),
the run's part is estimated by the variance over runs on the one world and the world's part
by what is left: world share = 1 - sd_run^2 / sd_total^2 (floored at 0; with 20 runs each
sd is itself uncertain by about 16%, so shares near 0 or 1 are rough).
"""
import csv, sys

DEFAULT = ["denial_effectiveness", "substitution_share", "target_indigenous_share", "controller_revenue_loss",
           "output_loss", "leakage", "diverted_trade", "collateral_denial"]

def last_step_sd(path):
    rows = list(csv.DictReader(open(f"{path}/statistics.csv")))
    last = max(int(r["step"]) for r in rows)
    return {r["metric"]: float(r["sd"]) for r in rows
            if int(r["step"]) == last and r["state"] == "WORLD" and r["item"] == "all"}, last

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    run, step = last_step_sd(sys.argv[1])
    world, _ = last_step_sd(sys.argv[2])
    metrics = sys.argv[3:] or DEFAULT
    print(f"metric (world row, step {step})   sd over runs   sd over runs and worlds   share from the world")
    for m in metrics:
        if m not in run or m not in world:
            continue
        total = world[m]
        share = max(0.0, 1 - run[m] ** 2 / total ** 2) if total > 0 else 0.0
        print(f"{m:<34} {run[m]:>12.4g}   {total:>23.4g}   {100 * share:>19.0f}%")

main()
