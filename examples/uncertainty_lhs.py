"""Where does diversion defeat the control? A Latin-hypercube design over three
uncertain parameters (scipy.stats.qmc), run as it comes, then the boxes of parameter
ranges in which the control still denies most of what it aims at (PRIM).

    PYTHONPATH=build/release/python python3 examples/uncertainty_lhs.py --points 40 --out lhs.png
"""

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from scipy.stats import qmc

import regimesim

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--scenario", default="scenarios/diversion-and-enforcement.yaml")
parser.add_argument("--points", type=int, default=40)
parser.add_argument("--steps", type=int, default=None)
parser.add_argument("--front", default="HKG", help="the state whose cooperation with enforcement is uncertain")
parser.add_argument("--above", type=float, default=0.5, help="the outcome: denial_effectiveness above this")
parser.add_argument("--out", default="uncertainty_lhs.png")
args = parser.parse_args()

# The uncertain parameters and their plausible ranges.
ranges = {
    "responses.diversion.propensity": (0.0, 1.0),
    "world.states.USA.enforcement_effort": (0.0, 1.0),
    f"world.states.{args.front}.cooperation": (0.0, 1.0),
}
sample = qmc.LatinHypercube(d=len(ranges), seed=2026).random(n=args.points)
low, high = zip(*ranges.values())
design = pd.DataFrame(qmc.scale(sample, low, high), columns=list(ranges))

result = regimesim.run_design(args.scenario, design, steps=args.steps)
s = result.summary
denial = s[(s.metric == "denial_effectiveness") & (s.group == "WORLD")]

found = regimesim.discover(result, "denial_effectiveness", above=args.above, boxes=2)  # a second box on what the first leaves
print(found)

# Drawn over the two inputs the box restricts most (the first two when it restricts fewer).
box = found.boxes[found.boxes.box == 1].set_index("input") if found.json["boxes"] else None
restricted = [k for k in ranges if box is not None and box.loc[k, "restricted"]]
x, y = (restricted + [k for k in ranges if k not in restricted])[:2]
fig, ax = plt.subplots(figsize=(6.4, 5))
points = ax.scatter(denial[x], denial[y], c=denial["mean"], cmap="viridis", vmin=0, vmax=1, s=40)
fig.colorbar(points, label="share of the controlled items denied at the horizon")
frames, labels = [], []
for n, spec in enumerate(found.json["boxes"], start=1):
    limits = found.boxes[found.boxes.box == n].set_index("input")

    def bounds(k):
        low, high = limits.loc[k, "low"], limits.loc[k, "high"]
        return (ranges[k][0] if pd.isna(low) else low), (ranges[k][1] if pd.isna(high) else high)

    (x0, x1), (y0, y1) = bounds(x), bounds(y)
    frame = plt.Rectangle((x0, y0), x1 - x0, y1 - y0, fill=False, edgecolor=["crimson", "darkorange"][n - 1],
                          linewidth=2, linestyle=["-", "--"][n - 1])
    ax.add_patch(frame)
    frames.append(frame)
    labels.append(f"box {n}: coverage {spec['coverage']:.2f}, density {spec['density']:.2f}")
if frames:
    ax.legend(frames, labels, title=f"denial > {args.above:g}", loc="upper right", fontsize=8, framealpha=0.9)
ax.set(xlabel=x, ylabel=y, xlim=ranges[x], ylim=ranges[y], title=f"{args.points} Latin-hypercube points")
fig.tight_layout()
fig.savefig(args.out, dpi=120)
print(f"wrote {args.out}")
