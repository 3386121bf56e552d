import Foundation

/// Which t-test.
public enum TTestKind: String, CaseIterable, Sendable, Codable {
    /// Two independent samples, pooled variance (R `t.test(var.equal = TRUE)`).
    case student
    /// Two independent samples, Welch–Satterthwaite df (R `t.test` default).
    case welch
    /// Paired: the one-sample test on the differences x − y.
    case paired
}

/// The result of a t-test.
public struct TTestResult: Equatable, Sendable {
    /// Which test.
    public var kind: TTestKind
    /// The t statistic.
    public var statistic: Double
    /// Degrees of freedom.
    public var df: Double
    /// The p-value.
    public var pValue: Double
    /// Mean of x − mean of y (paired: the mean difference).
    public var estimate: Double
    /// Standard error of the estimate.
    public var standardError: Double
    /// Lower end of the interval (nil for `less`).
    public var confLow: Double?
    /// Upper end (nil for `greater`).
    public var confHigh: Double?
    /// Level of the interval.
    public var confLevel: Double
    /// The alternative.
    public var alternative: Alternative
    /// The null difference μ.
    public var mu: Double
}

/// Student's, Welch's and the paired t-test of H₀: E[x] − E[y] = μ.
///
/// - `student`: s²ₚ = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2), SE = sₚ√(1/n₁ + 1/n₂), df = n₁ + n₂ − 2;
///   needs n₁ + n₂ ≥ 3 and each nᵢ ≥ 1.
/// - `welch`: SE² = s₁²/n₁ + s₂²/n₂, df = SE⁴/((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)); needs nᵢ ≥ 2.
/// - `paired`: the one-sample test on dᵢ = xᵢ − yᵢ, SE = s_d/√n, df = n − 1; needs n ≥ 2.
/// t = (estimate − μ)/SE; p from Student's t; the interval is estimate ± t_{1−α/2, df}·SE
/// (one-sided: t_{1−α}). Data whose SE is below 10·ε·max(|means|) are "essentially constant":
/// ``ComparisonError/constantData`` (R stops with that message).
///
/// **Extreme magnitudes.** Squared deviations overflow beyond about 1e154 and underflow below about
/// 1e-154, so data (or μ) whose largest magnitude is beyond 2⁴⁸⁰ (about 1e144) or below 2⁻⁴⁸⁰ are first scaled by a
/// power of two — exact, and t, df and p do not depend on the scale — and the estimate, its
/// standard error and the interval are scaled back. Only a result that itself exceeds the largest
/// double (an interval end near ±1.8e308) is refused, naming the overflow. Data in between are
/// computed as they are, so ordinary results are unchanged to the last bit.
///
/// **Matches** R `t.test(x, y, var.equal =, paired =, mu =, alternative =, conf.level =)` (statistic,
/// df, p-value and interval to 1e-9) and SciPy `ttest_ind(equal_var =)` / `ttest_rel`.
///
/// **References:** Student (1908), *Biometrika* 6:1–25; B. L. Welch (1947), *Biometrika* 34:28–35;
/// F. E. Satterthwaite (1946), *Biometrics Bulletin* 2:110–114.
public func tTest(_ x: [Double], _ y: [Double], kind: TTestKind = .welch, alternative: Alternative = .twoSided, mu: Double = 0,
                  confLevel: Double = 0.95) throws(ComparisonError) -> TTestResult {
    if let i = x.firstIndex(where: { !$0.isFinite }) { throw ComparisonError.nonFinite(group: 0, index: i) }
    if let i = y.firstIndex(where: { !$0.isFinite }) { throw ComparisonError.nonFinite(group: 1, index: i) }
    guard mu.isFinite else { throw ComparisonError.invalid(.nonFiniteValue(index: 0, value: mu)) }
    do { try validateConfidenceLevel(confLevel) } catch { throw ComparisonError.invalid(error) }
    let largest = max(x.lazy.map(abs).max() ?? 0, y.lazy.map(abs).max() ?? 0, abs(mu))
    let limit = Double(sign: .plus, exponent: 480, significand: 1)
    guard largest > limit || (largest > 0 && largest < 1 / limit) else {
        return try tTestComputed(x, y, kind: kind, alternative: alternative, mu: mu, confLevel: confLevel)
    }
    // Scale by 2^-e so that the largest magnitude is in [1, 2): exact for every value that does not
    // fall below the smallest normal double, and those are negligible beside the largest.
    let e = largest.exponent
    let down = Double(sign: .plus, exponent: -e, significand: 1), up = Double(sign: .plus, exponent: e, significand: 1)
    var r = try tTestComputed(x.map { $0 * down }, y.map { $0 * down }, kind: kind, alternative: alternative, mu: mu * down,
                              confLevel: confLevel)
    r.estimate *= up; r.standardError *= up; r.mu = mu
    r.confLow = r.confLow.map { $0 * up }; r.confHigh = r.confHigh.map { $0 * up }
    for value in [r.estimate, r.standardError, r.confLow ?? 0, r.confHigh ?? 0] where !value.isFinite {
        throw ComparisonError.invalid(.numeric(.notFinite(function: "the t-test's interval (an end beyond the largest double)",
                                                          arguments: [r.estimate, r.standardError])))
    }
    return r
}

