# Exact rank-sum p-values with ties: trialstats compare --test rank-sum --method exact beside coin
# (wilcox_test(distribution = "exact"): the exact conditional distribution, the same p-value) and
# SciPy mannwhitneyu. SciPy's method="exact" assumes no ties, so on tied data it is timed with
# method=PermutationMethod(n_resamples=9999) (a Monte Carlo estimate of the same conditional
# p-value, seeded) and its "exact" only on the untied workload. Same CSV for every program, made
# by make-ranksum-data.py (group,score). Whole processes; coin at 500 + 500 takes minutes, so it
# is run once there (RANKSUM_COIN_RUNS; the runs column says so). The machine load is
# recorded in the header (the machine is shared). Run by run.sh (TRIALSTATS, PYTHON, DATA,
# RESULT), or alone from the package root after a release build. Writes
# Benchmarks/results/ranksum.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
: "${TRIALSTATS:=$(pwd)/.build/release/trialstats}" "${PYTHON:=$(pwd)/.venv/bin/python}"
: "${DATA:=$(pwd)/Benchmarks/.data}" "${RESULT:=$(pwd)/Benchmarks/results/ranksum.txt}"
[ -x "$PYTHON" ] || PYTHON=python3
mkdir -p "$DATA" "$(dirname "$RESULT")"
header "Exact rank-sum p-value with ties (load average at start: $(cut -d' ' -f1-3 /proc/loadavg))"
coin='suppressMessages(library(coin)); d <- read.csv(commandArgs(TRUE)[1]); d$group <- factor(d$group, levels = c("a", "b"))
cat(sprintf("p %.17g\n", pvalue(wilcox_test(score ~ group, data = d, distribution = "exact"))))'
scipy='import csv, sys
from scipy.stats import mannwhitneyu, PermutationMethod
rows = list(csv.DictReader(open(sys.argv[1])))
a = [float(r["score"]) for r in rows if r["group"] == "a"]; b = [float(r["score"]) for r in rows if r["group"] == "b"]
m = sys.argv[2]
method = PermutationMethod(n_resamples=9999, random_state=1) if m == "permutation" else m
print(f"p {mannwhitneyu(a, b, method=method).pvalue!r}")'
for spec in ${RANKSUM_WORKLOADS:-"200 0 20 0" "500 0 20 0" "500 0 20 1" "500 0 100 0" "1000 0 20 0" "60 0 1000000000 0"}; do
  set -- $spec
  n=$1 low=$2 high=$3 shift=$4
  csv="$DATA/ranksum-$n-$low-$high-$shift.csv"
  [ -s "$csv" ] || python3 Benchmarks/make-ranksum-data.py "$n" "$low" "$high" "$shift" "$csv"
  if [ "$high" -ge 1000000 ]; then label="$n + $n untied"; else label="$n + $n, scores $low–$high, shift $shift"; fi
  measure trialstats "$TRIALSTATS" compare "$csv" --column score --by group --test rank-sum --method exact --format csv
  row "$label" "trialstats compare --method exact" "$(tail -1 "$LAST_OUTPUT" | cut -d, -f4,7)"
  if [ "$n" -le 500 ]; then
    if [ "$n" -ge 500 ]; then RUNS=${RANKSUM_COIN_RUNS:-1} measure coin Rscript -e "$coin" "$csv"
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
