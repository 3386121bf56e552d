#!/usr/bin/env bash
# Binomial: 10^5 Clopper–Pearson intervals from a CSV of counts (n uniform 1..1000), trialstats
# binom --counts beside R (read.csv + vectorised qbeta + write.csv) and SciPy (loadtxt +
# vectorised beta.ppf/isf + savetxt), each writing the intervals to a CSV; the largest relative
# difference between the programs' limits is printed beside them. Then single large counts,
# `trialstats binom X N` beside R binom.test, with the limits and p-values side by side.
# Run by run.sh (see its header for TRIALSTATS, PYTHON, DATA, RESULT), or alone from the package
# root after a release build. Writes Benchmarks/results/binomial.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
: "${TRIALSTATS:=$(pwd)/.build/release/trialstats}" "${PYTHON:=$(pwd)/.venv/bin/python}"
: "${DATA:=$(pwd)/Benchmarks/.data}" "${RESULT:=$(pwd)/Benchmarks/results/binomial.txt}"
mkdir -p "$DATA" "$(dirname "$RESULT")"
rows=${BINOMIAL_ROWS:-100000}
counts="$DATA/counts-$rows.csv"
[ -s "$counts" ] || python3 - "$rows" "$counts" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20261124)
with open(path, "w") as f:
    f.write("label,x,n\n")
    for i in range(rows):
        n = rng.randint(1, 1000)
        f.write(f"r{i},{rng.randint(0, n)},{n}\n")
PY
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

r_cp='d <- read.csv(commandArgs(TRUE)[1]); a <- 0.05
lo <- ifelse(d$x == 0, 0, qbeta(a/2, d$x, d$n - d$x + 1)); hi <- ifelse(d$x == d$n, 1, qbeta(1 - a/2, d$x + 1, d$n - d$x))
write.csv(data.frame(lower = lo, upper = hi), commandArgs(TRUE)[2], row.names = FALSE)'
py_cp='import sys, numpy as np
from scipy.stats import beta
d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, usecols=(1, 2))
x, n = d[:, 0], d[:, 1]; a = 0.05
with np.errstate(all="ignore"):
    lo = np.where(x == 0, 0.0, beta.ppf(a / 2, x, n - x + 1)); hi = np.where(x == n, 1.0, beta.isf(a / 2, x + 1, n - x))
np.savetxt(sys.argv[2], np.column_stack([lo, hi]), delimiter=",", header="lower,upper", comments="", fmt="%.17g")'

header "Binomial intervals"
label="$rows Clopper-Pearson intervals"
measure trialstats "$TRIALSTATS" binom --counts "$counts" --x x --n n --label label --format csv --output "$out/ts.csv"
row "$label" "trialstats binom --counts (CSV out)" ""
measure R Rscript -e "$r_cp" "$counts" "$out/r.csv"
row "$label" "R read.csv + vectorised qbeta + write.csv" ""
measure SciPy "$PYTHON" -c "$py_cp" "$counts" "$out/py.csv"
row "$label" "SciPy loadtxt + beta.ppf/isf + savetxt" ""
note "$(python3 - "$out/ts.csv" "$out/r.csv" "$out/py.csv" <<'PY'
import csv, sys
def load(p): return [(float(r["lower"]), float(r["upper"])) for r in csv.DictReader(open(p))]
ts = load(sys.argv[1])
def worst(a, b):
    w = 0.0
    for (l1, u1), (l2, u2) in zip(a, b):
        for u, v in ((l1, l2), (u1, u2)):
            if u != v: w = max(w, abs(u - v) / max(abs(u), abs(v)))
    return w
print(f"same answers: largest relative difference of the {len(ts)} x 2 limits, trialstats vs R {worst(ts, load(sys.argv[2])):.1e}, vs SciPy {worst(ts, load(sys.argv[3])):.1e}")
PY
)"
for args in "1000000 2000000" "10079999 21000000 --p0 0.48" "1000 1000000000 --p0 0.000001"; do
  set -- $args
  p0=0.5; [ "$#" -ge 4 ] && p0=$4
  measure_short trialstats "$TRIALSTATS" binom $1 $2 --p0 "$p0" --format json
  row "binom $1 $2 (p0 $p0)" "trialstats binom X N --p0" "$("$PYTHON" -c 'import json,sys; g=json.load(open(sys.argv[1]))["groups"][0]; i=g["intervals"][0]; print("lower %.12g upper %.12g p %.12g" % (i["lower"], i["upper"], g["test"]["p_value"]))' "$LAST_OUTPUT" 2>/dev/null || head -c 200 "$LAST_OUTPUT")"
  RUNS=10 measure_short R Rscript -e "b <- binom.test($1, $2, $p0); cat(sprintf('lower %.12g upper %.12g p %.12g', b\$conf.int[1], b\$conf.int[2], b\$p.value))"
  row "binom $1 $2 (p0 $p0)" "R binom.test (Rscript)" "$(cat "$LAST_OUTPUT")"
done
note "binom X N: whole processes timed by hyperfine (median wall, mean CPU; 50 runs, R 10); the time is mostly process start (Rscript alone takes about 0.2 s)."
