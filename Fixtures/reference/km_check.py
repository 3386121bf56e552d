#!/usr/bin/env python3
"""km_check.py -- independent re-implementation of the R conventions documented
in km.md, checked against km.json.

Not needed to regenerate km.json.  It exists to show that the rules written
down in km.md (KM product, Greenwood, the four CI transforms, quantile() and
summary()$table median rules, landmark rows, RMST and its SE, survdiff with
rho) are complete: re-computing every stored number from km_data/*.csv with
only those rules reproduces km.json.

Run from the package root:   python3 Fixtures/reference/km_check.py
Python >= 3.8, standard library only.  Exit status 0 = all checks passed.
"""
import csv
import json
import math
import os
import sys
from statistics import NormalDist

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = math.sqrt(2.220446049250313e-16)     # R: sqrt(.Machine$double.eps)
NA = None

failures = 0
checked = 0


def close(a, b, rel=1e-11, abs_=1e-12):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= abs_ + rel * max(abs(a), abs(b))


def check(label, got, want):
    global failures, checked
    if not isinstance(want, list):
        got, want = [got], [want]
    checked += 1
    if len(got) != len(want) or not all(close(g, w) for g, w in zip(got, want)):
        failures += 1
        if failures <= 40:
            print(f"MISMATCH {label}\n   got  {got}\n   want {want}")


def fin(x):
    return None if x is None or math.isnan(x) or math.isinf(x) else x


# ---------------------------------------------------------------- KM core
def km(times, status):
    """Rows at every distinct time (events or censorings), like survfit."""
    from collections import Counter
    dcount = Counter(t for t, e in zip(times, status) if e == 1)
    ccount = Counter(t for t, e in zip(times, status) if e == 0)
    ut = sorted(set(times))
    rows = []
    s, gw, n = 1.0, 0.0, len(times)
    for t in ut:
        d, c = dcount.get(t, 0), ccount.get(t, 0)
        if d > 0:
            s *= (n - d) / n
            gw = gw + (d / (n * (n - d)) if n > d else math.inf)
        rows.append(dict(time=t, n_risk=n, n_event=d, n_censor=c, surv=s, se_log=math.sqrt(gw)))
        n -= d + c
    return rows


def ci(s, se, ctype, level):
    """survival:::survfit_confint with logse = TRUE; se = SE of -log S."""
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    if ctype == "plain":
        if s == 0:
            return None, None           # 0 * Inf = NaN
        h = z * se * s
        return max(s - h, 0.0), min(s + h, 1.0)
    if ctype == "log":
        if s == 0:
            return None, None
        return math.exp(math.log(s) - z * se), min(math.exp(math.log(s) + z * se), 1.0)
    if ctype == "log-log":
        if s == 0 or s == 1:
            return None, None
        se2 = z * se / math.log(s)
        return (math.exp(-math.exp(math.log(-math.log(s)) - se2)),
                math.exp(-math.exp(math.log(-math.log(s)) + se2)))
    if ctype == "arcsin":
        if s == 0 or s == 1:
            return None, None           # S=0 -> NA, S=1 -> 0*Inf = NaN
        se2 = 0.5 * z * se * math.sqrt(s / (1 - s))
        a = math.asin(math.sqrt(s))
        return math.sin(max(0.0, a - se2)) ** 2, math.sin(min(math.pi / 2, a + se2)) ** 2
    raise ValueError(ctype)


# --------------------------------------------------------- quantile rules
def findq(x, y, p):
    """survival:::findq -- x = c(0, time), y = c(0, 1 - curve)."""
    pairs = [(a, b) for a, b in zip(x, y)]
    xmax = x[-1]
    ys = [b for _, b in pairs if b is not None]
    if not ys or max(ys) < p:
        return None
    # drop duplicated y (first occurrence kept); NA y kept then ignored by approx
    seen, xs, yy = set(), [], []
    for a, b in pairs:
        key = ("NA",) if b is None else b
        if key in seen:
            continue
        seen.add(key)
        xs.append(a)
        yy.append(b)
    n = len(yy)

    def approx_const_f1(yv, target):
        # approx(yv, 1:n, target, method="constant", f=1): NA pairs dropped,
        # x sorted; returns the index whose x is the smallest x >= target
        pts = sorted((v, i) for i, v in enumerate(yv) if v is not None)
        if not pts or target < pts[0][0] or target > pts[-1][0]:
            return None
        for v, i in pts:
            if v >= target:
                return i
        return None

    i1 = approx_const_f1([v + TOL if v is not None else None for v in yy], p)
    i2 = approx_const_f1([v - TOL if v is not None else None for v in yy], p)
    if p == 0:
        return xs[0]
    q = None if (i1 is None or i2 is None) else (xs[i1] + xs[i2]) / 2
    if yy[-1] is not None and abs(p - yy[-1]) < TOL and i1 is not None:
        q = (xs[i1] + xmax) / 2
    return q


