"""Boschloo and Barnard p-values for the 2×2 cases of count_pvalue_check.R (SciPy).

Run: python3 count_pvalue_check.py  (reads count_pvalue_check_r.json, writes
count_pvalue_check_scipy.json). SciPy's default sampling_points=32 is a grid search; n=1000 points
here so that the nuisance maximum is found to the printed digits.
"""
import json
import scipy
from scipy.stats import barnard_exact, boschloo_exact

with open("count_pvalue_check_r.json") as f:
    cases = json.load(f)["cases"]
out = []
for c in cases:
    if len(c["x"]) != 2 or max(c["n"]) > 100:
        continue
    table = [[c["x"][0], c["x"][1]], [c["n"][0] - c["x"][0], c["n"][1] - c["x"][1]]]
    out.append({
        "x": c["x"], "n": c["n"],
        "boschloo": boschloo_exact(table, alternative="two-sided", n=1000).pvalue,
        "barnard": barnard_exact(table, alternative="two-sided", pooled=True, n=1000).pvalue,
    })
with open("count_pvalue_check_scipy.json", "w") as f:
    json.dump({"software": f"SciPy {scipy.__version__}", "cases": out}, f, indent=2)
    f.write("\n")
