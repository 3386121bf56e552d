#!/usr/bin/env Rscript
## =============================================================================
## analyze_compare.R -- reference p-values for the p column of `trialstats analyze`'s
##                      Table 1 on the bundled synthetic cohort (issue 14, "In analyze").
##
## HOW TO REGENERATE (from the package root):
##     Rscript Fixtures/reference/analyze_compare.R
## writes Fixtures/reference/analyze_compare.json next to this script (a second).
## R 4.2 (stats) and coin 1.4; the JSON writer is json_writer.R.
##
## WHAT IS IN IT
##   castle: Fixtures/castle/cohort.csv under Fixtures/castle/plan.yaml with
##     `compare: true` (three baskets SLE, SSc, IIM):
##       continuous variables -> kruskal.test(x ~ basket)   (statistic, df, p_value)
##       sex, kidney, lungs   -> fisher.test(table(x, basket))   (r x c, Freeman-Halton)
##   two_baskets: the same cohort without the IIM basket (SLE and SSc), each variable
##     with the test `auto` chooses for two baskets:
##       continuous -> rank-sum: wilcox.test(x ~ basket, exact = TRUE) where the values
##         have no ties (R's exact distribution), else the exact distribution
##         conditional on the midranks, coin::wilcox_test(distribution = "exact")
##         (R < 4.6 wilcox.test has no exact p-value with ties); statistic is
##         wilcox.test's W of SLE (the first basket in the file) against SSc.
##       sex, kidney, lungs -> fisher.test(table(x, basket))  (2 x 2)
## =============================================================================
suppressPackageStartupMessages(library(coin))
args <- commandArgs(trailingOnly = FALSE)
here <- dirname(normalizePath(sub("^--file=", "", args[grep("^--file=", args)])))
source(file.path(here, "json_writer.R"))
root <- normalizePath(file.path(here, "..", ".."))
cohort <- read.csv(file.path(root, "Fixtures", "castle", "cohort.csv"), stringsAsFactors = FALSE,
                   na.strings = c("", "NA", "NaN", "."))

continuous <- c("age", "disease_duration_years", "vas_pga_baseline", "haq_baseline", "facit_baseline")
counts <- c("sex", "kidney", "lungs")

castle <- list()
for (v in continuous) {
  d <- cohort[!is.na(cohort[[v]]), ]
  k <- kruskal.test(d[[v]], factor(d$basket, levels = unique(d$basket)))
  castle[[v]] <- list(test = "kruskal", call = "kruskal.test(x ~ basket)", statistic = unname(k$statistic),
                      df = unname(k$parameter), p_value = k$p.value)
}
for (v in counts) {
  d <- cohort[!is.na(cohort[[v]]), ]
  f <- fisher.test(table(d[[v]], d$basket))
  castle[[v]] <- list(test = "fisher", call = "fisher.test(table(x, basket))", statistic = NULL, df = NULL, p_value = f$p.value)
}

two <- cohort[cohort$basket %in% c("SLE", "SSc"), ]
two_baskets <- list()
for (v in continuous) {
  d <- two[!is.na(two[[v]]), ]
  g <- factor(d$basket, levels = c("SLE", "SSc"))
  w <- wilcox.test(d[[v]][g == "SLE"], d[[v]][g == "SSc"], exact = !anyDuplicated(d[[v]]), correct = TRUE)
  if (anyDuplicated(d[[v]])) {
    p <- pvalue(wilcox_test(d[[v]] ~ g, distribution = "exact"))
    call <- "coin::wilcox_test(x ~ basket, distribution = \"exact\")"
    method <- "exact-conditional"
  } else {
    p <- w$p.value
    call <- "wilcox.test(x ~ basket, exact = TRUE)"
    method <- "exact"
  }
  two_baskets[[v]] <- list(test = "rank-sum", method = method, call = call, statistic = unname(w$statistic),
                           df = NULL, p_value = as.numeric(p))
}
for (v in counts) {
  d <- two[!is.na(two[[v]]), ]
  f <- fisher.test(table(d[[v]], factor(d$basket, levels = c("SLE", "SSc"))))
  two_baskets[[v]] <- list(test = "fisher", method = "exact", call = "fisher.test(table(x, basket))",
                           statistic = NULL, df = NULL, p_value = f$p.value)
}

out <- list(software = paste0(R.version.string, "; coin ", as.character(packageVersion("coin"))),
            cohort = "Fixtures/castle/cohort.csv", castle = castle, two_baskets = two_baskets)
writeLines(to_json(out), file.path(here, "analyze_compare.json"))
