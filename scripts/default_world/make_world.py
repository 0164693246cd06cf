#!/usr/bin/env python3
"""Writes scenarios/data/*.yaml for regimesim's default world from the tables in data_*.py."""
import json, math, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data_states import STATES, WORLD_GDP_BN, WORLD_POP_M, TREATED_AS, INCOME, state_figures
from data_items import ITEMS, LOWER_TIER
from data_production import P, IMPORT_SHARES
from data_misc import SOURCES, REGIMES, FD_WEIGHTS, FD_ORDER
from data_end_users import END_USERS

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scenarios", "data")
UNIT = 1_000_000  # shares are written in millionths

def q(s):  # YAML double-quoted scalar (JSON string syntax is valid YAML)
    return json.dumps(s, ensure_ascii=False)

def num(x, nd=6):
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"

def src(v):
    if isinstance(v, str): return v
    return v[0] if len(v) == 1 else "[" + ", ".join(v) + "]"

GDP = {s[0]: s[3] for s in STATES}
POP = {s[0]: s[4] for s in STATES}
CODES = [s[0] for s in STATES]
HEADER = "# Part of regimesim's default world: included by world.yaml; see docs/DEFAULT_WORLD.md.\n# Figures are approximate and rounded. After editing, run: python3 scripts/check_world_data.py\n"

def shares_for(item):
    spec = P[item]
    sh = spec["shares"]
    if isinstance(sh, str):  # proxy: same as another item
        return shares_for(sh)
    sh = dict(sh)
    if spec["tonnes"]:
        tot = sum(sh.values()); sh = {k: v / tot for k, v in sh.items()}
    named = sum(sh.values())
    out = [(k, v) for k, v in sh.items()]
    if spec["rest"]:
        rem = 1.0 - named
        assert rem > -1e-9, (item, rem)
        others = [c for c in CODES if c not in sh]
        w = {c: (GDP[c] if spec["rest"] == "gdp" else math.sqrt(GDP[c] * POP[c])) for c in others}
        tw = sum(w.values())
        rest = sorted(((c, rem * w[c] / tw) for c in others), key=lambda t: -t[1])
        out += rest
    else:
        assert abs(named - 1) < 1e-9, (item, named)
    # to millionths, drop zeros, last entry absorbs rounding
    ints = [(c, int(round(v * UNIT))) for c, v in out]
    ints = [(c, v) for c, v in ints if v > 0]
    diff = UNIT - sum(v for _, v in ints)
    c, v = ints[-1]; ints[-1] = (c, v + diff)
    assert ints[-1][1] > 0, item
    for c, _ in ints: assert c in GDP, (item, c)
    return ints

def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(text)

