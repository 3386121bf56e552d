"""Writes Fixtures/castle/castle-cells-annotated.csv: the CASTLE cells (castle-published-cells.csv,
unchanged text) with the optional columns the verify command reads:
- variable / population: the patient-reported outcomes printed both in Table 1 (baseline, All)
  and in the PRO table (Baseline, 6 months) are named alike, so the two tables are compared;
- scale_min, scale_max, scale_step: VAS 0-100 step 1, HAQ 0-3 step 0.125, FACIT-Fatigue 0-52 step 1;
- test: signed-rank for the PRO p-values (paired baseline vs 6 months, 24 patients).
Regenerate from the package root:  python3 Fixtures/castle/make-annotated-cells.py
"""
import csv
from pathlib import Path

here = Path(__file__).parent
instruments = {
    # Table 1 row label -> (variable, scale)
    "VAS global (mm), median (IQR)": ("VAS patient global", (0, 100, 1)),
    "VAS physician (mm), median (IQR)": ("VAS physician global", (0, 100, 1)),
    "FACIT (U), median (IQR)": ("FACIT-Fatigue", (0, 52, 1)),
    "HAQ (U), median (IQR)": ("HAQ", (0, 3, 0.125)),
    # PRO table row label -> (variable, scale)
    "VAS-PGA (mm), median [IQR]": ("VAS patient global", (0, 100, 1)),
    "VAS-PhyGA (mm), median [IQR]": ("VAS physician global", (0, 100, 1)),
    "FACIT (score), median [IQR]": ("FACIT-Fatigue", (0, 52, 1)),
    "HAQ (score), median [IQR]": ("HAQ", (0, 3, 0.125)),
}
with (here / "castle-published-cells.csv").open(newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
out_rows = []
for r in rows:
    extra = {"variable": "", "population": "", "scale_min": "", "scale_max": "", "scale_step": "", "test": ""}
    if r["row"] in instruments:
        variable, (lo, hi, step) = instruments[r["row"]]
        extra.update(scale_min=lo, scale_max=hi, scale_step=step)
        if r["table"].startswith("Table 1"):
            extra["variable"] = f"{variable} at baseline"
        elif r["column"] == "Baseline":
            extra.update(variable=f"{variable} at baseline", population="All")
        elif r["column"] == "6 months":
            extra.update(variable=f"{variable} at 6 months", population="All")
        else:
            extra.update(variable=f"{variable} change", test="signed-rank")
    out_rows.append({**r, **extra})
out = here / "castle-cells-annotated.csv"
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(out_rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(out_rows)
print(f"wrote {out} ({len(out_rows)} cells)")
