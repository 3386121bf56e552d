# Reference p-values for verify's count-p-value check: two-sided tests of a 2×k table built from
# one printed row of counts (group i: x_i of n_i), the tests a paper's "n (%) ... P" row may print.
# R 4.2.2 (Debian bookworm r-base-core); base stats only. Run: Rscript count_pvalue_check.R
# Writes count_pvalue_check_r.json. Boschloo and Barnard come from count_pvalue_check.py (SciPy).
source("json_writer.R")

cases <- list(
  list(x = c(3, 9), n = c(12, 12)),
  list(x = c(7, 2), n = c(10, 9)),
  list(x = c(12, 5), n = c(20, 21)),
  list(x = c(0, 6), n = c(10, 10)),
  list(x = c(1, 8), n = c(15, 14)),
  list(x = c(18, 10), n = c(25, 26)),
  list(x = c(30, 45), n = c(60, 61)),
  list(x = c(5, 5), n = c(9, 11)),
  list(x = c(352, 371), n = c(5128, 5123)),
  list(x = c(4, 7, 1), n = c(10, 9, 5)),
  list(x = c(8, 2, 3), n = c(10, 9, 5)),
  list(x = c(20, 11, 14), n = c(30, 32, 29))
)

gtest <- function(m) {
  e <- outer(rowSums(m), colSums(m)) / sum(m)
  g <- 2 * sum(ifelse(m > 0, m * log(m / e), 0))
  pchisq(g, (nrow(m) - 1) * (ncol(m) - 1), lower.tail = FALSE)
}

# Two-sided Fisher mid-p (2×2): the p-value less half the probability of the tables as probable
# as the observed one (R's relative tolerance 1e-7, as fisher.test).
fisher_midp <- function(m) {
  k <- sum(m[1, ]); m1 <- sum(m[, 1]); n1 <- sum(m[, 2]); x <- m[1, 1]
  support <- max(0, k - n1):min(k, m1)
  d <- dhyper(support, m1, n1, k)
  obs <- dhyper(x, m1, n1, k)
  as_probable <- d <= obs * (1 + 1e-7)
  same <- abs(d - obs) <= obs * 1e-7
  sum(d[as_probable]) - sum(d[same]) / 2
}

out <- lapply(cases, function(cs) {
  m <- rbind(cs$x, cs$n - cs$x)
  res <- list(x = I(cs$x), n = I(cs$n),
              fisher = fisher.test(m)$p.value,
              chisq = suppressWarnings(chisq.test(m, correct = FALSE)$p.value),
              g_test = gtest(m))
  if (ncol(m) == 2) {
    res$chisq_yates <- suppressWarnings(chisq.test(m, correct = TRUE)$p.value)
    res$fisher_mid_p <- fisher_midp(m)
  }
  res
})
# A row printed with N = 10 and 10 whose p was computed with one patient missing in the first
# group (8 of 9): verify should find no test with the printed Ns and name N = 9.
other_n <- list(x = I(c(8, 4)), printed_n = I(c(10, 10)), true_n = I(c(9, 10)),
                fisher_true_n = fisher.test(rbind(c(8, 4), c(1, 6)))$p.value,
                fisher_printed_n = fisher.test(rbind(c(8, 4), c(2, 6)))$p.value)
writeLines(to_json(list(software = R.version.string, cases = out, other_n = other_n)), "count_pvalue_check_r.json")
