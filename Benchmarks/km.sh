#!/usr/bin/env bash
# Kaplan–Meier benchmark: trialstats km beside R survfit + survdiff on the same CSV of 10^6
# subjects in three groups. Usage: Benchmarks/km.sh [N]  (needs R with survival:
# apt-get install -y r-base-core r-cran-survival). Writes Benchmarks/results/km.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
swift build -c release --product trialstats >/dev/null
bin=.build/release/trialstats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csv="$tmp/survival-$n.csv"
python3 Benchmarks/make-survival-data.py "$n" "$csv"
out=Benchmarks/results/km.txt
mkdir -p Benchmarks/results
{
  echo "# Kaplan–Meier benchmark, n = $n in 3 groups, $(date -u +%Y-%m-%d), $(nproc) cores"
  echo "# $(swift --version 2>&1 | head -1); $(R --version | head -1); survival $(Rscript -e 'cat(as.character(packageVersion("survival")))')"
  start=$(date +%s.%N)
  "$bin" km "$csv" --time time --event status --by group --at 365,730 --tau 730 --format json --output "$tmp/km.json"
  end=$(date +%s.%N)
  chisq=$(python3 -c "import json; print(json.load(open('$tmp/km.json'))['logrank']['chisq'])")
  printf "trialstats km (read CSV, 4 curves, follow-up, RMST, landmarks, log-rank, JSON): %.2f s, chisq %s\n" "$(echo "$end - $start" | bc)" "$chisq"
  Rscript -e "suppressMessages(library(survival)); t0 <- proc.time()[[3]]; d <- read.csv('$csv'); t1 <- proc.time()[[3]];
    f <- survfit(Surv(time, status) ~ group, data = d, conf.type = 'log-log'); f0 <- survfit(Surv(time, status) ~ 1, data = d, conf.type = 'log-log');
    s <- summary(f, times = c(365, 730)); m <- summary(f, rmean = 730)\$table; r <- survfit(Surv(time, 1 - status) ~ group, data = d);
    q <- quantile(r, 0.5); sd <- survdiff(Surv(time, status) ~ group, data = d); t2 <- proc.time()[[3]];
    cat(sprintf('R read.csv: %.2f s; survfit x2 + summary + reverse KM + survdiff: %.2f s; total %.2f s, chisq %.10g\n', t1 - t0, t2 - t1, t2 - t0, sd\$chisq))"
} | tee "$out"
