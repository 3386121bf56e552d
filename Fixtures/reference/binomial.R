#!/usr/bin/env Rscript
## =============================================================================
## binomial.R -- reference values for TrialStats: binomial confidence intervals
##               and the exact binomial test.
##
## WHAT IT COMPUTES
##   * "intervals": confidence limits for a binomial proportion x/n by eight
##     methods (clopper-pearson, wilson, wilson-cc, jeffreys, mid-p, blaker,
##     agresti-coull, wald) on a grid of (x, n), confidence levels
##     0.5 ... 0.9999 and alternatives "two-sided", "less" ([0, upper]) and
##     "greater" ([lower, 1]).  Blaker: two-sided only.
##   * "tests": p-values of the exact binomial test (R binom.test) for a grid of
##     (x, n, p0) and all three alternatives, plus the matching mid-p values.
##   * "published": a few externally printed values (with their source) and the
##     values this script computes for them.
##   Exact definitions of every method, boundary rule and two-sided rule are in
##   the "notes" object of the JSON (built in `notes` below) and in binomial.md.
##
## HOW TO REGENERATE (from the package root, /work/main):
##     Rscript Fixtures/reference/binomial.R
##   This overwrites Fixtures/reference/binomial.json (the file is written next
##   to this script, wherever it is called from) and prints a summary of the
##   self-checks; the script stops with an error if a hard check fails.
##   Run time: about 3 minutes, mostly the brute-force Blaker checks.
##
## SOFTWARE
##   Generated with R version 4.2.2 Patched (2022-11-10 r83330); the exact
##   string is written to the JSON as "generated_by".  Base R only (stats).
##   jsonlite is not needed: requireNamespace("jsonlite") is checked (it is not
##   installed here) but the JSON is always written by hand, so the number
##   format is the same either way: every number is printed with the shortest
##   of %.15g/%.16g/%.17g that reads back as the identical IEEE double.
##   An optional independent cross-check (SciPy, mpmath, exact rationals) is in
##   binomial_crosscheck.py next to this script.
##
## BOUNDARY RULES AND CONVENTIONS (see also notes in the JSON)
##   * alpha = 1 - conf_level, computed in double precision.
##   * clopper-pearson: binom.test()$conf.int, i.e. lower = qbeta(a/2, x, n-x+1)
##     (0 if x = 0), upper = qbeta(1-a/2, x+1, n-x) (1 if x = n); one-sided:
##     a instead of a/2.
##   * wilson: prop.test(x, n, correct = FALSE)$conf.int.
##   * wilson-cc: prop.test(x, n, correct = TRUE)$conf.int with the continuity
##     correction ALWAYS 0.5/n (Newcombe 1998, method 4).  R's prop.test shrinks
##     the correction to |x - n*p| where p is the NULL value (default 0.5), so
##     prop.test(n/2, n, correct = TRUE) silently returns the uncorrected
##     interval; to avoid this quirk the script passes p = 0.25 when x = n/2
##     (the null value does not otherwise enter the interval).  Limits: lower = 0
##     if x = 0, upper = 1 if x = n (prop.test's own rule p.c <= 0 / >= 1).
##   * jeffreys: equal-tailed Beta(x+1/2, n-x+1/2) quantiles, with the Brown, Cai
##     & DasGupta (2001) rule lower = 0 if x = 0 and upper = 1 if x = n (the
##     other limit keeps its a/2 quantile).  One-sided: the single bound is the
##     a (or 1-a) quantile; less: upper = 1 if x = n; greater: lower = 0 if x = 0.
##   * mid-p: lower solves P(X > x) + P(X = x)/2 = a/2 (lower = 0 if x = 0);
##     upper solves P(X < x) + P(X = x)/2 = a/2 (upper = 1 if x = n).  One-sided:
##     the same equation with a instead of a/2.  If the equation has no root in
##     (0, 1) the limit is the end point (this only happens one-sided at
##     conf_level = 0.5 for x = n ("greater" -> lower = 1) and x = 0 ("less" ->
##     upper = 0)).  Solved by bisection on the logit scale down to adjacent
##     doubles (relative accuracy ~1e-15 even for limits of order 1e-10).
##   * blaker: Blaker (2000) acceptability interval = convex hull of
##     {p : acceptability(p) > alpha}; see blaker_lower() for the algorithm.
##     Upper limit = 1 - lower limit for (n - x) (coded directly, see
##     blaker_upper()).  lower = 0 if x = 0, upper = 1 if x = n.
##   * agresti-coull: z = qnorm((1+conf)/2) (one-sided qnorm(conf)),
##     nt = n + z^2, pt = (x + z^2/2)/nt, pt +- z*sqrt(pt*(1-pt)/nt),
##     truncated to [0, 1].
##   * wald: p = x/n, p +- z*sqrt(p*(1-p)/n), truncated to [0, 1] (zero width
##     at x = 0 and x = n).
##   * tests: p_value = binom.test(x, n, p0, alternative)$p.value.
##     mid_p_value (greater) = P(X > x) + P(X = x)/2,
##     mid_p_value (less)    = P(X < x) + P(X = x)/2,
##     mid_p_value (two-sided) = P(d(K) < d(x)) + P(d(K) == d(x))/2, capped at 1,
##     d(k) = dbinom(k, n, p0), where "==" means |d(k) - d(x)| <= 1e-7 d(x)
##     and "<" means d(k) < (1 - 1e-7) d(x).  With this definition
##     binom.test's two-sided p-value is exactly P(d(K) < d(x)) + P(d(K) == d(x))
##     (its relErr = 1 + 1e-7), so mid_p = p_value - P(d(K) == d(x))/2 whenever
##     p_value < 1.  No special case for x == n*p0 (binom.test returns 1 there;
##     the mid-p value is then 1 - P(d(K) == d(x))/2).
## =============================================================================

options(warn = 1)

## ---------------------------------------------------------------- output path
args <- commandArgs(trailingOnly = FALSE)
file_arg <- sub("^--file=", "", args[grep("^--file=", args)])
script_dir <- if (length(file_arg) == 1L) dirname(normalizePath(file_arg)) else
  file.path(getwd(), "Fixtures", "reference")
out_path <- file.path(script_dir, "binomial.json")

t_start <- proc.time()[["elapsed"]]

## ---------------------------------------------------------------- helpers
ralt <- function(alt) switch(alt, "two-sided" = "two.sided", less = "less",
                             greater = "greater", stop("bad alternative"))

