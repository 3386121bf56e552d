#!/usr/bin/env bash
# Exact rank-sum p-values with ties: trialstats compare --test rank-sum --method exact beside coin
# (wilcox_test(distribution = "exact"): the exact conditional distribution, the same p-value) and
# SciPy mannwhitneyu. SciPy's method="exact" assumes no ties, so on tied data it is timed with
# method=PermutationMethod(n_resamples=9999) (a Monte Carlo estimate of the same conditional
# p-value, seeded) and its "exact" only on the untied workload. Same CSV for every program, made
# by make-ranksum-data.py (group,score). Whole processes.
#
# coin runs up to RANKSUM_COIN_MAX observations per group (default 200, where it takes about a
# minute; RANKSUM_COIN_RUNS runs there, default 1, 3 below). At 500 + 500 it needs about 14
# minutes, so it is not run: its time and p-value are quoted from the reference run that wrote
# Fixtures/reference/compare_ranksum_large.json (R 4.2.2, coin 1.4.2, this machine), and
# trialstats is timed on that case's own data (ordinal-500-500, written to a CSV here), so that
# the two p-values can be compared. The machine load is recorded in the header (the machine is
# shared). Run by run.sh (TRIALSTATS, PYTHON, DATA, RESULT), or alone from the package root after
# a release build. Writes Benchmarks/results/ranksum.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
: "${TRIALSTATS:=$(pwd)/.build/release/trialstats}" "${PYTHON:=$(pwd)/.venv/bin/python}"
: "${DATA:=$(pwd)/Benchmarks/.data}" "${RESULT:=$(pwd)/Benchmarks/results/ranksum.txt}"
[ -x "$PYTHON" ] || PYTHON=python3
mkdir -p "$DATA" "$(dirname "$RESULT")"
header "Exact rank-sum p-value with ties"
coin='suppressMessages(library(coin)); d <- read.csv(commandArgs(TRUE)[1]); d$group <- factor(d$group, levels = c("a", "b"))
cat(sprintf("p %.17g\n", pvalue(wilcox_test(score ~ group, data = d, distribution = "exact"))))'
scipy='import csv, sys
from scipy.stats import mannwhitneyu, PermutationMethod
rows = list(csv.DictReader(open(sys.argv[1])))
a = [float(r["score"]) for r in rows if r["group"] == "a"]; b = [float(r["score"]) for r in rows if r["group"] == "b"]
m = sys.argv[2]
method = PermutationMethod(n_resamples=9999, random_state=1) if m == "permutation" else m
print(f"p {mannwhitneyu(a, b, method=method).pvalue!r}")'
coin_max=${RANKSUM_COIN_MAX:-200}
for spec in ${RANKSUM_WORKLOADS:-"50 0 20 0" "100 0 20 0" "200 0 20 0" "500 0 20 0" "500 0 20 1" "500 0 100 0" "1000 0 20 0" "60 0 1000000000 0"}; do
  set -- $spec
  n=$1 low=$2 high=$3 shift=$4
  csv="$DATA/ranksum-$n-$low-$high-$shift.csv"
  [ -s "$csv" ] || python3 Benchmarks/make-ranksum-data.py "$n" "$low" "$high" "$shift" "$csv"
  if [ "$high" -ge 1000000 ]; then label="$n + $n untied"; else label="$n + $n, scores $low–$high, shift $shift"; fi
  measure trialstats "$TRIALSTATS" compare "$csv" --column score --by group --test rank-sum --method exact --format csv
  row "$label" "trialstats compare --method exact" "$(tail -1 "$LAST_OUTPUT" | cut -d, -f4,7)"
  if [ "$n" -le "$coin_max" ]; then
    if [ "$n" -ge 200 ]; then RUNS=${RANKSUM_COIN_RUNS:-1} measure coin Rscript -e "$coin" "$csv"
    else measure coin Rscript -e "$coin" "$csv"; fi
    row "$label" "coin wilcox_test exact" "$(cat "$LAST_OUTPUT")"
  fi
  if [ "$high" -ge 1000000 ]; then
    measure scipy "$PYTHON" -c "$scipy" "$csv" exact
    row "$label" "SciPy mannwhitneyu exact (no ties)" "$(cat "$LAST_OUTPUT")"
  else
    measure scipy "$PYTHON" -c "$scipy" "$csv" permutation
    row "$label" "SciPy mannwhitneyu permutation 9999 (MC)" "$(cat "$LAST_OUTPUT")"
  fi
done

# The case coin was timed on in the reference run: its data from the fixture, trialstats timed
# here; coin's time (of the wilcox_test call inside R) and p-value quoted from the fixture.
reference=Fixtures/reference/compare_ranksum_large.json
csv="$DATA/ranksum-reference-ordinal-500-500.csv"
quoted=$(python3 - "$reference" "$csv" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = next(c for c in d["cases"] if c["name"] == "ordinal-500-500" and c["alternative"] == "two.sided")
with open(sys.argv[2], "w") as f:
    f.write("group,score\n")
    for g, values in (("a", c["x"]), ("b", c["y"])):
        for v in values:
            f.write(f"{g},{v:g}\n")
print(c["seconds"], repr(c["coin_p"]), d["generated_by"])
PY
)
read -r coin_seconds coin_p coin_by <<< "$quoted"
label="500 + 500, coin's reference case"
measure trialstats "$TRIALSTATS" compare "$csv" --column score --by group --test rank-sum --method exact --format csv
row "$label" "trialstats compare --method exact" "$(tail -1 "$LAST_OUTPUT" | cut -d, -f4,7)"
MEDIAN_S="($coin_seconds)" CPU_S="-" RUNS_DONE=1 PEAK_MB="-" row "$label" "coin wilcox_test exact (quoted, not run)" "p $coin_p"
note "coin at 500 + 500 was not run here: its time (the wilcox_test call alone, inside R) and its p-value are quoted from the reference run ($coin_by) in $reference, case ordinal-500-500, two-sided."
note "coin's other rows time whole Rscript processes (loading R and coin takes about 1 s of them); SciPy's permutation p-value is a Monte Carlo estimate (9999 resamples), not exact."
