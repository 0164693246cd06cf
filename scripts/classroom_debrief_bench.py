#!/usr/bin/env python3
"""How long the debrief of a class takes on the default world, on loopback only.

Starts `regimesim serve` on a free loopback port with the library `scenarios/`, opens a
session of the flagship's three columns and a class on the small circle's column with 8
teams, plays 5 rounds of 4 decisions each (20 decisions: joins and leaves, enforcement,
diversion, over-compliance, a retaliation), steps to month MONTHS, then opens the
debrief (one replay per decision, to the last month) and opens it again (measured
already: nothing replayed). Prints the wall time and the server's CPU time of the
debrief (the second is steadier on a busy machine). A bench command, not a test:

    python3 scripts/classroom_debrief_bench.py build/release/sim/regimesim [--months 12]
"""
import argparse
import json
import os
import re
import subprocess
import time
import urllib.request

ROUNDS = [  # (state, decision): 4 a round
    [("KOR", {"coalition": "join"}), ("DEU", {"coalition": "join"}), ("TWN", {"coalition": "join"}),
     ("GBR", {"coalition": "join"})],
    [("USA", {"enforcement": 0.5}), ("NLD", {"enforcement": 0.5}), ("JPN", {"enforcement": 0.5}),
     ("KOR", {"enforcement": 0.5})],
    [("CHN", {"divert": 0.3}), ("DEU", {"over_comply": 0.2}), ("TWN", {"enforcement": 0.8}),
     ("GBR", {"coalition": "leave"})],
    [("KOR", {"coalition": "leave"}), ("DEU", {"enforcement": 0.9}), ("USA", {"over_comply": 0.1}),
     ("CHN", {"retaliate": True})],
    [("NLD", {"enforcement": 0.7}), ("JPN", {"enforcement": 0.6}), ("TWN", {"coalition": "leave"}),
     ("GBR", {"coalition": "join"})],
]
STATES = ["USA", "NLD", "JPN", "KOR", "CHN", "DEU", "TWN", "GBR"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--library", default=os.path.join(os.path.dirname(__file__), "..", "scenarios"))
    a = ap.parse_args()
    if not 6 <= a.months <= 36:
        raise SystemExit("--months 6 to 36")
    server = subprocess.Popen([a.binary, "serve", "--library", a.library, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
        run(f"http://127.0.0.1:{port}", a.months, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def call(url, method, path, body=None, headers=None):
    req = urllib.request.Request(url + path, method=method, data=None if body is None else json.dumps(body).encode())
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=600) as res:
        out = json.loads(res.read())
    return out, (time.perf_counter() - start) * 1000


def cpu_seconds(pid):
    # The server's own user + system time so far (a figure the machine's load does not inflate).
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(url, months, pid):
    s, _ = call(url, "POST", "/api/sessions", {})
    sid, teacher = s["id"], {"X-Teacher-Token": s["teacher_token"]}
    view, _ = call(url, "POST", f"/api/sessions/{sid}/class", {"variant": 1, "teams": STATES, "auto_advance": False}, teacher)
    code = view["class"]["code"]
    token = {st: call(url, "POST", "/api/join", {"code": code, "state": st})[0]["token"] for st in STATES}
    decided = 0
    for decisions in ROUNDS:
        for state, d in decisions:
            call(url, "POST", "/api/team/decision", {"decision": d}, {"X-Team-Token": token[state]})
            decided += 1
        out, _ = call(url, "POST", f"/api/sessions/{sid}/class/advance", {}, teacher)
        if out["skipped"]:
            print("skipped:", out["skipped"])
    view, _ = call(url, "GET", f"/api/sessions/{sid}")
    month = view["variants"][1]["month"]
    call(url, "POST", f"/api/sessions/{sid}/step", {"months": months - month}, teacher)
    cpu = cpu_seconds(pid)
    first, first_ms = call(url, "GET", f"/api/sessions/{sid}/debrief")
    cpu = cpu_seconds(pid) - cpu
    again, again_ms = call(url, "GET", f"/api/sessions/{sid}/debrief")
    rows = first["debrief"]
    print(f"{decided} decisions in {len(ROUNDS)} rounds, {len(rows)} debrief rows, effects at month {rows[0]['effect_month']}")
    print(f"the debrief, measured: {first_ms:.0f} ms (the server's CPU: {cpu:.2f} s); opened again: {again_ms:.0f} ms")
    with open("/proc/loadavg") as f:
        print("load average", f.read().split()[0])


if __name__ == "__main__":
    main()
