# Independent check, in R, of the four reconstructed CASTLE certificates
# (Fixtures/castle/reconstructed/*.csv, written by `trialstats reconstruct`; RECONSTRUCTED data,
# not the trial's). For each certificate it recomputes
#   * the before and after quartiles with stats::quantile(x, type = 7) and prints them rounded
#     half-up to the published decimals (R's own round()/sprintf() round half to even on the
#     binary value, so half-up is done by hand: floor(x * 10^d + 0.5), with a 1e-9 guard);
#   * the two-sided signed-rank p-value with stats::wilcox.test(after, before, paired = TRUE)
#     (R 4.2.2: exact without ties or zeros, otherwise the normal approximation with tie and
#     continuity correction: TrialStats' `r-legacy` profile), printed as the paper prints it;
#   * the same without continuity correction (exact = FALSE, correct = FALSE: the `spss` and,
#     above 13 pairs with ties, `scipy` profiles);
#   * coin::wilcoxsign_test(after ~ before, zero.method = "Pratt", distribution = "exact"), the
#     exact conditional p-value of R >= 4.6 (the `r` profile);
# and compares each with the published text.
#
# Run from the repository root:  Rscript Fixtures/reference/reconstruct_check.R > Fixtures/reference/reconstruct_check.txt
# Written with R 4.2.2 (Debian r-base-core) and coin 1.4.2.
suppressPackageStartupMessages(library(coin))

half_up <- function(x, d) {
  s <- x * 10^d
  sprintf(paste0("%.", d, "f"), floor(s + 0.5 + 1e-9 * max(1, abs(s))) / 10^d)
}
summary_text <- function(x, decimals) {
  q <- quantile(x, c(0.25, 0.5, 0.75), type = 7, names = FALSE)
  sprintf("%s [%s; %s]", half_up(q[2], decimals[2]), half_up(q[1], decimals[1]), half_up(q[3], decimals[3]))
}
p_text <- function(p) if (p < 0.0001) "P < 0.0001" else paste("P =", half_up(p, 4))

rows <- list(
  list(name = "VAS-PGA",   before = "63.0 [52.8; 74.8]", after = "19.0 [7.3; 48.8]",  p = "P < 0.0001", dec = c(1, 1, 1), dec_after = c(1, 1, 1)),
  list(name = "VAS-PhyGA", before = "67.5 [54.0; 74.8]", after = "12.5 [2.0; 23.0]",  p = "P < 0.0001", dec = c(1, 1, 1), dec_after = c(1, 1, 1)),
  list(name = "HAQ",       before = "1.1 [0.1; 2.0]",    after = "0.3 [0.0; 0.3]",    p = "P = 0.0030", dec = c(1, 1, 1), dec_after = c(1, 1, 1)),
  list(name = "FACIT",     before = "25.5 [13.3; 38.3]", after = "42.0 [37.0; 49.0]", p = "P < 0.0001", dec = c(1, 1, 1), dec_after = c(1, 1, 1))
)

cat(R.version.string, "; coin", as.character(packageVersion("coin")), "\n\n")
all_ok <- TRUE
for (row in rows) {
  d <- read.csv(file.path("Fixtures/castle/reconstructed", paste0(row$name, ".csv")))
  stopifnot(nrow(d) == 24, all(d$provenance == "RECONSTRUCTED (not trial data)"))
  before_text <- summary_text(d$before, row$dec)
  after_text <- summary_text(d$after, row$dec_after)
  r_default <- suppressWarnings(wilcox.test(d$after, d$before, paired = TRUE))
  r_plain <- suppressWarnings(wilcox.test(d$after, d$before, paired = TRUE, exact = FALSE, correct = FALSE))
  r_exact <- wilcoxsign_test(after ~ before, data = d, zero.method = "Pratt", distribution = "exact")
  p_exact <- as.numeric(pvalue(r_exact))
  ok <- c(before = before_text == row$before, after = after_text == row$after, p = p_text(r_default$p.value) == row$p)
  all_ok <- all_ok && all(ok)
  cat(sprintf("%s (published %s -> %s, %s)\n", row$name, row$before, row$after, row$p))
  cat(sprintf("  quantile(type = 7), half-up:  %s -> %s   [%s]\n", before_text, after_text,
              if (ok["before"] && ok["after"]) "prints as published" else "DIFFERS"))
  cat(sprintf("  before Q1, median, Q3: %s\n", paste(format(quantile(d$before, c(0.25, 0.5, 0.75), type = 7, names = FALSE), digits = 15), collapse = ", ")))
  cat(sprintf("  after  Q1, median, Q3: %s\n", paste(format(quantile(d$after, c(0.25, 0.5, 0.75), type = 7, names = FALSE), digits = 15), collapse = ", ")))
  cat(sprintf("  wilcox.test(after, before, paired = TRUE): V = %s, p = %.15g, %s   [%s]\n", r_default$statistic,
              r_default$p.value, p_text(r_default$p.value), if (ok["p"]) "prints as published" else "DIFFERS"))
  cat(sprintf("    method: %s\n", r_default$method))
  cat(sprintf("  wilcox.test(..., exact = FALSE, correct = FALSE): p = %.15g, %s\n", r_plain$p.value, p_text(r_plain$p.value)))
  cat(sprintf("  coin wilcoxsign_test(Pratt, exact): p = %.15g, %s\n\n", p_exact, p_text(p_exact)))
}
cat(if (all_ok) "All four certificates print as published under R's defaults.\n" else "SOME CERTIFICATE DOES NOT PRINT AS PUBLISHED.\n")
