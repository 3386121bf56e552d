#!/usr/bin/env bash
# Exact conditional signed-rank test with ties and zeros: trialstats signed-rank --method exact
# beside coin::wilcoxsign_test(distribution = "exact") — the only other exact conditional
# implementation — and R's wilcox.test (normal approximation under ties), on the same CSV files of
# paired VAS-like scores (make-paired-data.py; shift 0 gives p near 1, the slowest exact case).
# Whole processes, CSV reading included for every program; the p-value each prints beside it.
# Run by run.sh (see its header for TRIALSTATS, PYTHON, DATA, RESULT), or alone from the package
# root after a release build. Writes Benchmarks/results/signed-rank.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
: "${TRIALSTATS:=$(pwd)/.build/release/trialstats}" "${PYTHON:=$(pwd)/.venv/bin/python}"
: "${DATA:=$(pwd)/Benchmarks/.data}" "${RESULT:=$(pwd)/Benchmarks/results/signed-rank.txt}"
mkdir -p "$DATA" "$(dirname "$RESULT")"

coin='suppressMessages(library(coin)); d <- read.csv(commandArgs(TRUE)[1])
p <- tryCatch(pvalue(wilcoxsign_test(d$after ~ d$before, distribution = "exact", zero.method = "Wilcoxon")),
              error = function(e) NA)
cat(if (is.na(p)) "failed (coin: overflow error)" else sprintf("p %.15g", p), "\n")'
rwilcox='d <- read.csv(commandArgs(TRUE)[1])
cat(sprintf("p %.15g", suppressWarnings(wilcox.test(d$after, d$before, paired = TRUE)$p.value)), "\n")'

header "Exact signed-rank test with ties and zeros"
for spec in ${SIGNED_RANK_SIZES:-"1000 0" "1000 -3" "5000 0" "5000 -3"}; do
  set -- $spec
  n=$1; shift_=$2
  csv="$DATA/paired-$n-$shift_.csv"
  [ -s "$csv" ] || python3 Benchmarks/make-paired-data.py "$n" "$shift_" "$csv"
  label="n = $n, shift $shift_"
  measure trialstats "$TRIALSTATS" signed-rank "$csv" --before before --after after --method exact --format json
  row "$label" "trialstats signed-rank --method exact" "$("$PYTHON" -c 'import json,sys; g=json.load(open(sys.argv[1]))["groups"][0]; print("p %.15g (%s)" % (g["p_value"], g["method"]))' "$LAST_OUTPUT" 2>/dev/null || tail -1 "$LAST_ERROR")"
  # coin needs seconds at 1,000 pairs and minutes or an overflow error from a few thousand: one
  # run, stopped after COIN_LIMIT seconds (default 120).
  RUNS=1 measure coin timeout "${COIN_LIMIT:-120}" Rscript -e "$coin" "$csv"
  answer=$(cat "$LAST_OUTPUT")
  if [ "$MEDIAN_S" = failed ] && [ -z "$answer" ]; then answer="no answer within ${COIN_LIMIT:-120} s (stopped)"; fi
  row "$label" "coin wilcoxsign_test exact" "$answer"
  measure R Rscript -e "$rwilcox" "$csv"
  row "$label" "R wilcox.test (normal approximation)" "$(cat "$LAST_OUTPUT")"
done
note "trialstats and coin compute the same exact conditional p-value (zeros dropped, midranks); R 4.2's wilcox.test is the normal approximation."
