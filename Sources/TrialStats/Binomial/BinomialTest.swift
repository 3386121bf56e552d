/// The result of an exact binomial test of H₀: p = p₀.
public struct BinomialTestResult: Equatable, Sendable {
    /// The null proportion p₀.
    public var p0: Double
    /// The alternative tested.
    public var alternative: Alternative
    /// The exact p-value (R `binom.test`).
    public var pValue: Double
    /// The mid-p-value: the exact p-value less half the probability of outcomes exactly as
    /// extreme as the observed one.
    public var midPValue: Double
}

/// The exact binomial test of H₀: p = p₀ for x successes in n trials, with its mid-p variant.
///
/// - `greater`: P(X ≥ x); `less`: P(X ≤ x).
/// - `twoSided`: the sum of P(X = k) over every k whose probability does not exceed the observed
///   one, P(X = k) ≤ P(X = x)·(1 + 10⁻⁷) — the relative tolerance R uses so that outcomes equal in
///   exact arithmetic count as equal ("minimum-likelihood" or Sterne-type rule, not doubling the
///   smaller tail). p = 1 when x equals n·p₀; p₀ = 0 or 1 gives 1 if x is the only possible
///   outcome and 0 otherwise. Capped at 1.
/// - Mid-p: one-sided, P(X > x) + ½P(X = x) (`greater`) or P(X < x) + ½P(X = x) (`less`);
///   two-sided, the two-sided p-value less half the probability of the outcomes counted as equally
///   probable to the observed one (x itself, and its mirror image on the other side when its
///   probability is equal within the tolerance).
///
/// The outcomes in the opposite tail are counted by binary search (the binomial probabilities are
/// unimodal), so the test costs O(log n) distribution-function evaluations even for n = 10⁶.
///
/// **Matches** R `binom.test(x, n, p = p0, alternative = )$p.value` to 1e-10 relative; the mid-p
/// value matches the definition in `Fixtures/reference/binomial.R`.
///
/// **References:** C. J. Clopper and E. S. Pearson (1934), *Biometrika* 26:404–413. H. O. Lancaster
/// (1961), *JASA* 56:223–234 (mid-p). T. E. Sterne (1954), *Biometrika* 41:275–278 (two-sided rule).
public func binomialTest(successes x: Int, trials n: Int, p0: Double = 0.5, alternative: Alternative = .twoSided) throws(StatisticsError) -> BinomialTestResult {
    try validateCounts(x, n)
    guard p0.isFinite, p0 >= 0, p0 <= 1 else { throw StatisticsError.nullProportionOutOfRange(p0) }
    let (p, mid) = try binomialTestPValues(x, n, p0, alternative)
    return BinomialTestResult(p0: p0, alternative: alternative, pValue: min(1, p), midPValue: min(1, max(0, mid)))
}

/// The kernel of ``binomialTest(successes:trials:p0:alternative:)``: (p-value, mid-p-value).
func binomialTestPValues(_ x: Int, _ n: Int, _ p0: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    if p0 == 0 || p0 == 1 {
        // Only one outcome is possible: x = 0 (p0 = 0) or x = n (p0 = 1).
        let possible = p0 == 0 ? 0 : n
        let consistent: Bool
        switch alternative {
        case .twoSided: consistent = x == possible
        case .less: consistent = x >= possible
        case .greater: consistent = x <= possible
        }
        let pointMass = x == possible ? 1.0 : 0.0
        return consistent ? (1, 1 - pointMass / 2) : (0, 0)
    }
    let observed = try GSL.binomialPMF(x, n: n, p: p0)
    switch alternative {
    case .less:
        let p = try GSL.binomialCDF(x, n: n, p: p0)
        return (p, p - observed / 2)
    case .greater:
        let p = try GSL.binomialSurvival(x - 1, n: n, p: p0)
        return (p, p - observed / 2)
    case .twoSided:
        let mean = Double(n) * p0
        if Double(x) == mean { return (1, 1 - observed / 2) }
        let threshold = observed * (1 + 1e-7)
        if Double(x) < mean {
            // Outcomes at or above ⌈mean⌉ with probability ≤ threshold form an upper tail [m, n].
            let m = try firstIndex(from: Int(mean.rounded(.up)), to: n) { (k: Int) throws(StatisticsError) -> Bool in
                try GSL.binomialPMF(k, n: n, p: p0) <= threshold
            }
            let opposite = m <= n ? try GSL.binomialSurvival(m - 1, n: n, p: p0) : 0
            let p = try GSL.binomialCDF(x, n: n, p: p0) + opposite
            let mirror = m <= n ? try equallyProbable(m, n, p0, observed) : 0
            return (p, p - (observed + mirror) / 2)
        } else {
            // Outcomes at or below ⌊mean⌋ with probability ≤ threshold form a lower tail [0, m].
            let m = try lastIndex(from: 0, to: Int(mean.rounded(.down))) { (k: Int) throws(StatisticsError) -> Bool in
                try GSL.binomialPMF(k, n: n, p: p0) <= threshold
            }
            let opposite = m >= 0 ? try GSL.binomialCDF(m, n: n, p: p0) : 0
            let p = opposite + (try GSL.binomialSurvival(x - 1, n: n, p: p0))
            let mirror = m >= 0 ? try equallyProbable(m, n, p0, observed) : 0
            return (p, p - (observed + mirror) / 2)
        }
    }
}

/// P(X = k) when it equals the observed probability within R's tolerance, else 0.
private func equallyProbable(_ k: Int, _ n: Int, _ p0: Double, _ observed: Double) throws(StatisticsError) -> Double {
    let probability = try GSL.binomialPMF(k, n: n, p: p0)
    return abs(probability - observed) <= observed * 1e-7 ? probability : 0
}

/// The first k in lo...hi where a predicate that turns true and stays true holds; hi + 1 if never.
private func firstIndex(from lo: Int, to hi: Int, _ holds: (Int) throws(StatisticsError) -> Bool) throws(StatisticsError) -> Int {
    var a = lo, b = hi + 1
    while a < b {
        let mid = (a + b) / 2
        if try holds(mid) { b = mid } else { a = mid + 1 }
    }
    return a
}

/// The last k in lo...hi where a predicate that holds up to some point holds; lo − 1 if never.
private func lastIndex(from lo: Int, to hi: Int, _ holds: (Int) throws(StatisticsError) -> Bool) throws(StatisticsError) -> Int {
    var a = lo - 1, b = hi
    while a < b {
        let mid = (a + b + 1) / 2
        if try holds(mid) { a = mid } else { b = mid - 1 }
    }
    return a
}
