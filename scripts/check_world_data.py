#!/usr/bin/env python3
"""Check the default world in scenarios/data/ without building regimesim.

Loads world.yaml and the files it includes (merged as the loader does: maps merge key by key,
anything else replaces), then checks what the data promises: regime memberships against docs/DOMAIN.md
section 5's lists, the states the issue names, states (with their income groups and the documented
mapping of their security concern, enforcement effort and cooperation), items and recipes (with the
node split of chip-making), production shares, the listed WMD-risk end users, sources, and that the
recipes are productive.
Prints a short report; exits 1 when any check fails.

Usage: python3 scripts/check_world_data.py [path/to/world.yaml]
"""
import math
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "scenarios", "data", "world.yaml")
FILES = ["world.yaml", "sources.yaml", "states.yaml", "regimes.yaml", "items.yaml", "production.yaml", "end_users.yaml"]

# Membership counts from docs/DOMAIN.md section 5.
EXPECTED_COUNTS = {"wassenaar": 42, "nsg": 48, "mtcr": 35, "australia_group": 42, "eu": 27}
# The member lists of docs/DOMAIN.md section 5, typed here from that page (not from the generator), so a
# change to either side shows.
EU27 = "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE"
EXPECTED_MEMBERS = {
    "wassenaar": "ARG AUS AUT BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN IND IRL ITA JPN LVA LTU LUX MLT MEX NLD NZL "
                 "NOR POL PRT KOR ROU RUS SVK SVN ZAF ESP SWE CHE TUR UKR GBR USA",
    "nsg": "ARG AUS AUT BLR BEL BRA BGR CAN CHN HRV CYP CZE DNK EST FIN FRA DEU GRC HUN ISL IRL ITA JPN KAZ KOR LVA LTU "
           "LUX MLT MEX NLD NZL NOR POL PRT ROU RUS SRB SVK SVN ZAF ESP SWE CHE TUR UKR GBR USA",
    "mtcr": "ARG AUS AUT BEL BRA BGR CAN CZE DNK FIN FRA DEU GRC HUN ISL IND IRL ITA JPN LUX NLD NZL NOR POL PRT KOR RUS "
            "ZAF ESP SWE CHE TUR UKR GBR USA",
    "australia_group": EU27 + " ARG AUS CAN ISL IND JPN KOR MEX NZL NOR CHE TUR UKR GBR USA",
    "eu": EU27,
}
EXPECTED_MEMBERS = {k: set(v.split()) for k, v in EXPECTED_MEMBERS.items()}
# States the issue names as suppliers, targets or intermediaries.
NAMED_STATES = set("TWN MYS VNM SGP THA PHL ISR ARE IRN PRK PAK KAZ KGZ ARM GEO BLR SRB HKG".split())
END_USES = {"civilian", "military", "wmd_risk"}
STATUSES = {"developed", "developing", "least_developed"}
INCOME_GROUPS = {"high", "upper_middle", "lower_middle", "low"}  # World Bank
STATE_FIGURES = ("security_concern", "enforcement_effort", "cooperation")


def mapped_figures(regimes_in, eu, high_income):
    """The mapping docs/DEFAULT_WORLD.md documents ("State figures"), typed here from that page and not
    imported from the generator: n regimes of the four, EU membership, World Bank high income."""
    n = regimes_in
    return {"security_concern": 0.2 + 0.15 * n,
            "enforcement_effort": 0.2 + 0.1 * n + 0.1 * eu + 0.2 * high_income,
            "cooperation": 0.2 + 0.1 * n + 0.1 * eu + 0.1 * high_income}
WMD = {"none", "nuclear", "chemical", "biological", "missile"}
CONTROL_RE = re.compile(r"(wassenaar|nsg|mtcr|ag|national):\w+")
SHARE_TOL = 1e-6
WORLD_GDP_BN, WORLD_POP_M = 105400, 8062  # World Bank WDI 2023, approx. (a warning only)

failures, warnings = [], []


