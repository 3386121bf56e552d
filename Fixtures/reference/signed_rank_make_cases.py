# Generates signed_rank_cases.json: the shared input cases for the Wilcoxon signed-rank
# reference values (signed_rank.R -> signed_rank_r.json, signed_rank_scipy.py ->
# signed_rank_scipy.json). See signed_rank.md.
#
# The cases file is the source of truth: it holds every value as a literal decimal number
# "as a user would type it" (VAS integers 0-100, HAQ in steps of 0.125, one-decimal
# measurements). This script only documents how the randomly generated cases were made
# (numpy.random.default_rng with fixed seeds); numpy does not promise the same streams
# across versions, so do NOT regenerate the cases file unless you mean to change the inputs
# (and then rerun both reference scripts).
#
#   python3 Fixtures/reference/signed_rank_make_cases.py     (from /work/main)
#
# Written with Python 3.11 / numpy 2.4.6.
#
# Each case: {"name", "description", "before", "after", "extra_mu"}; the paired difference
# is d = after - before. "extra_mu" lists null values mu != 0 tested in addition to mu = 0
# (chosen so that d - mu is exact in binary floating point).

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def dec(ints, scale):
    """Integers -> decimal values int/scale (nearest double to the typed decimal)."""
    return [int(i) / scale if scale != 1 else int(i) for i in ints]


def diff_key(after, before, digits=10):
    return round(after - before, digits)


cases = []


def add(name, description, before, after, extra_mu=()):
    assert len(before) == len(after), name
    cases.append({
        "name": name,
        "description": description,
        "before": list(before),
        "after": list(after),
        "extra_mu": list(extra_mu),
    })


# --- 1. no ties, no zeros: one-decimal body weight (kg); |d| all distinct -----------------
for n, seed in [(5, 5), (8, 8), (12, 12), (20, 20), (30, 30), (49, 49), (50, 50), (51, 51), (60, 60)]:
    rng = np.random.default_rng(1000 + seed)
    before10 = rng.integers(550, 1100, size=n)          # 55.0 .. 109.9 kg
    absd10 = rng.choice(np.arange(1, 400), size=n, replace=False)  # 0.1 .. 39.9, distinct
    signs = np.where(rng.random(n) < 0.65, -1, 1)       # mostly weight loss
    after10 = before10 + signs * absd10
    before, after = dec(before10, 10), dec(after10, 10)
    d = [diff_key(a, b) for a, b in zip(after, before)]
    assert 0 not in d and len(set(abs(x) for x in d)) == n
    add(f"no_ties_n{n}",
        f"Body weight (kg, one decimal), n = {n}; all |d| distinct, no zero differences.",
        before, after)

add("no_ties_n5_all_positive",
    "n = 5, every difference positive and distinct: smallest attainable exact p-values "
    "(two-sided 2/32 = 0.0625).",
    [12.5, 10.0, 14.2, 9.8, 11.1], [13.0, 11.7, 16.3, 13.0, 15.9])

# --- 2. heavy ties: HAQ-DI (0..3 in steps of 0.125) --------------------------------------
# n = 10: ties, but no zero differences (isolates the effect of ties).
add("haq_ties_n10",
    "HAQ-DI (steps of 0.125), n = 10; heavy ties among |d|, no zero differences.",
    [1.5, 2.0, 0.875, 1.25, 2.375, 1.75, 1.0, 2.625, 1.375, 0.625],
    [1.25, 1.5, 0.75, 1.0, 2.5, 1.5, 0.75, 2.125, 1.125, 0.75])

rng = np.random.default_rng(2024)


HAQ_CHANGE_IMPROVING = [0.04, 0.06, 0.1, 0.14, 0.2, 0.16, 0.12, 0.1, 0.05, 0.03]  # mean -1.63 steps
HAQ_CHANGE_SMALL = [0.01, 0.02, 0.04, 0.08, 0.14, 0.2, 0.12, 0.18, 0.13, 0.08]      # mean -0.36 steps


def haq_pairs(n, rng, p=HAQ_CHANGE_IMPROVING):
    """HAQ-DI pairs; the change is in steps of 0.125 drawn from -6..3 steps with probs p."""
    before8 = rng.integers(4, 21, size=n)                  # 0.5 .. 2.625
    change8 = rng.choice([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3], p=p, size=n)
    after8 = np.clip(before8 + change8, 0, 24)
    return dec(before8, 8), dec(after8, 8)


b, a = haq_pairs(24, rng)
add("haq_ties_zeros_n24",
    "HAQ-DI (steps of 0.125), n = 24; heavy ties and some zero differences.",
    b, a, extra_mu=[-0.25])

# --- 3. many zeros ------------------------------------------------------------------------
add("zeros_n15_5zeros",
    "n = 15 with 5 zero differences; the 10 nonzero |d| are distinct (one decimal).",
    [4.2, 5.0, 3.8, 6.1, 4.4, 5.5, 3.9, 4.8, 5.2, 6.0, 4.1, 3.5, 5.7, 4.6, 5.3],
    [3.1, 5.0, 3.3, 6.1, 2.8, 5.5, 4.6, 4.8, 3.0, 6.0, 3.7, 2.2, 4.8, 2.1, 5.6])

add("nrs_ties_zeros_n15",
    "Pain NRS (integers 0-10), n = 15; ties and 5 zero differences.",
    [6, 7, 5, 8, 6, 4, 7, 5, 6, 9, 3, 6, 7, 5, 8],
    [4, 7, 3, 6, 6, 4, 5, 6, 3, 7, 3, 4, 8, 5, 5])

