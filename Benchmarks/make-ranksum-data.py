"""Writes two-group data for the rank-sum benchmark: N observations per group of integer scores
LOW..HIGH (ordinal or VAS-like, so with many ties), the second group shifted by SHIFT.
Usage: python3 make-ranksum-data.py N LOW HIGH SHIFT OUT.csv   (columns group,score)
SHIFT 0 gives p-values in the middle of the distribution (the slowest exact case for the
dynamic programme); a larger shift gives small p-values. Standard library only, fixed seed;
LOW = 0 and HIGH = 10**9 gives (almost surely) untied data."""
import csv
import random
import sys

n, low, high, shift, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(20261206)
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["group", "score"])
    for group, s in (("a", 0), ("b", shift)):
        for _ in range(n):
            w.writerow([group, min(high, rng.randint(low, high) + s)])
