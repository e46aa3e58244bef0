#!/usr/bin/env python3
"""Whole-process A/B timing for BENCHMARKS.md: runs each command in turn, round after
round (A B C A B C ...), each into a fresh temporary folder, and prints the median wall
time, CPU time (user + sys) and peak RSS of each, then how many times slower than the
others the command named first is.

    python3 benches/ab_processes.py ROUNDS NAME='COMMAND {out}' NAME='COMMAND {out}' ...

`{out}` is replaced by a new empty folder for every run. The environment is passed on
without DISPLAY (exports need no display).
"""

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> None:
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    runs = {name: [] for name, _ in commands}
    for _ in range(rounds):
        for name, command in commands:
            out = tempfile.mkdtemp()
            argv = [part.replace("{out}", out) for part in shlex.split(command)]
            start = time.perf_counter()
            child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            shutil.rmtree(out)
            if status != 0:
                sys.exit(f"{name} failed ({status})")
            runs[name].append((wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss))
    medians = {}
    for name, rows in runs.items():
        wall, cpu, rss = (statistics.median(r[i] for r in rows) for i in range(3))
        medians[name] = (wall, cpu)
        walls = ", ".join(f"{r[0] * 1000:.0f}" for r in sorted(rows))
        print(
            f"{name:12s} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms  "
            f"peak {rss / 1024:5.1f} MB  (walls, ms: {walls})"
        )
    first, (wall0, cpu0) = next(iter(medians.items()))
    for name, (wall, cpu) in list(medians.items())[1:]:
        print(f"{first} / {name}: wall {wall0 / wall:.1f}x, cpu {cpu0 / cpu:.1f}x")


if __name__ == "__main__":
    main()
