# Reference values for TrialStats' Wilcoxon signed-rank test on paired data, from SciPy.
#
# Reads the shared cases in signed_rank_cases.json (beside this script) and writes
# signed_rank_scipy.json beside it. For every case and null value mu it records
#   scipy.stats.wilcoxon(d - mu, zero_method=zm, correction=c, alternative=alt, method=m)
# for zm in wilcox / pratt / zsplit, c in False / True, alt in two-sided / less / greater and
# m in "auto" / "exact" / "asymptotic" / "approx" ("approx" is the pre-1.9 name, still
# accepted and mapped to "asymptotic"), plus m = scipy.stats.PermutationMethod() (defaults,
# n_resamples = 9999) when n <= 13, where the permutation test enumerates all 2**n sign
# flips and is deterministic. Each record has statistic, pvalue, zstatistic (only present
# on the result object for method "asymptotic"/"approx"), the warnings raised, or the error.
# For method "auto" the record also gives "auto_resolved": the method that scipy's code
# picks (reimplemented from scipy/stats/_wilcoxon.py of this version, and checked against the
# explicit method's p-value: "auto_check").
# It also records wilcoxon(after, before) with defaults on the raw, unrounded vectors
# ("raw_xy_default"), to show where floating-point differences break ties.
#
# Differences: d = round(after - before, 10) (Python's correctly rounded round()), and
# d - mu is checked to be exact, so that differences equal "as typed" (e.g. 0.3 - 0.1 and
# 0.2) are exactly tied: ties on the decimal values as typed. scipy's own x - y would not.
#
# Orientation: d = after - before; statistic for alternative "less"/"greater" is the sum of
# the ranks of the positive d (r_plus); for "two-sided" scipy reports min(r_plus, r_minus).
#
# Regenerate, from /work/main:   python3 Fixtures/reference/signed_rank_scipy.py
# Written with Python 3.11.7, SciPy 1.17.1, NumPy 2.4.6; the versions used are recorded in
# the JSON as "generated_by". Floats are written with Python's repr (shortest round-trip);
# NaN is written as null (the record's "nan_fields" lists which were NaN), +-inf as the
# strings "Inf" / "-Inf".

import json
import math
import os
import platform
import sys
import time
import warnings

import numpy as np
import scipy
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "signed_rank_cases.json")
OUT = os.path.join(HERE, "signed_rank_scipy.json")

ZERO_METHODS = ["wilcox", "pratt", "zsplit"]
CORRECTIONS = [False, True]
METHODS = ["auto", "exact", "asymptotic", "approx"]
ALTERNATIVES = ["two-sided", "less", "greater"]
PERMUTATION_MAX_N = 13  # 2**13 = 8192 <= 9999 = PermutationMethod().n_resamples: exhaustive


def num(v):
    """Python float for JSON; NaN -> None, +-inf -> "Inf"/"-Inf"."""
    v = float(v)
    if math.isnan(v):
        return None
    if math.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    return v


def finish(rec, raw):
    """Convert numeric fields in raw (name -> value) into rec, noting NaNs."""
    nan_fields = []
    for k, v in raw.items():
        if v is not None and math.isnan(float(v)):
            nan_fields.append(k)
        rec[k] = None if v is None else num(v)
    if nan_fields:
        rec["nan_fields"] = nan_fields
    return rec