## Bisection on the logit scale.  pred(p) must be FALSE on [lo_p, root) and
## TRUE on (root, hi_p].  Returns c(last FALSE point, first TRUE point): the
## logit-scale bisection is followed by a polish in p itself, so at exit the
## two are adjacent doubles (or equal).
bisect_logit <- function(pred, lo_p, hi_p, maxit = 2000L) {
  lo <- max(qlogis(lo_p), -745)
  hi <- min(qlogis(hi_p), 745)
  plo <- lo_p; phi <- hi_p
  for (i in seq_len(maxit)) {
    mid <- 0.5 * (lo + hi)
    if (!(mid > lo && mid < hi)) break
    pm <- plogis(mid)
    if (pred(pm)) { hi <- mid; phi <- pm } else { lo <- mid; plo <- pm }
  }
  for (i in seq_len(200L)) {
    pm <- 0.5 * (plo + phi)
    if (!(pm > plo && pm < phi)) break
    if (pred(pm)) phi <- pm else plo <- pm
  }
  c(plo, phi)
}
## of the two end points of a final bracket, the one with the smaller |residual|
closest <- function(r, resid) if (abs(resid(r[1])) <= abs(resid(r[2]))) r[1] else r[2]

## bookkeeping of solver accuracy (relative width of final bracket)
solver_stats <- new.env()
solver_stats$midp_relwidth <- 0
solver_stats$blaker_relwidth <- 0
note_width <- function(slot, r) {
  w <- if (r[2] > 0) (r[2] - r[1]) / r[2] else 0
  w1 <- if (r[1] < 1) (r[2] - r[1]) / (1 - r[1]) else 0   # relative in 1-p
  assign(slot, max(get(slot, solver_stats), min(w, w1)), envir = solver_stats)
}

## ---------------------------------------------------------------- methods
ci_clopper_pearson <- function(x, n, conf, alt)
  as.numeric(binom.test(x, n, conf.level = conf, alternative = ralt(alt))$conf.int)

ci_wilson <- function(x, n, conf, alt)
  as.numeric(suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = conf,
                                        alternative = ralt(alt))$conf.int))

ci_wilson_cc <- function(x, n, conf, alt) {
  p_null <- if (2 * x == n) 0.25 else 0.5   # keep the Yates term at 0.5 (see header)
  stopifnot(abs(x - n * p_null) >= 0.5)
  as.numeric(suppressWarnings(prop.test(x, n, p = p_null, correct = TRUE,
                                        conf.level = conf,
                                        alternative = ralt(alt))$conf.int))
}

ci_jeffreys <- function(x, n, conf, alt) {
  a <- 1 - conf
  s1 <- x + 0.5; s2 <- n - x + 0.5
  switch(alt,
    "two-sided" = c(if (x == 0) 0 else qbeta(a / 2, s1, s2),
                    if (x == n) 1 else qbeta(1 - a / 2, s1, s2)),
    less        = c(0, if (x == n) 1 else qbeta(1 - a, s1, s2)),
    greater     = c(if (x == 0) 0 else qbeta(a, s1, s2), 1))
}

## mid-p limits: f_up(p) = P(X > x) + P(X = x)/2 is increasing in p,
##               f_lo(p) = P(X < x) + P(X = x)/2 is decreasing in p.
midp_lower <- function(x, n, target) {
  if (x == 0) return(0)
  f <- function(p) pbinom(x, n, p, lower.tail = FALSE) + 0.5 * dbinom(x, n, p)
  if (f(1) <= target) return(1)
  r <- bisect_logit(function(p) f(p) >= target, 0, 1)
  note_width("midp_relwidth", r)
  closest(r, function(p) f(p) - target)
}
midp_upper <- function(x, n, target) {
  if (x == n) return(1)
  f <- function(p) pbinom(x - 1, n, p) + 0.5 * dbinom(x, n, p)
  if (f(0) <= target) return(0)
  r <- bisect_logit(function(p) f(p) <= target, 0, 1)
  note_width("midp_relwidth", r)
  closest(r, function(p) f(p) - target)
}
ci_midp <- function(x, n, conf, alt) {
  a <- 1 - conf
  switch(alt,
    "two-sided" = c(midp_lower(x, n, a / 2), midp_upper(x, n, a / 2)),
    less        = c(0, midp_upper(x, n, a)),
    greater     = c(midp_lower(x, n, a), 1))
}

