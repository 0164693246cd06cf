"""A long run releases the GIL (other Python threads go on) and stops on Ctrl-C."""

import os
import signal
import subprocess
import sys
import threading
import time

import regimesim
from conftest import TUTORIAL

LONG = f"""
import sys, time, regimesim
print("started", flush=True)
t = time.monotonic()
try:
    regimesim.load({TUTORIAL!r}).run(runs=1000, steps=200, threads=1)
    print("finished", flush=True)
except KeyboardInterrupt as e:
    print(f"interrupted after {{time.monotonic() - t:.1f}} s: {{e}}", flush=True)
    sys.exit(130)
"""


def test_ctrl_c_stops_a_long_run():
    p = subprocess.Popen([sys.executable, "-c", LONG], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=os.environ.copy())
    assert p.stdout.readline().strip() == "started"
    time.sleep(1.5)
    sent = time.monotonic()
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    stopped_in = time.monotonic() - sent
    assert p.returncode == 130, (out, err)
    assert "interrupted after" in out
    assert stopped_in < 10, stopped_in  # within a step or two of the runs in flight, not at the end of 1,000 runs


def test_other_python_threads_run_while_it_runs():
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.01)

    t = threading.Thread(target=tick)
    start = time.monotonic()
    t.start()
    regimesim.load(TUTORIAL).run(runs=40, steps=40, threads=1)
    took = time.monotonic() - start
    done.set()
    t.join()
    # Holding the GIL for the whole run would let the ticker tick only before and after it.
    during = [x for x in ticks if start + 0.2 < x < start + took - 0.2]
    assert took < 0.5 or len(during) > (took - 0.4) / 0.05, (took, len(during))
