"""Writes Fixtures/castle/cohort.csv: a SYNTHETIC cohort of 24 patients (SLE 10, SSc 9, IIM 5)
for `trialstats analyze` and Fixtures/castle/plan.yaml. It is NOT the CASTLE trial's data.

The values are built so that their summaries resemble the published CASTLE tables
(castle-published-cells.csv): for each basket and variable, the n values are read off a
piecewise-linear curve through the published minimum-ish, Q1, median, Q3 and maximum-ish at the
plotting positions (k - 1)/(n - 1) (so R's type-7 quartiles land near the published ones),
rounded to the instrument's scale and shuffled among the basket's patients with a fixed seed.
Month-6 values are read off the published all-patient month-6 quartiles and paired with the
baseline values by rank (with noise), so that most patients improve. Counts (female sex, kidney
and lung involvement, the basket-specific efficacy endpoint 9/10, 9/9 and 4/5) are the published
ones, assigned at random. Drug-free survival: infusion dates from 2022 to 2024, follow-up to a
data cut-off on 2025-06-30, three events. One month-6 FACIT value is missing.

The IIM age quartiles are printed "44 (45-69)" in the paper (a median outside its IQR); the
synthetic IIM ages use 44 (38-60) instead.

Regenerate from the package root:  python3 Fixtures/castle/make-cohort.py
Python standard library only (random.Random(20260824)), so the output is reproducible.
"""
import csv
import datetime as dt
import random
from pathlib import Path

rng = random.Random(20260824)
BASKETS = [("SLE", 10), ("SSc", 9), ("IIM", 5)]


def curve(points, n):
    """n values read off the piecewise-linear curve through (p, value) points at (k-1)/(n-1)."""
    out = []
    for k in range(n):
        p = k / (n - 1)
        for (p0, v0), (p1, v1) in zip(points, points[1:]):
            if p0 <= p <= p1:
                out.append(v0 + (v1 - v0) * (p - p0) / (p1 - p0))
                break
    return out


def five(lo, q1, med, q3, hi):
    return [(0, lo), (0.25, q1), (0.5, med), (0.75, q3), (1, hi)]


def shuffled(values):
    values = list(values)
    rng.shuffle(values)
    return values


def counts(yes, n):
    return shuffled([1] * yes + [0] * (n - yes))


def eighths(x):
    """HAQ scores are means of eight 0-3 categories: multiples of 1/8."""
    return min(3.0, max(0.0, round(x * 8) / 8))


baseline = {
    # basket: (age, disease duration, VAS, HAQ, FACIT) as (min, Q1, median, Q3, max)
    "SLE": dict(age=five(20, 24, 31, 55, 62), duration=five(0.8, 2.5, 5.0, 9.0, 16.0),
                vas=five(40, 54, 62, 68, 85), haq=five(0.0, 0.1, 0.7, 1.4, 2.2), facit=five(4, 11, 19, 40, 47)),
    "SSc": dict(age=five(22, 27, 36, 56, 66), duration=five(0.4, 0.9, 2.5, 5.0, 8.0),
                vas=five(45, 58, 63, 76, 90), haq=five(0.0, 0.3, 1.1, 2.1, 2.6), facit=five(5, 11, 27, 48, 50)),
    "IIM": dict(age=five(30, 38, 44, 60, 70), duration=five(0.5, 0.9, 2.3, 9.3, 12.0),
                vas=five(30, 42, 51, 83, 92), haq=five(0.125, 0.4, 2.3, 2.6, 2.875), facit=five(10, 18, 34, 48, 51)),
}
female = {"SLE": 7, "SSc": 6, "IIM": 4}
kidney = {"SLE": 8, "SSc": 0, "IIM": 0}
lungs = {"SLE": 3, "SSc": 9, "IIM": 2}
efficacy = {"SLE": 9, "SSc": 9, "IIM": 4}

rows = []
for basket, n in BASKETS:
    b = baseline[basket]
    ages = shuffled(round(v) for v in curve(b["age"], n))
    durations = shuffled(round(v, 1) for v in curve(b["duration"], n))
    vas = shuffled(round(v) for v in curve(b["vas"], n))
    haq = shuffled(eighths(v) for v in curve(b["haq"], n))
    facit = shuffled(round(v) for v in curve(b["facit"], n))
    sexes = ["female" if f else "male" for f in counts(female[basket], n)]
    for i in range(n):
        rows.append({
            "patient": "", "basket": basket, "age": ages[i], "sex": sexes[i],
            "disease_duration_years": durations[i],
            "kidney": 0, "lungs": 0,
            "vas_pga_baseline": vas[i], "vas_pga_month6": None,
            "haq_baseline": haq[i], "haq_month6": None,
            "facit_baseline": facit[i], "facit_month6": None,
            "efficacy_week24": 0,
        })
    start = len(rows) - n
    for column, table in (("kidney", kidney), ("lungs", lungs), ("efficacy_week24", efficacy)):
        for row, value in zip(rows[start:], counts(table[basket], n)):
            row[column] = value

# Month 6: all-patient quartiles as published (VAS 19 [7.3; 48.8], HAQ 0.3 [0.0; 0.3],
# FACIT 42 [37; 49]), paired with baseline by rank with noise so that most patients improve.
month6 = {
    "vas_pga": (five(0, 7.3, 19, 48.8, 70), lambda v: round(v)),
    "haq": (five(0, 0.0, 0.25, 0.375, 1.5), eighths),
    "facit": (five(20, 37, 42, 49, 52), lambda v: round(v)),
}
for name, (points, scale) in month6.items():
    targets = sorted(scale(v) for v in curve(points, len(rows)))
    better_high = name == "facit"
    order = sorted(range(len(rows)), key=lambda i: rows[i][f"{name}_baseline"] + rng.gauss(0, 8 if name != "haq" else 0.4))
    for target, i in zip(targets, order):
        rows[i][f"{name}_month6"] = target

# Drug-free survival: infusion between 2022-03 and 2024-09; data cut-off 2025-06-30.
cutoff = dt.date(2025, 6, 30)
event_patients = {3, 14, 21}  # one per basket (0-based row numbers)
for i, row in enumerate(rows):
    infusion = dt.date(2022, 3, 1) + dt.timedelta(days=rng.randrange(0, 930))
    row["infusion_date"] = infusion.isoformat()
    if i in event_patients:
        end = infusion + dt.timedelta(days=rng.randrange(150, 420))
        row["drug_free_end"] = min(end, cutoff).isoformat()
        row["drug_free_event"] = 1
    else:
        row["drug_free_end"] = cutoff.isoformat()
        row["drug_free_event"] = 0

rows[16]["facit_month6"] = "NA"  # one missing month-6 questionnaire
for i, row in enumerate(rows, start=1):
    row["patient"] = f"S{i:02d}"

out = Path(__file__).with_name("cohort.csv")
fields = ["patient", "basket", "age", "sex", "disease_duration_years", "kidney", "lungs",
          "vas_pga_baseline", "vas_pga_month6", "haq_baseline", "haq_month6", "facit_baseline", "facit_month6",
          "efficacy_week24", "infusion_date", "drug_free_end", "drug_free_event"]
with out.open("w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
print(f"wrote {out} ({len(rows)} synthetic patients)")
