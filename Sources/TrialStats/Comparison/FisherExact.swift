import Foundation

/// The result of Fisher's exact test, recording what was done.
public struct FisherExactResult: Equatable, Sendable {
    /// Rows and columns of the table tested (after dropping empty ones for r×c tables).
    public var rows: Int
    /// Columns of the table tested.
    public var columns: Int
    /// The alternative (always two-sided for tables larger than 2×2).
    public var alternative: Alternative
    /// The null odds ratio (2×2; 1 for larger tables).
    public var nullOddsRatio: Double
    /// The exact p-value.
    public var pValue: Double
    /// The mid-p-value: the p-value less half the probability of the tables as probable as (two-sided)
    /// or equal to (one-sided) the observed one.
    public var midPValue: Double
    /// Conditional maximum-likelihood estimate of the odds ratio (2×2 only; 0 or +∞ at the ends of
    /// the support).
    public var oddsRatio: Double?
    /// Lower end of the conditional interval for the odds ratio (2×2 only; 0 for `less`).
    public var confLow: Double?
    /// Upper end of the conditional interval (2×2 only; +∞ for `greater` or at the top of the support).
    public var confHigh: Double?
    /// Requested level.
    public var confLevel: Double
    /// Number of tables the r×c enumeration visited (0 for 2×2), a measure of the work done.
    public var tablesVisited: Int
}

/// R's relative tolerance for "as probable as the observed table".
let fisherRelativeTolerance = 1e-7

/// Fisher's exact test of independence for a table of counts.
///
/// **2×2** (rows × columns as given; top-left cell x, column totals m and n, first-row total k): under
/// H₀ the cell follows the noncentral hypergeometric distribution with odds ratio ψ₀ (default 1),
/// P(X = x) ∝ C(m, x)·C(n, k − x)·ψ₀ˣ on max(0, k − n) ≤ x ≤ min(k, m).
/// - p-values: `less` P(X ≤ x), `greater` P(X ≥ x), `twoSided` the sum of P(X = y) over every y
///   with P(X = y) ≤ P(X = x)·(1 + 10⁻⁷) (minimum likelihood; R's rule and relative tolerance).
/// - Odds ratio: the conditional maximum-likelihood estimate, the ψ with E_ψ[X] = x (0 when x is the
///   smallest value of the support, +∞ when it is the largest).
/// - Interval (level 1 − α): the lower end solves P_ψ(X ≥ x) = α/2, the upper P_ψ(X ≤ x) = α/2
///   (α one-sided, the other end 0 or +∞); 0 at the bottom of the support, +∞ at the top.
///   R finds these roots and the estimate with `uniroot` (tolerance about 1.2·10⁻⁴); TrialStats
///   solves them by bisection on log ψ to about 10⁻¹⁵ relative, so R's printed bounds agree to
///   about 10⁻⁴ and the precise roots of R's own equations to 10⁻⁹ (see
///   `Fixtures/reference/compare_fisher.R`).
///
/// **r×c** (Freeman–Halton): the p-value is the probability of every table with the same margins
/// that is no more probable than the observed one (same tolerance), by
/// ``freemanHaltonPValue(_:)``. Only two-sided; no odds ratio. Empty rows and columns are
/// dropped first (they do not change the conditional distribution); fewer than two rows or
/// columns left is an error.
///
/// Mid-p: one-sided P(X > x) + ½P(X = x) (`greater`), P(X < x) + ½P(X = x) (`less`); two-sided the
/// p-value less half the probability of the tables counted as equally probable to the observed one
/// (the same rule as ``binomialTest(successes:trials:p0:alternative:)``'s mid-p).
///
/// **Matches** R `fisher.test(x, alternative =, or =, conf.level =)` ($p.value exactly to 1e-9;
/// $estimate and $conf.int to R's uniroot tolerance) and SciPy `fisher_exact(table, alternative)`
/// (p-value; SciPy's statistic is the unconditional sample odds ratio ad/bc, not this one).
///
/// **References:** R. A. Fisher (1935), *J. R. Stat. Soc.* 98:39–82; G. H. Freeman and J. H.
/// Halton (1951), *Biometrika* 38:141–149; C. R. Mehta and N. R. Patel (1983), *JASA* 78:427–434
/// (FEXACT); Lancaster (1961), *JASA* 56:223–234 (mid-p).
public func fisherExactTest(_ table: ContingencyTable, alternative: Alternative = .twoSided, nullOddsRatio: Double = 1,
                            confLevel: Double = 0.95) throws(ComparisonError) -> FisherExactResult {
    do { try validateConfidenceLevel(confLevel) } catch { throw ComparisonError.invalid(error) }
    guard nullOddsRatio.isFinite || nullOddsRatio == .infinity, nullOddsRatio >= 0 else {
        throw ComparisonError.invalid(.nonFiniteValue(index: 0, value: nullOddsRatio))
    }
    if table.is2x2 {
        try checkFisher2x2Support(table)
        return fisher2x2(table, alternative: alternative, nullOddsRatio: nullOddsRatio, confLevel: confLevel)
    }
    let reduced = try table.droppingEmptyLines()
    if reduced.is2x2 {
        try checkFisher2x2Support(reduced)
        return fisher2x2(reduced, alternative: alternative, nullOddsRatio: nullOddsRatio, confLevel: confLevel)
    }
    let result = try freemanHaltonPValue(reduced)
    return FisherExactResult(rows: reduced.rowCount, columns: reduced.columnCount, alternative: .twoSided, nullOddsRatio: 1,
                             pValue: min(1, result.pValue), midPValue: min(1, max(0, result.pValue - result.equalMass / 2)),
                             oddsRatio: nil, confLow: nil, confHigh: nil, confLevel: confLevel, tablesVisited: result.visited)
}

