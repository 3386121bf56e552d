# Reference values for TrialStats' distribution-free quantile confidence interval
# (Sources/TrialStats/Descriptive/QuantileConfidenceInterval.swift).
#
# The equal-tailed order-statistic interval [x(l), x(u)] for the p-quantile: with
# B ~ Binomial(n, p), l is the largest rank in 1..n with P(B <= l - 1) <= alpha/2 and u the
# smallest rank in 1..n with P(B >= u) <= alpha/2; where none exists the extreme rank (1 or n)
# is used and the achieved level falls short. Achieved level = P(l <= B <= u - 1).
# This script finds l and u by enumerating every rank (no search), independently of the Swift
# binary search, and writes quantile_ci.json beside itself.
#
# Regenerate from the package root:  Rscript Fixtures/reference/quantile_ci.R
# Written with R 4.2.2; the version is recorded in the JSON.

num <- function(v) sprintf("%.17g", v)
rows <- character(0)
ns <- c(1:60, 75, 100, 250, 1000, 10000)
for (n in ns) for (p in c(0.1, 0.25, 0.5, 0.75, 0.9)) for (level in c(0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)) {
  a2 <- (1 - level) / 2
  ranks <- 1:n
  lower_tail <- pbinom(ranks - 1, n, p)                      # P(B <= l - 1)
  upper_tail <- pbinom(ranks - 1, n, p, lower.tail = FALSE)  # P(B >= u)
  ok_l <- ranks[lower_tail <= a2]
  ok_u <- ranks[upper_tail <= a2]
  l <- if (length(ok_l)) max(ok_l) else 1
  u <- if (length(ok_u)) min(ok_u) else n
  achieved <- pbinom(u - 1, n, p) - pbinom(l - 1, n, p)
  rows <- c(rows, sprintf('{"n":%d,"prob":%s,"conf_level":%s,"lower_rank":%d,"upper_rank":%d,"achieved_level":%s}',
                          n, num(p), num(level), l, u, num(achieved)))
}
out <- sprintf('{"generated_by":"%s","cases":[\n%s\n]}\n', R.version.string, paste(rows, collapse = ",\n"))
path <- file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "quantile_ci.json")
writeLines(out, path, sep = "")
cat("wrote", path, "with", length(rows), "cases\n")
