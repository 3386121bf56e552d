# Reference values for the two-sample Hodges–Lehmann interval under ties (issue 14): R >= 4.6's
# wilcox.test(x, y, conf.int = TRUE, exact = TRUE) inverts the exact conditional permutation
# distribution of W given the tie pattern, where R 4.2 falls back to the normal approximation.
#
# R 4.6 is not installable from Debian here, so its wilcox.test is sourced from R's own sources
# into the installed R, as signed_rank_r46.R does for the one-sample case: the file
# src/library/stats/R/wilcox.test.R of the R development sources (mirror github.com/r-devel/r-svn;
# used: commit b5b3719f4e856db021234254f58b5c4c4a1a7302 of 2026-08-22, "4.7.0 Under
# development", whose wilcox.test.R was last changed 2026-07-03), with src/library/base/R/zapsmall.R
# of the same commit. The one C routine the sourced two-sample code needs, C_dpermdist2 (the
# density of the sum of m of the integer scores drawn without replacement, at sums 1..max), is
# replaced by the few lines of R below (a subset-sum count over the scores, one matrix shift per
# score). R 4.2.2's pwilcox already floors its argument, as R 4.6's does. No R code is copied here.
#
# Usage:  Rscript Fixtures/reference/compare_ranksum_hl_r46.R WILCOX_TEST_R ZAPSMALL_R REVISION
#   e.g.  git -C r-svn show <rev>:src/library/stats/R/wilcox.test.R > /tmp/wilcox.test.R
#         git -C r-svn show <rev>:src/library/base/R/zapsmall.R > /tmp/zapsmall.R
#         Rscript Fixtures/reference/compare_ranksum_hl_r46.R /tmp/wilcox.test.R /tmp/zapsmall.R <rev>
# Writes Fixtures/reference/compare_ranksum_hl_r46.json (numbers with %.17g; -Inf/Inf as strings;
# a call that stops gives "error" with R's message).
# Written with R 4.2.2 Patched (Debian r-base-core).

args <- commandArgs(TRUE)
stopifnot(length(args) == 3)
script_dir <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
out_path <- file.path(script_dir, "compare_ranksum_hl_r46.json")

r46 <- new.env(parent = asNamespace("stats"))
sys.source(args[2], envir = r46)
sys.source(args[1], envir = r46)

# P(sum of m of the scores z = s) for s = 1..sum of the m largest scores: H[i + 1, s + 1] counts
# the subsets of i scores with sum s; each score shifts the rows one down and s columns right.
permdist2 <- function(z, m) {
  top <- sum(sort(z, decreasing = TRUE)[seq_len(m)])
  H <- matrix(0, m + 1, top + 1)
  H[1, 1] <- 1
  for (s in z) {
    if (s > top) next
    shifted <- matrix(0, m + 1, top + 1)
    shifted[2:(m + 1), (s + 1):(top + 1)] <- H[1:m, 1:(top + 1 - s), drop = FALSE]
    H <- H + shifted
  }
  d <- H[m + 1, ]
  (d / sum(d))[-1]
}
# The scan evaluates the same shift (hence the same scores) many times where differences are
# equal: the densities are remembered by their scores.
permdist2_seen <- new.env()
permdist2_memo <- function(z, m) {
  key <- paste(m, paste(z, collapse = ","))
  if (is.null(permdist2_seen[[key]])) assign(key, permdist2(z, m), envir = permdist2_seen)
  permdist2_seen[[key]]
}
r46$C_dpermdist2 <- "dpermdist2"
r46$.Call <- function(name, ...) {
  if (identical(name, "dpermdist2")) return(permdist2_memo(...))
  stop("only C_dpermdist2 is provided")
}
wilcox46 <- function(...) suppressWarnings(r46$wilcox.test.default(...))
wilcox42 <- function(...) suppressWarnings(stats:::wilcox.test.default(...))

num <- function(x) {
  if (length(x) == 0 || is.null(x)) return("null")
  v <- vapply(x, function(e) if (is.na(e)) "null" else if (is.infinite(e)) (if (e > 0) '"Inf"' else '"-Inf"') else sprintf("%.17g", e), "")
  if (length(v) == 1) v else paste0("[", paste(v, collapse = ", "), "]")
}
vec <- function(x) paste0("[", paste(vapply(x, function(e) sprintf("%.17g", e), ""), collapse = ", "), "]")
record <- function(call) {
  r <- tryCatch(call, error = function(e) e)
  if (inherits(r, "error")) return(sprintf('"error": "%s"', gsub('"', "'", conditionMessage(r))))
  sprintf('"statistic": %s, "p_value": %s, "method": "%s", "estimate": %s, "conf_int": %s, "conf_level": %s',
          num(unname(r$statistic)), num(r$p.value), r$method, num(unname(r$estimate)),
          num(as.numeric(r$conf.int)), num(attr(r$conf.int, "conf.level")))
}