## Blaker (2000).  gamma(k) = min(P(X >= k), P(X <= k)); acceptability
## acc(p) = P_p(gamma(X) <= gamma(x)); interval = convex hull of
## {p : acc(p) > alpha}.
##
## Lower limit (x >= 1).  For p below the point c_{x-1} defined below we have
## t1 = P(X >= x) < 1/2 < P(X <= x), and
##     acc(p) = t1(p) + F(k*(p); p),  k*(p) = max{k < x : F(k; p) <= t1(p)},
## (F = binomial cdf, F(-1) = 0).  F(k; p) - t1(p) is decreasing in p, so
## k*(p) is a step function that increases by one at the jump points c_k
## (roots of F(k; p) = t1(p)), c_0 <= c_1 <= ... <= c_{x-1} <= x/n.  Between
## two jumps acc = g_k(p) = P(X >= x) + P(X <= k), whose derivative
## n[b(x-1; n-1, p) - b(k; n-1, p)] changes sign at most once (- to +): g_k is
## quasi-convex on each piece, so on a piece [s, c) where g_k(s) <= alpha the
## set {g_k > alpha} is empty if g_k(c-) <= alpha and is (r, c) with a unique
## crossing r otherwise.  acc <= 2 t1 <= alpha at and below the Clopper-Pearson
## lower limit (t1 = alpha/2 there), and at every jump point above it
## acc = 2 t1 > alpha.  Hence: start at the CP limit with k = k*(CP), find the
## next jump c; the Blaker limit is the crossing r in (CP, c) if
## g_k(c-) > alpha, else c itself.  (Scanning pieces is coded generally and
## checked by a brute-force scan of acc() below.)
blaker_lower <- function(x, n, conf) {
  if (x == 0) return(0)
  a <- 1 - conf
  t1 <- function(p) pbinom(x - 1, n, p, lower.tail = FALSE)     # P(X >= x)
  Fk <- function(k, p) if (k < 0) 0 else pbinom(k, n, p)
  start <- qbeta(a / 2, x, n - x + 1)                           # CP lower limit
  ks <- 0:(x - 1)
  ok <- pbinom(ks, n, start) <= t1(start)
  k <- if (any(ok)) max(ks[ok]) else -1L
  repeat {
    if (k >= x - 1) return(start)                 # acc == 1 on this piece
    g <- function(p) t1(p) + Fk(k, p)
    if (g(start) > a) return(start)
    ## Tangency: g(start) == alpha up to rounding and g non-decreasing at start
    ## => by quasi-convexity g > alpha immediately to the right, so the limit
    ## is start itself (bisection cannot resolve g - alpha = O(eps^2) there).
    ## Happens e.g. for x = n = 2 at conf_level 0.5 (limit exactly 0.5).
    gp <- dbinom(x - 1, n - 1, start) - (if (k >= 0) dbinom(k, n - 1, start) else 0)
    if (g(start) >= a * (1 - 1e-13) && gp >= -1e-12 * dbinom(x - 1, n - 1, start))
      return(start)
    ## next jump point c: F(k+1; p) <= t1(p) switches FALSE -> TRUE
    hi <- x / n
    stopifnot(!(Fk(k + 1, start) <= t1(start)), Fk(k + 1, hi) <= t1(hi))
    rc <- bisect_logit(function(p) Fk(k + 1, p) <= t1(p), start, hi)
    cnext <- closest(rc, function(p) Fk(k + 1, p) - t1(p))
    if (g(rc[1]) > a) {                            # crossing inside (start, c)
      r <- bisect_logit(function(p) g(p) > a, start, rc[1])
      note_width("blaker_relwidth", r)
      return(closest(r, function(p) g(p) - a))
    }
    note_width("blaker_relwidth", rc)
    start <- cnext
    k <- k + 1L
    while (k + 1L <= x - 1L && Fk(k + 1L, start) <= t1(start)) k <- k + 1L
  }
}
## Upper limit: the mirror image of blaker_lower(), coded directly in p (rather
## than as 1 - blaker_lower(n - x)) so that small upper limits (x = 0, 1 with
## large n) keep full relative precision.  Above x/n: t2 = P(X <= x) < 1/2,
## acc = t2(p) + S(j*(p); p), S(j) = P(X >= j), j* = min{j > x : S(j) <= t2};
## moving DOWN from the Clopper-Pearson upper limit, j* drops by one at each
## jump point (acc = 2 t2 > alpha there) and g_j = t2 + S(j) is quasi-convex
## between jumps.  The limit is the last crossing of alpha above the first jump
## below the CP limit, or that jump point.
blaker_upper <- function(x, n, conf) {
  if (x == n) return(1)
  a <- 1 - conf
  t2 <- function(p) pbinom(x, n, p)                                   # P(X <= x)
  Sj <- function(j, p) if (j > n) 0 else pbinom(j - 1, n, p, lower.tail = FALSE)
  start <- qbeta(1 - a / 2, x + 1, n - x)                             # CP upper limit
  js <- (x + 1):n
  ok <- pbinom(js - 1, n, start, lower.tail = FALSE) <= t2(start)
  j <- if (any(ok)) min(js[ok]) else n + 1
  repeat {
    if (j <= x + 1) return(start)                 # acc == 1 on this piece
    g <- function(p) t2(p) + Sj(j, p)
    if (g(start) > a) return(start)
    gp <- (if (j <= n) dbinom(j - 1, n - 1, start) else 0) - dbinom(x, n - 1, start)
    if (g(start) >= a * (1 - 1e-13) && gp <= 1e-12 * dbinom(x, n - 1, start))
      return(start)                               # tangency, see blaker_lower()
    lo <- x / n
    ## next jump point c below start: "S(j-1; p) <= t2(p)" holds below c only
    stopifnot(!(Sj(j - 1, start) <= t2(start)), Sj(j - 1, lo) <= t2(lo))
    rc <- bisect_logit(function(p) !(Sj(j - 1, p) <= t2(p)), lo, start)
    if (g(rc[2]) > a) {                           # crossing inside (c, start)
      r <- bisect_logit(function(p) !(g(p) > a), rc[2], start)
      note_width("blaker_relwidth", r)
      return(closest(r, function(p) g(p) - a))
    }
    note_width("blaker_relwidth", rc)
    start <- closest(rc, function(p) Sj(j - 1, p) - t2(p))
    j <- j - 1
    while (j - 1 >= x + 1 && Sj(j - 1, start) <= t2(start)) j <- j - 1
  }
}
ci_blaker <- function(x, n, conf, alt) {
  stopifnot(alt == "two-sided")
  c(blaker_lower(x, n, conf), blaker_upper(x, n, conf))
}

## acceptability straight from the definition (for checks only)
## (outcomes further than 40 sd + 40 from n*p carry probability < 1e-150 and
##  are skipped; x itself is always kept)
blaker_acc_def <- function(x, n, p) {
  m <- n * p; s <- sqrt(n * p * (1 - p))
  lo <- max(0, min(x, floor(m - 40 * s - 40)))
  hi <- min(n, max(x, ceiling(m + 40 * s + 40)))
  k <- lo:hi
  d <- dbinom(k, n, p)
  gam <- pmin(pbinom(k, n, p), pbinom(k - 1, n, p, lower.tail = FALSE))
  min(1, sum(d[gam <= gam[x - lo + 1] * (1 + 1e-12)]))
}

ci_agresti_coull <- function(x, n, conf, alt) {
  z <- qnorm(if (alt == "two-sided") (1 + conf) / 2 else conf)
  nt <- n + z^2
  pt <- (x + z^2 / 2) / nt
  hw <- z * sqrt(pt * (1 - pt) / nt)
  lo <- max(0, pt - hw); up <- min(1, pt + hw)
  switch(alt, "two-sided" = c(lo, up), less = c(0, up), greater = c(lo, 1))
}

ci_wald <- function(x, n, conf, alt) {
  z <- qnorm(if (alt == "two-sided") (1 + conf) / 2 else conf)
  p <- x / n
  hw <- z * sqrt(p * (1 - p) / n)
  lo <- max(0, p - hw); up <- min(1, p + hw)
  switch(alt, "two-sided" = c(lo, up), less = c(0, up), greater = c(lo, 1))
}

methods <- list(
  "clopper-pearson" = ci_clopper_pearson,
  "wilson"          = ci_wilson,
  "wilson-cc"       = ci_wilson_cc,
  "jeffreys"        = ci_jeffreys,
  "mid-p"           = ci_midp,
  "blaker"          = ci_blaker,
  "agresti-coull"   = ci_agresti_coull,
  "wald"            = ci_wald)
two_sided_only <- c("blaker")

