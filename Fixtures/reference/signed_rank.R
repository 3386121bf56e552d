# Reference values for TrialStats' Wilcoxon signed-rank test on paired data, from R.
#
# Reads the shared cases in signed_rank_cases.json (beside this script) and writes
# signed_rank_r.json beside it. For every case and null value mu it records:
#   * stats::wilcox.test(d, mu = mu, exact = TRUE / FALSE / NULL (default), correct = TRUE /
#     FALSE, alternative = "two.sided" / "less" / "greater", conf.int = TRUE): V, p-value, the
#     "method" string, the Hodges-Lehmann-type estimate and its confidence interval (achieved
#     conf.level), and every warning text; errors are recorded instead of values. Where R
#     uses the normal approximation for the interval (found by uniroot(), tol.root = 1e-4),
#     the estimate and interval are also given with tol.root = 1e-12 ("*_tight").
#     wilcox.test(d, ...) is exactly what wilcox.test(after, before, paired = TRUE, ...) runs
#     after its first line x <- x - y, so it is the paired test on d = after - before.
#   * the same paired test on the raw (unrounded) vectors, wilcox.test(after, before,
#     paired = TRUE) with defaults, to show where floating-point differences break ties.
#   * coin::wilcoxsign_test(d ~ 0, zero.method = "Wilcoxon" / "Pratt", distribution = "exact"
#     / "asymptotic", alternative = ...): p-value, mid-p-value (exact), linear statistic
#     (sum of ranks of the positive d = after - before), its conditional expectation and
#     variance, and the standardized statistic (linear - expectation) / sqrt(variance).
#     coin's formula y1 ~ y2 means y1 - y2, so wilcoxsign_test(after ~ before) is the same
#     orientation; here y1 = d and y2 = 0 so that coin sees the rounded differences.
#   * the exact sign test binom.test(#(d > 0), #(d != 0), 0.5, alternative = ...).
#   * the Hodges-Lehmann estimator computed directly: median of the Walsh averages
#     (d_i + d_j) / 2, i <= j, of the nonzero d and of all d.
#
# Differences: d = round(after - before, 10) (and d - mu is checked to be exact), so that
# differences equal "as typed" (e.g. 0.3 - 0.1 and 0.2) are exactly tied: ties on the
# decimal values as typed. R itself (and scipy) would rank the raw floating-point x - y.
#
# Regenerate, from /work/main:   Rscript Fixtures/reference/signed_rank.R
# Needs: R (written with R 4.2.2 Patched, Debian r-base-core) and the coin package (written
# with coin 1.4-2 / libcoin 1.0-9; Debian r-cran-coin). No JSON package is needed: the JSON
# is read and written by the small functions below. Versions are recorded in the JSON as
# "generated_by". Numbers are written with sprintf("%.17g") (round-trip exact); NaN and NA
# are written as null (the record's "nan_fields" lists which were NaN); +-Inf as the strings
# "Inf" / "-Inf".

suppressPackageStartupMessages(library(coin))

script_dir <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
cases_path <- file.path(script_dir, "signed_rank_cases.json")
out_path <- file.path(script_dir, "signed_rank_r.json")

