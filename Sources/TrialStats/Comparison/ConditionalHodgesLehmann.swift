import Foundation

/// The exact conditional interval for the two-sample shift under ties: the shifts δ that the
/// exact conditional rank-sum test of x − δ against y does not reject, as R ≥ 4.6's
/// `wilcox.test(x, y, exact = TRUE, conf.int = TRUE)` computes it when the pooled x − μ and y have
/// ties (`.wilcox_test_two_cint_exact`).
///
/// **Method.** The m = n₁n₂ differences D₍₁₎ ≤ … ≤ D₍ₘ₎ (xᵢ − yⱼ, duplicates kept) are the shifts
/// at which the ranking of x − δ among y changes. The test is evaluated at the midpoints
/// δₖ = (D₍ₖ₎ + D₍ₖ₊₁₎)/2 — at a difference itself where two are equal, so that x − δ and y are
/// tied there — with the midranks of the pooled x − δ and y and the permutation distribution of
/// the rank sum of x given those midranks (``RankSumDistribution``). The lower bound is D₍ₖ₎ for
/// the first k, scanning up, at which P(W ≥ w) exceeds α/2 + 10ε (α one-sided), and −∞ when the
/// tail below D₍₁₎ already does; the upper bound is D₍ₖ₊₁₎ for the first k, scanning down, at which
/// P(W ≤ w) does, +∞ likewise. The achieved level is one minus the last tail probabilities on each
/// side that did not exceed it (the shifts just outside the interval). Each shift is evaluated
/// once, however many differences share it; x − δ is computed in floating point, as R does.
///
/// **Cost.** Each evaluation is a dynamic programme over the tail up to the observed sum (of the
/// smaller sample); the scan stops and returns nil (the caller falls back to the normal
/// approximation and says so) once the estimated additions would pass
/// ``RankSumOptions/conditionalIntervalWorkLimit``.
///
/// **Matches** R ≥ 4.6 `wilcox.test(x, y, mu =, alternative =, conf.level =, exact = TRUE,
/// conf.int = TRUE)$conf.int` and its `conf.level` attribute (the achieved level) with ties.
///
/// **References:** Bauer (1972), *JASA* 67:687–690 (intervals by inverting rank tests);
/// Hollander, Wolfe & Chicken (2014), §4.3.
func conditionalTwoSampleInterval(_ x: [Double], _ y: [Double], alternative: Alternative, confLevel: Double) -> HodgesLehmannInterval? {
    let n1 = x.count, n2 = y.count
    let alpha = 1 - confLevel
    let level = (alternative == .twoSided ? alpha / 2 : alpha) + 10 * Double.ulpOfOne
    guard conditionalIntervalAffordable(x, y, tail: level, sides: alternative == .twoSided ? 2 : 1) else { return nil }
    var diffs: [Double] = []
    diffs.reserveCapacity(n1 * n2)
    for xi in x { for yj in y { diffs.append(xi - yj) } }
    diffs.sort()
    let m = diffs.count
    let estimate = m % 2 == 1 ? diffs[m / 2] : (diffs[m / 2 - 1] + diffs[m / 2]) / 2
    var budget = RankSumOptions.conditionalIntervalWorkLimit
    // The tails of the rank sum of x − δ: P(W ≥ w) (upper) or P(W ≤ w), through the smaller
    // sample's sum (S_x ≥ s ⇔ S_y ≤ total − s). Nil once the work budget is spent.
    var last: (shift: Double, upper: Bool, p: Double)?
    func tail(_ shift: Double, upper: Bool) -> Double? {
        if let last, last.shift == shift, last.upper == upper { return last.p }
        let ranks = doubledMidranks(x.map { $0 - shift } + y)
        let sumX = ranks[..<n1].reduce(0, +)
        let xSmaller = n1 <= n2
        let distribution = RankSumDistribution(scores: xSmaller ? ranks : Array(ranks[n1...] + ranks[..<n1]), n1: min(n1, n2))
        let sum = xSmaller ? sumX : ranks.reduce(0, +) - sumX
        let lowerTail = xSmaller != upper  // P(S_x ≥ s) is a lower tail of S_y
        let (low, high) = distribution.range
        let work = lowerTail ? distribution.work(lowerTailUpTo: sum) : distribution.work(lowerTailUpTo: low + high - sum)
        guard work <= budget else { return nil }
        budget -= work
        let p = lowerTail ? distribution.lowerTail(sum) : distribution.upperTail(sum)
        last = (shift, upper, p)
        return p
    }
    var low: Double?, high: Double?
    var outside = 0.0
    if alternative != .less {
        var pi = 0.0
        guard let beyond = tail(diffs[0] - 1, upper: true) else { return nil }
        if beyond <= level {
            low = diffs[m - 1]
            for k in 0..<(m - 1) {
                guard let p = tail((diffs[k] + diffs[k + 1]) / 2, upper: true) else { return nil }
                if p > level { low = diffs[k]; break }
                pi = p
            }
        }
        outside += pi
    }
    if alternative != .greater {
        var pi = 0.0
        guard let beyond = tail(diffs[m - 1] + 1, upper: false) else { return nil }
        if beyond <= level {
            high = diffs[0]
            for k in stride(from: m - 2, through: 0, by: -1) {
                guard let p = tail((diffs[k] + diffs[k + 1]) / 2, upper: false) else { return nil }
                if p > level { high = diffs[k + 1]; break }
                pi = p
            }
        }
        outside += pi
    }
    return HodgesLehmannInterval(estimate: estimate, low: low, high: high, achieved: 1 - outside)
}

/// Whether the scan can be afforded, judged before any difference is formed: at most
/// ``RankSumOptions/conditionalIntervalMaxDifferences`` differences, and the scan's estimated
/// work within ``RankSumOptions/conditionalIntervalWorkLimit`` — a tail up to the normal
/// approximation's bound (on the data's own midranks) costs W_b additions, the scan evaluates at
/// most min(k, 2·u_x·u_y + 1) distinct shifts on each side it scans (k the differences passed
/// before the bound, m/2 − z·σ_W; u the distinct values of a sample), at W_b/2 on average.
func conditionalIntervalAffordable(_ x: [Double], _ y: [Double], tail: Double, sides: Int) -> Bool {
    let n1 = x.count, n2 = y.count
    guard Double(n1) * Double(n2) <= Double(RankSumOptions.conditionalIntervalMaxDifferences) else { return false }
    let small = min(n1, n2), n = n1 + n2
    let ranks = doubledMidranks(x + y)
    let distribution = RankSumDistribution(scores: ranks, n1: small)
    let ties = tieSizes(ranks).reduce(0.0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) }
    // Variance of W: n₁n₂/12·(N + 1 − Σ(t³ − t)/(N(N − 1))); the doubled rank sum's SD is 2σ_W.
    let variance = Double(n1) * Double(n2) / 12 * (Double(n + 1) - (n > 1 ? ties / (Double(n) * Double(n - 1)) : 0))
    let sigma = max(variance, 0).squareRoot()
    let z = tail > 0 && tail < 0.5 ? -((try? GSL.normalQuantile(tail)) ?? -40) : 0
    let bound = max(0, min(Double(distribution.range.max), Double(small * (n + 1)) - z * 2 * sigma))
    let workAtBound = distribution.work(lowerTailUpTo: Int(bound))
    let passed = max(1, Double(n1) * Double(n2) / 2 - z * sigma)
    let evaluations = min(passed, 2 * Double(Set(x).count) * Double(Set(y).count) + 1)
    return Double(sides) * evaluations * workAtBound / 2 <= RankSumOptions.conditionalIntervalWorkLimit
}