## ---------------------------------------------------------------- grid
xn <- list(
  list(n = 1,    x = c(0, 1)),
  list(n = 2,    x = c(0, 1, 2)),
  list(n = 5,    x = 0:5),                                 # incl. CASTLE IIM 4/5
  list(n = 9,    x = 9),                                   # CASTLE SSc 9/9
  list(n = 10,   x = c(0, 1, 2, 3, 5, 9, 10)),             # 3/10 BlakerCI ex.; 9/10 CASTLE SLE
  list(n = 20,   x = 0),                                   # Newcombe (1998) example
  list(n = 24,   x = c(0, 1, 7, 12, 22, 23, 24)),          # 22/24 CASTLE all
  list(n = 25,   x = 5),                                   # Conover example
  list(n = 29,   x = 1),                                   # Newcombe (1998) example
  list(n = 50,   x = c(0, 1, 10, 25, 49, 50)),
  list(n = 99,   x = 29),                                  # BlakerCI example
  list(n = 100,  x = c(0, 1, 5, 37, 50, 99, 100)),
  list(n = 148,  x = 15),                                  # Newcombe (1998) example
  list(n = 263,  x = 81),                                  # Newcombe (1998) example
  list(n = 355,  x = 59),                                  # BlakerCI example
  list(n = 1000, x = c(0, 1, 10, 500, 999, 1000)),
  list(n = 1e5,  x = c(0, 1, 10, 50000, 99999, 1e5)))
levels <- c(0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999)
alternatives <- c("two-sided", "less", "greater")

pairs <- do.call(rbind, lapply(xn, function(g) data.frame(x = g$x, n = g$n)))

## ---------------------------------------------------------------- intervals
cat("Computing intervals for", nrow(pairs), "(x, n) pairs ...\n")
rows <- vector("list", 0)
for (i in seq_len(nrow(pairs))) {
  x <- pairs$x[i]; n <- pairs$n[i]
  for (conf in levels) for (alt in alternatives) for (m in names(methods)) {
    if (m %in% two_sided_only && alt != "two-sided") next
    ci <- methods[[m]](x, n, conf, alt)
    rows[[length(rows) + 1L]] <- list(x = x, n = n, conf_level = conf,
                                      alternative = alt, method = m,
                                      lower = ci[1], upper = ci[2])
  }
}
iv <- data.frame(x = sapply(rows, `[[`, "x"), n = sapply(rows, `[[`, "n"),
                 conf_level = sapply(rows, `[[`, "conf_level"),
                 alternative = sapply(rows, `[[`, "alternative"),
                 method = sapply(rows, `[[`, "method"),
                 lower = sapply(rows, `[[`, "lower"),
                 upper = sapply(rows, `[[`, "upper"),
                 stringsAsFactors = FALSE)
cat("  ", nrow(iv), "interval records;",
    round(proc.time()[["elapsed"]] - t_start, 1), "s\n")

## ---------------------------------------------------------------- tests
two_sided_midp <- function(x, n, p0) {
  k <- 0:n
  dk <- dbinom(k, n, p0)
  dx <- dk[x + 1]
  lo_thr <- dx * (1 - 1e-7); hi_thr <- dx * (1 + 1e-7)
  tie <- dk >= lo_thr & dk <= hi_thr
  less <- dk < lo_thr
  mode <- which.max(dk) - 1
  left <- k <= mode & less; right <- k >= mode & less
  a_ <- if (any(left)) max(k[left]) else -1
  b_ <- if (any(right)) min(k[right]) else n + 1
  stopifnot(all(left == (k <= a_)), all(right == (k >= b_)))   # two tails
  PL <- (if (a_ >= 0) pbinom(a_, n, p0) else 0) +
        (if (b_ <= n) pbinom(b_ - 1, n, p0, lower.tail = FALSE) else 0)
  PT <- sum(dk[tie])
  c(mid = min(1, PL + 0.5 * PT), full = min(1, PL + PT), tie = PT)
}

p0s <- c(0.5, 0.3, 0.05, 0.9, 0.25, 0.01)
## small n: the x values of the interval grid; n = 1000 and 1e5: x = 0, 1, n-1,
## n and n*p0 + c*sd, c = -3, -1, 0, 1, 3 (so that most p-values are not
## astronomically small).  Records whose p-value or mid-p value is below 1e-300
## (underflow region: R returns 0 or denormal noise) are left out.
test_grid <- do.call(rbind, c(
  lapply(Filter(function(g) g$n %in% c(1, 2, 5, 10, 24, 50, 100), xn), function(g)
    expand.grid(x = g$x, n = g$n, p0 = p0s)),
  lapply(c(1000, 1e5), function(n) do.call(rbind, lapply(p0s, function(p0) {
    sd <- sqrt(n * p0 * (1 - p0))
    xs <- sort(unique(pmin(n, pmax(0, c(0, 1, n - 1, n, round(n * p0 + c(-3, -1, 0, 1, 3) * sd))))))
    data.frame(x = xs, n = n, p0 = p0)
  })))))
trows <- list()
test_full_dev <- 0
n_dropped <- 0
for (i in seq_len(nrow(test_grid))) {
  x <- test_grid$x[i]; n <- test_grid$n[i]; p0 <- test_grid$p0[i]
  for (alt in alternatives) {
    pv <- binom.test(x, n, p = p0, alternative = ralt(alt))$p.value
    d <- dbinom(x, n, p0)
    mid <- switch(alt,
      greater = pbinom(x, n, p0, lower.tail = FALSE) + 0.5 * d,
      less    = pbinom(x - 1, n, p0) + 0.5 * d,
      "two-sided" = {
        r <- two_sided_midp(x, n, p0)
        dev <- abs(r[["full"]] - pv)
        if (dev > 1e-300) dev <- dev / max(pv, r[["full"]])
        test_full_dev <- max(test_full_dev, dev)
        r[["mid"]]
      })
    if (pv < 1e-300 || mid < 1e-300) { n_dropped <- n_dropped + 1; next }
    trows[[length(trows) + 1L]] <- data.frame(x = x, n = n, p0 = p0,
      alternative = alt, p_value = pv, mid_p_value = mid,
      stringsAsFactors = FALSE)
  }
}
tv <- do.call(rbind, trows)
cat("  ", nrow(tv), "test records (", n_dropped, "underflowing records left out );",
    round(proc.time()[["elapsed"]] - t_start, 1), "s\n")

