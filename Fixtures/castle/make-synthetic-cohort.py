"""Writes Fixtures/castle/synthetic-cohort.csv: a SYNTHETIC cohort of 24 patients shaped like the
CASTLE trial (SLE 10, SSc 9, IIM 5). It is not the trial's data: values are drawn with a fixed
seed from ranges that resemble the published summaries, rounded to each instrument's scale.

Regenerate from the package root:  python3 Fixtures/castle/make-synthetic-cohort.py
Uses only the Python standard library (random with seed 2026), so the output is reproducible.
"""
import csv
import random
from pathlib import Path

rng = random.Random(2026)
baskets = ["SLE"] * 10 + ["SSc"] * 9 + ["IIM"] * 5
age_centre = {"SLE": 31, "SSc": 36, "IIM": 44}
rows = []
for i, basket in enumerate(baskets, start=1):
    age = max(18, min(70, round(rng.gauss(age_centre[basket] + 6, 12))))
    sex = "female" if rng.random() < 0.71 else "male"
    duration = round(max(0.2, rng.lognormvariate(1.2, 0.8)), 1)
    vas_pga_0 = max(10, min(100, round(rng.gauss(63, 15))))
    vas_pga_6 = max(0, min(100, vas_pga_0 - round(abs(rng.gauss(40, 20)))))
    haq_0 = min(3.0, max(0.0, round(rng.uniform(0, 2.4) * 8) / 8))
    haq_6 = max(0.0, round((haq_0 - abs(rng.gauss(0.6, 0.5))) * 8) / 8)
    facit_0 = max(0, min(52, round(rng.gauss(26, 12))))
    facit_6 = max(0, min(52, facit_0 + round(rng.gauss(15, 8))))
    response = 1 if rng.random() < 22 / 24 else 0
    dfs_months = round(rng.uniform(6, 24), 1)
    relapse = 1 if rng.random() < 0.15 else 0
    missing_haq6 = i in (7,)
    rows.append({
        "patient": f"P{i:02d}", "basket": basket, "age": age, "sex": sex,
        "disease_duration_years": duration,
        "vas_pga_baseline": vas_pga_0, "vas_pga_month6": vas_pga_6,
        "haq_baseline": haq_0, "haq_month6": "NA" if missing_haq6 else haq_6,
        "facit_baseline": facit_0, "facit_month6": facit_6,
        "response_week24": response,
        "drug_free_months": dfs_months, "relapse": relapse,
    })

out = Path(__file__).with_name("synthetic-cohort.csv")
with out.open("w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
print(f"wrote {out} ({len(rows)} synthetic patients)")
