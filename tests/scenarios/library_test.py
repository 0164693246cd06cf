#!/usr/bin/env python3
"""The scenario library in scenarios/: every file passes `regimesim check`, runs its horizon, and
ends inside the ranges its teaching note documents.

Usage: library_test.py REGIMESIM SOURCE_DIR GROUP
GROUP is one of: check, baseline, flagship, nonproliferation, entity-list, retaliation, diversion, quota, own-item,
firm-answers (the hand-sized tutorials of the firms' answers: capacity expansion, starved buyers),
control-terms (the hand-sized tutorials of a control's wind-down and named exemption, and of the
foreign direct product rule over two stages).

The checks and runs use a smaller world than the default (1 firm per producing state and item
instead of 10, and 12 steps instead of 24, 18 for the retaliation) so that the suite stays within a couple of minutes
under AddressSanitizer at -O0; the expectations below hold at every scale (docs/FLAGSHIP.md).
"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import yaml

LIBRARY = ["baseline", "wmd-catch-all-1540", "unilateral-entity-list", "unilateral-chip-equipment",
           "small-circle-chip-equipment", "regime-wide-chip-equipment", "peaceful-use-cooperation",
           "retaliation-critical-minerals", "diversion-and-enforcement", "critical-mineral-quota", "regime-veto"]
SMALL = ["--set", "world.generate.firms_per_state=1"]
# The advanced-node tools the flagship's controls name (the mature-node twins stay uncontrolled).
EQUIPMENT = ["lithography_euv", "lithography_duv_advanced", "deposition_equipment_advanced", "etch_clean_equipment_advanced",
             "process_control_equipment_advanced"]
failures = []


def expect(what, ok):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


class Run:
    """One `regimesim run` of a library scenario at the test scale, its timeseries indexed."""

    def __init__(self, binary, src, work, scenario, steps, extra=(), small=True):
        out = os.path.join(work, scenario.replace("/", "-") + "-" + str(abs(hash(tuple(extra)))))
        self.out = out
        cmd = [binary, "run", os.path.join(src, "scenarios", scenario + ".yaml"), "--out", out,
               "--set", f"steps={steps}", *(SMALL if small else ()), *extra]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        expect(f"{scenario}: runs its {steps} steps (exit 0)", proc.returncode == 0)
        if proc.returncode != 0:
            print(proc.stderr)
        self.steps = steps
        self.rows = {}
        path = os.path.join(out, "timeseries.csv")
        if os.path.exists(path):
            with open(path, newline="") as f:
                for r in csv.DictReader(f):
                    self.rows[(int(r["step"]), r["state"], r["item"], r["metric"])] = float(r["value"])
        expect(f"{scenario}: every step is in timeseries.csv",
               {k[0] for k in self.rows} == set(range(steps)))

    def get(self, step, state, item, metric, default=None):
        return self.rows.get((step, state, item, metric), default)

    def world(self, metric, step=None):
        return self.get(self.steps - 1 if step is None else step, "WORLD", "all", metric)

    def total(self, state, item, metric):
        return sum(v for (s, st, it, m), v in self.rows.items() if st == state and it == item and m == metric)

    def metric_rows(self, metric):
        return [(k, v) for k, v in self.rows.items() if k[3] == metric]


def receipts_never_rise(run, name, start=3, per_item=True):
    # A control never raises what its targets receive of a controlled item. Receipts in one step can
    # exceed the baseline while a buyer refills its inventory after a shortage, so the check is on
    # the run from the control's start: the receipts summed over those steps stay at or below the
    # baseline's, i.e. the mean of the per-(state, item) denial is not below zero.
    # per_item=False checks each target state's receipts of all controlled items together: a buyer
    # cut off from one input still orders the others for all the demand it faces, so it can receive
    # more of a still-available controlled input than in the baseline (docs/FLAGSHIP.md, "limits").
    by_pair = {}
    for (step, state, item, metric), v in run.metric_rows("denial_effectiveness"):
        if (item != "all") == per_item and state not in ("WORLD", "DEVELOPING") and not state.startswith("control:") \
                and step >= start:
            by_pair.setdefault((state, item), []).append(v)
    # An item the issuers do not make (EUV under a US-only control) is not denied, but its receipts can
    # still move by about 1e-8 of the baseline through the buyer's other inputs: hence the tolerance.
    means = {k: sum(v) / len(v) for k, v in by_pair.items()}
    worst = min(means.items(), key=lambda kv: kv[1]) if means else None
    expect(f"{name}: targets receive no more of a controlled item over the run than in the baseline"
           f" (lowest mean denial {worst[1]:.3g} for {worst[0]})" if worst else f"{name}: has denial rows",
           worst is not None and worst[1] >= -1e-6)
    # The same for the world row (or, where controls push in opposite directions and have no world row,
    # each control's row), over the run: in a single month it can dip below zero while re-sourced
    # suppliers refill the buyers' inventories after the first shortage.
    world = [v for (step, state, item, metric), v in run.metric_rows("denial_effectiveness")
             if (state == "WORLD" or state.startswith("control:")) and step > start]
    expect(f"{name}: world denial over the run, once the control applies, is not below zero"
           f" ({sum(world) / len(world) if world else float('nan'):.3g})",
           world and sum(world) / len(world) >= -1e-6)


def covered_share(src, issuers):
    """China's equipment supply from the issuers, by the production shares alone: for each tool,
    the issuers' world share (China's own makers are never covered: a sale at home is not an
    export), weighted by how much of each tool China's fabs use (recipes of the fabs)."""
    data = os.path.join(src, "scenarios", "data")
    prod = yaml.safe_load(open(os.path.join(data, "production.yaml")))["world"]["generate"]["production"]
    items = {i["id"]: i for i in yaml.safe_load(open(os.path.join(data, "items.yaml")))["world"]["items"]}
    use = {e: sum((items[b].get("recipe") or {}).get(e, 0) * prod[b].get("CHN", 0) for b in items if b in prod)
           for e in EQUIPMENT}
    return sum(use[e] * sum(v for c, v in prod[e].items() if c in issuers and c != "CHN") for e in EQUIPMENT) / sum(use.values())


