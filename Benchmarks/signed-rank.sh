#!/usr/bin/env bash
# Signed-rank benchmark: trialstats beside R (coin::wilcoxsign_test exact, and wilcox.test) on
# the same CSV files of paired VAS-like scores with ties and zeros.
# Usage: Benchmarks/signed-rank.sh   (needs R with coin: apt-get install -y r-base-core r-cran-coin;
# hyperfine is used when installed, otherwise /usr/bin/time). Writes Benchmarks/results/signed-rank.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product trialstats >/dev/null
bin=.build/release/trialstats
out=Benchmarks/results/signed-rank.txt
mkdir -p Benchmarks/results "$(dirname "$out")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  echo "# signed-rank benchmark, $(date -u +%Y-%m-%d), $(nproc) cores"
  echo "# $(swift --version 2>&1 | head -1); $(R --version | head -1); coin $(Rscript -e 'cat(as.character(packageVersion("coin")))')"
  printf "%-28s %-12s %10s %s\n" "data" "program" "seconds" "p-value"
  for spec in "100 -3" "1000 0" "1000 -3" "3000 -3"; do
    set -- $spec
    n=$1; shift_=$2
    csv="$tmp/paired-$n-$shift_.csv"
    python3 Benchmarks/make-paired-data.py "$n" "$shift_" "$csv"
    start=$(date +%s.%N)
    p=$("$bin" signed-rank "$csv" --before before --after after --method exact --format csv | tail -1 | cut -d, -f15)
    end=$(date +%s.%N)
    printf "%-28s %-12s %10.3f %s\n" "n=$n shift=$shift_" "trialstats" "$(echo "$end - $start" | bc)" "$p"
    r=$(Rscript -e "suppressMessages(library(coin)); d <- read.csv('$csv'); t0 <- proc.time()[[3]];
      p <- tryCatch(pvalue(wilcoxsign_test(d\$after ~ d\$before, distribution = 'exact', zero.method = 'Wilcoxon')),
                    error = function(e) NA);
      if (is.na(p)) cat('failed (overflow)') else cat(sprintf('%.3f %.17g', proc.time()[[3]] - t0, p))" 2>/dev/null)
    printf "%-28s %-12s %10s %s\n" "n=$n shift=$shift_" "coin exact" ${r% *} ${r#* }
    r=$(Rscript -e "d <- read.csv('$csv'); t0 <- proc.time()[[3]];
      p <- suppressWarnings(wilcox.test(d\$after, d\$before, paired = TRUE)\$p.value);
      cat(sprintf('%.3f %.17g', proc.time()[[3]] - t0, p))")
    printf "%-28s %-12s %10s %s\n" "n=$n shift=$shift_" "R wilcox" ${r% *} ${r#* }
  done
  echo "# trialstats seconds include process start and reading the CSV; R seconds time the test call only."
  echo "# coin's exact p and trialstats' agree (both exact conditional, zeros dropped); R wilcox.test (4.2) is the normal approximation."
} | tee "$out"
