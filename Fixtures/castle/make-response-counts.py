"""Writes Fixtures/castle/response-counts.csv: every count the CASTLE paper reports as x of n.

Sources (both bundled beside this script, copied unchanged from the project's shared material):
- castle-published-cells.csv: the CASTLE tables transcribed cell by cell as printed; in Table 3
  (toxicity: CRS, ICANS, ICAHT, LICATS and infections) every cell of
  the form "x (p%)" or "x (p)" in a row labelled N (%) gives x, with n from the column's N.
- seed-proportions.csv: counts stated in the text of CASTLE (efficacy per basket at week 24) and of
  earlier series (NEJM 2024 case series, CAR-NK lupus series, a 2025 review).

Regenerate from the package root:  python3 Fixtures/castle/make-response-counts.py
Standard library only.
"""
import csv
import re
from pathlib import Path

here = Path(__file__).parent
count_cell = re.compile(r"^\s*(\d+)\s*\(\s*\d+(?:\.\d+)?\s*%?\s*\)\s*$")
rows = []
with (here / "seed-proportions.csv").open(newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        rows.append({"source": r["source"], "table": "text", "endpoint": r["endpoint"],
                     "group": r["population"], "x": r["x"], "n": r["n"], "printed": r["printed"]})
with (here / "castle-published-cells.csv").open(newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        label = r["row"]
        if not r["table"].startswith("Table 3") or ("(%)" not in label and "N (" not in label):
            continue
        m = count_cell.match(r["text"])
        if not m:
            continue
        rows.append({"source": "CASTLE (Nat Med 2026)", "table": r["table"].split(":")[0],
                     "endpoint": label, "group": r["column"], "x": m.group(1), "n": r["column_n"],
                     "printed": r["text"]})

out = here / "response-counts.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    writer = csv.DictWriter(f, fieldnames=["source", "table", "endpoint", "group", "x", "n", "printed"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
print(f"wrote {out} ({len(rows)} rows)")