## ---------------------------------------------------------------- published
published <- list(
  list(source = paste("Conover WJ (1999) Practical Nonparametric Statistics, 3rd ed.,",
                      "binomial confidence-limit tables, as quoted in the worked example",
                      "'5 of 25 seedlings survived' at",
                      "http://influentialpoints.com/Training/confidence_intervals_of_proportions.htm"),
       x = 5, n = 25, conf_level = 0.95, alternative = "two-sided",
       method = "clopper-pearson", printed_lower = 0.068, printed_upper = 0.407,
       decimals = 3),
  list(source = paste("R package BlakerCI 1.0-6 (J. Klaschka), help page",
                      "binom.blaker.limits, Examples: 'binom.blaker.limits(3,10)",
                      "# [1] 0.08726443 0.61941066'"),
       x = 3, n = 10, conf_level = 0.95, alternative = "two-sided",
       method = "blaker", printed_lower = 0.08726443, printed_upper = 0.61941066,
       decimals = 8),
  list(source = paste("R package BlakerCI 1.0-6 (J. Klaschka), help page",
                      "binom.blaker.limits, Examples: 'binom.blaker.limits(29,99)",
                      "## [1] 0.2097022 0.3929079' (also exactci::exactbinomCI with tol=1e-8)"),
       x = 29, n = 99, conf_level = 0.95, alternative = "two-sided",
       method = "blaker", printed_lower = 0.2097022, printed_upper = 0.3929079,
       decimals = 7),
  list(source = paste("R package BlakerCI 1.0-6 (J. Klaschka), help page",
                      "binom.blaker.limits, Examples: 'binom.blaker.limits(59,355)",
                      "## [1] 0.1300807 0.2090809'"),
       x = 59, n = 355, conf_level = 0.95, alternative = "two-sided",
       method = "blaker", printed_lower = 0.1300807, printed_upper = 0.2090809,
       decimals = 7))
pub_ok <- TRUE
for (j in seq_along(published)) {
  p <- published[[j]]
  ci <- methods[[p$method]](p$x, p$n, p$conf_level, p$alternative)
  published[[j]]$computed_lower <- ci[1]
  published[[j]]$computed_upper <- ci[2]
  tol <- 0.5 * 10^(-p$decimals) * (1 + 1e-9)
  published[[j]]$agrees <- abs(ci[1] - p$printed_lower) <= tol &&
                           abs(ci[2] - p$printed_upper) <= tol
  if (!published[[j]]$agrees) pub_ok <- FALSE
}

## ---------------------------------------------------------------- checks
cat("\n===== self-checks =====\n")
hard_fail <- character(0)
check <- function(name, ok, detail = "") {
  cat(sprintf("  [%s] %s %s\n", if (ok) "ok" else "FAIL", name, detail))
  if (!ok) hard_fail <<- c(hard_fail, name)
}
info <- function(name, detail) cat(sprintf("  [info] %s %s\n", name, detail))

check("all limits finite", all(is.finite(iv$lower) & is.finite(iv$upper)))
check("0 <= lower <= upper <= 1",
      all(iv$lower >= 0 & iv$lower <= iv$upper & iv$upper <= 1))

## contains x/n
phat <- iv$x / iv$n
cont <- iv$lower <= phat & phat <= iv$upper
exc <- iv[!cont, ]
expected_exc <- with(exc, conf_level == 0.5 & alternative != "two-sided" &
                          method %in% c("jeffreys", "mid-p"))
check("every interval contains x/n (except the expected cases)",
      all(expected_exc),
      sprintf("(%d records exclude x/n, all one-sided at level 0.5 for jeffreys/mid-p, whose single bound is a median-type estimate)",
              nrow(exc)))

## Blaker inside Clopper-Pearson
key <- function(d) paste(d$x, d$n, d$conf_level, d$alternative)
bl <- iv[iv$method == "blaker", ]; cp <- iv[iv$method == "clopper-pearson", ]
cpm <- cp[match(key(bl), key(cp)), ]
check("blaker within clopper-pearson (whole grid)",
      all(bl$lower >= cpm$lower & bl$upper <= cpm$upper),
      sprintf("(%d intervals; %d strictly shorter)", nrow(bl),
              sum(bl$upper - bl$lower < cpm$upper - cpm$lower)))

## nesting in the confidence level
nest_ok <- TRUE; nest_worst <- 0
grp <- split(iv, paste(iv$method, iv$x, iv$n, iv$alternative))
for (g in grp) {
  g <- g[order(g$conf_level), ]
  dl <- diff(g$lower); du <- diff(g$upper)
  if (any(dl > 0) || any(du < 0)) {
    nest_ok <- FALSE
    nest_worst <- max(nest_worst, dl, -du)
  }
}
check("intervals widen with the confidence level (all methods, all alternatives)",
      nest_ok, if (!nest_ok) sprintf("worst violation %.3g", nest_worst) else "")

## symmetry L(x, n) = 1 - U(n - x, n), two-sided, wherever n - x is in the grid
ts <- iv[iv$alternative == "two-sided", ]
mir <- ts; mir$x <- mir$n - mir$x
idx <- match(paste(ts$method, key(ts)), paste(mir$method, key(mir)))
has <- !is.na(idx)
sym_dev <- tapply(abs(ts$lower[has] - (1 - ts$upper[idx[has]])), ts$method[has], max)
check("two-sided symmetry lower(x) = 1 - upper(n-x)", all(sym_dev < 1e-14),
      paste0("(max abs deviation by method: ",
             paste(sprintf("%s %.1e", names(sym_dev), sym_dev), collapse = ", "), ")"))

## one-sided at level c == two-sided at level 2c - 1 (for the quantile methods)
os_ok <- TRUE; os_dev <- 0
for (m in c("clopper-pearson", "jeffreys", "mid-p", "wilson", "wilson-cc",
            "agresti-coull", "wald")) for (pr in list(c(0.9, 0.8), c(0.95, 0.9))) {
  a <- iv[iv$method == m & iv$conf_level == pr[1], ]
  b <- iv[iv$method == m & iv$conf_level == pr[2] & iv$alternative == "two-sided", ]
  les <- a[a$alternative == "less", ]; gre <- a[a$alternative == "greater", ]
  bl_ <- b[match(paste(les$x, les$n), paste(b$x, b$n)), ]
  bg_ <- b[match(paste(gre$x, gre$n), paste(b$x, b$n)), ]
  dv <- max(abs(les$upper - bl_$upper), abs(gre$lower - bg_$lower))
  os_dev <- max(os_dev, dv)
  if (dv > 1e-13) os_ok <- FALSE
}
check("one-sided bound at level c equals two-sided bound at level 2c-1", os_ok,
      sprintf("(max abs deviation %.1e)", os_dev))

