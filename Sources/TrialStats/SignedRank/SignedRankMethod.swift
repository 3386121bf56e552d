/// Which null distribution the signed-rank p-value comes from.
public enum SignedRankMethod: String, CaseIterable, Sendable, Codable {
    /// Exact whenever it can be computed quickly (see ``SignedRankTestOptions/exactWorkLimit``),
    /// otherwise normal with tie correction and continuity correction.
    case auto
    /// The exact permutation distribution: classical without ties and zeros, conditional on the
    /// observed midranks otherwise.
    case exact
    /// Normal approximation with the exact conditional variance (tie correction).
    case normal
    /// Student t approximation with n − 1 degrees of freedom (SAS PROC UNIVARIATE for n > 20).
    case t
}

/// The method a test actually used, as recorded in its result.
public enum SignedRankMethodUsed: String, Sendable, Codable {
    /// Exact classical distribution (no ties, no zeros): R `psignrank`.
    case exact
    /// Exact distribution conditional on the midranks (ties or zeros present).
    case exactConditional = "exact-conditional"
    /// Normal approximation.
    case normal
    /// Student t approximation.
    case t
}

/// Settings that reproduce a program's default signed-rank output.
///
/// Each profile fixes the zero handling, the method rule (including the program's own sample-size
/// thresholds) and the continuity correction; `--mu`, the alternative and the level still apply.
public enum SignedRankProfile: String, CaseIterable, Sendable, Codable {
    /// R ≥ 4.6 `wilcox.test(paired = TRUE)`: exact for n < 50 pairs (zeros counted), conditional
    /// on ties, with zeros ranked and their ranks dropped (Pratt); otherwise zeros dropped and
    /// normal with continuity correction.
    case r
    /// R ≤ 4.5 `wilcox.test(paired = TRUE)`: zeros dropped; exact only for n < 50 with no ties and
    /// no zeros, otherwise normal with continuity correction.
    case rLegacy = "r-legacy"
    /// SciPy ≥ 1.15 `scipy.stats.wilcoxon(d)`: zeros dropped; "auto" is exact for n ≤ 50 pairs
    /// (zeros counted) with no ties or zeros, an exhaustive permutation test (exact conditional) with
    /// ties or zeros for n ≤ 13, otherwise normal without continuity correction.
    case scipy
    /// SAS PROC UNIVARIATE: zeros dropped; exact (conditional on ties) for n ≤ 20 nonzero
    /// differences, Student t with n − 1 df above.
    case sas
    /// SPSS NPAR TESTS /WILCOXON: zeros dropped; normal, tie-corrected, no continuity correction.
    case spss
}
