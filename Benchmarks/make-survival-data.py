"""Writes a survival benchmark CSV: N subjects in three groups (A, B, C), integer days with
exponential event times and uniform administrative censoring. Usage:
python3 make-survival-data.py N OUT.csv   (standard library only, fixed seed)."""
import csv
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
rates = {"A": 1 / 900, "B": 1 / 1100, "C": 1 / 1300}
with open(out, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "group", "time", "status"])
    for i in range(n):
        g = "ABC"[i % 3]
        event = rng.expovariate(rates[g])
        censor = rng.uniform(30, 2000)
        t = min(event, censor)
        w.writerow([i + 1, g, max(1, round(t)), 1 if event <= censor else 0])