## Clopper-Pearson == qbeta formula
cpf <- with(cp, mapply(function(x, n, conf, alt) {
  a <- 1 - conf; h <- if (alt == "two-sided") a / 2 else a
  c(if (x == 0 || alt == "less") 0 else qbeta(h, x, n - x + 1),
    if (x == n || alt == "greater") 1 else qbeta(1 - h, x + 1, n - x))
}, x, n, conf_level, alternative))
check("clopper-pearson equals the qbeta formula",
      max(abs(cpf[1, ] - cp$lower), abs(cpf[2, ] - cp$upper)) == 0)

## Wilson / Wilson-cc against closed forms (Newcombe 1998 methods 3 and 4)
wf <- function(x, n, conf, alt, cc) {
  z <- qnorm(if (alt == "two-sided") (1 + conf) / 2 else conf); p <- x / n
  if (!cc) {
    ctr <- (2 * n * p + z^2); rad <- z * sqrt(z^2 + 4 * n * p * (1 - p)); den <- 2 * (n + z^2)
    lo <- (ctr - rad) / den; up <- (ctr + rad) / den
  } else {
    lo <- if (x == 0) 0 else (2 * n * p + z^2 - 1 - z * sqrt(z^2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1))) / (2 * (n + z^2))
    up <- if (x == n) 1 else (2 * n * p + z^2 + 1 + z * sqrt(z^2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1))) / (2 * (n + z^2))
  }
  switch(alt, "two-sided" = c(max(0, lo), min(1, up)), less = c(0, min(1, up)),
         greater = c(max(0, lo), 1))
}
for (cc in c(FALSE, TRUE)) {
  m <- if (cc) "wilson-cc" else "wilson"
  w <- iv[iv$method == m, ]
  f <- with(w, mapply(wf, x, n, conf_level, alternative, MoreArgs = list(cc = cc)))
  dv <- max(abs(f[1, ] - w$lower), abs(f[2, ] - w$upper))
  check(sprintf("%s equals Newcombe's closed form", m), dv < 1e-12,
        sprintf("(max abs deviation %.1e)", dv))
}
## document R's prop.test quirk at x = n/2
q <- suppressWarnings(prop.test(5, 10, correct = TRUE)$conf.int)
w0 <- suppressWarnings(prop.test(5, 10, correct = FALSE)$conf.int)
info("R quirk", sprintf("prop.test(5, 10, correct=TRUE) = [%.6f, %.6f] = uncorrected Wilson [%.6f, %.6f]; the JSON uses the corrected %s",
                        q[1], q[2], w0[1], w0[2],
                        paste(sprintf("%.6f", ci_wilson_cc(5, 10, 0.95, "two-sided")), collapse = ", ")))

## mid-p: error of each limit estimated from the residual and the analytic
## derivative, |f(p) - target| / |f'(p)|, relative to p.  (f'(p) of the lower
## equation = n/2 [b(x-1; n-1, p) + b(x; n-1, p)], of the upper = minus that.)
## Limits near 1 are stored as doubles near 1, so 1 - p itself is only known to
## ~1e-16 absolute; the relative error in p is what the JSON can promise.
mp <- iv[iv$method == "mid-p", ]
mp_err <- 0; mp_res <- 0
midp_err <- function(x, n, p, tgt, side) {
  f <- if (side == "lower") pbinom(x, n, p, lower.tail = FALSE) + 0.5 * dbinom(x, n, p) else
                            pbinom(x - 1, n, p) + 0.5 * dbinom(x, n, p)
  fp <- 0.5 * n * (dbinom(x - 1, n - 1, p) + dbinom(x, n - 1, p))
  c(err = abs(f - tgt) / fp / p, res = abs(f - tgt) / tgt)
}
for (i in seq_len(nrow(mp))) {
  x <- mp$x[i]; n <- mp$n[i]; a <- 1 - mp$conf_level[i]
  tgt <- if (mp$alternative[i] == "two-sided") a / 2 else a
  if (mp$alternative[i] != "less" && x > 0 && mp$lower[i] < 1) {
    e <- midp_err(x, n, mp$lower[i], tgt, "lower")
    mp_err <- max(mp_err, e[["err"]]); mp_res <- max(mp_res, e[["res"]])
  }
  if (mp$alternative[i] != "greater" && x < n && mp$upper[i] > 0) {
    e <- midp_err(x, n, mp$upper[i], tgt, "upper")
    mp_err <- max(mp_err, e[["err"]]); mp_res <- max(mp_res, e[["res"]])
  }
}
check("mid-p limits solve their equations", mp_err < 1e-13,
      sprintf("(max estimated relative error in p %.1e; max relative residual %.1e, large only for limits within ~1e-8 of 1 where p has few significant digits in 1-p; max relative final bracket width %.1e)",
              mp_err, mp_res, solver_stats$midp_relwidth))
check("blaker solver converged", solver_stats$blaker_relwidth < 1e-13,
      sprintf("(max relative final bracket width %.1e)", solver_stats$blaker_relwidth))

