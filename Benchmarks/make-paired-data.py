"""Writes paired PRO-like data for the signed-rank benchmark: N pairs of VAS-style integer scores
(0-100) with many ties and zeros. Usage: python3 make-paired-data.py N SHIFT OUT.csv
SHIFT is the mean change; 0 gives p-values near 1 (the slowest exact case), -3 a small p-value.
Standard library only, fixed seed."""
import csv
import random
import sys

n, shift, out = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
rng = random.Random(20261122)
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "before", "after"])
    for i in range(n):
        before = rng.randint(20, 90)
        after = max(0, min(100, before + round(rng.gauss(shift, 12))))
        w.writerow([i + 1, before, after])
