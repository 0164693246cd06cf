#!/usr/bin/env python3
"""A class of browsers at once against `regimesim serve`, on loopback only.

Starts the server on a free loopback port with the flagship's three columns on the default
world, opens a session and a class of 8 teams, then runs CLIENTS simulated browsers for
SECONDS: one teacher (steps a month every 2 s, resets at the end of the run; with --play it
presses Play once, a month every 2 s on the server's clock, and polls as the page does),
8 teams (each polls its own page every 2.5 s and decides every 10 s) and the rest viewers
(each polls the session's view every second, as the pages do). Prints request counts and latencies (median,
p95, max) per kind of request, and the load average. A bench command, not a test:

    python3 scripts/classroom_load_test.py build/release/sim/regimesim [--clients 40] [--seconds 60] [--play]
"""
import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time

STATES = ["USA", "NLD", "JPN", "KOR", "CHN", "DEU", "TWN", "GBR"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--clients", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--play", action="store_true", help="the teacher presses Play (the server steps) instead of Step")
    ap.add_argument("--library", default=os.path.join(os.path.dirname(__file__), "..", "scenarios"))
    a = ap.parse_args()
    if not (1 <= a.clients <= 200 and 1 <= a.seconds <= 600):
        sys.exit("--clients 1 to 200, --seconds 1 to 600")
    server = subprocess.Popen([a.binary, "serve", "--library", a.library, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))
        run(port, a.clients, a.seconds, a.play)
    finally:
        server.terminate()
        server.wait(timeout=10)


reconnects = [0]


def request(conn, method, path, body=None, headers=None):
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body)
        h["Content-Type"] = "application/json"
    start = time.perf_counter()
    try:
        conn.request(method, path, body=data, headers=h)
        res = conn.getresponse()
    except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
        # The server closed an idle keep-alive connection (after 5 s, or 5 requests):
        # a browser opens a new one and sends again, and so does this client.
        reconnects[0] += 1
        conn.close()
        start = time.perf_counter()
        conn.request(method, path, body=data, headers=h)
        res = conn.getresponse()
    payload = res.read()
    return res.status, payload, (time.perf_counter() - start) * 1000


def run(port, clients, seconds, play=False):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, body, ms = request(conn, "POST", "/api/sessions", {})
    assert status == 201, body
    s = json.loads(body)
    sid, tok = s["id"], s["teacher_token"]
    print(f"session of {len(s['view']['variants'])} columns created in {ms:.0f} ms")
    teacher = {"X-Teacher-Token": tok}
    # Alone first: a step of every column, the whole run, then a change that replays.
    alone = []
    for _ in range(24):
        status, body, ms = request(conn, "POST", f"/api/sessions/{sid}/step", {}, teacher)
        alone.append((ms, json.loads(body)["last_step_ms"]))
    served = sorted(a for a, _ in alone)
    inside = sorted(b for _, b in alone)
    print(f"a step of {len(s['view']['variants'])} columns, no other client (24 steps): answered in median "
          f"{statistics.median(served):.1f} ms, max {served[-1]:.1f}; stepping alone median {statistics.median(inside):.1f} ms")
    request(conn, "POST", f"/api/sessions/{sid}/reset", {}, teacher)
    request(conn, "POST", f"/api/sessions/{sid}/step", {"months": 12}, teacher)
    status, body, ms = request(conn, "POST", f"/api/sessions/{sid}/variants/0/change", {"kind": "join", "state": "JPN"}, teacher)
    print(f"Japan joins column 0 at month 12 (a replay of 12 months): answered in {ms:.0f} ms, replay "
          f"{json.loads(body)['last_replay_ms']:.0f} ms")
    status, body, ms = request(conn, "POST", f"/api/sessions/{sid}/variants/0/change", {"kind": "approval", "value": 0.5}, teacher)
    print(f"a licence approval change at month 12 (set in place): answered in {ms:.0f} ms")
    status, body, ms = request(conn, "POST", f"/api/sessions/{sid}/variants/1/branch", {"change": {"kind": "leave", "state": "JPN"}}, teacher)
    print(f"a branch at month 12 (Japan leaves the small circle): answered in {ms:.0f} ms")
    request(conn, "POST", f"/api/sessions/{sid}/reset", {}, teacher)
    status, body, _ = request(conn, "POST", f"/api/sessions/{sid}/class", {"variant": 1, "teams": STATES}, teacher)
    code = json.loads(body)["class"]["code"]
    tokens = []
    for st in STATES:
        status, body, _ = request(conn, "POST", "/api/join", {"code": code, "state": st})
        tokens.append(json.loads(body)["token"])
    lat = {}
    errors = []
    served_steps = {}  # month -> the server's own step time, as the views report it
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def note(kind, status, ms):
        with lock:
            lat.setdefault(kind, []).append(ms)
            if status >= 400 and not (kind == "decision" and status == 409):
                errors.append((kind, status))

    def browser(kind, k):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = 0
        while time.monotonic() < stop_at and n < 10000:
            n += 1
            try:
                if kind == "teacher" and play:
                    if n == 1:
                        st, _, ms = request(c, "POST", f"/api/sessions/{sid}/play", {"interval_ms": 2000}, teacher)
                        note("play", st, ms)
                    st, body, ms = request(c, "GET", f"/api/sessions/{sid}")
                    note("session view", st, ms)
                    if st == 200:
                        v = json.loads(body)
                        with lock:
                            served_steps[v["variants"][0]["month"]] = v["last_step_ms"]
                    time.sleep(0.3)
                elif kind == "teacher":
                    st, body, ms = request(c, "POST", f"/api/sessions/{sid}/step", {}, teacher)
                    note("step (3 columns)", st, ms)
                    if st == 200 and json.loads(body)["variants"][0]["month"] >= 24:
                        st, _, ms = request(c, "POST", f"/api/sessions/{sid}/reset", {}, teacher)
                        note("reset", st, ms)
                    time.sleep(2)
                elif kind == "team":
                    h = {"X-Team-Token": tokens[k]}
                    st, _, ms = request(c, "GET", "/api/team", None, h)
                    note("team page", st, ms)
                    if n % 4 == 0:
                        st, _, ms = request(c, "POST", "/api/team/decision", {"decision": {"enforcement": 0.5 + 0.05 * k}}, h)
                        note("decision", st, ms)
                    time.sleep(2.5)
                else:
                    st, _, ms = request(c, "GET", f"/api/sessions/{sid}")
                    note("session view", st, ms)
                    time.sleep(1)
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append((kind, repr(e)))
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    kinds = ["teacher"] + ["team"] * min(len(STATES), clients - 1) + ["viewer"] * max(0, clients - 1 - len(STATES))
    threads = [threading.Thread(target=browser, args=(kind, k % len(STATES))) for k, kind in enumerate(kinds)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{clients} clients for {seconds:.0f} s on loopback; load average {os.getloadavg()[0]:.2f} (1 min)")
    print(f"{'request':<20}{'count':>7}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
    for kind, xs in sorted(lat.items()):
        xs.sort()
        p95 = xs[min(len(xs) - 1, int(0.95 * len(xs)))]
        print(f"{kind:<20}{len(xs):>7}{statistics.median(xs):>11.1f}{p95:>9.1f}{xs[-1]:>9.1f}")
    if play:
        xs = sorted(ms for month, ms in served_steps.items() if month > 0)
        if xs:
            print(f"Play on the server's clock: {len(xs)} months stepped; the step inside the server median "
                  f"{statistics.median(xs):.1f} ms, max {xs[-1]:.1f}")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else "") +
          f"; reconnections after the server closed an idle connection: {reconnects[0]}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