# ---------------------------------------------------------------- minimal JSON reader
json_parse <- function(txt) {
  chars <- strsplit(txt, "")[[1]]
  n <- length(chars)
  i <- 1L
  ws <- function() while (i <= n && chars[i] %in% c(" ", "\n", "\r", "\t")) i <<- i + 1L
  expect <- function(ch) {
    if (i > n || chars[i] != ch) stop(sprintf("JSON: expected '%s' at %d", ch, i))
    i <<- i + 1L
  }
  str <- function() {
    expect("\"")
    buf <- character(0)
    while (chars[i] != "\"") {
      if (chars[i] == "\\") {
        e <- chars[i + 1L]
        if (e == "u") {
          buf <- c(buf, intToUtf8(strtoi(paste(chars[(i + 2L):(i + 5L)], collapse = ""), 16L)))
          i <<- i + 6L
          next
        }
        buf <- c(buf, switch(e, n = "\n", t = "\t", r = "\r", b = "\b", f = "\f", e))
        i <<- i + 2L
      } else {
        buf <- c(buf, chars[i])
        i <<- i + 1L
      }
    }
    i <<- i + 1L
    paste(buf, collapse = "")
  }
  value <- function() {
    ws()
    ch <- chars[i]
    if (ch == "{") {
      i <<- i + 1L
      out <- list()
      ws()
      if (chars[i] == "}") { i <<- i + 1L; return(out) }
      repeat {
        ws(); key <- str(); ws(); expect(":")
        out[key] <- list(value())
        ws()
        if (chars[i] == ",") { i <<- i + 1L; next }
        expect("}")
        return(out)
      }
    }
    if (ch == "[") {
      i <<- i + 1L
      out <- list()
      ws()
      if (chars[i] == "]") { i <<- i + 1L; return(numeric(0)) }
      repeat {
        out[length(out) + 1L] <- list(value())
        ws()
        if (chars[i] == ",") { i <<- i + 1L; next }
        expect("]")
        break
      }
      if (all(vapply(out, function(v) is.numeric(v) && length(v) == 1L, TRUE))) return(unlist(out))
      return(out)
    }
    if (ch == "\"") return(str())
    for (lit in c("true", "false", "null")) {
      if (paste(chars[i:min(n, i + nchar(lit) - 1L)], collapse = "") == lit) {
        i <<- i + nchar(lit)
        return(switch(lit, true = TRUE, false = FALSE, null = NULL))
      }
    }
    j <- i
    while (j <= n && chars[j] %in% c("-", "+", ".", "e", "E", as.character(0:9))) j <- j + 1L
    tok <- paste(chars[i:(j - 1L)], collapse = "")
    i <<- j
    v <- as.numeric(tok)
    if (is.na(v)) stop("JSON: bad number '", tok, "'")
    v
  }
  v <- value()
  ws()
  if (i <= n) stop("JSON: trailing text")
  v
}

# ---------------------------------------------------------------- minimal JSON writer
arr <- function(v) structure(list(v), class = "json_array")  # force a JSON array, even of length 1
json_str <- function(s) {
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  s <- gsub("\n", "\\n", s, fixed = TRUE)
  s <- gsub("\t", "\\t", s, fixed = TRUE)
  s <- gsub("\r", "\\r", s, fixed = TRUE)
  paste0("\"", s, "\"")
}
json_atom <- function(v) {
  if (is.logical(v)) return(ifelse(is.na(v), "null", ifelse(v, "true", "false")))
  if (is.character(v)) return(ifelse(is.na(v), "null", json_str(v)))
  if (is.integer(v)) return(ifelse(is.na(v), "null", sprintf("%d", v)))
  ifelse(is.na(v), "null",
         ifelse(v == Inf, "\"Inf\"", ifelse(v == -Inf, "\"-Inf\"", sprintf("%.17g", v))))
}
# Objects and arrays containing containers are laid out one element per line down to
# depth `pretty`; deeper (and arrays of scalars) are compact.
to_json <- function(x, depth = 0L, pretty = 3L) {
  if (is.null(x)) return("null")
  if (inherits(x, "json_array")) {
    v <- x[[1]]
    if (is.list(v)) return(to_json(unname(v), depth, pretty))
    return(paste0("[", paste(json_atom(unname(v)), collapse = ","), "]"))
  }
  if (is.list(x)) {
    nested <- any(vapply(x, function(e) is.list(e) && !inherits(e, "json_array"), TRUE))
    items <- vapply(x, function(e) to_json(e, depth + 1L, pretty), "")
    is_obj <- !is.null(names(x))
    if (is_obj) items <- paste0(json_str(names(x)), ":", items)
    open <- if (is_obj) "{" else "["
    close <- if (is_obj) "}" else "]"
    if (length(x) == 0L) return(paste0(open, close))
    if (depth < pretty && nested) {
      pad <- strrep(" ", depth + 1L)
      return(paste0(open, "\n", pad, paste(items, collapse = paste0(",\n", pad)), "\n",
                    strrep(" ", depth), close))
    }
    return(paste0(open, paste(items, collapse = ","), close))
  }
  if (length(x) == 1L) return(json_atom(unname(x)))
  paste0("[", paste(json_atom(unname(x)), collapse = ","), "]")
}