def main():
    binary, src, group = sys.argv[1], sys.argv[2], sys.argv[3]
    work = tempfile.mkdtemp()
    if group == "check":
        for name in LIBRARY:
            path = os.path.join(src, "scenarios", name + ".yaml")
            proc = subprocess.run([binary, "check", path, *SMALL], capture_output=True, text=True)
            expect(f"{name}: regimesim check exits 0", proc.returncode == 0)
            note = os.path.join(src, "scenarios", name + ".md")
            expect(f"{name}: has a teaching note beside it", os.path.exists(note))
        proc = subprocess.run([binary, "check", os.path.join(src, "scenarios", "baseline.yaml"), *SMALL],
                              capture_output=True, text=True)
        expect("the default world has 79 states and 75 items; at 1 firm per producing state and item, 1,622 + 3 firms",
               "79 states, 75 items, 1625 firms" in proc.stdout)
        expect("the default world starts in equilibrium (Leontief residual printed)", "Leontief residual" in proc.stdout)
        # regime-veto.md: mature logic chips, which China buys about half of, are vetoed in every draw
        # of the world (the member who vetoes depends on the draw); the circle has no vote.
        proc = subprocess.run([binary, "check", os.path.join(src, "scenarios", "regime-veto.yaml"), *SMALL],
                              capture_output=True, text=True)
        expect("regime-veto: some member vetoes mature logic chips, and fewer than 6 of 6 items are adopted",
               "vetoes logic_chips_mature" in proc.stdout and "of 6 proposed items adopted" in proc.stdout
               and "6 of 6 proposed" not in proc.stdout)
        proc = subprocess.run([binary, "check", os.path.join(src, "scenarios", "regime-veto-circle.yaml"), *SMALL],
                              capture_output=True, text=True)
        expect("regime-veto-circle: loads, and a coalition takes no vote", proc.returncode == 0 and "consensus" not in proc.stdout)
        # compare's table, on the tutorial whose numbers tutorial/small-circle.md works out by hand:
        # denial 0.25, 0.875 and 1; output lost over the run 0.1672, 0.6592, 0.7576; under the regime
        # nothing arrives, so the shares of what still arrives do not apply.
        trio = [os.path.join(src, "scenarios", "tutorial", f"small-circle-{k}.yaml") for k in ("unilateral", "coalition", "regime")]
        proc = subprocess.run([binary, "compare", *trio], capture_output=True, text=True)
        # row label -> the cells after it (the three scenarios, then the unit words)
        lines = {l.strip().split("  ")[0]: l.strip()[len(l.strip().split("  ")[0]):].split()
                 for l in proc.stdout.splitlines() if l.strip()}
        head = proc.stdout.splitlines()[0].split() if proc.stdout else []
        expect("compare: one column per scenario, headed by its name, each with its baseline beside it, then the unit",
               head == ["unilateral", "baseline", "coalition", "baseline", "regime", "baseline", "unit"])
        denied = lines.get("Denied: share of the target's baseline receipts cut", [])
        expect("compare: denial printed as percentages, 25.0% 87.5% 100.0%", denied[0:6:2] == ["25.0%", "87.5%", "100.0%"])
        # The fab makes 100 chips from 0.1 equipment each: 10 equipment a month at baseline.
        expect("compare: the target's baseline receipts beside the denial, 10 a month in each column",
               denied[1:6:2] == ["10", "10", "10"])
        lost = lines.get("World output lost over the run", [])
        expect("compare: world output lost 16.7% 65.9% 75.8%", lost[0:6:2] == ["16.7%", "65.9%", "75.8%"])
        home = lines.get("Of what still arrives: share from home makers", [])
        expect("compare: '-' where a metric does not apply", home[0:6:2] == ["0%", "0%", "-"])
        expect("compare: rows grouped under plain headings",
               all(h in proc.stdout for h in ("Against what the controls aim at\n", "Non-proliferation\n", "Who else pays\n")))

    elif group == "baseline":
        run = Run(binary, src, work, "baseline", 12)
        losses = [v for k, v in run.metric_rows("output_loss")]
        expect(f"baseline: output_loss is 0 for every state, item and step ({len(losses)} rows)",
               losses and max(abs(v) for v in losses) < 1e-9)
        prices = [v for k, v in run.metric_rows("price_index")]
        expect("baseline: every price stays at 1", prices and max(abs(v - 1) for v in prices) < 1e-9)

    elif group == "flagship":
        regimes = {r["id"]: set(r["members"]) for r in yaml.safe_load(
            open(os.path.join(src, "scenarios", "data", "regimes.yaml")))["world"]["regimes"]}
        shares = {"unilateral-chip-equipment": covered_share(src, {"USA"}),
                  "small-circle-chip-equipment": covered_share(src, {"USA", "NLD", "JPN"}),
                  "regime-wide-chip-equipment": covered_share(src, regimes["wassenaar"])}
        denial = {}
        for name in shares:
            run = Run(binary, src, work, name, 12)
            receipts_never_rise(run, name)
            denial[name] = run.world("denial_effectiveness")
            print(f"  {name}: issuers' share of China's equipment supply {shares[name]:.3f}, denial at the end {denial[name]:.3f}")
            expect(f"{name}: nothing denied before the control starts", run.world("denial_effectiveness", 2) == 0)
            # The control names the advanced-node tools only: China's orders of their mature-node twins are
            # never blocked, while some of its orders of the advanced-node tools are.
            mature = sum(run.total("CHN", e.replace("_advanced", "_mature"), "blocked_trade") for e in EQUIPMENT if e.endswith("_advanced"))
            advanced = sum(run.total("CHN", e, "blocked_trade") for e in EQUIPMENT)
            expect(f"{name}: China's orders of mature-node tools are never blocked ({mature:.3g}), of advanced-node tools some are ({advanced:.3g})",
                   mature == 0 and advanced > 0)
            # ... so China's mature fabs (16% of the world's) keep working: they use no controlled tool.
            mature_fab = run.get(11, "CHN", "wafer_fabrication_mature", "output_loss", 0)
            expect(f"{name}: China's mature fabs lose less than 1% of their output ({mature_fab:.3g})", mature_fab < 0.01)
            # EUV scanners come only from NLD (production shares) and are a critical input of advanced fabs:
            # where NLD is an issuer, China's advanced fab stops; under the USA alone it keeps working.
            adv_fab = run.get(11, "CHN", "wafer_fabrication_advanced", "output_loss", 0)
            stops = name != "unilateral-chip-equipment"
            expect(f"{name}: China's advanced fab {'stops' if stops else 'keeps working'} (output lost {adv_fab:.3g})",
                   adv_fab > 0.99 if stops else adv_fab < 0.5)
        names = list(shares)
        expect("the supply shares rank the three issuers unilateral < small circle < regime",
               shares[names[0]] < shares[names[1]] < shares[names[2]])
        # The USA alone leaves NLD's and JPN's tools open; the small circle and the regime both close them.
        # (Between those two the end denial is not ordered: both deny EUV, which only NLD makes, so
        # China's advanced fab stops in both, and what else it still receives is what a fab that cannot
        # produce keeps ordering.)
        expect("denial at the end is lower under the USA alone than under the small circle or the regime",
               denial[names[0]] < denial[names[1]] and denial[names[0]] < denial[names[2]])
        # Spare capacity outside the issuers is what lets the target replace supply: under the regime,
        # almost only China's own makers remain, so at least most of the regime's share stays denied.
        expect("the regime denies at least half of what its members supplied",
               denial[names[2]] >= 0.5 * shares[names[2]])

    elif group == "nonproliferation":
        # Before month 3 nothing has changed: what arrives in month 2 is the baseline's flow (a
        # shipment takes a month, so the first month a control can change is month 4).
        catch = Run(binary, src, work, "wmd-catch-all-1540", 12)
        before = catch.world("wmd_leakage", 2)
        receipts_never_rise(catch, "wmd-catch-all-1540")
        expect(f"catch-all: WMD-risk buyers receive WMD items before it starts ({before:.4g})", before > 0)
        expect(f"catch-all: WMD items reaching WMD-risk buyers fall by at least 90% ({catch.world('wmd_leakage'):.3g} vs {before:.3g})",
               catch.world("wmd_leakage") <= 0.1 * before)
        expect("catch-all: denial at the end at least 0.9", catch.world("denial_effectiveness") >= 0.9)
        expect("catch-all: no bystander is denied (it names end uses, not states)",
               catch.total("WORLD", "all", "collateral_denial") == 0)
        peace = Run(binary, src, work, "peaceful-use-cooperation", 12)
        expect("peaceful use: the same WMD flow before its controls start", abs(peace.world("wmd_leakage", 2) - before) < 1e-12)
        receipts_never_rise(peace, "peaceful-use-cooperation")
        # Fewer issuers (the regimes' 49 members, not every state) leave more suppliers outside.
        expect(f"peaceful use: WMD items reaching WMD-risk buyers fall, but less than under the catch-all by every state"
               f" ({catch.world('wmd_leakage'):.3g} <= {peace.world('wmd_leakage'):.3g} < {before:.3g})",
               catch.world("wmd_leakage") <= peace.world("wmd_leakage") < before)
        dev = peace.total("DEVELOPING", "all", "collateral_denial")
        world = peace.total("WORLD", "all", "collateral_denial")
        expect(f"peaceful use: verification delays some civilian orders, in developing states too ({dev:.3g} of {world:.3g})",
               0 < dev <= world)
        expect("peaceful use: licence applications cost something", peace.total("WORLD", "all", "compliance_cost") > 0)

    elif group == "entity-list":
        run = Run(binary, src, work, "unilateral-entity-list", 12)
        receipts_never_rise(run, "unilateral-entity-list", per_item=False)
        expect(f"entity list: at least half of what the listed firms received is denied ({run.world('denial_effectiveness'):.3f})",
               run.world("denial_effectiveness") >= 0.5)
        expect("entity list: the listed Chinese telecom maker makes less",
               run.get(11, "CHN", "telecom_network_equipment", "output_loss", 0) > 0)
        # The five listed firms have rows of their own (firm:ID); what the controls block of their inputs is
        # part of what they block of China's (the firms are some of China's buyers), every step.
        listed = [e for e in yaml.safe_load(open(os.path.join(src, "scenarios", "unilateral-entity-list.yaml")))
                  ["controls"][0]["destinations"]["entities"]]
        firm_blocked = [sum(run.get(t, "firm:" + e, "all", "blocked_trade", 0) for e in listed) for t in range(12)]
        china_blocked = [run.get(t, "CHN", "all", "blocked_trade", 0) for t in range(12)]
        expect(f"entity list: each listed firm has its own rows ({len(listed)} firms)",
               all(run.get(11, "firm:" + e, "all", "blocked_trade") is not None for e in listed))
        expect(f"entity list: the listed firms' blocked inputs ({sum(firm_blocked):.3g} over the run) are part of China's"
               f" ({sum(china_blocked):.3g}), every step",
               sum(firm_blocked) > 0 and all(f <= c * (1 + 1e-9) + 1e-12 for f, c in zip(firm_blocked, china_blocked)))
        tel = run.get(11, "firm:" + listed[0], "telecom_network_equipment", "output_loss", 0)
        expect(f"entity list: the listed telecom maker's own output falls ({tel:.3g})", tel > 0)

    elif group == "retaliation":
        run = Run(binary, src, work, "retaliation-critical-minerals", 18)
        receipts_never_rise(run, "retaliation-critical-minerals", start=12)
        before = sum(run.get(s, "USA", "gallium", "blocked_trade", 0) for s in range(6))
        after = sum(run.get(s, "USA", "gallium", "blocked_trade", 0) for s in range(6, 18))
        expect(f"retaliation: no gallium order of the USA is blocked before China's answer, some after ({after:.3g})",
               before == 0 and after > 0)
        expect("retaliation: China's controls cost the small circle export revenue or nothing (never a negative blocked value)",
               min(v for k, v in run.metric_rows("blocked_exports")) >= 0)

    elif group == "diversion":
        low = Run(binary, src, work, "diversion-and-enforcement", 12)
        high_sets = []
        for c in ("USA", "NLD", "JPN"):
            high_sets += ["--set", f"world.states.{c}.enforcement_effort=0.95"]
        for c in ("ARE", "HKG", "SGP", "MYS", "KAZ"):
            high_sets += ["--set", f"world.states.{c}.cooperation=0.95"]
        high = Run(binary, src, work, "diversion-and-enforcement", 12, high_sets)
        leak_low, leak_high = low.total("WORLD", "all", "leakage"), high.total("WORLD", "all", "leakage")
        caught_low = low.total("WORLD", "all", "entities_listed")
        expect(f"diversion, low enforcement: something leaks through fronts ({leak_low:.3g}) and some fronts are caught ({caught_low:g})",
               leak_low > 0 and caught_low > 0)
        expect(f"diversion, high enforcement: less leaks ({leak_high:.3g} < {leak_low:.3g})", leak_high < leak_low)
        expect("diversion: leakage equals the trade diverted through fronts (world rows)",
               abs(leak_low - low.total("WORLD", "all", "diverted_trade")) <= 1e-9 * max(1, leak_low))
    elif group == "quota":
        # China's quota on rare-earth oxides to every buyer abroad: 60% of the baseline flow from step 3,
        # 40% from step 12 (critical-mineral-quota.md).
        run = Run(binary, src, work, "critical-mineral-quota", 18)
        ceiling = lambda step: 0.6 if step < 12 else 0.4
        blocked = [run.get(t, "CHN", "rare_earth_oxides", "blocked_exports", 0) for t in range(18)]
        expect(f"quota: nothing blocked before step 3, something every step after ({min(blocked[3:]):.3g})",
               max(blocked[:3]) == 0 and min(blocked[3:]) > 0)
        # By conservation, from flows.csv: what China's refiners ship abroad each step is at most the
        # ceiling's share of what they shipped abroad in the baseline, and the refused part, blocked, is
        # at most the rest.
        shipped, base = {}, {}
        with open(os.path.join(run.out, "flows.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["exporter"] == "CHN" and r["importer"] != "CHN" and r["item"] == "rare_earth_oxides":
                    t = int(r["step"])
                    shipped[t] = shipped.get(t, 0) + float(r["value"])
                    base[t] = base.get(t, 0) + float(r["baseline_value"])
        within = all(shipped[t] <= ceiling(t) * base[t] * (1 + 1e-9) for t in range(3, 18))
        expect(f"quota: China ships abroad at most 60%, then 40%, of its baseline exports "
               f"({shipped[11] / base[11]:.4f} at step 11, {shipped[17] / base[17]:.4f} at step 17)", within)
        expect("quota: what it refuses is counted as blocked, up to the rest of its baseline exports",
               all(blocked[t] <= (1 - ceiling(t)) * base[t] * (1 + 1e-9) for t in range(3, 18)))
        # The scarcity works through the existing mechanisms: buyers abroad pay more for what they still
        # get, and China's own magnet makers, whose supply at home the quota does not touch, gain share.
        prices = [run.get(17, s, "rare_earth_oxides", "price_index", 1) for s in ("JPN", "USA", "DEU", "KOR")]
        expect(f"quota: buyers abroad pay more for rare-earth oxides at the end ({min(prices):.3f} at least)",
               min(prices) > 1)
        shift = run.get(17, "CHN", "rare_earth_magnets", "market_share_shift", 0)
        expect(f"quota: China's magnet makers gain world market share ({shift:+.4f})", shift > 0)
        # A quota at 100% of the baseline flow changes nothing.
        full = Run(binary, src, work, "critical-mineral-quota", 12,
                   ["--set", "controls.rare-earth-quota.quota.ceiling={share: 1}",
                    "--set", "controls.rare-earth-quota.quota.changes=[]"])
        worst = max(abs(v) for k, v in full.metric_rows("output_loss"))
        expect(f"quota at 100%: no output lost anywhere (largest {worst:.2g}) and nothing blocked",
               worst < 1e-9 and full.total("WORLD", "all", "blocked_trade") < 1e-9)
    elif group == "own-item":
        # The default world extended, not copied (tutorial/add-your-own-item.md): included lists merge
        # by id, so the world keeps its 75 items, in order, and gains one; the USA keeps its demand
        # and gains one entry; the controllers make 80% of the new item, China 20%.
        run = Run(binary, src, work, "tutorial/add-your-own-item", 12)
        with open(os.path.join(run.out, "manifest.json")) as f:
            world = json.load(f)["resolved_scenario"]["world"]
        with open(os.path.join(src, "scenarios", "data", "items.yaml")) as f:
            default_items = [i["id"] for i in yaml.safe_load(f)["world"]["items"]]
        items = [i["id"] for i in world["items"]]
        expect(f"own-item: the world's {len(default_items)} items, in order, then the new one",
               items == default_items + ["quantum_computers"])
        usa = next(s for s in world["states"] if s["code"] == "USA")
        expect(f"own-item: the USA keeps its {len(usa['final_demand']) - 1} demands and its other keys, and gains one",
               usa["final_demand"].get("quantum_computers") == 2 and usa["final_demand"].get("services", 0) > 1000
               and usa["enforcement_effort"] == 0.8)
        expect("own-item: the coalition is added beside the world's regimes",
               [c["id"] for c in world["coalitions"]] == ["quantum_club"] and len(world["regimes"]) >= 4)
        denial = [run.get(t, "CHN", "quantum_computers", "denial_effectiveness", 0) for t in range(12)]
        expect(f"own-item: no denial before the control's shipments would arrive (step 4): {max(denial[:4]):.3g}",
               max(denial[:4]) == 0)
        expect(f"own-item: at step 4, the controllers' 80% of China's supply is denied ({denial[4]:.4f})",
               abs(denial[4] - 0.8) < 1e-9)
        expect(f"own-item: then China's own maker turns its exports home and denial erodes ({denial[11]:.4f} at step 11)",
               all(denial[t + 1] <= denial[t] + 1e-12 for t in range(4, 11)) and 0.3 < denial[11] < 0.5)
        out = [run.get(t, "CHN", "quantum_computers", "gross_output", 0) for t in range(12)]
        expect(f"own-item: China's maker runs at most its 20% headroom above baseline ({out[11] / out[0]:.4f})",
               max(out) <= 1.2 * out[0] * (1 + 1e-9) and out[11] > out[0])
    elif group == "firm-answers":
        # tutorial/capacity-expansion.md, by hand: Japan, short of capacity, decides at step 4 (pays 60),
        # its new line comes at the end of step 10; the fab makes 100, then 50 from step 4, 100 from 12.
        on = Run(binary, src, work, "tutorial/capacity-expansion", 18, small=False)
        off = Run(binary, src, work, "tutorial/capacity-expansion", 18,
                  ["--set", "responses.capacity_expansion.steps=0"], small=False)
        chips = [on.get(t, "CHN", "chips", "gross_output") for t in range(18)]
        expect(f"capacity-expansion: chips 100 x 4, 50 x 8, 100 x 6 ({chips})",
               all(abs(c - (100 if t < 4 or t >= 12 else 50)) < 1e-9 for t, c in enumerate(chips)))
        expect("capacity-expansion: 1,400 chips over the run, 1,100 without expansion",
               abs(on.total("CHN", "chips", "gross_output") - 1400) < 1e-6
               and abs(off.total("CHN", "chips", "gross_output") - 1100) < 1e-6)
        expect("capacity-expansion: Japan pays 60 at step 4 and nothing else; nobody pays without expansion",
               on.get(4, "JPN", "all", "expansion_cost") == 60 and on.total("JPN", "all", "expansion_cost") == 60
               and not off.metric_rows("expansion_cost"))
        expect("capacity-expansion: Japan's 5 of new capacity counted from step 10",
               on.get(9, "JPN", "tools", "capacity_built", 0) == 0 and on.get(10, "JPN", "tools", "capacity_built") == 5)
        # tutorial/starved-buyers.md: without starved re-sourcing the car maker stays at China's 25 steel,
        # 62.5 cars; with it, it pays to move and ends above that, and at 100 when demand is deaf to price.
        starved = Run(binary, src, work, "tutorial/starved-buyers", 20, small=False)
        waits = Run(binary, src, work, "tutorial/starved-buyers", 20,
                    ["--set", "responses.resourcing.starved_delay=0"], small=False)
        deaf = Run(binary, src, work, "tutorial/starved-buyers", 20, ["--set", "dynamics.demand_elasticity=0"], small=False)
        cars = lambda run: run.get(19, "JPN", "cars", "gross_output")
        expect(f"starved-buyers: waiting, the car maker ends at 62.5 cars ({cars(waits)})", abs(cars(waits) - 62.5) < 1e-6)
        expect(f"starved-buyers: re-sourcing when starved, it pays to switch and ends above 62.5 ({cars(starved)})",
               cars(starved) > 62.5 and starved.total("JPN", "all", "switching_cost") > 0)
        expect(f"starved-buyers: with demand deaf to price it is back at 100 ({cars(deaf)})", abs(cars(deaf) - 100) < 1e-6)
        # It moves once (0.5 x the link's 20 = 10), to a maker with room it can use, and does not
        # chase idle mills that have no ore: over the run it makes at least the cars of waiting.
        made = lambda run: run.total("JPN", "cars", "gross_output")
        expect(f"starved-buyers: one switch, paid 10 ({starved.total('JPN', 'all', 'switching_cost')})",
               abs(starved.total("JPN", "all", "switching_cost") - 10) < 1e-9)
        expect(f"starved-buyers: re-sourcing makes at least the cars of waiting ({made(starved)} vs {made(waits)})",
               made(starved) >= made(waits))
        expect("starved-buyers: with elastic demand, cars cost more than at baseline at the end and fewer are bought",
               starved.get(19, "JPN", "cars", "price_index") > 1 and cars(starved) < cars(deaf))
    elif group == "control-terms":
        # tutorial/wind-down-and-exemptions.md, by hand: two fabs of 50 chips (5 tools) a month; the
        # prohibition from step 4 cuts the Chinese fab from step 6 (its stock lasts two months), two
        # months later with the wind-down of 2; the exempt plant takes China's users up to its 62.5.
        sc = "tutorial/wind-down-and-exemptions"
        no_ex = ["--set", "controls.tools-ban.exempt=[]"]
        no_wd = ["--set", "controls.tools-ban.wind_down=0"]
        runs = {"file": Run(binary, src, work, sc, 14, small=False),
                "no wind-down": Run(binary, src, work, sc, 14, no_wd, small=False),
                "no exemption": Run(binary, src, work, sc, 14, no_ex, small=False),
                "neither": Run(binary, src, work, sc, 14, no_wd + no_ex, small=False)}
        made = lambda run, firm: [run.get(t, "firm:" + firm, "chips", "gross_output") for t in range(14)]
        fab = made(runs["file"], "cn_fab")
        expect(f"wind-down: the Chinese fab makes 50 to step 7 and nothing from step 8 ({fab})",
               all(abs(v - (50 if t < 8 else 0)) < 1e-9 for t, v in enumerate(fab)))
        expect("wind-down: without it, everything comes two months earlier",
               made(runs["no wind-down"], "cn_fab")[:12] == fab[2:] and
               made(runs["no wind-down"], "foreign_plant")[:12] == made(runs["file"], "foreign_plant")[2:])
        plant = made(runs["file"], "foreign_plant")
        expect(f"exemption: the plant is never cut and runs at its capacity, 62.5, from step 9 ({plant})",
               all(v >= 50 - 1e-9 for v in plant) and all(abs(v - 62.5) < 1e-9 for v in plant[9:]))
        lost = {k: 1 - r.total("CHN", "chips", "gross_output") / 1400 for k, r in runs.items()}
        by_hand = {"file": 237.5 / 1400, "no wind-down": 312.5 / 1400, "no exemption": 600 / 1400, "neither": 800 / 1400}
        expect(f"China's chips lost over the run as worked by hand ({lost})",
               all(abs(lost[k] - by_hand[k]) < 1e-9 for k in by_hand))
        blocked = {k: r.total("CHN", "all", "blocked_trade") for k, r in runs.items()}
        expect(f"tools blocked into China: 40, 50, 80, 100 ({blocked})",
               all(abs(blocked[k] - v) < 1e-9 for k, v in
                   {"file": 40, "no wind-down": 50, "no exemption": 80, "neither": 100}.items()))
        # By symmetry: exempting the Chinese fab instead is the mirror image.
        mirror = Run(binary, src, work, sc, 14, ["--set", "controls.tools-ban.exempt=[cn_fab]"], small=False)
        expect("exemption: exempting the other fab is the mirror image",
               made(mirror, "cn_fab") == plant and made(mirror, "foreign_plant") == fab)
        # tutorial/direct-product-stages.md, by hand: the Taiwanese fab is caught at two stages (its
        # etchers are made with US lithography), its 60 chips to China stopped from step 4; the Korean
        # fab makes its capacity, 50, from step 5; China receives 40 at step 5 and 50 from step 6.
        sc = "tutorial/direct-product-stages"
        one_stage = ["--set", "controls.us-embargo.reach.foreign_direct_product_stages=1"]
        litho_only = ["--set", "controls.us-embargo.reach.foreign_direct_product=[litho]"]
        two, one, litho = (Run(binary, src, work, sc, 16, x, small=False) for x in ((), one_stage, litho_only))
        tw = [two.get(t, "TWN", "chips", "gross_output") for t in range(16)]
        expect(f"direct product, two stages: the Taiwanese fab makes 60 to step 3 and nothing from step 4 ({tw})",
               all(abs(v - (60 if t < 4 else 0)) < 1e-9 for t, v in enumerate(tw)))
        de = [two.get(t, "CHN", "chips", "denial_effectiveness") for t in range(5, 16)]
        expect(f"direct product, two stages: China's denial 0.6 at step 5, then 0.5 ({de})",
               abs(de[0] - 0.6) < 1e-9 and all(abs(v - 0.5) < 1e-9 for v in de[1:]))
        expect("direct product, two stages: 60 a month blocked from step 4, 720 in all",
               abs(two.total("CHN", "all", "blocked_trade") - 720) < 1e-9)
        expect("direct product, two stages: the US maker sells nothing from step 6, the Korean fab 50 from step 5",
               all(abs(two.get(t, "USA", "litho", "gross_output")) < 1e-12 for t in range(6, 16)) and
               all(abs(two.get(t, "KOR", "chips", "gross_output") - 50) < 1e-9 for t in range(5, 16)))
        for name, run in (("one stage", one), ("lithography alone named", litho)):
            expect(f"direct product, {name}: nothing is stopped and the fab makes its 60 throughout",
                   run.total("CHN", "all", "blocked_trade") == 0 and
                   all(abs(run.get(t, "TWN", "chips", "gross_output") - 60) < 1e-9 for t in range(16)))
    else:
        print("unknown group " + group)
        return 2
    print(f"{group}: {'FAILED, %d' % len(failures) if failures else 'all passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
