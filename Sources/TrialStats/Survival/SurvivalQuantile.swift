/// A quantile of the survival time with its confidence interval.
public struct SurvivalQuantile: Equatable, Sendable {
    /// The probability p: the time by which a fraction p has had the event (0.5 for the median).
    public var prob: Double
    /// The estimate; nil when the curve never falls to 1 − p ("not reached").
    public var estimate: Double?
    /// Lower confidence limit: the same rule applied to the lower pointwise band; nil if not reached.
    public var lower: Double?
    /// Upper confidence limit, from the upper band; nil when that band never falls to 1 − p.
    public var upper: Double?
}

extension KaplanMeierCurve {
    /// The p-quantile of survival time with its interval, exactly as R's
    /// `quantile(survfit(...), probs = p, conf.int = TRUE)` (survival 3.5, `findq`).
    ///
    /// The estimate is the first time the curve is at or below 1 − p. On a flat stretch where the
    /// curve equals 1 − p exactly (within √ε ≈ 1.5e-8) the estimate is the midpoint between the time
    /// it reaches 1 − p and the time of the next drop; when the curve *ends* at exactly 1 − p, the
    /// midpoint with the last observed time. When the curve never reaches 1 − p the estimate is
    /// nil (not reached). The confidence limits apply the same rule to the lower and upper
    /// pointwise bands (where a band is not defined, at S = 0 or, for log-log, S = 1, it is
    /// skipped). Like R, the crossing is located by value: with a band that rises somewhere (the
    /// bands need not be monotone), the limit is the time of the band point with the largest value
    /// ≤ 1 − p, which can be later than the first crossing (aml, `log`: 48 rather than 45).
    ///
    /// **Reference:** R. Brookmeyer and J. Crowley (1982), "A confidence interval for the median
    /// survival time", *Biometrics* 38:29–41.
    public func quantile(_ p: Double) -> SurvivalQuantile {
        let x = [0] + steps.map(\.time)
        func curve(_ values: [Double?]) -> [Double?] { [0] + values.map { $0.map { 1 - $0 } } }
        return SurvivalQuantile(
            prob: p,
            estimate: findQuantile(x: x, y: curve(steps.map(\.survival)), p: p),
            lower: findQuantile(x: x, y: curve(steps.map(\.lower)), p: p),
            upper: findQuantile(x: x, y: curve(steps.map(\.upper)), p: p))
    }
}

/// R survival's `findq(x, y, p, tol)`: x = (0, t₁, …), y = (0, 1 − curve at tᵢ) with nil where the
/// curve is not defined.
func findQuantile(x: [Double], y: [Double?], p: Double, tolerance: Double = Double.ulpOfOne.squareRoot()) -> Double? {
    guard let largest = y.compactMap({ $0 }).max(), largest >= p else { return nil }
    let lastX = x[x.count - 1]
    // Keep the first occurrence of each y value (nil counts as one value).
    var xs: [Double] = [], ys: [Double?] = []
    var seenNil = false
    var seen = Set<Double>()
    for (xi, yi) in zip(x, y) {
        if let yi {
            if seen.insert(yi).inserted { xs.append(xi); ys.append(yi) }
        } else if !seenNil {
            seenNil = true
            xs.append(xi); ys.append(nil)
        }
    }
    // R: approx(y ± tol, 1:n, p, "constant", f = 1): the index of the smallest knot value ≥ p,
    // nil when p lies below every knot or above every knot.
    func index(shift: Double) -> Int? {
        var best: Int?
        var smallestKnot = Double.infinity
        for (i, yi) in ys.enumerated() {
            guard let yi else { continue }
            smallestKnot = min(smallestKnot, yi + shift)
            if yi + shift >= p, best.map({ yi < ys[$0]! }) ?? true { best = i }
        }
        return p >= smallestKnot ? best : nil
    }
    let i1 = index(shift: tolerance)
    let i2 = index(shift: -tolerance)
    var quantile: Double? = (i1 != nil && i2 != nil) ? (xs[i1!] + xs[i2!]) / 2 : nil
    if p == 0 { quantile = xs[0] }
    if let last = ys[ys.count - 1], abs(p - last) < tolerance {
        quantile = i1.map { (xs[$0] + lastX) / 2 }
    }
    return quantile
}