# ---------------------------------------------------------------- helpers
# Run expr, collecting warning texts; returns list(value, warnings, error).
capture <- function(expr) {
  w <- character(0)
  val <- tryCatch(withCallingHandlers(expr, warning = function(cnd) {
    w <<- c(w, conditionMessage(cnd))
    invokeRestart("muffleWarning")
  }), error = function(e) e)
  if (inherits(val, "error")) return(list(value = NULL, warnings = w, error = conditionMessage(val)))
  list(value = val, warnings = w, error = NULL)
}
# Mark NaN numeric scalar/vector fields of a flat record: they are written as null.
with_nan_note <- function(rec) {
  nanf <- names(rec)[vapply(rec, function(v) {
    v <- if (inherits(v, "json_array")) v[[1]] else v
    is.numeric(v) && any(is.nan(v))
  }, TRUE)]
  if (length(nanf)) rec$nan_fields <- arr(nanf)
  rec
}
walsh_median <- function(x) {
  if (length(x) == 0L) return(NaN)
  s <- outer(x, x, "+") / 2
  median(s[!lower.tri(s)])
}

# ---------------------------------------------------------------- the computations
wilcox_runs <- function(d, mu) {
  runs <- list()
  for (exact in list(TRUE, FALSE, NULL)) for (correct in c(TRUE, FALSE)) {
    for (alt in c("two.sided", "less", "greater")) {
      r <- capture(wilcox.test(d, mu = mu, exact = exact, correct = correct,
                               alternative = alt, conf.int = TRUE))
      rec <- list(exact = exact, correct = correct, alternative = alt, mu = mu, conf_level = 0.95)
      if (!is.null(r$error)) {
        # the test itself may still work without the interval: record both
        rec$conf_int_error <- r$error
        rec$conf_int_warnings <- arr(r$warnings)
        r <- capture(wilcox.test(d, mu = mu, exact = exact, correct = correct,
                                 alternative = alt, conf.int = FALSE))
      }
      if (!is.null(r$error)) {
        rec$error <- r$error
        rec$warnings <- arr(r$warnings)
      } else {
        t <- r$value
        rec$method <- t$method
        rec$statistic <- unname(t$statistic)
        rec$p_value <- t$p.value
        if (!is.null(t$estimate)) {
          rec$estimate <- unname(t$estimate)
          rec$estimate_name <- names(t$estimate)
          rec$conf_int <- arr(as.numeric(t$conf.int))
          rec$conf_int_achieved_level <- attr(t$conf.int, "conf.level")
        }
        rec$warnings <- arr(r$warnings)
        if (!is.null(t$estimate) && !grepl("exact", t$method, fixed = TRUE)) {
          # normal-approximation interval/estimate: uniroot() with tol.root = 1e-4 (default);
          # repeat with tol.root = 1e-12 to show the values the root search converges to
          rt <- capture(wilcox.test(d, mu = mu, exact = exact, correct = correct,
                                   alternative = alt, conf.int = TRUE, tol.root = 1e-12))
          if (is.null(rt$error)) {
            rec$estimate_tight <- unname(rt$value$estimate)
            rec$conf_int_tight <- arr(as.numeric(rt$value$conf.int))
          } else {
            rec$tight_error <- rt$error
          }
        }
      }
      runs[[length(runs) + 1L]] <- with_nan_note(rec)
    }
  }
  runs
}

coin_runs <- function(d, do_exact) {
  runs <- list()
  z <- rep(0, length(d))
  dists <- if (do_exact) c("exact", "asymptotic") else "asymptotic"
  for (dist in dists) for (zm in c("Wilcoxon", "Pratt")) for (alt in c("two.sided", "less", "greater")) {
    rec <- list(distribution = dist, zero_method = zm, alternative = alt)
    el <- system.time(r <- capture(wilcoxsign_test(d ~ z, distribution = dist, zero.method = zm,
                                                   alternative = alt)))[["elapsed"]]
    if (!is.null(r$error)) {
      rec$error <- r$error
    } else {
      t <- r$value
      p <- capture(pvalue(t))
      rec$p_value <- if (is.null(p$error)) as.numeric(p$value) else NULL
      if (!is.null(p$error)) rec$p_value_error <- p$error
      if (dist == "exact") {
        mp <- capture(midpvalue(t))
        rec$mid_p_value <- if (is.null(mp$error)) as.numeric(mp$value) else NULL
      }
      rec$statistic_linear <- as.numeric(statistic(t, type = "linear"))
      rec$expectation <- as.numeric(expectation(t))
      rec$variance <- as.numeric(variance(t))
      rec$statistic_standardized <- as.numeric(statistic(t, type = "standardized"))
      rec$method <- t@method
      p$warnings <- c(r$warnings, p$warnings)
      rec$warnings <- arr(p$warnings)
    }
    if (el > 5) message(sprintf("  coin %s %s %s took %.1f s", dist, zm, alt, el))
    runs[[length(runs) + 1L]] <- with_nan_note(rec)
  }
  runs
}