# Cases: name, x, y, mu, conf.level, alternative.
set.seed(20261207)
likert <- function(n, shift = 0) pmin(5, pmax(1, round(runif(n, 0.5, 5.5) + shift)))
halves <- function(n) round(rnorm(n, 3, 1.5) * 2) / 2
l8 <- likert(8); l9 <- likert(9, 0.5)
l20 <- likert(20); l22 <- likert(22, 0.7)
l35 <- likert(35); l30 <- likert(30, -0.4)
l50x <- likert(50); l50y <- likert(50, 0.5)
h12 <- halves(12); h15 <- halves(15)
bin25 <- rbinom(25, 1, 0.4); bin27 <- rbinom(27, 1, 0.6)
cases <- list(
  list("small-ties", c(1, 2, 2, 3), c(2, 3, 4), 0, 0.95, "two.sided"),
  list("small-ties", c(1, 2, 2, 3), c(2, 3, 4), 0, 0.5, "two.sided"),
  list("small-ties", c(1, 2, 2, 3), c(2, 3, 4), 0, 0.8, "less"),
  list("small-ties", c(1, 2, 2, 3), c(2, 3, 4), 0, 0.8, "greater"),
  list("zeros-ones", c(0, 0, 1, 1, 1), c(1, 2, 2, 0), 0, 0.9, "two.sided"),
  list("zeros-ones", c(0, 0, 1, 1, 1), c(1, 2, 2, 0), 0, 0.6, "greater"),
  list("five-fives", c(5, 5, 5), c(1, 5, 9, 9, 9), 0, 0.9, "two.sided"),
  list("five-fives", c(5, 5, 5), c(1, 5, 9, 9, 9), 0, 0.75, "less"),
  list("one-x", c(3), c(1, 2, 3, 3, 5, 6, 7), 0, 0.5, "two.sided"),
  list("one-x", c(3), c(1, 2, 3, 3, 5, 6, 7), 0, 0.75, "greater"),
  list("one-y", c(1, 2, 2, 4, 4, 4, 6, 8, 9), c(4), 0, 0.8, "two.sided"),
  list("one-y", c(1, 2, 2, 4, 4, 4, 6, 8, 9), c(4), 0, 0.8, "less"),
  list("x-all-tied", c(2, 2, 2, 2), c(1, 2, 3, 3, 4), 0, 0.9, "two.sided"),
  list("both-all-tied-apart", c(2, 2, 2), c(5, 5, 5, 5), 0, 0.9, "two.sided"),
  list("mu-ties", c(3, 4, 4, 6, 7), c(1, 2, 2, 4), 2, 0.9, "two.sided"),
  list("mu-ties", c(3, 4, 4, 6, 7), c(1, 2, 2, 4), 2, 0.9, "greater"),
  list("likert-8-9", l8, l9, 0, 0.95, "two.sided"),
  list("likert-8-9", l8, l9, 0, 0.99, "two.sided"),
  list("likert-8-9", l8, l9, 0, 0.9, "less"),
  list("halves-12-15", h12, h15, 0, 0.95, "two.sided"),
  list("halves-12-15", h12, h15, 0.5, 0.9, "greater"),
  list("halves-12-15", h12, h15, 0, 0.999, "two.sided"),
  list("likert-20-22", l20, l22, 0, 0.95, "two.sided"),
  list("likert-20-22", l20, l22, 0, 0.5, "two.sided"),
  list("likert-20-22", l20, l22, 1, 0.95, "less"),
  list("binary-25-27", bin25, bin27, 0, 0.95, "two.sided"),
  list("likert-35-30", l35, l30, 0, 0.95, "two.sided"),
  list("likert-35-30", l35, l30, 0, 0.99, "greater"),
  list("likert-50-50", l50x, l50y, 0, 0.95, "two.sided")
)

lines <- character(0)
for (cs in cases) {
  x <- cs[[2]]; y <- cs[[3]]; mu <- cs[[4]]; level <- cs[[5]]; alt <- cs[[6]]
  seconds <- system.time(a46 <- record(wilcox46(x, y, mu = mu, exact = TRUE, conf.int = TRUE, conf.level = level, alternative = alt)))[["elapsed"]]
  a42 <- record(wilcox42(x, y, mu = mu, exact = TRUE, conf.int = TRUE, conf.level = level, alternative = alt))
  lines <- c(lines, sprintf(
    '    {"name": "%s", "x": %s, "y": %s, "mu": %s, "conf_level": %s, "alternative": "%s", "r46_seconds": %.3f,\n      "r46": {%s},\n      "r42": {%s}}',
    cs[[1]], vec(x), vec(y), num(mu), num(level), alt, seconds, a46, a42))
  cat(cs[[1]], level, alt, "r46", seconds, "s\n")
}
header <- sprintf('  "generated_by": "Fixtures/reference/compare_ranksum_hl_r46.R with %s; r46 = stats wilcox.test.default sourced from r-devel/r-svn %s src/library/stats/R/wilcox.test.R (+ base zapsmall.R of that commit; C_dpermdist2 replaced by an R subset-sum count), exact = TRUE, conf.int = TRUE; r42 = the installed stats::wilcox.test.default with the same arguments (normal approximation with continuity correction under ties)"',
                  R.version.string, args[3])
writeLines(c("{", paste0(header, ","), '  "cases": [', paste(lines, collapse = ",\n"), "  ]", "}"), out_path)
cat("wrote", out_path, "\n")
