/// A distribution-free confidence interval for a population quantile, bounded by two order
/// statistics.
public struct QuantileConfidenceInterval: Equatable, Sendable {
    /// The population quantile's probability (0.5 for the median).
    public var prob: Double
    /// The requested confidence level.
    public var confLevel: Double
    /// Lower bound: the order statistic x₍ₗ₎.
    public var lower: Double
    /// Upper bound: the order statistic x₍ᵤ₎.
    public var upper: Double
    /// Rank l of the lower bound (1-based).
    public var lowerRank: Int
    /// Rank u of the upper bound (1-based).
    public var upperRank: Int
    /// The exact coverage P(l ≤ B < u), B ~ Binomial(n, p), for continuous data. At least the
    /// requested level, except when even [x₍₁₎, x₍ₙ₎] falls short (then it is below it).
    public var achievedLevel: Double
    /// Whether the achieved level falls short of the requested one (small n).
    public var belowNominal: Bool { achievedLevel < confLevel }
}

/// The order-statistic (binomial) confidence interval for the p-quantile, equal-tailed.
///
/// With B ~ Binomial(n, p) the number of observations below the population p-quantile ξₚ,
/// P(x₍ₗ₎ ≤ ξₚ < x₍ᵤ₎) = P(l ≤ B ≤ u − 1) for continuous data. The rule:
/// l is the largest rank with P(B ≤ l − 1) ≤ α/2 and u the smallest rank with
/// P(B ≥ u) ≤ α/2 (α = 1 − level), so that each tail holds at most α/2 and the coverage
/// 1 − P(B ≤ l − 1) − P(B ≥ u) is at least the level. Where no such rank exists within 1…n
/// (small n: for the median at 95%, n ≤ 5) the extreme order statistic is used and the achieved
/// level, reported in the result, falls below the requested one. For the median the interval is
/// symmetric in rank (u = n + 1 − l).
///
/// **Matches:** the exact interval of Conover (1999) §3.2; the reference script
/// `Fixtures/reference/quantile_ci.R` finds it by enumerating every rank pair in R, independently
/// of this search. The achieved
/// level is `pbinom(u - 1, n, p) - pbinom(l - 1, n, p)`.
///
/// **References:** W. J. Conover (1999), *Practical Nonparametric Statistics*, 3rd ed., Wiley,
/// §3.2; H. A. David and H. N. Nagaraja (2003), *Order Statistics*, 3rd ed., §7.1.
///
/// - Parameters:
///   - data: the observations (any order, at least one, finite).
///   - prob: the quantile's probability, 0 < p < 1.
///   - confLevel: the confidence level, 0 < level < 1.
public func quantileConfidenceInterval(_ data: [Double], prob: Double = 0.5, confLevel: Double = 0.95) throws(StatisticsError) -> QuantileConfidenceInterval {
    try validateSample(data)
    guard prob.isFinite, prob > 0, prob < 1 else { throw StatisticsError.probabilityOutOfRange(prob) }
    try validateConfidenceLevel(confLevel)
    let sorted = data.sorted()
    return try sortedQuantileConfidenceInterval(sorted, prob: prob, confLevel: confLevel)
}

/// The kernel of ``quantileConfidenceInterval(_:prob:confLevel:)`` on sorted, validated data.
func sortedQuantileConfidenceInterval(_ sorted: [Double], prob: Double, confLevel: Double) throws(StatisticsError) -> QuantileConfidenceInterval {
    let n = sorted.count
    let (l, u) = try orderStatisticRanks(n: n, prob: prob, confLevel: confLevel)
    // Coverage P(l ≤ B ≤ u − 1) = 1 − P(B ≤ l − 1) − P(B ≥ u), each tail computed directly.
    let lowerTail = try GSL.binomialCDF(l - 1, n: n, p: prob)
    let upperTail = try GSL.binomialSurvival(u - 1, n: n, p: prob)
    let achieved = max(0, 1 - lowerTail - upperTail)
    return QuantileConfidenceInterval(
        prob: prob, confLevel: confLevel,
        lower: sorted[l - 1], upper: sorted[u - 1],
        lowerRank: l, upperRank: u, achievedLevel: achieved)
}

/// The ranks (l, u) of the equal-tailed order-statistic interval, clamped to 1…n.
func orderStatisticRanks(n: Int, prob: Double, confLevel: Double) throws(StatisticsError) -> (Int, Int) {
    let halfAlpha = (1 - confLevel) / 2
    // Tolerance for comparing a tail with α/2 (R's binom.test uses 1 + 1e-7 for a similar
    // comparison); guards exact ties such as P = 0.025 computed as 0.025000000000000001.
    let tolerance = 1 + 1e-9
    // Largest l in 1...n with P(B ≤ l − 1) ≤ α/2; P(B ≤ l − 1) rises with l.
    var lo = 0, hi = n  // invariant: candidate l in lo...hi; l = 0 means none qualifies
    while lo < hi {
        let mid = (lo + hi + 1) / 2
        let tail = try GSL.binomialCDF(mid - 1, n: n, p: prob)
        if tail <= halfAlpha * tolerance { lo = mid } else { hi = mid - 1 }
    }
    let l = max(lo, 1)
    // Smallest u in 1...n with P(B ≥ u) ≤ α/2; P(B ≥ u) falls as u rises.
    var ulo = 1, uhi = n + 1  // u = n + 1 means none qualifies
    while ulo < uhi {
        let mid = (ulo + uhi) / 2
        let tail = try GSL.binomialSurvival(mid - 1, n: n, p: prob)
        if tail <= halfAlpha * tolerance { uhi = mid } else { ulo = mid + 1 }
    }
    let u = min(ulo, n)
    return (l, max(u, l))
}
