"""Who has to join? The small circle's control on chip-making equipment to China, issued
by coalitions of different members: what each denies China over time, with the spread
of its runs, drawn with matplotlib.

    PYTHONPATH=build/release/python python3 examples/coalition_sweep.py --out coalition.png
"""

import argparse

import matplotlib

matplotlib.use("Agg")  # writes a file; no display needed
import matplotlib.pyplot as plt

import regimesim

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--scenario", default="scenarios/small-circle-chip-equipment.yaml")
parser.add_argument("--coalition", default="chip_trio", help="the id of the coalition whose members vary")
parser.add_argument("--members", nargs="+", default=["USA", "USA,NLD", "USA,JPN", "USA,NLD,JPN", "USA,NLD,JPN,KOR,DEU"],
                    help="member lists to try, each comma-separated")
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--steps", type=int, default=None)
parser.add_argument("--out", default="coalition_sweep.png")
args = parser.parse_args()

key = f"world.coalitions.{args.coalition}.members"
memberships = [m.split(",") for m in args.members]
result = regimesim.load(args.scenario).run(runs=args.runs, steps=args.steps, sweep={key: memberships})

# The world's denial of what the controls aim at, per step: mean and 5-95% of the runs.
stats = result.statistics
denial = stats[(stats.metric == "denial_effectiveness") & (stats.state == "WORLD") & (stats.item == "all")]
fig, (over_time, at_end) = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [3, 2]})
for members, rows in denial.groupby(key, sort=False):
    line, = over_time.plot(rows.step, rows["mean"], label=members, linewidth=2)
    over_time.fill_between(rows.step, rows.q05, rows.q95, color=line.get_color(), alpha=0.15)
over_time.set(xlabel="month", ylabel="share of the controlled items denied",
              title="What the coalition denies China, month by month")
over_time.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
over_time.legend(title="members", fontsize=8)

# The headline at the horizon, with its 95% interval over the runs.
s = result.summary
head = s[(s.metric == "denial_effectiveness") & (s.group == "WORLD")]
labels = [", ".join(m) for m in head[key]]
at_end.barh(labels, head["mean"], xerr=[head["mean"] - head.ci95_low, head.ci95_high - head["mean"]], color="#4c78a8")
at_end.set(xlabel=f"denied at the horizon: mean and 95% interval of {args.runs} runs",
           title="At the end")
at_end.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
at_end.invert_yaxis()
fig.tight_layout()
fig.savefig(args.out, dpi=120)
print(head[[key, "mean", "ci95_low", "ci95_high"]].to_string(index=False))
print(f"wrote {args.out}")