def run(d, **kw):
    """Call scipy.stats.wilcoxon, capturing warnings and errors."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = stats.wilcoxon(d, **kw)
            err = None
        except Exception as e:  # noqa: BLE001 - record whatever scipy raises
            res, err = None, f"{type(e).__name__}: {e}"
    msgs = []
    for w in caught:
        m = f"{w.category.__name__}: {w.message}"
        if m not in msgs:
            msgs.append(m)
    return res, err, msgs


def auto_resolution(d):
    """What method="auto" resolves to, following scipy 1.17 _wilcoxon.py."""
    d = np.asarray(d, dtype=float)
    if d.size > 50:
        return "asymptotic"
    n_zero = int(np.count_nonzero(d == 0))
    a = np.abs(d[d != 0])
    has_ties = len(np.unique(a)) != len(a)  # only matters when there are no zeros
    if not (has_ties or n_zero > 0):
        return "exact"
    if d.size <= 13:
        return "permutation"
    return "asymptotic"


def wilcoxon_runs(d):
    runs = []
    by_key = {}
    for zm in ZERO_METHODS:
        for corr in CORRECTIONS:
            for meth in METHODS:
                for alt in ALTERNATIVES:
                    res, err, msgs = run(d, zero_method=zm, correction=corr, alternative=alt,
                                         method=meth)
                    rec = {"zero_method": zm, "correction": corr, "method": meth,
                           "alternative": alt}
                    if err is not None:
                        rec["error"] = err
                    else:
                        raw = {"statistic": res.statistic, "pvalue": res.pvalue}
                        if hasattr(res, "zstatistic"):
                            raw["zstatistic"] = res.zstatistic
                        finish(rec, raw)
                    rec["warnings"] = msgs
                    if meth == "auto":
                        rec["auto_resolved"] = auto_resolution(d)
                    runs.append(rec)
                    by_key[(zm, corr, meth, alt)] = rec
        if len(d) <= PERMUTATION_MAX_N:
            for alt in ALTERNATIVES:
                res, err, msgs = run(d, zero_method=zm, alternative=alt,
                                     method=stats.PermutationMethod())
                rec = {"zero_method": zm, "correction": False, "method": "permutation",
                       "alternative": alt}
                if err is not None:
                    rec["error"] = err
                else:
                    finish(rec, {"statistic": res.statistic, "pvalue": res.pvalue})
                rec["warnings"] = msgs
                runs.append(rec)
                for corr in CORRECTIONS:
                    by_key[(zm, corr, "permutation", alt)] = rec
    # check the reimplemented auto resolution against the explicit method's p-value
    for rec in runs:
        if rec["method"] != "auto":
            continue
        other = by_key.get((rec["zero_method"], rec["correction"], rec["auto_resolved"],
                            rec["alternative"]))
        if other is None or "error" in rec or "error" in other:
            rec["auto_check"] = None
        else:
            rec["auto_check"] = (rec.get("pvalue") == other.get("pvalue")
                                 and rec.get("nan_fields") == other.get("nan_fields"))
    return runs


def summary(d):
    d = np.asarray(d, dtype=float)
    nz = d[d != 0]
    return {
        "n": int(d.size), "n_zero": int(np.sum(d == 0)), "n_nonzero": int(nz.size),
        "n_positive": int(np.sum(d > 0)), "n_negative": int(np.sum(d < 0)),
        "ties_among_nonzero": bool(len(np.unique(np.abs(nz))) != nz.size),
    }


def main():
    with open(CASES) as f:
        cases = json.load(f)["cases"]
    out_cases = []
    t0 = time.time()
    for cs in cases:
        before = [float(v) for v in cs["before"]]
        after = [float(v) for v in cs["after"]]
        d = [float(round(a - b, 10)) for a, b in zip(after, before)]
        print(f'{cs["name"]} (n = {len(d)})', file=sys.stderr)

        res, err, msgs = run(after, y=before)
        ref, ref_err, _ = run(d)
        raw = {"call": "scipy.stats.wilcoxon(after, before)"}
        if err is None:
            finish(raw, {"statistic": res.statistic, "pvalue": res.pvalue})
            raw["same_as_rounded"] = bool(ref_err is None and res.statistic == ref.statistic
                                          and res.pvalue == ref.pvalue)
        else:
            raw["error"] = err
        raw["warnings"] = msgs

        by_mu = []
        for mu in [0] + list(cs["extra_mu"]):
            dm = [float(round(x - mu, 10)) for x in d]
            if any(x - mu != y for x, y in zip(d, dm)):
                raise SystemExit(f'd - mu is not exact for {cs["name"]}, mu = {mu}')
            by_mu.append({
                "mu": mu,
                "d_minus_mu": dm,
                "summary": summary(dm),
                "wilcoxon": wilcoxon_runs(dm),
            })
        out_cases.append({"name": cs["name"], "n": len(d), "d": d,
                          "raw_xy_default": raw, "results": by_mu})

    generated_by = (f"Python {platform.python_version()}; SciPy {scipy.__version__}; "
                    f"NumPy {np.__version__}; platform {platform.platform()}; "
                    f"script Fixtures/reference/signed_rank_scipy.py")
    with open(OUT, "w") as f:
        dumps = lambda v: json.dumps(v, allow_nan=False)  # noqa: E731
        f.write("{\n")
        f.write(f' "generated_by": {dumps(generated_by)},\n')
        f.write(' "description": ' + dumps(
            "Wilcoxon signed-rank reference values from scipy.stats.wilcoxon for d = after - "
            "before, d rounded to 10 decimals (ties on the decimal values as typed). See "
            "signed_rank.md for field meanings.") + ",\n")
        f.write(' "cases_file": "signed_rank_cases.json",\n')
        f.write(' "cases": [\n')
        case_txt = []
        for c in out_cases:
            lines = ["  {",
                     f'   "name": {dumps(c["name"])},',
                     f'   "n": {c["n"]},',
                     f'   "d": {dumps(c["d"])},',
                     f'   "raw_xy_default": {dumps(c["raw_xy_default"])},',
                     '   "results": [']
            mu_txt = []
            for m in c["results"]:
                runs = ",\n      ".join(dumps(r) for r in m["wilcoxon"])
                mu_txt.append("    {\n"
                              f'     "mu": {dumps(m["mu"])},\n'
                              f'     "d_minus_mu": {dumps(m["d_minus_mu"])},\n'
                              f'     "summary": {dumps(m["summary"])},\n'
                              f'     "wilcoxon": [\n      {runs}\n     ]\n'
                              "    }")
            lines.append(",\n".join(mu_txt))
            lines.append("   ]")
            lines.append("  }")
            case_txt.append("\n".join(lines))
        f.write(",\n".join(case_txt))
        f.write("\n ]\n}\n")
    print(f"wrote {OUT} with {len(out_cases)} cases in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