def minmin(y, x):
    """survival:::survmean's median rule (summary(fit)$table)."""
    keep = [(a, b) for a, b in zip(x, y) if b is not None and b < 0.5 + TOL]
    if not keep:
        return None
    x1, y1 = keep[0]
    if abs(y1 - 0.5) < TOL:
        later = [a for a, b in keep if b < y1]
        if later:
            return (x1 + later[0]) / 2
    return x1


# ------------------------------------------------------------------ RMST
def rmst(rows, tau):
    if tau < min(r["time"] for r in rows):
        return "error"
    keep = [r for r in rows if r["time"] <= tau]
    area, prev_t, prev_s = 0.0, 0.0, 1.0
    pieces = []                      # (time, hazard term)
    for r in keep:
        area += (r["time"] - prev_t) * prev_s
        prev_t, prev_s = r["time"], r["surv"]
    area += (tau - prev_t) * prev_s
    var = 0.0
    for r in keep:
        n, d = r["n_risk"], r["n_event"]
        if d == 0 or n == d:
            continue
        # A_i = integral of S from t_i to tau
        a, pt, ps = 0.0, r["time"], r["surv"]
        for r2 in keep:
            if r2["time"] > r["time"]:
                a += (r2["time"] - pt) * ps
                pt, ps = r2["time"], r2["surv"]
        a += (tau - pt) * ps
        var += a * a * d / (n * (n - d))
    return area, math.sqrt(var)


# -------------------------------------------------------------- survdiff
def survdiff(times, status, groups, levels, rho):
    from collections import Counter
    k = len(levels)
    gi = {lv: i for i, lv in enumerate(levels)}
    dc = [Counter() for _ in range(k)]
    lc = [Counter() for _ in range(k)]          # leaving the risk set at t
    for t, e, g in zip(times, status, groups):
        lc[gi[g]][t] += 1
        if e == 1:
            dc[gi[g]][t] += 1
    n_g = [sum(c.values()) for c in lc]
    obs, exp_ = [0.0] * k, [0.0] * k
    var = [[0.0] * k for _ in range(k)]
    s = 1.0                                       # pooled KM, left-continuous
    for t in sorted(set(times)):
        d_g = [dc[i].get(t, 0) for i in range(k)]
        n, d = sum(n_g), sum(d_g)
        if d > 0:
            w = s ** rho
            for i in range(k):
                obs[i] += w * d_g[i]
                exp_[i] += w * d * n_g[i] / n
            if n > 1:
                f = w * w * d * (n - d) / (n * n * (n - 1))
                for i in range(k):
                    for j in range(k):
                        var[i][j] += f * ((n_g[i] if i == j else 0) * n - n_g[i] * n_g[j])
            s *= (n - d) / n
        for i in range(k):
            n_g[i] -= lc[i].get(t, 0)
    # chisq = (O-E)' V^- (O-E) on the first k-1 groups
    m = k - 1
    u = [obs[i] - exp_[i] for i in range(m)]
    a = [row[:m] + [u[i]] for i, row in enumerate(var[:m])]
    for c in range(m):                   # Gauss-Jordan solve V x = u
        piv = max(range(c, m), key=lambda r: abs(a[r][c]))
        a[c], a[piv] = a[piv], a[c]
        for r in range(m):
            if r != c:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    sol = [a[i][m] / a[i][i] for i in range(m)]
    chisq = sum(x * y for x, y in zip(u, sol))
    return obs, exp_, var, chisq


def pchisq_upper(x, df):
    if df == 1:
        return math.erfc(math.sqrt(x / 2))
    if df == 2:
        return math.exp(-x / 2)
    raise ValueError(df)


