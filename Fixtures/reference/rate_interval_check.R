#!/usr/bin/env Rscript
## =============================================================================
## rate_interval_check.R -- reference values for verify's `rate-interval` check on
## cells printed as "x/n (p%) [lower–upper]" (a count, its percentage, and the
## exact Clopper–Pearson interval in percent), the shape `trialstats analyze`
## prints in its responders and response-rate tables and papers print too.
##
## WHAT IT COMPUTES
##   For each (x, n, conf.level): binom.test(x, n, conf.level = level)$conf.int,
##   the exact (Clopper–Pearson) interval, and the same in percent. The cases are
##   every count of the bundled CASTLE cohort's report (Tables 3 and 4: 10/10,
##   9/9, 5/5, 24/24, 7/10, 6/9, 4/5, 17/24, 9/10, 6/8, 3/5, 18/23, 9/10, 22/24),
##   the textbook 4/32 of the README, the boundaries x = 0 and x = n, and other
##   levels (0.90, 0.99) so a check that assumed 95% would be caught.
##   The Swift test (Tests/TrialStatsTests/RateIntervalCheckTests.swift) formats
##   the percentages at one decimal, half-up on the decimal value, as the report
##   does, and checks that verify reads each printed cell as x/n (%) [CI] and
##   names Clopper–Pearson for it at its level.
##
## HOW TO REGENERATE (from the package root):
##     Rscript Fixtures/reference/rate_interval_check.R
##   writes Fixtures/reference/rate_interval_check.json beside this script.
##
## SOFTWARE
##   R 4.2.2 (stats::binom.test); the version string is written to the JSON as
##   "generated_by". Base R only; the JSON writer is json_writer.R.
## =============================================================================
here <- local({
  args <- commandArgs(trailingOnly = FALSE)
  f <- sub("^--file=", "", args[grep("^--file=", args)])
  if (length(f) == 1) dirname(normalizePath(f)) else "Fixtures/reference"
})
source(file.path(here, "json_writer.R"))

cases <- list(
  c(10, 10, 0.95), c(9, 9, 0.95), c(5, 5, 0.95), c(24, 24, 0.95),
  c(7, 10, 0.95), c(6, 9, 0.95), c(4, 5, 0.95), c(17, 24, 0.95),
  c(9, 10, 0.95), c(6, 8, 0.95), c(3, 5, 0.95), c(18, 23, 0.95),
  c(22, 24, 0.95), c(4, 32, 0.95),
  c(0, 10, 0.95), c(0, 24, 0.95), c(1, 1, 0.95), c(0, 1, 0.95),
  c(7, 10, 0.90), c(7, 10, 0.99), c(17, 24, 0.90), c(22, 24, 0.99)
)

rows <- lapply(cases, function(k) {
  x <- as.integer(k[1]); n <- as.integer(k[2]); level <- k[3]
  ci <- binom.test(x, n, conf.level = level)$conf.int
  list(x = x, n = n, conf_level = level,
       lower = ci[1], upper = ci[2],
       call = sprintf("binom.test(%d, %d, conf.level = %s)$conf.int", x, n, format(level)))
})

out <- list(
  generated_by = R.version.string,
  script = "Fixtures/reference/rate_interval_check.R",
  method = "Clopper-Pearson exact interval, stats::binom.test",
  cases = rows
)
writeLines(to_json(out), file.path(here, "rate_interval_check.json"))
cat("wrote", file.path(here, "rate_interval_check.json"), "with", length(rows), "cases\n")