sign_runs <- function(d) {
  npos <- sum(d > 0)
  nnz <- sum(d != 0)
  lapply(c("two.sided", "less", "greater"), function(alt) {
    r <- capture(binom.test(npos, nnz, 0.5, alternative = alt))
    rec <- list(alternative = alt, n_positive = npos, n_nonzero = nnz)
    if (is.null(r$error)) rec$p_value <- r$value$p.value else rec$error <- r$error
    rec$warnings <- arr(r$warnings)
    with_nan_note(rec)
  })
}

summary_block <- function(d) {
  nz <- d[d != 0]
  r <- rank(abs(nz))
  r_all <- rank(abs(d))
  ties <- table(abs(nz))
  list(
    n = length(d), n_zero = sum(d == 0), n_nonzero = length(nz),
    n_positive = sum(d > 0), n_negative = sum(d < 0),
    ties_among_nonzero = any(ties > 1),
    tie_group_sizes_nonzero = arr(as.integer(sort(ties[ties > 1], decreasing = TRUE))),
    v_plus_wilcoxon = sum(r[nz > 0]), v_minus_wilcoxon = sum(r[nz < 0]),
    v_plus_pratt = sum(r_all[d > 0]), v_minus_pratt = sum(r_all[d < 0]),
    hodges_lehmann_nonzero = walsh_median(nz),
    hodges_lehmann_all = walsh_median(d)
  )
}

# ---------------------------------------------------------------- main
# coin's exact distribution (shift algorithm) is fast here even for n = 500 with ties (< 1 s
# a call), so it is run for every case; lower this to skip it for large n.
COIN_EXACT_MAX_N <- 1000L

input <- json_parse(paste(readLines(cases_path, encoding = "UTF-8", warn = FALSE), collapse = "\n"))
out_cases <- list()
for (cs in input$cases) {
  before <- as.numeric(cs$before)
  after <- as.numeric(cs$after)
  d <- round(after - before, 10)
  do_exact <- length(d) <= COIN_EXACT_MAX_N
  message(cs$name, " (n = ", length(d), ")")

  raw <- capture(wilcox.test(after, before, paired = TRUE))
  raw_rec <- list(call = "wilcox.test(after, before, paired = TRUE)")
  rnd <- capture(wilcox.test(d))
  if (is.null(raw$error)) {
    raw_rec$statistic <- unname(raw$value$statistic)
    raw_rec$p_value <- raw$value$p.value
    raw_rec$method <- raw$value$method
    raw_rec$same_as_rounded <- is.null(rnd$error) &&
      identical(unname(raw$value$statistic), unname(rnd$value$statistic)) &&
      identical(raw$value$p.value, rnd$value$p.value)
  } else {
    raw_rec$error <- raw$error
  }
  raw_rec$warnings <- arr(raw$warnings)

  by_mu <- list()
  for (mu in c(0, as.numeric(cs$extra_mu))) {
    dm <- round(d - mu, 10)
    if (!identical(d - mu, dm)) stop("d - mu is not exact for case ", cs$name, ", mu = ", mu)
    by_mu[[length(by_mu) + 1L]] <- list(
      mu = mu,
      d_minus_mu = arr(dm),
      summary = summary_block(dm),
      wilcox_test = wilcox_runs(d, mu),
      coin_wilcoxsign_test = coin_runs(dm, do_exact),
      sign_test = sign_runs(dm)
    )
  }
  out_cases[[length(out_cases) + 1L]] <- list(
    name = cs$name,
    n = length(d),
    d = arr(d),
    raw_paired_default = with_nan_note(raw_rec),
    coin_exact_run = do_exact,
    results = by_mu
  )
}

generated_by <- sprintf("%s; coin %s; libcoin %s; platform %s; script Fixtures/reference/signed_rank.R",
                        R.version.string, packageVersion("coin"), packageVersion("libcoin"),
                        R.version$platform)
doc <- list(
  generated_by = generated_by,
  description = paste(
    "Wilcoxon signed-rank reference values from R for d = after - before, d rounded to 10",
    "decimals (ties on the decimal values as typed). See signed_rank.md for field meanings."),
  cases_file = "signed_rank_cases.json",
  cases = out_cases
)
writeLines(to_json(doc, pretty = 4L), out_path, useBytes = TRUE)
cat("wrote", out_path, "with", length(out_cases), "cases\n")
