#!/usr/bin/env python3
"""Whole processes, side by side: `moneymap import FILE --out A.ron --force` against
`python3 benches/peers/sec_import.py FILE B.ron`, alternating, N runs each; prints each
median and the ratio. Used for BENCHMARKS.md:

    cargo build --release
    python3 benches/peers/side_by_side.py ../shared/fixtures/sec-companyfacts/apple.json 31

(the real companyfacts file, kept beside the clone, not in it; CI has it).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
source = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
binary = os.path.join(root, "target", "release", "moneymap")
out = tempfile.mkdtemp()
commands = {
    "moneymap import": [binary, "import", source, "--out", os.path.join(out, "a.ron"), "--force"],
    "python json.load + rules": [sys.executable, os.path.join(here, "sec_import.py"), source,
                                 os.path.join(out, "b.ron")],
}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, cmd in commands.items():
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
medians = {name: statistics.median(t) for name, t in times.items()}
for name, m in medians.items():
    print(f"{name:28} median {m * 1000:7.1f} ms  (min {min(times[name]) * 1000:.1f}, max {max(times[name]) * 1000:.1f}, {runs} runs)")
ratio = medians["python json.load + rules"] / medians["moneymap import"]
print(f"ratio: moneymap import is {ratio:.1f}x faster")