def fail(msg):
    failures.append(msg)


def warn(msg):
    warnings.append(msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f) or {}
    if not isinstance(doc, dict):
        raise SystemExit(f"{path}: a scenario file must be a map")
    return doc


def list_paths(node, prefix=""):
    """Key paths under which a list sits (lists replace on merge, so each must live in one file)."""
    out = set()
    if isinstance(node, dict):
        for k, v in node.items():
            p = f"{prefix}.{k}" if prefix else str(k)
            if isinstance(v, list):
                out.add(p)
            out |= list_paths(v, p)
    return out


def merge(base, over):
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for k, v in over.items():
            out[k] = merge(base[k], v) if k in base else v
        return out
    return over


def resolve(path, seen=()):
    path = os.path.abspath(path)
    if path in seen:
        raise SystemExit(f"include cycle at {path}")
    doc = load(path)
    inc = doc.pop("include", None)
    incs = [inc] if isinstance(inc, str) else (inc or [])
    merged, owners = {}, {}
    for rel in incs:
        sub, sub_owners = resolve(os.path.join(os.path.dirname(path), rel), seen + (path,))
        merged = merge(merged, sub)
        for p, f in sub_owners.items():
            owners.setdefault(p, []).extend(f)
    for p in list_paths(doc):
        owners.setdefault(p, []).append(os.path.basename(path))
    return merge(merged, doc), owners


def as_ids(v):
    if v is None:
        return []
    return [v] if isinstance(v, str) else list(v)


def spectral_radius(items, A):
    """Perron root of the non-negative matrix A (A[i][j]: input i per unit of j), by power iteration
    on A + I (same Perron vector, and aperiodic). Returns (estimate, upper bound): the upper bound is
    the Collatz-Wielandt bound max_i (A x)_i / x_i, which holds for any positive x."""
    n = len(items)
    cols = [[(i, A[i][j]) for i in range(n) if A[i][j]] for j in range(n)]
    x = [1.0] * n
    est = hi = 0.0
    for _ in range(20000):
        y = list(x)
        for j in range(n):
            xj = x[j]
            for i, a in cols[j]:
                y[i] += a * xj
        hi = max(y[i] / x[i] for i in range(n)) - 1.0
        s = max(y)
        new_est = s / max(x) - 1.0
        x = [v / s for v in y]
        if abs(new_est - est) < 1e-13:
            est = new_est
            break
        est = new_est
    return est, hi


def leontief_output(items, A, f):
    """Gross output x = A x + f by Neumann iteration."""
    n = len(items)
    cols = [[(i, A[i][j]) for i in range(n) if A[i][j]] for j in range(n)]
    x = list(f)
    for _ in range(5000):
        nx = list(f)
        for j in range(n):
            for i, a in cols[j]:
                nx[i] += a * x[j]
        if max(abs(nx[i] - x[i]) for i in range(n)) < 1e-9:
            return nx
        x = nx
    return x