## Blaker: for each lower limit L (and, via acc(x, n, p) = acc(n-x, n, 1-p),
## for each upper limit as the lower limit of n - x) check that acc() computed
## from its definition is > alpha just above L and <= alpha just below, and
## scan acc() on a grid between the Clopper-Pearson limit and L: no point
## below L may be acceptable (this is what catches a skipped "island").
bk_ok <- TRUE; scan_ok <- TRUE; nscan <- 0; bk_bad <- character(0); n_tangent <- 0
for (i in seq_len(nrow(bl))) {
  n <- bl$n[i]; conf <- bl$conf_level[i]; a <- 1 - conf
  for (side in c("lower", "upper")) {
    x <- if (side == "lower") bl$x[i] else n - bl$x[i]
    if (x == 0) next
    ## an upper limit U of x is checked as the lower limit 1 - U of n - x;
    ## the probe offset respects the resolution of the stored double
    stored <- if (side == "lower") bl$lower[i] else bl$upper[i]
    L <- if (side == "lower") stored else 1 - stored
    ulp <- 2^(floor(log2(stored)) - 52)
    del <- max(1e-9 * L, 8 * ulp)
    acc_in <- blaker_acc_def(x, n, L + del)
    inside_ok <- acc_in > a
    if (!inside_ok && acc_in >= a * (1 - 1e-13) &&
        blaker_acc_def(x, n, L * (1 + 1e-6)) > a) {   # tangency (acc - alpha ~ eps^2)
      inside_ok <- TRUE; n_tangent <- n_tangent + 1
    }
    if (!(inside_ok && blaker_acc_def(x, n, L - del) <= a)) {
      bk_ok <- FALSE; bk_bad <- c(bk_bad, sprintf("%s %g/%g %g", side, bl$x[i], n, conf))
    }
    {
      cpl <- qbeta(a / 2, x, n - x + 1)
      npt <- if (n <= 1000) 1500 else 500
      grid <- unique(c(seq(cpl, L, length.out = npt),
                       exp(seq(log(cpl), log(L), length.out = npt / 5))))
      grid <- grid[grid < L - max(1e-12 * L, 8 * ulp)]
      accv <- vapply(grid, function(p) blaker_acc_def(x, n, p), 0)
      if (any(accv > a)) {
        scan_ok <- FALSE; bk_bad <- c(bk_bad, sprintf("scan %s %g/%g %g", side, bl$x[i], n, conf))
      }
      nscan <- nscan + 1
    }
  }
}
check("blaker acceptability: > alpha just inside, <= alpha just outside each limit", bk_ok,
      paste(c(sprintf("(%d tangency limits, where acc touches alpha at the Clopper-Pearson limit)", n_tangent),
              bk_bad), collapse = "; "))
check("blaker brute-force scan of the acceptability function between the CP limit and each Blaker limit", scan_ok,
      sprintf("(%d limits scanned, 1800 points each, 600 for n = 1e5)", nscan))

## tests
check("p-values and mid-p values in [0, 1]",
      all(tv$p_value >= 0 & tv$p_value <= 1 & tv$mid_p_value >= 0 & tv$mid_p_value <= 1))
check("mid-p value <= p-value", all(tv$mid_p_value <= tv$p_value * (1 + 1e-14)))
check("binom.test two-sided p = P(d(K) < d(x)) + P(d(K) == d(x)) (tie rule reproduced)",
      test_full_dev < 1e-12, sprintf("(max relative deviation %.1e)", test_full_dev))
h <- tv[tv$p0 == 0.5 & 2 * tv$x != tv$n, ]
t2 <- h[h$alternative == "two-sided", ]
ol <- h[h$alternative == "less", ]; og <- h[h$alternative == "greater", ]
ol <- ol[match(paste(t2$x, t2$n), paste(ol$x, ol$n)), ]
og <- og[match(paste(t2$x, t2$n), paste(og$x, og$n)), ]
dv <- max(abs(t2$mid_p_value - pmin(1, 2 * pmin(ol$mid_p_value, og$mid_p_value))))
check("p0 = 0.5: two-sided mid-p = 2 * smaller one-sided mid-p", dv < 1e-14,
      sprintf("(max abs deviation %.1e)", dv))
check("published values reproduced (to the printed precision)", pub_ok,
      paste(vapply(published, function(p) sprintf("%s %g/%g: %s", p$method, p$x, p$n,
                                                   if (p$agrees) "ok" else "DIFF"), ""),
            collapse = "; "))

## ---------------------------------------------------------------- JSON output
num <- function(v) vapply(v, function(z) {
  if (!is.finite(z)) stop("non-finite number")
  if (z == 0) return("0")
  for (d in 15:17) { s <- sprintf(paste0("%.", d, "g"), z); if (as.numeric(s) == z) return(s) }
  s
}, "")
int <- function(v) sprintf("%.0f", v)
str <- function(s) paste0("\"", gsub("\"", "\\\\\"", gsub("\\\\", "\\\\\\\\", s)), "\"")

