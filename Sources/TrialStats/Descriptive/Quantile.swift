/// Sample quantiles under any of the nine Hyndman–Fan definitions.
///
/// For data x₁ … xₙ (any order) and probabilities p in [0, 1], returns the sample quantile of
/// each p under `type`:
/// - types 1–3: nppm = np (type 3: np − 1/2), j = ⌊nppm⌋, g = nppm − j; γ = [g > 0] (type 1),
///   ½(1 + [g > 0]) (type 2), [g > 0 or j odd] (type 3);
/// - types 4–9: nppm = α + p(n + 1 − α − β), j = ⌊nppm⌋, γ = nppm − j;
/// - Q(p) = (1 − γ) x₍ⱼ₎ + γ x₍ⱼ₊₁₎ with x₍₀₎ = x₍₁₎ and x₍ₙ₊₁₎ = x₍ₙ₎; where the two order
///   statistics are equal the common value is returned exactly.
///
/// **Floating point.** A product such as 10 × 0.3 is 3.0000000000000004 in binary, which
/// would move a discontinuous quantile to the next order statistic. As R does, nppm is
/// protected by a fuzz of 4ε (ε = 2.2e-16): j = ⌊nppm + 4ε⌋ and g below 4ε in magnitude counts
/// as 0. For type 7 no fuzz is needed (R's formula 1 + (n − 1)p is used as is).
///
/// **Matches:** R `quantile(x, probs, type = k)` for every k, to 1e-12 relative; for types 1–3
/// at a p where np is an integer only up to rounding (10 × 0.3), R ≥ 4.4 (whose `fuzz` argument
/// also protects types 1–3) and the exact-arithmetic definition; R ≤ 4.3 picks the next order
/// statistic there.
///
/// **Reference:** R. J. Hyndman and Y. Fan (1996), "Sample quantiles in statistical packages",
/// *The American Statistician* 50(4):361–365.
///
/// - Parameters:
///   - data: the observations; at least one, all finite.
///   - probs: probabilities in [0, 1].
///   - type: the definition (default type 7, as R).
/// - Throws: ``StatisticsError`` for empty data, a non-finite value or a probability outside [0, 1].
public func quantiles(_ data: [Double], probs: [Double], type: QuantileType = .default) throws(StatisticsError) -> [Double] {
    try validateSample(data)
    for p in probs {
        guard p.isFinite, p >= 0, p <= 1 else { throw StatisticsError.probabilityOutOfRange(p) }
    }
    let sorted = data.sorted()
    return probs.map { sortedQuantile(sorted, p: $0, type: type) }
}

/// One quantile of data already sorted ascending; the kernel behind ``quantiles(_:probs:type:)``.
/// Does not validate: `sorted` is non-empty, finite and ascending, 0 ≤ p ≤ 1. Where the two order
/// statistics are equal their common value is returned exactly, as R does.
func sortedQuantile(_ sorted: [Double], p: Double, type: QuantileType) -> Double {
    let n = sorted.count
    let (j, h) = quantilePosition(n: n, p: p, type: type)
    let below = sorted[j - 1]
    let above = sorted[min(j + 1, n) - 1]
    guard h > 0, above != below else { return below }
    return (1 - h) * below + h * above
}

/// Where the p-quantile of n sorted values sits under `type`: Q(p) = (1 − h)·x₍ⱼ₎ + h·x₍ⱼ₊₁₎ with
/// the indices clamped to 1…n (h is 0 or ½ for the discontinuous types). ``sortedQuantile(_:p:type:)``
/// evaluates it; the verification turns printed quartiles into bounds on order statistics with it.
/// The fuzz of 4ε against binary rounding is applied as described on
/// ``quantiles(_:probs:type:)``.
public func quantilePosition(n: Int, p: Double, type: QuantileType) -> (j: Int, h: Double) {
    precondition(n > 0)
    func clamp(_ k: Int) -> Int { min(max(k, 1), n) }
    if type == .type7 {
        let index = 1 + Double(n - 1) * p
        let lo = index.rounded(.down)
        return (clamp(Int(lo)), index - lo)
    }
    let fuzz = 4 * Double.ulpOfOne
    let nppm: Double
    if let (a, b) = type.alphaBeta {
        nppm = a + p * (Double(n) + 1 - a - b)
    } else {
        nppm = type == .type3 ? Double(n) * p - 0.5 : Double(n) * p
    }
    let jReal = (nppm + fuzz).rounded(.down)
    let j = Int(jReal)
    var g = nppm - jReal
    if abs(g) < fuzz { g = 0 }
    switch type {
    case .type1: return g > 0 ? (clamp(j + 1), 0) : (clamp(j), 0)
    case .type2: return g > 0 ? (clamp(j + 1), 0) : (clamp(j), clamp(j + 1) == clamp(j) ? 0 : 0.5)
    case .type3: return (g > 0 || j % 2 != 0) ? (clamp(j + 1), 0) : (clamp(j), 0)
    default:
        if j < 1 { return (1, 0) }
        if j >= n { return (n, 0) }
        // A g just below 0 (10 × 0.3 style rounding beyond the fuzz) means x(j) itself, as R's
        // `(0 < h) & (h < 1)` test decides.
        return (j, max(g, 0))
    }
}