def main():
    world_path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    data_dir = os.path.dirname(os.path.abspath(world_path))
    for name in FILES:
        if not os.path.exists(os.path.join(data_dir, name)):
            fail(f"missing file {name}")
    if failures:
        return report({})
    doc, owners = resolve(world_path)
    for p, files in sorted(owners.items()):
        if len(files) > 1:
            fail(f"list '{p}' is written in several files ({', '.join(files)}): lists replace on merge")
    inc = load(world_path).get("include")
    for name in FILES[1:]:
        if name not in as_ids(inc):
            fail(f"world.yaml does not include {name}")

    world = doc.get("world", {})
    sources = world.get("sources", [])
    states = world.get("states", [])
    regimes = world.get("regimes", [])
    items = world.get("items", [])
    gen = world.get("generate", {})
    production = gen.get("production", {})
    prod_sources = world.get("production_sources", {})

    # --- sources ---
    source_ids = set()
    for k, s in enumerate(sources):
        sid = s.get("id")
        for key in ("id", "title", "publisher", "year"):
            if key not in s:
                fail(f"sources[{k}] ({sid}): missing '{key}'")
        if sid in source_ids:
            fail(f"duplicate source '{sid}'")
        source_ids.add(sid)
        if s.get("publisher") != "regimesim" and "url" not in s:
            warn(f"source '{sid}' has no url")
    cited = set()

    def check_source(where, v):
        ids = as_ids(v)
        if not ids:
            fail(f"{where}: no source")
        for sid in ids:
            cited.add(sid)
            if sid not in source_ids:
                fail(f"{where}: unknown source '{sid}'")

    # --- states ---
    codes = {}
    for k, s in enumerate(states):
        c = s.get("code")
        where = f"state {c or k}"
        if not isinstance(c, str) or not re.fullmatch(r"[A-Z]{3}", c):
            fail(f"{where}: code must be 3 capital letters")
        if c in codes:
            fail(f"duplicate state '{c}'")
        codes[c] = s
        if s.get("status") not in STATUSES:
            fail(f"{where}: status '{s.get('status')}' not one of {sorted(STATUSES)}")
        if s.get("income_group") not in INCOME_GROUPS:
            fail(f"{where}: income_group '{s.get('income_group')}' not one of {sorted(INCOME_GROUPS)}")
        for t, tr in enumerate(s.get("treated_as") or []):
            check_source(f"{where}: treated_as[{t}]", tr.get("source"))
        for key in STATE_FIGURES:
            v = s.get(key)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 1:
                fail(f"{where}: {key} must be a number in [0, 1]")
        for key in ("gdp_usd_bn", "population_m"):
            v = s.get(key)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0:
                fail(f"{where}: {key} must be a positive number")
        if "name" not in s:
            fail(f"{where}: no name")
        check_source(where, s.get("source"))

    # --- regimes ---
    for r in regimes:
        rid = r.get("id")
        members = r.get("members", [])
        for m in members:
            if m not in codes:
                fail(f"regime {rid}: member '{m}' is not a state")
        if len(set(members)) != len(members):
            fail(f"regime {rid}: duplicate members")
        if rid in EXPECTED_COUNTS and len(members) != EXPECTED_COUNTS[rid]:
            fail(f"regime {rid}: {len(members)} members, docs/DOMAIN.md lists {EXPECTED_COUNTS[rid]}")
        if rid in EXPECTED_MEMBERS and set(members) != EXPECTED_MEMBERS[rid]:
            extra, missing = set(members) - EXPECTED_MEMBERS[rid], EXPECTED_MEMBERS[rid] - set(members)
            fail(f"regime {rid}: members differ from docs/DOMAIN.md section 5 (not there: {sorted(extra)}; missing: {sorted(missing)})")
        if not re.fullmatch(r"\d{4}-\d{2}", str(r.get("as_of", ""))):
            fail(f"regime {rid}: as_of must be \"YYYY-MM\"")
        check_source(f"regime {rid}", r.get("source"))
        if rid in codes:
            fail(f"regime id '{rid}' is also a state code")
    for rid in EXPECTED_COUNTS:
        if rid not in {r.get("id") for r in regimes}:
            fail(f"regime '{rid}' missing")
    by_id = {r.get("id"): set(r.get("members", [])) for r in regimes}
    if "eu" in by_id and "australia_group" in by_id and not by_id["eu"] <= by_id["australia_group"]:
        fail("every EU member should be listed in australia_group")
    # each state's figures follow the documented mapping from its memberships and income group
    for c, s in codes.items():
        n_in = sum(1 for r in ("wassenaar", "nsg", "mtcr", "australia_group") if c in by_id.get(r, set()))
        want = mapped_figures(n_in, int(c in by_id.get("eu", set())), int(s.get("income_group") == "high"))
        for key, v in want.items():
            got = s.get(key)
            if isinstance(got, (int, float)) and abs(got - v) > 1e-9:
                fail(f"state {c}: {key} {got} is not the documented mapping's {v:.4g} "
                     f"({n_in} regimes, EU {int(c in by_id.get('eu', set()))}, income {s.get('income_group')})")
    needed = set().union(*(by_id.get(r, set()) for r in ("wassenaar", "nsg", "mtcr", "australia_group")))
    g20 = set("ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split())
    for c in sorted((needed | g20 | NAMED_STATES) - set(codes)):
        fail(f"state '{c}' (regime participant, G20 or named in issue 5) missing")

    # --- items ---
    item_ids = [i.get("id") for i in items]
    index = {iid: n for n, iid in enumerate(item_ids)}
    if len(index) != len(item_ids):
        fail("duplicate item ids")
    n = len(item_ids)
    A = [[0.0] * n for _ in range(n)]
    for it in items:
        iid = it.get("id")
        where = f"item {iid}"
        if not isinstance(iid, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", iid):
            fail(f"{where}: id must be lowercase snake_case")
        ctl = str(it.get("control", "none"))
        if ctl != "none" and not CONTROL_RE.fullmatch(ctl):
            fail(f"{where}: control '{ctl}' does not match LIST:CATEGORY or none")
        if it.get("wmd", "none") not in WMD:
            fail(f"{where}: wmd '{it.get('wmd')}' not valid")
        tier = it.get("tier")
        if not isinstance(tier, int) or not 1 <= tier <= 5:
            fail(f"{where}: tier must be 1..5")
        sub = it.get("substitutability")
        if not isinstance(sub, (int, float)) or not 0.3 <= sub <= 4:
            fail(f"{where}: substitutability must be in 0.3..4")
        recipe = it.get("recipe") or {}
        for inp, coef in recipe.items():
            if inp not in index:
                fail(f"{where}: recipe input '{inp}' is not an item")
                continue
            if not isinstance(coef, (int, float)) or coef < 0:
                fail(f"{where}: coefficient of '{inp}' must be >= 0")
                continue
            A[index[inp]][index[iid]] = float(coef)
        col = sum(v for v in recipe.values() if isinstance(v, (int, float)))
        if col >= 1:
            fail(f"{where}: recipe coefficients sum to {col:.3f} (must be < 1)")
        elif col > 0.6:
            warn(f"{where}: recipe coefficients sum to {col:.3f} (above 0.6)")
        # recipe_in: a state's makers follow the recipe with these changes (0 removes an input).
        for code, changes in (it.get("recipe_in") or {}).items():
            if code not in codes:
                fail(f"{where}: recipe_in names '{code}', which is not a state")
            own = dict(recipe)
            for inp, coef in (changes or {}).items():
                if inp not in index:
                    fail(f"{where}: recipe_in.{code}: '{inp}' is not an item")
                elif not isinstance(coef, (int, float)) or coef < 0:
                    fail(f"{where}: recipe_in.{code}: coefficient of '{inp}' must be >= 0")
                else:
                    own[inp] = coef
                    A[index[inp]][index[iid]] = max(A[index[inp]][index[iid]], float(coef))
            if sum(v for v in own.values() if isinstance(v, (int, float))) >= 1:
                fail(f"{where}: recipe_in.{code}: coefficients sum to 1 or more")
        check_source(where, it.get("source"))

    # Chip-making is split by node where the controls draw the line: a mature-node item uses no input of
    # the node-line classes (the advanced-node tools and advanced computing; else a control on advanced-node
    # tools would stop mature fabs too), and each *_advanced item has its *_mature twin.
    node_line = {"national:semiconductor_equipment", "national:advanced_computing"}
    by_item = {i.get("id"): i for i in items}
    for iid, it in by_item.items():
        if isinstance(iid, str) and iid.endswith("_mature"):
            for inp in (it.get("recipe") or {}):
                if inp in by_item and str(by_item[inp].get("control", "none")) in node_line:
                    fail(f"item {iid}: a mature-node item uses the advanced-node input '{inp}' "
                         f"({by_item[inp].get('control')})")
        if isinstance(iid, str) and iid.endswith("_advanced") and iid[:-len("_advanced")] + "_mature" not in by_item:
            fail(f"item {iid}: no mature-node twin '{iid[:-len('_advanced')]}_mature'")

    rho, hi = spectral_radius(item_ids, A) if n else (0.0, 0.0)
    if rho >= 1 or hi >= 1:
        fail(f"recipes not productive: spectral radius about {rho:.4f} (upper bound {hi:.4f}); it must be below 1")

    # --- listed firms (the WMD-risk end users) ---
    listed_items = set()
    firm_ids = set()
    for k, fm in enumerate(world.get("firms") or []):
        fid = fm.get("id")
        where = f"firm {fid or k}"
        if fid in firm_ids:
            fail(f"duplicate firm '{fid}'")
        firm_ids.add(fid)
        if fm.get("state") not in codes:
            fail(f"{where}: unknown state '{fm.get('state')}'")
        if fm.get("item") not in index:
            fail(f"{where}: unknown item '{fm.get('item')}'")
        listed_items.add(fm.get("item"))
        if fm.get("end_use", "civilian") not in END_USES:
            fail(f"{where}: end_use '{fm.get('end_use')}' not one of {sorted(END_USES)}")
        cap = fm.get("capacity")
        if not isinstance(cap, (int, float)) or cap <= 0:
            fail(f"{where}: capacity must be a positive number")
        # Its state alone buys its item, and the capacity covers that demand.
        for c, s in codes.items():
            d = (s.get("final_demand") or {}).get(fm.get("item"), 0)
            if c != fm.get("state") and d > 0:
                fail(f"{where}: state {c} buys its item, only {fm.get('state')} should")
            if c == fm.get("state") and isinstance(cap, (int, float)) and d > cap:
                fail(f"{where}: capacity {cap} below its state's demand {d}")
        if fm.get("item") in listed_items and fm.get("item") not in prod_sources:
            fail(f"{where}: item {fm.get('item')} has no entry in world.production_sources")
    if not any(fm.get("end_use") == "wmd_risk" for fm in world.get("firms") or []):
        fail("no WMD-risk end user: the non-proliferation scenarios need at least one")

    # --- production ---
    for iid in item_ids:
        if iid in listed_items:
            if iid in production:
                fail(f"item {iid}: made by listed firms and also under world.generate.production")
        elif iid not in production:
            fail(f"item {iid}: no production entry in world.generate.production (nor listed firms)")
    for iid, shares in production.items():
        where = f"production {iid}"
        if iid not in index:
            fail(f"{where}: not an item")
        if not isinstance(shares, dict) or not shares:
            fail(f"{where}: expected a map of state -> share")
            continue
        for c, v in shares.items():
            if c not in codes:
                fail(f"{where}: unknown state '{c}'")
            if not isinstance(v, (int, float)) or v < 0:
                fail(f"{where}: share of {c} must be >= 0")
        total = sum(v for v in shares.values() if isinstance(v, (int, float)))
        if abs(total - 1) > SHARE_TOL:
            fail(f"{where}: shares sum to {total:.9f}, not 1")
        if iid not in prod_sources:
            fail(f"{where}: no entry in world.production_sources")
        else:
            check_source(f"production_sources {iid}", prod_sources[iid])
    for iid in prod_sources:
        if iid not in index:
            fail(f"production_sources: '{iid}' is not an item")
    # import shares: public bilateral figures; each names states that make the item, and its source
    for k, fig in enumerate(gen.get("import_shares") or []):
        where = f"import_shares[{k}] ({fig.get('buyer')} {fig.get('item')})"
        made = production.get(fig.get("item")) or {}
        if fig.get("buyer") not in codes:
            fail(f"{where}: unknown buyer state")
        if not made:
            fail(f"{where}: the item has no production shares")
        shares = fig.get("from") or {}
        for c, v in shares.items():
            if c == fig.get("buyer"):
                fail(f"{where}: a state does not import from itself")
            if not isinstance(v, (int, float)) or not 0 <= v <= 1:
                fail(f"{where}: share from {c} must be in 0..1")
            elif v > 0 and not made.get(c):
                fail(f"{where}: {c} makes none of the item")
        if sum(v for v in shares.values() if isinstance(v, (int, float))) > 1 + SHARE_TOL:
            fail(f"{where}: shares of imports sum to more than 1")
        check_source(where, fig.get("source"))

    # --- final demand ---
    f = [0.0] * n
    for c, s in codes.items():
        for iid, v in (s.get("final_demand") or {}).items():
            if iid not in index:
                fail(f"state {c}: final demand for unknown item '{iid}'")
            elif not isinstance(v, (int, float)) or v < 0:
                fail(f"state {c}: final demand for {iid} must be >= 0")
            else:
                f[index[iid]] += v
    x = leontief_output(item_ids, A, f) if n else []
    for iid in item_ids:
        if x and x[index[iid]] <= 0:
            fail(f"item {iid}: zero baseline output (no final demand reaches it through the recipes)")

    # --- sources cited ---
    for sid in sorted(source_ids - cited):
        warn(f"source '{sid}' is not cited")

    # --- world totals (warning only) ---
    gdp = sum(s.get("gdp_usd_bn", 0) for s in codes.values())
    pop = sum(s.get("population_m", 0) for s in codes.values())
    for what, got, ref in (("GDP", gdp, WORLD_GDP_BN), ("population", pop, WORLD_POP_M)):
        if abs(got / ref - 1) > 0.02:
            warn(f"world {what} {got:,.0f} differs from the reference {ref:,} by more than 2%")

    stats = dict(states=len(codes), items=n, regimes=len(regimes), sources=len(source_ids),
                 gdp=gdp, pop=pop, rho=rho, hi=hi, x=x, ids=item_ids, production=production, regime_list=regimes,
                 statuses={st: sum(1 for s in codes.values() if s.get("status") == st) for st in sorted(STATUSES)},
                 incomes={g: sum(1 for s in codes.values() if s.get("income_group") == g) for g in ("high", "upper_middle", "lower_middle", "low")},
                 controlled=sum(1 for i in items if str(i.get("control", "none")) != "none"),
                 max_col=max((sum((i.get("recipe") or {}).values()) for i in items), default=0.0))
    return report(stats)


def report(st):
    if st:
        print(f"states: {st['states']} ({', '.join(f'{k} {v}' for k, v in st['statuses'].items())}); "
              f"world GDP {st['gdp']:,.0f} USD bn (ref. ~{WORLD_GDP_BN:,}), population {st['pop']:,.0f} m (ref. ~{WORLD_POP_M:,})")
        print("income groups (World Bank): " + ", ".join(f"{k} {v}" for k, v in st["incomes"].items()))
        print("regimes: " + ", ".join(f"{r.get('id')} {len(r.get('members', []))}" for r in st["regime_list"]))
        print(f"items: {st['items']} ({st['controlled']} controlled); largest recipe column sum {st['max_col']:.3f}; "
              f"spectral radius {st['rho']:.4f} (upper bound {st['hi']:.4f}, must be < 1)")
        pairs = sum(len(v) for v in st["production"].values() if isinstance(v, dict))
        print(f"production: {len(st['production'])} items, {pairs} (item, state) pairs with a share")
        if st["x"]:
            tot = sum(st["x"])
            top = sorted(zip(st["ids"], st["x"]), key=lambda t: -t[1])[:5]
            print("baseline gross output per step (USD bn): world {:,.0f}; largest: {}".format(
                tot, ", ".join(f"{i} {v:,.0f}" for i, v in top)))
            print(f"sources: {st['sources']}")
    for w in warnings:
        print(f"warning: {w}")
    for m in failures:
        print(f"FAIL: {m}")
    print("check_world_data: " + ("FAILED, %d problem(s)" % len(failures) if failures else "OK"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