def main():
    os.makedirs(OUT, exist_ok=True)
    # ---------------- sources.yaml ----------------
    t = [HEADER, "# Every source cited by id in the other files. 'assumption' marks modelling choices.\n",
         "# URLs point to the publisher's page for the document (or its home page where the deep link\n# could not be checked offline).\n\nworld:\n  sources:\n"]
    for s in SOURCES:
        parts = [f"id: {s['id']}", f"title: {q(s['title'])}", f"publisher: {q(s['publisher'])}", f"year: {s['year']}"]
        if "url" in s: parts.append(f"url: {q(s['url'])}")
        t.append("    - {" + ", ".join(parts) + "}\n")
    write("sources.yaml", "".join(t))
    # ---------------- states.yaml ----------------
    t = [HEADER,
         "# gdp_usd_bn: nominal GDP 2023, USD bn; population_m: 2023, millions (World Bank WDI unless the\n",
         "# source says otherwise), approximate and rounded. status: UN DESA WESP 2024 country classification\n",
         "# (economies in transition are written as 'developing') and the UN list of least developed countries.\n",
         "# income_group: World Bank FY2025 (wb_income_fy2025); for the aggregates, the group of most of their population.\n",
         "# security_concern, enforcement_effort, cooperation: a mapping (assumption) from n = the number of the four\n",
         "# regimes the state participates in (regimes.yaml), eu = EU member, hi = World Bank high income:\n",
         "#   security_concern 0.2 + 0.15 n; enforcement_effort 0.2 + 0.1 n + 0.1 eu + 0.2 hi; cooperation 0.2 + 0.1 n + 0.1 eu + 0.1 hi\n",
         "# (scripts/default_world/data_states.py, docs/DEFAULT_WORLD.md \"State figures\").\n",
         "# X-codes are rest-of-world aggregates: residual estimates, see docs/DEFAULT_WORLD.md.\n",
         "# final_demand: USD bn per month at baseline prices = gdp_usd_bn / 12 x a spending share that depends\n",
         "# on status (assumption, see docs/DEFAULT_WORLD.md).\n\nworld:\n  states:\n"]
    section = {"ARG": "regime participants (Wassenaar, NSG, MTCR, Australia Group)", "IDN": "other G20 economies",
               "ARE": "other states named for supply chains, proliferation concern or development status",
               "XEU": "rest-of-world aggregates (user-assigned X codes)"}
    for code, name, status, gdp, pop, sources in STATES:
        if code in section: t.append(f"    # --- {section[code]} ---\n")
        w = FD_WEIGHTS[status]
        monthly = gdp / 12.0
        fd = []
        for it in FD_ORDER:
            share = (1.0 - sum(w.values())) if it == "services" else w.get(it, 0.0)
            v = round(monthly * share, 4)
            if v > 0: fd.append(f"{it}: {num(v, 4)}")
        fd += [f"{e['item']}: {num(e['demand'], 4)}" for e in END_USERS if e["state"] == code]
        fig = state_figures(code, REGIMES)
        extra = ("wb_income_fy2025", "eu_dual_use_2021", "assumption") if fig["eu"] else ("wb_income_fy2025", "assumption")
        cited = list(sources) + [x for x in extra if x not in sources]
        t.append(f"    - code: {code}\n      name: {q(name)}\n      status: {status}\n      income_group: {INCOME[code]}\n"
                 f"      gdp_usd_bn: {num(gdp, 1)}\n      population_m: {num(pop, 2)}\n"
                 f"      security_concern: {num(fig['security_concern'], 4)}\n      enforcement_effort: {num(fig['enforcement_effort'], 4)}\n"
                 f"      cooperation: {num(fig['cooperation'], 4)}   # regimes {fig['regimes']}, EU {fig['eu']}, high income {fig['high_income']}\n"
                 f"      source: {src(cited)}\n      final_demand: {{{', '.join(fd)}}}\n")
        for tr in TREATED_AS.get(code, []):
            t.append(f"      treated_as: [{{as: {tr['as']}, by: [{', '.join(tr['by'])}], source: {tr['source']}}}]\n")
    write("states.yaml", "".join(t))
    # ---------------- regimes.yaml ----------------
    t = [HEADER, "# Memberships as listed in docs/DOMAIN.md section 5 (ISO 3166 alpha-3). Each entry's source is the regime's own\n",
         "# participants page; re-check the list against it before relying on it. as_of: the month it is believed current.\n\nworld:\n  regimes:\n"]
    for r in REGIMES:
        t.append(f"    - id: {r['id']}\n      name: {q(r['name'])}\n      as_of: \"{r['as_of']}\"\n      source: {r['source']}\n"
                 f"      members: [{', '.join(r['members'])}]   # {len(r['members'])}\n")
    write("regimes.yaml", "".join(t))
    # ---------------- items.yaml ----------------
    t = [HEADER, "# Item catalogue. control: LIST:CATEGORY (wassenaar, nsg, mtcr, ag, national) or none.\n",
         "# recipe: units of input per unit of output (Leontief coefficients). Recipes are modelling\n",
         "# assumptions; each item's coefficients sum to less than 0.6 so the world is productive.\n\nworld:\n  items:\n"]
    for it in ITEMS:
        rec = ", ".join(f"{k}: {num(v)}" for k, v in it["recipe"].items())
        t.append(f"    - id: {it['id']}\n      name: {q(it['name'])}\n      control: {q(it['control']) if ':' in it['control'] else it['control']}\n"
                 f"      wmd: {it['wmd']}\n      tier: {it['tier']}\n      substitutability: {num(it['subst'])}\n")
        if rec: t.append(f"      recipe: {{{rec}}}\n")
        if it.get("recipe_in"):
            states = ", ".join(f"{s}: {{{', '.join(f'{k}: {num(v)}' for k, v in ch.items())}}}" for s, ch in it["recipe_in"].items())
            t.append(f"      recipe_in: {{{states}}}   # {it['recipe_in_note']}\n")
        if it["id"] in LOWER_TIER:
            subs = ", ".join(f"{{item: {k}, penalty: {num(v)}}}" for k, v in LOWER_TIER[it["id"]])
            t.append(f"      substitutes: [{subs}]   # assumption: pairing and penalty\n")
        t.append(f"      source: {src(it['source'])}\n")
    t.append("    # --- WMD-risk end users' programmes: made by the listed firms of end_users.yaml, bought by their own state ---\n")
    for e in END_USERS:
        rec = ", ".join(f"{k}: {num(v)}" for k, v in e["recipe"].items())
        t.append(f"    - id: {e['item']}\n      name: {q(e['name'])}\n      control: none\n      wmd: none\n      tier: {e['tier']}\n"
                 f"      substitutability: 1\n      recipe: {{{rec}}}\n      source: {src(e['source'])}\n")
    write("items.yaml", "".join(t))
    # ---------------- end_users.yaml ----------------
    t = [HEADER, "# WMD-risk end users: listed firms (end_use: wmd_risk) standing for programmes of proliferation concern.\n",
         "# Each makes its own abstract item (in items.yaml), bought only by its state's final demand (in states.yaml);\n",
         "# its inputs are drawn from the generated makers like a generated firm's. Which states: the source named on\n",
         "# the item; sizes (USD bn per month) and recipes: assumption. Capacity = demand x 1.2.\n\nworld:\n  firms:\n"]
    for e in END_USERS:
        t.append(f"    - {{id: {e['firm']}, state: {e['state']}, item: {e['item']}, capacity: {num(e['demand'] * 1.2, 4)}, end_use: wmd_risk}}\n")
    write("end_users.yaml", "".join(t))
    # ---------------- production.yaml ----------------
    t = [HEADER, "# World production shares by state for each item (sum to 1). Shares of the SIA/BCG report's 'EU' and\n",
         "# 'other' columns, and every 'rest' split, are assumptions explained in docs/DEFAULT_WORLD.md.\n",
         "# Each line's comment names its source; world.production_sources repeats it for the loader.\n\n",
         "world:\n  generate:\n    production:\n"]
    order = [i["id"] for i in ITEMS]
    for item in order:
        ints = shares_for(item)
        body = ", ".join(f"{c}: {num(v / UNIT)}" for c, v in ints)
        spec = P[item]
        comment = spec["comment"]
        if spec["source"] == ["assumption"] and comment.startswith("assumption"):
            comment = comment[len("assumption"):].strip()
        note = ", ".join(spec["source"]) + (f": {comment}" if comment and not comment.startswith("(") else (f" {comment}" if comment else ""))
        t.append(f"      {item}: {{{body}}}  # {note}\n")
    t.append("    # Public bilateral figures: of what the buyer's firms import of the item, these shares come from these\n"
             "    # states; the rest from the other makers (docs/DEFAULT_WORLD.md, 'Who buys from whom').\n"
             "    import_shares:\n")
    for f in IMPORT_SHARES:
        shares = ", ".join(f"{k}: {num(v)}" for k, v in f["shares"].items())
        t.append(f"      - {{buyer: {f['buyer']}, item: {f['item']}, from: {{{shares}}}, source: {src(f['source'])}}}  # {f['comment']}\n")
    t.append("  production_sources:\n")
    for item in order:
        t.append(f"    {item}: {src(P[item]['source'])}\n")
    for e in END_USERS:
        t.append(f"    {e['item']}: {src(e['source'])}   # listed firm in end_users.yaml\n")
    write("production.yaml", "".join(t))
    # ---------------- world.yaml ----------------
    n_items = len(ITEMS) + len(END_USERS)
    n_pairs = sum(len(shares_for(i["id"])) for i in ITEMS)
    write("world.yaml", f"""# regimesim default world: {len(STATES)} states (named states and rest-of-world aggregates), {n_items} items, the four
# multilateral regimes and the EU, firms generated from world production shares, and three listed WMD-risk end users.
# Include it from a scenario in scenarios/ with:   include: data/world.yaml
# Scale it with --set world.generate.firms_per_state=N (10 firms per producing state and item by default; 1 gives the smallest world, {n_pairs + len(END_USERS):,} firms).
# What it holds, where each figure comes from and what is assumed: docs/DEFAULT_WORLD.md.
include: [sources.yaml, states.yaml, regimes.yaml, items.yaml, production.yaml, end_users.yaml]

world:
  generate:
    seed: 2026
    firms_per_state: 10
    links_per_input: 3
    final_demand_suppliers_per_state: 3
    firm_size_spread: 0.5
    capacity_headroom: 0.2

# The recipes are assumptions at sector level, where a strict Leontief recipe would let a shortage
# of an input of tiny cost share (gallium, through analog chips, in energy) stop the whole economy.
# Inputs below 1% of a unit's cost do not limit output here (docs/MODEL.md, after Pichler et al.
# 2022); an assumption, to be swept: --set dynamics.critical_input_share=0 restores strict recipes.
dynamics:
  critical_input_share: 0.01
""")
    print("wrote", OUT)

if __name__ == "__main__":
    main()
