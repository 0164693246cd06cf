#!/usr/bin/env python3
"""A step of the flagship's three columns, alone, on loopback only.

Starts `regimesim serve` on a free loopback port with the library `scenarios/`, opens the
default session (the flagship's three columns on the default world), steps it STEPS months
one at a time, and prints the median of the server's own step time (`last_step_ms`). Short
enough to pair two binaries run after run. A bench command, not a test:

    python3 scripts/classroom_step_bench.py build/release/sim/regimesim [--steps 24]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import urllib.request


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--steps", type=int, default=24)
    ap.add_argument("--library", default=os.path.join(os.path.dirname(__file__), "..", "scenarios"))
    a = ap.parse_args()
    if not 1 <= a.steps <= 36:
        raise SystemExit("--steps 1 to 36")
    server = subprocess.Popen([a.binary, "serve", "--library", a.library, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        url = "http://127.0.0.1:%s" % re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1)

        def call(path, body, token=None):
            req = urllib.request.Request(url + path, method="POST", data=json.dumps(body).encode())
            if token:
                req.add_header("X-Teacher-Token", token)
            with urllib.request.urlopen(req, timeout=120) as res:
                return json.loads(res.read())

        s = call("/api/sessions", {})
        inside = [call(f"/api/sessions/{s['id']}/step", {}, s["teacher_token"])["last_step_ms"] for _ in range(a.steps)]
        print(f"a step of {len(s['view']['variants'])} columns inside the server: median {statistics.median(inside):.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
