#!/usr/bin/env bash
# The main job and the small-data path: `trialstats reproduce castle` (reads the CASTLE tables as
# printed, verifies them, reconstructs the four PRO rows; no peer does this) with and without the
# reconstruction, and `describe` on the CASTLE-size synthetic cohort (24 patients) beside R
# (read.csv + quantile by basket). Run by run.sh (see its header for TRIALSTATS, PYTHON, DATA,
# RESULT), or alone from the package root after a release build. Writes
# Benchmarks/results/castle.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
: "${TRIALSTATS:=$(pwd)/.build/release/trialstats}" "${PYTHON:=$(pwd)/.venv/bin/python}"
: "${DATA:=$(pwd)/Benchmarks/.data}" "${RESULT:=$(pwd)/Benchmarks/results/castle.txt}"
mkdir -p "$DATA" "$(dirname "$RESULT")"
cohort=Fixtures/castle/synthetic-cohort.csv

header "reproduce castle and describe on CASTLE-size data"
RUNS=5 measure trialstats "$TRIALSTATS" reproduce castle --format json
row "reproduce castle" "trialstats reproduce castle" "$("$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = d.get("verify", d)
print("%d findings; %d reconstructions feasible" % (len(v["findings"]), sum(r["feasible"] for r in v["reconstructions"])))' "$LAST_OUTPUT" 2>/dev/null || echo "(answer not read)")"
RUNS=5 measure trialstats "$TRIALSTATS" reproduce castle --no-reconstruct --format json
row "reproduce castle --no-reconstruct" "trialstats reproduce castle --no-reconstruct" ""
measure_short trialstats "$TRIALSTATS" describe "$cohort" --column age --by basket --format json
row "describe age by basket (24 patients)" "trialstats describe --by" "$("$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print("medians " + "/".join(format(g["median"], "g") for g in d["groups"]))' "$LAST_OUTPUT")"
RUNS=5 measure R Rscript -e "d <- read.csv('$cohort'); m <- tapply(d\$age, factor(d\$basket, unique(d\$basket)), median);
  cat('medians', paste(c(format(m, trim = TRUE), format(median(d\$age))), collapse = '/'), '\n')"
row "describe age by basket (24 patients)" "R read.csv + tapply(median)" "$(cat "$LAST_OUTPUT")"