/// The most values the top-left cell of a 2×2 table may take given its margins (the length of
/// the hypergeometric support) for ``fisherExactTest(_:alternative:nullOddsRatio:confLevel:)``:
/// 10⁶. Each p-value, estimate and bound evaluation sums over the whole support, and the three
/// roots take a few hundred evaluations, so the cost grows with it; a 2×2 table whose smaller
/// margins are at most 10⁶ is within it (every table of a trial is), a table of 10⁹ per cell is
/// refused with ``ComparisonError/tooLarge(test:limit:)`` instead of running for hours.
public let fisher2x2SupportLimit = 1_000_000

/// Throws ``ComparisonError/tooLarge(test:limit:)`` when the 2×2 table's support exceeds
/// ``fisher2x2SupportLimit``.
func checkFisher2x2Support(_ table: ContingencyTable) throws(ComparisonError) {
    let c = table.counts
    let m = c[0][0] + c[1][0], n = c[0][1] + c[1][1], k = c[0][0] + c[0][1]
    guard min(k, m) - max(0, k - n) < fisher2x2SupportLimit else {
        throw ComparisonError.tooLarge(test: "Fisher's exact test (2×2)", limit: "\(fisher2x2SupportLimit) values of the first cell given the margins")
    }
}

/// The 2×2 test; see ``fisherExactTest(_:alternative:nullOddsRatio:confLevel:)``.
func fisher2x2(_ table: ContingencyTable, alternative: Alternative, nullOddsRatio psi0: Double, confLevel: Double) -> FisherExactResult {
    let c = table.counts
    let m = c[0][0] + c[1][0], n = c[0][1] + c[1][1], k = c[0][0] + c[0][1], x = c[0][0]
    let support = HypergeometricSupport(m: m, n: n, k: k)
    let lo = support.lo, hi = support.hi

    var p: Double, mid: Double
    switch alternative {
    case .less, .greater:
        let upper = alternative == .greater
        p = support.tail(x, oddsRatio: psi0, upper: upper)
        let beyond = support.tail(upper ? x + 1 : x - 1, oddsRatio: psi0, upper: upper)
        mid = (p + beyond) / 2
    case .twoSided:
        if psi0 == 0 { p = x == lo ? 1 : 0; mid = x == lo ? 0.5 : 0 }
        else if psi0 == .infinity { p = x == hi ? 1 : 0; mid = x == hi ? 0.5 : 0 }
        else {
            let d = support.probabilities(oddsRatio: psi0)
            let observed = d[x - lo]
            let threshold = observed * (1 + fisherRelativeTolerance)
            var sum = 0.0, equal = 0.0
            for v in d where v <= threshold {
                sum += v
                if v * (1 + fisherRelativeTolerance) >= observed { equal += v }
            }
            p = sum
            mid = sum - equal / 2
        }
    }

    let estimate: Double
    if x == lo { estimate = 0 } else if x == hi { estimate = .infinity } else {
        estimate = exp(solveLogOddsRatio(increasing: true) { support.mean(logOddsRatio: $0) - Double(x) })
    }
    let alpha = 1 - confLevel
    func lowerBound(_ a: Double) -> Double {
        if x == lo { return 0 }
        // P_ψ(X ≥ x) rises with ψ.
        return exp(solveLogOddsRatio(increasing: true) { support.tail(x, logOddsRatio: $0, upper: true) - a })
    }
    func upperBound(_ a: Double) -> Double {
        if x == hi { return .infinity }
        // P_ψ(X ≤ x) falls with ψ.
        return exp(solveLogOddsRatio(increasing: false) { support.tail(x, logOddsRatio: $0, upper: false) - a })
    }
    let low: Double, high: Double
    switch alternative {
    case .less: low = 0; high = upperBound(alpha)
    case .greater: low = lowerBound(alpha); high = .infinity
    case .twoSided: low = lowerBound(alpha / 2); high = upperBound(alpha / 2)
    }
    return FisherExactResult(rows: 2, columns: 2, alternative: alternative, nullOddsRatio: psi0,
                             pValue: min(1, max(0, p)), midPValue: min(1, max(0, mid)),
                             oddsRatio: estimate, confLow: low, confHigh: high, confLevel: confLevel, tablesVisited: 0)
}

extension HypergeometricSupport {
    /// E[X] under log odds ratio log ψ.
    func mean(logOddsRatio logPsi: Double) -> Double {
        zip(lo...hi, probabilities(logOddsRatio: logPsi)).reduce(0) { $0 + Double($1.0) * $1.1 }
    }
}

/// The root in log ψ of a function monotone in log ψ (rising when `increasing`), by bracketing
/// outwards from 0 and bisecting to adjacent doubles; the bracket is capped at |log ψ| = 1400
/// (far beyond any root a table of up to 2⁵³ patients has, since log-weights differ by at most
/// about 40·N there).
func solveLogOddsRatio(increasing: Bool, _ f: (Double) -> Double) -> Double {
    func above(_ t: Double) -> Bool { increasing ? f(t) > 0 : f(t) < 0 }  // root lies below t
    var lo = -1.0, hi = 1.0
    while !above(hi) && hi < 1400 { lo = hi; hi *= 2 }
    while above(lo) && lo > -1400 { hi = lo; lo *= 2 }
    for _ in 0..<200 {
        let mid = lo + (hi - lo) / 2
        if mid <= lo || mid >= hi { break }
        if above(mid) { hi = mid } else { lo = mid }
    }
    return lo + (hi - lo) / 2
}