/// ``tTest(_:_:kind:alternative:mu:confLevel:)`` on data of ordinary magnitude (validated by the caller).
func tTestComputed(_ x: [Double], _ y: [Double], kind: TTestKind, alternative: Alternative, mu: Double,
                   confLevel: Double) throws(ComparisonError) -> TTestResult {
    func meanVariance(_ v: [Double]) -> (Double, Double) {
        let sum = v.reduce(0, +)
        // A sum beyond the largest double (values near ±1e308) is averaged term by term instead.
        let m = sum.isFinite ? sum / Double(v.count) : v.reduce(0) { $0 + $1 / Double(v.count) }
        guard v.count > 1 else { return (m, 0) }
        return (m, v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1))
    }
    let estimate: Double, se: Double, df: Double, scale: Double
    switch kind {
    case .paired:
        guard x.count == y.count else { throw ComparisonError.invalid(.invalidCounts(successes: x.count, trials: y.count)) }
        guard x.count >= 2 else { throw ComparisonError.tooFewObservations(group: 0, count: x.count, needed: 2) }
        let (m, v) = meanVariance(zip(x, y).map { $0 - $1 })
        estimate = m; se = (v / Double(x.count)).squareRoot(); df = Double(x.count - 1); scale = abs(m)
    case .student:
        guard !x.isEmpty else { throw ComparisonError.tooFewObservations(group: 0, count: 0, needed: 1) }
        guard !y.isEmpty else { throw ComparisonError.tooFewObservations(group: 1, count: 0, needed: 1) }
        guard x.count + y.count >= 3 else { throw ComparisonError.tooFewObservations(group: 0, count: x.count, needed: 2) }
        let (mx, vx) = meanVariance(x), (my, vy) = meanVariance(y)
        let nx = Double(x.count), ny = Double(y.count)
        df = nx + ny - 2
        var pooled = 0.0
        if x.count > 1 { pooled += (nx - 1) * vx }
        if y.count > 1 { pooled += (ny - 1) * vy }
        pooled /= df
        estimate = mx - my; se = (pooled * (1 / nx + 1 / ny)).squareRoot(); scale = max(abs(mx), abs(my))
    case .welch:
        guard x.count >= 2 else { throw ComparisonError.tooFewObservations(group: 0, count: x.count, needed: 2) }
        guard y.count >= 2 else { throw ComparisonError.tooFewObservations(group: 1, count: y.count, needed: 2) }
        let (mx, vx) = meanVariance(x), (my, vy) = meanVariance(y)
        let nx = Double(x.count), ny = Double(y.count)
        let sx = vx / nx, sy = vy / ny
        se = (sx + sy).squareRoot()
        df = (se * se) * (se * se) / (sx * sx / (nx - 1) + sy * sy / (ny - 1))
        estimate = mx - my; scale = max(abs(mx), abs(my))
    }
    // Values so large that a difference or a variance overflows give no statistic; say so rather
    // than call the data constant.
    guard estimate.isFinite, se.isFinite else {
        throw ComparisonError.invalid(.numeric(.notFinite(function: "the t statistic (a mean difference or variance beyond the largest double)", arguments: [estimate, se])))
    }
    guard se > 10 * Double.ulpOfOne * scale, se > 0 else { throw ComparisonError.constantData }
    let t = (estimate - mu) / se
    do {
        let p: Double
        switch alternative {
        case .less: p = try GSL.tCDF(t, df: df)
        case .greater: p = try GSL.tSurvival(t, df: df)
        case .twoSided: p = 2 * (try GSL.tSurvival(abs(t), df: df))
        }
        let low: Double?, high: Double?
        switch alternative {
        case .less: low = nil; high = estimate + (try GSL.tQuantile(confLevel, df: df)) * se
        case .greater: low = estimate - (try GSL.tQuantile(confLevel, df: df)) * se; high = nil
        case .twoSided:
            let q = try GSL.tQuantile(1 - (1 - confLevel) / 2, df: df)
            low = estimate - q * se; high = estimate + q * se
        }
        return TTestResult(kind: kind, statistic: t, df: df, pValue: min(1, p), estimate: estimate, standardError: se,
                           confLow: low, confHigh: high, confLevel: confLevel, alternative: alternative, mu: mu)
    } catch { throw ComparisonError.invalid(error) }
}
