# Kaplan–Meier + log-rank by group: trialstats km beside R (read.csv + survfit + survdiff) and
# lifelines (pandas.read_csv + KaplanMeierFitter per group + multivariate_logrank_test), on the
# same CSV of N subjects in three groups (integer days, many ties, about 30% censored), made by
# make-survival-data.py. Run by run.sh (see its header for TRIALSTATS, PYTHON, DATA, RESULT), or
# alone from the package root after a release build. Answers printed beside the times: the
# log-rank chi-square and the three medians. Writes Benchmarks/results/km.txt. R and lifelines
# take minutes and gigabytes at 10^7 rows: there they run ${KM_LARGE_PEER_RUNS:-1} time(s)
# (the "runs" column says so; 0 skips them); trialstats always runs 3 times.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/lib.sh
: "${TRIALSTATS:=$(pwd)/.build/release/trialstats}" "${PYTHON:=$(pwd)/.venv/bin/python}"
: "${DATA:=$(pwd)/Benchmarks/.data}" "${RESULT:=$(pwd)/Benchmarks/results/km.txt}"
mkdir -p "$DATA" "$(dirname "$RESULT")"
header "Kaplan–Meier + log-rank by group"
for n in ${KM_SIZES:-1000000 10000000}; do
  csv="$DATA/survival-$n.csv"
  [ -s "$csv" ] || python3 Benchmarks/make-survival-data.py "$n" "$csv"
  label="km --by group, n = $n ($(du -m "$csv" | cut -f1) MB)"
  measure trialstats "$TRIALSTATS" km "$csv" --time time --event status --by group --format json
  row "$label" "trialstats km --by group --format json" "$("$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
m = "/".join(format(g["median"], "g") for g in d["groups"] if g["group"] != "All")
print("chisq %.10g; medians %s" % (d["logrank"]["chisq"], m))' "$LAST_OUTPUT")"
  peer_runs=3
  if [ "$n" -ge 10000000 ]; then peer_runs=${KM_LARGE_PEER_RUNS:-1}; fi
  if [ "$peer_runs" -eq 0 ]; then note "$label: R and lifelines not run (KM_LARGE_PEER_RUNS=0)"; continue; fi
  RUNS=$peer_runs measure R Rscript -e "suppressMessages(library(survival)); d <- read.csv('$csv');
    f <- survfit(Surv(time, status) ~ group, data = d); m <- summary(f)\$table[, 'median'];
    s <- survdiff(Surv(time, status) ~ group, data = d);
    cat(sprintf('chisq %.10g; medians %s\n', s\$chisq, paste(format(m), collapse = '/')))"
  row "$label" "R read.csv + survfit + survdiff" "$(cat "$LAST_OUTPUT")"
  RUNS=$peer_runs measure lifelines "$PYTHON" Benchmarks/km_lifelines.py "$csv"
  row "$label" "lifelines read_csv + KMF per group + logrank" "$(cat "$LAST_OUTPUT")"
done
