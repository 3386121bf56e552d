# Reference values for TrialStats' sample quantiles (Sources/TrialStats/Descriptive/Quantile.swift).
#
# Computes quantile(x, probs, type = k) for k = 1..9 on a set of inputs (ties, n = 1, n = 2,
# negative and decimal values, probs 0 and 1) and writes quantiles.json beside this script.
#
# Regenerate from the package root:  Rscript Fixtures/reference/quantiles.R
# Written with R 4.2.2 (Debian r-base-core); the version used is recorded in the JSON.
#
# Types 1-3 at a probability where n*p (+ m) is an integer only up to floating-point rounding
# (for example n = 10, p = 0.3 gives 3.0000000000000004): R <= 4.3 picks the next order
# statistic there; R >= 4.4 protects these types with `fuzz` (as it always did types 4-9) and
# gives the exact-arithmetic value, as TrialStats does. Such cases are flagged "fuzzy": the
# expected value is the exact-arithmetic one and the running R version's value is kept beside it.

eps <- .Machine$double.eps
num <- function(v) ifelse(is.na(v), "null", sprintf("%.17g", v))
vec <- function(v) paste0("[", paste(num(v), collapse = ","), "]")

set.seed(20261122)
inputs <- list(
  n1 = c(7),
  n1_negative = c(-3.5),
  n2 = c(1, 2),
  n2_tied = c(4, 4),
  n3 = c(3, 1, 2),
  n4 = c(10, 20, 30, 40),
  n5_ties = c(2, 2, 3, 3, 3),
  n6 = c(-1.5, 0, 2.25, 7, 11.125, 100),
  n7_all_equal = rep(5.5, 7),
  n9_decimal = c(0.1, 0.2, 0.3, 0.3, 0.7, 1.1, 2.5, 2.5, 9.9),
  n10 = c(23, 41, 12, 55, 31, 24, 60, 18, 44, 37),
  n10_haq = c(0.125, 0.5, 0.5, 1.125, 1.25, 1.25, 2, 2.375, 2.875, 3),
  n11_negative = c(-50, -12, -7, -7, -3, 0, 0, 4, 9, 15, 22),
  n24_vas = c(63, 52, 75, 80, 45, 66, 71, 58, 90, 33, 61, 64, 70, 49, 55, 77, 82, 60, 68, 74, 53, 47, 59, 72),
  n30 = round(rnorm(30, 50, 20), 1),
  n37_ties = sample(0:10, 37, replace = TRUE),
  n100 = round(rexp(100, 0.1), 3),
  n1000 = round(rnorm(1000), 6),
  n1001_large_values = round(rnorm(1001, 1e6, 1e3), 2),
  tiny_values = c(1e-300, 2e-300, 5e-300, 1e-299, 3e-299)
)
probs <- c(0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.25, 0.3, 1/3, 0.4, 0.45, 0.5, 0.55, 0.6, 2/3,
           0.7, 0.75, 0.8, 0.9, 0.95, 0.99, 0.999, 1,
           0.1 * 3, 0.1 * 7, 0.1 * 9)  # 0.30000000000000004 etc.: n * p lands just off an integer

exact_discontinuous <- function(xs, type, j) {
  n <- length(xs)
  at <- function(k) xs[min(max(k, 1), n)]
  switch(type,
         at(j),
         (at(j) + at(j + 1)) / 2,
         if (j %% 2 == 1) at(j + 1) else at(j))
}

cases <- character(0)
for (name in names(inputs)) {
  x <- inputs[[name]]
  xs <- sort(x)
  n <- length(x)
  for (type in 1:9) {
    r <- quantile(x, probs = probs, type = type, names = FALSE)
    expected <- r
    fuzzy <- rep(FALSE, length(probs))
    if (type <= 3) {
      m <- if (type == 3) -0.5 else 0
      nppm <- n * probs + m
      near <- round(nppm)
      fuzzy <- abs(nppm - near) < 4 * eps & nppm != near
      for (i in which(fuzzy)) expected[i] <- exact_discontinuous(xs, type, near[i])
    }
    cases <- c(cases, sprintf(
      '{"name":"%s","type":%d,"x":%s,"probs":%s,"expected":%s,"r_value":%s,"fuzzy":[%s]}',
      name, type, vec(x), vec(probs), vec(expected), vec(r),
      paste(ifelse(fuzzy, "true", "false"), collapse = ",")))
  }
}

out <- sprintf('{"generated_by":"%s","cases":[\n%s\n]}\n', R.version.string,
               paste(cases, collapse = ",\n"))
path <- file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "quantiles.json")
writeLines(out, path, sep = "")
cat("wrote", path, "with", length(cases), "cases;", sum(grepl("true", cases)), "have fuzzy probabilities\n")
