#!/usr/bin/env python3
"""What a firm team costs the classroom, on the default world: `regimesim serve` on a free
loopback port, the flagship's three columns, a class on the small circle's column with the
state teams USA NLD JPN KOR CHN and (with --firms) the firm team of the Dutch lithography
makers; then 24 months advanced one round at a time. Prints the median of the step inside the
server (`last_step_ms`), the class's opening, and the firm team's page (its brief and
dashboard) five times once the run has ended (the first works out the brief's baseline). A bench command, not a test:

    python3 scripts/classroom_firm_team_bench.py build/release/sim/regimesim [--firms]
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import time

FIRMS = [{"state": "NLD", "items": ["lithography_euv", "lithography_duv_advanced"], "name": "Dutch lithography makers"}]


def call(conn, method, path, body=None, headers=None):
    h = dict(headers or {})
    if body is not None:
        h["Content-Type"] = "application/json"
    start = time.perf_counter()
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=h)
    res = conn.getresponse()
    data = json.loads(res.read() or b"null")
    if res.status >= 300:
        raise SystemExit(f"{method} {path}: {res.status} {data}")
    return data, 1000 * (time.perf_counter() - start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--firms", action="store_true", help="open the class with the Dutch lithography makers' firm team")
    ap.add_argument("--brief", action="store_true", help="print the firm team's brief at the end")
    ap.add_argument("--library", default=os.path.join(os.path.dirname(__file__), "..", "scenarios"))
    a = ap.parse_args()
    server = subprocess.Popen([a.binary, "serve", "--library", a.library, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        s, _ = call(conn, "POST", "/api/sessions", {})
        t = {"X-Teacher-Token": s["teacher_token"]}
        body = {"variant": 1, "teams": ["USA", "NLD", "JPN", "KOR", "CHN"], "auto_advance": False}
        if a.firms:
            body["firm_teams"] = FIRMS
        view, open_ms = call(conn, "POST", f"/api/sessions/{s['id']}/class", body, t)
        token = None
        if a.firms:
            j, _ = call(conn, "POST", "/api/join", {"code": view["class"]["code"], "team": "NLD-firms"})
            token = j["token"]
        steps = []
        for _ in range(24):
            out, _ = call(conn, "POST", f"/api/sessions/{s['id']}/class/advance", {}, t)
            steps.append(out["view"]["last_step_ms"])
        page_ms = None
        if token:
            page, first_ms = call(conn, "GET", "/api/team", None, {"X-Team-Token": token})
            page_ms = [round(first_ms, 1)] + [round(call(conn, "GET", "/api/team", None, {"X-Team-Token": token})[1], 1)
                                              for _ in range(4)]
            if a.brief:
                print(page["brief"])
        print(json.dumps({"firms": a.firms, "open_class_ms": round(open_ms, 1),
                          "step_ms_median": round(statistics.median(steps), 1),
                          "firm_page_ms": page_ms, "load": os.getloadavg()}))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