# ------------------------------------------------------------------ main
def main():
    ref = json.load(open(os.path.join(HERE, "km.json")))
    for ds in ref["datasets"]:
        with open(os.path.join(HERE, ds["csv"])) as fh:
            data = list(csv.DictReader(fh))
        for c in ds["curves"]:
            sub = [r for r in data if c["group"] is None or r["group"] == c["group"]]
            t = [float(r["time"]) for r in sub]
            e = [int(r["status"]) for r in sub]
            rows = km(t, e)
            name = f'{ds["name"]}/{c["group"]}'
            for tau_entry in c["rmst"]:
                got = rmst(rows, tau_entry["tau"])
                if got == "error":
                    check(name + f' rmst error tau={tau_entry["tau"]}', 1.0, 1.0 if tau_entry["error"] else 0.0)
                else:
                    check(name + f' rmst tau={tau_entry["tau"]}', list(got),
                          [tau_entry["rmean"], tau_entry["se_rmean"]])
            # reverse KM median (conf.type log, 0.95)
            rrows = km(t, [1 - x for x in e])
            rk = c["reverse_km"]
            x0 = [0.0] + [r["time"] for r in rrows]
            check(name + " reverse km median",
                  findq(x0, [0.0] + [1 - r["surv"] for r in rrows], 0.5), rk["median"])
            for f in c["fits"]:
                ct, lvl = f["conf_type"], f["conf_int"]
                lab = f"{name} {ct} {lvl}"
                low, up = zip(*[ci(r["surv"], r["se_log"], ct, lvl) for r in rows])
                if "steps" in f:
                    st = f["steps"]
                    check(lab + " time", [r["time"] for r in rows], st["time"])
                    check(lab + " n_risk", [float(r["n_risk"]) for r in rows], st["n_risk"])
                    check(lab + " n_event", [float(r["n_event"]) for r in rows], st["n_event"])
                    check(lab + " n_censor", [float(r["n_censor"]) for r in rows], st["n_censor"])
                    check(lab + " surv", [r["surv"] for r in rows], st["surv"])
                    check(lab + " std_err", [fin(r["se_log"] * r["surv"]) for r in rows], st["std_err"])
                    check(lab + " std_err_log_surv", [fin(r["se_log"]) for r in rows], st["std_err_log_surv"])
                    check(lab + " lower", list(low), st["lower"])
                    check(lab + " upper", list(up), st["upper"])
                # quantiles
                x0 = [0.0] + [r["time"] for r in rows]
                q = f["quantiles"]
                for k, p in enumerate(q["probs"]):
                    check(lab + f" q{p}", findq(x0, [0.0] + [1 - r["surv"] for r in rows], p), q["quantile"][k])
                    check(lab + f" q{p} lower",
                          findq(x0, [0.0] + [None if v is None else 1 - v for v in low], p), q["lower"][k])
                    check(lab + f" q{p} upper",
                          findq(x0, [0.0] + [None if v is None else 1 - v for v in up], p), q["upper"][k])
                # table median (survfit0 adds time 0 with S = lower = upper = 1)
                tb = f["table"]
                check(lab + " table median", minmin([1.0] + [r["surv"] for r in rows], x0), tb["median"])
                check(lab + " table LCL", minmin([1.0] + list(low), x0), tb["median_lower"])
                check(lab + " table UCL", minmin([1.0] + list(up), x0), tb["median_upper"])
                # landmarks
                for ext in (False, True):
                    lm = f["landmarks"]["extend_true" if ext else "extend_false"]
                    req = sorted(ds["landmark_times"])
                    if not ext:
                        req = [x for x in req if x <= rows[-1]["time"]]
                    got = {k: [] for k in ("surv", "std_err", "lower", "upper", "n_risk", "n_event", "n_censor")}
                    prev = -math.inf
                    for x in req:
                        before = [i for i, r in enumerate(rows) if r["time"] <= x]
                        if before:
                            i = before[-1]
                            r = rows[i]
                            got["surv"].append(r["surv"])
                            got["std_err"].append(fin(r["se_log"] * r["surv"]))
                            got["lower"].append(low[i])
                            got["upper"].append(up[i])
                        else:                 # survfit0's time-0 row
                            got["surv"].append(1.0); got["std_err"].append(0.0)
                            got["lower"].append(1.0); got["upper"].append(1.0)
                        got["n_risk"].append(float(sum(1 for y in t if y >= x)))
                        got["n_event"].append(float(sum(1 for y, s in zip(t, e) if prev < y <= x and s == 1)))
                        got["n_censor"].append(float(sum(1 for y, s in zip(t, e) if prev < y <= x and s == 0)))
                        prev = x
                    for k, v in got.items():
                        check(f"{lab} landmark ext={ext} {k}", v, lm[k])
        if ds["survdiff"]:
            t = [float(r["time"]) for r in data]
            e = [int(r["status"]) for r in data]
            g = [r["group"] for r in data]
            for sd in ds["survdiff"]:
                obs, ex, var, chisq = survdiff(t, e, g, ds["groups"], sd["rho"])
                lab = f'{ds["name"]} survdiff rho={sd["rho"]}'
                check(lab + " observed", obs, sd["observed"])
                check(lab + " expected", ex, sd["expected"])
                check(lab + " var", [x for row in var for x in row], [x for row in sd["var"] for x in row])
                check(lab + " chisq", chisq, sd["chisq"])
                check(lab + " p", pchisq_upper(chisq, sd["df"]), sd["p_value"])
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