add("all_zero_but_one_n6",
    "n = 6, five zero differences and one nonzero difference (+2).",
    [3, 5, 2, 7, 4, 6], [3, 5, 4, 7, 4, 6])

add("all_zero_n6",
    "n = 6, every difference is zero (degenerate: no nonzero differences).",
    [3.5, 5.0, 2.25, 7.0, 4.75, 6.0], [3.5, 5.0, 2.25, 7.0, 4.75, 6.0])

# --- 4. tiny n ----------------------------------------------------------------------------
add("n1", "n = 1, one positive difference (+1.5).", [4.5], [6.0])
add("n2", "n = 2, differences +3 and -1.", [10, 12], [13, 11])
add("n2_tied", "n = 2, differences +1.5 and -1.5 (|d| tied).", [2.0, 3.5], [3.5, 2.0])

# --- 5. one-decimal values whose floating-point differences are not exactly equal ---------
# e.g. 0.3 - 0.1 = 0.19999999999999998, 0.7 - 0.5 = 0.19999999999999996, 0.2 - 0.0 = 0.2:
# equal as typed (all 0.2), so they must be ties; only rounding the differences makes them so.
add("decimal_float_ties_n10",
    "One-decimal values; |d| are 0.2 (x4), 0.1 (x3), 0.3 (x2) and 0.4 as typed, but "
    "after - before in floating point gives slightly different numbers for equal typed "
    "differences. Rounded differences are tied; raw differences are not.",
    [0.1, 0.5, 1.0, 2.3, 0.0, 0.7, 1.2, 0.4, 2.6, 1.1],
    [0.3, 0.7, 1.2, 2.1, 0.1, 0.6, 1.3, 0.7, 2.3, 1.5])

# --- 6. published example -----------------------------------------------------------------
add("hollander_wolfe_depression_n9",
    "Hollander & Wolfe (1973, p. 29f; 2nd ed. 1999, Example 3.1/Table 3.1): Hamilton "
    "depression scale factor IV, 9 patients; before = x = first visit, after = y = second "
    "visit. R's ?wilcox.test example: wilcox.test(x, y, paired = TRUE, alternative = "
    "\"greater\") gives V = 40, p = 0.01953, i.e. for d = after - before: V = 5, "
    "alternative \"less\" p = 0.01953, two-sided p = 0.03906.",
    [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30],
    [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29])

# --- 7. CASTLE-like VAS -------------------------------------------------------------------
add("castle_vas_n24",
    "CASTLE-like pain VAS (integers 0-100 mm), 24 pairs, baseline vs follow-up; ties and "
    "one zero difference. extra_mu = -5 tests H0: median change = -5 mm (creates more zeros).",
    [63, 52, 75, 80, 45, 66, 71, 58, 90, 33, 61, 64, 70, 49, 55, 77, 82, 60, 68, 74, 53, 47, 59, 72],
    [48, 50, 60, 62, 45, 51, 66, 40, 71, 35, 49, 56, 52, 44, 57, 60, 70, 55, 51, 69, 41, 49, 54, 58],
    extra_mu=[-5, -10])

# --- 8. larger n with ties (fixed seed, written as literals) -------------------------------
rng = np.random.default_rng(20261122)
b, a = haq_pairs(100, rng, HAQ_CHANGE_SMALL)
add("haq_ties_zeros_n100",
    "HAQ-DI (steps of 0.125), n = 100 (seeded), small effect, heavy ties and zeros (the "
    "n ~ 100 ties case for coin's exact distribution).", b, a)

b, a = haq_pairs(200, rng, HAQ_CHANGE_SMALL)
add("haq_ties_zeros_n200",
    "HAQ-DI (steps of 0.125), n = 200 (seeded), small effect, heavy ties and zeros.", b, a)

before = rng.integers(20, 96, size=500)
change = np.rint(rng.normal(-1, 14, size=500)).astype(int)
after = np.clip(before + change, 0, 100)
add("vas_ties_zeros_n500",
    "Pain VAS (integers 0-100), n = 500 (seeded), small effect, ties and zeros. "
    "extra_mu = -5 moves the null far from the data (tiny p-values).",
    [int(v) for v in before], [int(v) for v in after], extra_mu=[-5])

names = [c["name"] for c in cases]
assert len(names) == len(set(names))

doc = {
    "description": "Shared input cases for the Wilcoxon signed-rank reference values. "
                   "d = after - before; the reference scripts round d (and d - mu) to 10 "
                   "decimals so that differences equal as typed are exactly tied.",
    "generated_by": "signed_rank_make_cases.py (Python 3.11, numpy " + np.__version__ + ")",
    "cases": cases,
}

with open(os.path.join(HERE, "signed_rank_cases.json"), "w") as f:
    f.write("{\n")
    f.write(f'"description": {json.dumps(doc["description"])},\n')
    f.write(f'"generated_by": {json.dumps(doc["generated_by"])},\n')
    f.write('"cases": [\n')
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]\n}\n")

for c in cases:
    d = [diff_key(a, b) for a, b in zip(c["after"], c["before"])]
    nz = [x for x in d if x != 0]
    ties = len(set(abs(x) for x in nz)) != len(nz)
    print(f'{c["name"]:32s} n={len(d):3d} zeros={len(d) - len(nz):3d} ties={ties}')
