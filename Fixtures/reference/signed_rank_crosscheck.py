# Cross-checks signed_rank_r.json against signed_rank_scipy.json (same cases, same rounded
# differences) and against the published Hollander & Wolfe example. Run after regenerating:
#
#   python3 Fixtures/reference/signed_rank_crosscheck.py      (from /work/main)
#
# Prints the number of comparisons and every disagreement beyond a relative 1e-9, and exits
# non-zero on an unexpected one. The only expected disagreement is the all-zero case with a
# continuity correction and a one-sided alternative, where R gives p = 1 (z = +-0.5 / 0 =
# +-Inf) and scipy gives NaN.

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALT = {"two.sided": "two-sided", "less": "less", "greater": "greater"}
TOL = 1e-9


def close(a, b):
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= TOL * max(1.0, abs(a), abs(b))


def main():
    r = json.load(open(os.path.join(HERE, "signed_rank_r.json")))
    s = json.load(open(os.path.join(HERE, "signed_rank_scipy.json")))
    n_cmp, bad = 0, []

    def check(what, a, b, expected_bad=False):
        nonlocal n_cmp
        n_cmp += 1
        if not close(a, b) and not expected_bad:
            bad.append((what, a, b))

    for cr, cs in zip(r["cases"], s["cases"]):
        name = cr["name"]
        assert name == cs["name"], (name, cs["name"])
        check(f"{name}: d", cr["d"] == cs["d"], True)
        for mr, ms in zip(cr["results"], cs["results"]):
            mu = mr["mu"]
            check(f"{name} mu={mu}: d - mu", mr["d_minus_mu"] == ms["d_minus_mu"], True)
            sp = {(x["zero_method"], x["correction"], x["method"], x["alternative"]): x
                  for x in ms["wilcoxon"]}
            all_zero = mr["summary"]["n_nonzero"] == 0
            for x in mr["wilcox_test"]:
                if "p_value" not in x:
                    continue
                alt = ALT[x["alternative"]]
                if "exact" in x["method"]:
                    y = sp[("wilcox", False, "exact", alt)]
                else:
                    y = sp[("wilcox", x["correct"], "asymptotic", alt)]
                check(f"{name} mu={mu}: wilcox.test {x['exact']} {x['correct']} {alt}",
                      x["p_value"], y.get("pvalue"),
                      expected_bad=all_zero and x["correct"] and alt != "two-sided")
            simple = mr["summary"]["n_zero"] == 0 and not mr["summary"]["ties_among_nonzero"]
            for x in mr["coin_wilcoxsign_test"]:
                if "p_value" not in x:
                    continue
                zm = {"Wilcoxon": "wilcox", "Pratt": "pratt"}[x["zero_method"]]
                alt = ALT[x["alternative"]]
                tag = f"{name} mu={mu}: coin {x['distribution']} {zm} {alt}"
                if x["distribution"] == "asymptotic":
                    check(tag + " vs scipy asymptotic", x["p_value"],
                          sp[(zm, False, "asymptotic", alt)].get("pvalue"))
                else:
                    if simple:
                        check(tag + " vs scipy exact", x["p_value"],
                              sp[(zm, False, "exact", alt)].get("pvalue"))
                    key = (zm, False, "permutation", alt)
                    if key in sp and "pvalue" in sp[key]:
                        check(tag + " vs scipy permutation", x["p_value"], sp[key]["pvalue"])

    # Hollander & Wolfe (1999, Example 3.1) / R's ?wilcox.test: V = 40 for x - y, p = 0.01953
    hw_r = next(c for c in r["cases"] if c["name"] == "hollander_wolfe_depression_n9")
    hw_s = next(c for c in s["cases"] if c["name"] == "hollander_wolfe_depression_n9")
    m = hw_r["results"][0]
    check("H&W: V(after - before)", m["summary"]["v_plus_wilcoxon"], 5)
    check("H&W: V(before - after)", m["summary"]["v_minus_wilcoxon"], 40)
    for x in m["wilcox_test"]:
        if x["exact"] is None and x["alternative"] == "less":
            check("H&W: R p(less)", round(x["p_value"], 5), 0.01953)
        if x["exact"] is None and x["alternative"] == "two.sided":
            check("H&W: R p(two-sided)", round(x["p_value"], 5), 0.03906)
    for x in hw_s["results"][0]["wilcoxon"]:
        if x["method"] == "auto" and x["zero_method"] == "wilcox" and x["alternative"] == "less":
            check("H&W: scipy p(less)", round(x["pvalue"], 5), 0.01953)

    print(f"{n_cmp} comparisons, {len(bad)} unexpected disagreements")
    for b in bad:
        print("  ", b)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
