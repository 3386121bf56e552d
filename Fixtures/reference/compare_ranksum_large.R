#!/usr/bin/env Rscript
## =============================================================================
## compare_ranksum_large.R -- reference values for TrialStats' exact conditional
##     Wilcoxon-Mann-Whitney p-value on larger tied samples (up to 500 + 500),
##     beyond the N <= 120 of compare_location.R.
##
## HOW TO REGENERATE (from the package root):
##     Rscript Fixtures/reference/compare_ranksum_large.R
## writes Fixtures/reference/compare_ranksum_large.json next to this script.
## Needs R and coin (written with R 4.2.2 and coin 1.4.2; the version is recorded
## in the output).  Slow: coin's shift algorithm takes about 6 minutes for the
## 500 + 500 case on a loaded 2-core machine, 30 minutes in all.
##
## WHAT IS IN IT
##   cases: x, y (integer scores: ordinal, Likert, VAS-like; every case has ties),
##   alternative, and coin_p = pvalue(wilcox_test(v ~ g, distribution = "exact",
##   alternative)) with v = c(x, y), g = factor(rep(c("x", "y"), ...)) (x first);
##   seconds: coin's time for that call (informative only).
## =============================================================================
suppressMessages(library(coin))
set.seed(20261206)
num <- function(x) sprintf("%.17g", x)
vec <- function(v) paste0("[", paste(v, collapse = ","), "]")
cases <- character(0)
add <- function(name, x, y, alternatives) {
  for (alt in alternatives) {
    d <- data.frame(v = c(x, y), g = factor(rep(c("x", "y"), c(length(x), length(y))), levels = c("x", "y")))
    t0 <- proc.time()[[3]]
    p <- pvalue(wilcox_test(v ~ g, data = d, distribution = "exact", alternative = alt))
    secs <- proc.time()[[3]] - t0
    cat(name, alt, length(x), length(y), sprintf("%.17g", p), secs, "\n")
    cases <<- c(cases, sprintf("{\"name\":\"%s\",\"alternative\":\"%s\",\"x\":%s,\"y\":%s,\"coin_p\":%s,\"seconds\":%.2f}",
                               name, alt, vec(x), vec(y), num(p), secs))
  }
}
all3 <- c("two.sided", "less", "greater")
add("likert-130-150", sample(1:5, 130, TRUE), sample(1:5, 150, TRUE, prob = c(.15, .2, .25, .2, .2)), all3)
add("ordinal-150-170", sample(0:10, 150, TRUE), sample(0:10, 170, TRUE) , all3)
add("vas-140-160", sample(0:100, 140, TRUE), pmin(100, sample(0:100, 160, TRUE) + 8), all3)
add("binary-200-180", sample(0:1, 200, TRUE), sample(0:1, 180, TRUE, prob = c(.4, .6)), all3)
add("shifted-150-150", sample(0:20, 150, TRUE), pmin(20, sample(0:18, 150, TRUE) + 6), all3)
add("ordinal-250-250", sample(0:20, 250, TRUE), pmin(20, sample(0:19, 250, TRUE) + 1), c("two.sided", "less"))
add("unequal-60-400", sample(0:12, 60, TRUE), sample(0:12, 400, TRUE), c("two.sided", "greater"))
add("ordinal-500-500", sample(0:20, 500, TRUE), pmin(20, sample(0:18, 500, TRUE) + 1), "two.sided")
out <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])), "compare_ranksum_large.json")
writeLines(c("{", sprintf("\"generated_by\": \"%s, coin %s\",", R.version.string, packageVersion("coin")),
             "\"script\": \"Fixtures/reference/compare_ranksum_large.R\",",
             "\"cases\": [", paste(cases, collapse = ",\n"), "]}"), out)