notes <- list(
  general = paste("alpha = 1 - conf_level (IEEE double). 'less' = interval [0, upper] at level conf_level",
                  "(R alternative = 'less'); 'greater' = [lower, 1]. Numbers are the shortest decimal",
                  "that reads back as the identical double (R output). One-sided at conf_level 0.5, z = qnorm(0.5) = 0,",
                  "so wilson, agresti-coull and wald collapse to the point x/n (wilson-cc to x/n -/+ 0.5/n)."),
  `clopper-pearson` = paste("R binom.test(x, n, conf.level, alternative)$conf.int: lower = qbeta(h, x, n-x+1),",
                            "upper = qbeta(1-h, x+1, n-x), h = alpha/2 (two-sided) or alpha (one-sided);",
                            "lower = 0 if x = 0, upper = 1 if x = n."),
  wilson = "R prop.test(x, n, correct = FALSE, conf.level, alternative)$conf.int (score interval; z = qnorm((1+conf)/2), one-sided qnorm(conf)).",
  `wilson-cc` = paste("Wilson score interval with continuity correction 1/(2n) always applied (Newcombe 1998 method 4),",
                      "= R prop.test(x, n, p = p_null, correct = TRUE)$conf.int with p_null = 0.5, or 0.25 when x = n/2.",
                      "CAUTION: R's default prop.test(x, n, correct = TRUE) shrinks the correction to |x - n*0.5| and",
                      "therefore returns the UNcorrected Wilson interval when x = n/2. Limits: lower = 0 if x = 0",
                      "(corrected centre <= 0), upper = 1 if x = n."),
  jeffreys = paste("Equal-tailed Beta(x+0.5, n-x+0.5) quantiles at alpha/2 and 1-alpha/2 with the Brown, Cai & DasGupta",
                   "(2001) boundary rule: lower = 0 if x = 0, upper = 1 if x = n (the other limit is unchanged).",
                   "One-sided: less -> upper = qbeta(1-alpha, ...) (1 if x = n); greater -> lower = qbeta(alpha, ...) (0 if x = 0)."),
  `mid-p` = paste("Exact mid-p interval: lower solves P(X > x) + 0.5 P(X = x) = alpha/2, upper solves",
                  "P(X < x) + 0.5 P(X = x) = alpha/2 (alpha instead of alpha/2 for the one-sided bound);",
                  "lower = 0 if x = 0, upper = 1 if x = n. If an equation has no root in (0,1) the end point is",
                  "used: one-sided at conf_level 0.5 this gives lower = 1 for x = n ('greater') and upper = 0 for",
                  "x = 0 ('less'). Solved by bisection on logit(p) to adjacent doubles (relative accuracy about 1e-15)."),
  blaker = paste("Blaker (2000) acceptability interval, two-sided only: convex hull of {p : acc(p) > alpha},",
                 "acc(p) = P_p(gamma(X) <= gamma(x)), gamma(k) = min(P(X >= k), P(X <= k)). lower = 0 if x = 0,",
                 "upper = 1 if x = n; upper(x, n) = 1 - lower(n - x, n) (both computed directly). Computed exactly (no step-size tolerance):",
                 "the lower limit is either the first jump point of acc above the Clopper-Pearson limit or the",
                 "unique crossing of acc = alpha before it (acc is quasi-convex between jumps); every limit is",
                 "verified against acc() evaluated from its definition. Agrees with BlakerCI 1.0-6",
                 "binom.blaker.limits(tol = 1e-15) to the latter's absolute tolerance, except 6 limits at n = 1e5",
                 "(x = 0, 1, 99999, 1e5) where BlakerCI under R 4.2.2 returns the Clopper-Pearson limit because",
                 "qbinom(5e-05, 1e5, 0.99988) returns 1e5; the values here were confirmed from the definition.",
                 "At x = n = 2 (and x = 0, n = 2), conf_level 0.5, acc touches alpha at the CP limit (tangency)",
                 "and the Blaker limit equals the CP limit 0.5. Contained in Clopper-Pearson and nested in the",
                 "level on the whole grid. Included for all n of the grid, including n = 1e5."),
  `agresti-coull` = paste("z = qnorm((1+conf)/2) (one-sided qnorm(conf)); nt = n + z^2; pt = (x + z^2/2)/nt;",
                          "pt -/+ z*sqrt(pt*(1-pt)/nt), truncated to [0, 1]."),
  wald = "p = x/n; p -/+ z*sqrt(p*(1-p)/n), truncated to [0, 1]; zero width at x = 0 and x = n. z as for agresti-coull.",
  tests = paste("p_value = R binom.test(x, n, p = p0, alternative)$p.value. Two-sided binom.test: sum of dbinom(k)",
                "over k with dbinom(k) <= dbinom(x) * (1 + 1e-7), and exactly 1 when x == n*p0 (floating point),",
                "capped at 1. Grid: x values of the interval grid for n <= 100; for n = 1000 and 1e5, x = 0, 1, n-1, n and",
                "round(n*p0 + c*sqrt(n*p0*(1-p0))), c = -3, -1, 0, 1, 3. Records with p_value or mid_p_value < 1e-300",
                "(underflow: R returns 0 or denormal noise) are omitted."),
  mid_p_value = paste("greater: P(X > x) + 0.5 P(X = x); less: P(X < x) + 0.5 P(X = x); two-sided:",
                      "P(d(K) < d(x)) + 0.5 P(d(K) == d(x)), d(k) = dbinom(k, n, p0), where d(K) == d(x) means",
                      "|d(K) - d(x)| <= 1e-7 d(x) and d(K) < d(x) means d(K) < (1 - 1e-7) d(x); capped at 1.",
                      "Then p_value = P(d(K) < d(x)) + P(d(K) == d(x)) exactly as binom.test, i.e.",
                      "mid_p = p_value - 0.5 P(tie set) when p_value < 1. No special case for x == n*p0 (there",
                      "mid_p = 1 - 0.5 P(tie set)). Tail sums via pbinom, not summed dbinom."),
  expected_exclusions = paste("All intervals contain x/n except one-sided intervals at conf_level 0.5 for jeffreys and",
                              "mid-p (their single bound is a median-type estimate and can fall on the other side of x/n)."),
  published = paste("Only values printed in a citable source are listed; 'computed_*' are this script's values and",
                    "'agrees' compares them at the printed precision. Newcombe (1998) Table values and CASTLE",
                    "publication CIs were not available to transcribe reliably; the same (x, n) are in the grid."))

jsonlite_available <- requireNamespace("jsonlite", quietly = TRUE)
## The hand-written writer below is used in all cases so that the number format
## (shortest round-trip decimal) and the layout (one record per line) are the
## same whether or not jsonlite is installed.
con <- file(out_path, open = "w")
w <- function(...) cat(..., file = con, sep = "")
w("{\n")
w("\"generated_by\": ", str(R.version.string), ",\n")
w("\"script\": \"Fixtures/reference/binomial.R\",\n")
w("\"notes\": {\n")
w(paste0("  ", str(names(notes)), ": ", vapply(notes, str, ""), collapse = ",\n"), "\n},\n")
w("\"intervals\": [\n")
lines <- sprintf("{\"x\":%s,\"n\":%s,\"conf_level\":%s,\"alternative\":%s,\"method\":%s,\"lower\":%s,\"upper\":%s}",
                 int(iv$x), int(iv$n), num(iv$conf_level), vapply(iv$alternative, str, ""),
                 vapply(iv$method, str, ""), num(iv$lower), num(iv$upper))
w(paste(lines, collapse = ",\n"), "\n],\n")
w("\"tests\": [\n")
lines <- sprintf("{\"x\":%s,\"n\":%s,\"p0\":%s,\"alternative\":%s,\"p_value\":%s,\"mid_p_value\":%s}",
                 int(tv$x), int(tv$n), num(tv$p0), vapply(tv$alternative, str, ""),
                 num(tv$p_value), num(tv$mid_p_value))
w(paste(lines, collapse = ",\n"), "\n],\n")
w("\"published\": [\n")
lines <- vapply(published, function(p) sprintf(
  "{\"x\":%s,\"n\":%s,\"conf_level\":%s,\"alternative\":%s,\"method\":%s,\"printed_lower\":%s,\"printed_upper\":%s,\"decimals\":%d,\"computed_lower\":%s,\"computed_upper\":%s,\"agrees\":%s,\"source\":%s}",
  int(p$x), int(p$n), num(p$conf_level), str(p$alternative), str(p$method),
  num(p$printed_lower), num(p$printed_upper), as.integer(p$decimals),
  num(p$computed_lower), num(p$computed_upper), if (p$agrees) "true" else "false",
  str(p$source)), "")
w(paste(lines, collapse = ",\n"), "\n]\n")
w("}\n")
close(con)

cat(sprintf("\nWrote %s (%d intervals, %d tests, %d published; %.0f kB; jsonlite %s)\n",
            out_path, nrow(iv), nrow(tv), length(published), file.size(out_path) / 1024,
            if (jsonlite_available) "available (not needed)" else "not installed"))
cat(sprintf("Elapsed %.1f s\n", proc.time()[["elapsed"]] - t_start))
if (length(hard_fail)) stop("self-checks failed: ", paste(hard_fail, collapse = "; "))
cat("All self-checks passed.\n")
