import Foundation

/// How R picks the classical exact interval's order statistic q (see
/// ``classicalExactInterval(_:rule:options:)``).
enum ClassicalIntervalRule {
    /// R ≤ 4.5: q = qsignrank(α/2, n), raised to 1 when it is 0 (the interval is then [W₍₁₎, W₍N₎]).
    case r45
    /// R ≥ 4.6: q = qsignrank(α/2, n), plus 1 when P(V ≤ q) ≤ α/2 + 10ε (a tail exactly at α/2);
    /// q = 0 gives (−∞, ∞) with level 1 (n ≤ 5 at 95%).
    case r46
}

/// The classical exact interval (no ties, no zeros), as R `wilcox.test(conf.int = TRUE)`: with q
/// from the signed-rank distribution (``ClassicalIntervalRule``), [W₍q₎, W₍N+1−q₎] of the
/// N = n(n+1)/2 sorted Walsh averages; one-sided, the one bound with α in place of α/2. The
/// achieved level 1 − 2P(V ≤ q − 1) (one-sided 1 − P(V ≤ q − 1)) is reported because it is never
/// exactly the nominal level. Estimate: the median of the Walsh averages.
func classicalExactInterval(_ data: [Double], rule: ClassicalIntervalRule, options: SignedRankTestOptions) throws(StatisticsError) -> HodgesLehmannInterval {
    let n = data.count
    let walsh = WalshAverages(data)
    let estimate = walsh.median()
    let distribution = SignedRankDistribution(scores: Array(1...n))
    let alpha = 1 - options.confLevel
    let tail = options.alternative == .twoSided ? alpha / 2 : alpha
    // The quantile is at most n(n+1)/4 for any tail ≤ ½.
    let table = distribution.cumulativeReduced(upTo: n * (n + 1) / 4)
    // R qsignrank: the smallest q with P(V ≤ q) ≥ p − 10ε.
    var q = table.firstIndex { $0 >= tail - 10 * Double.ulpOfOne } ?? table.count - 1
    switch rule {
    case .r45:
        if q == 0 { q = 1 }
    case .r46:
        if table[q] <= tail + 10 * Double.ulpOfOne { q += 1 }
        if q == 0 { return HodgesLehmannInterval(estimate: estimate, low: nil, high: nil, achieved: 1) }
    }
    let below = q - 1 < table.count ? table[q - 1] : 1
    let achieved = 1 - (options.alternative == .twoSided ? 2 * below : below)
    let count = walsh.count
    let low = options.alternative == .less ? nil : walsh.kth(q)
    let high = options.alternative == .greater ? nil : walsh.kth(count + 1 - q)
    return HodgesLehmannInterval(estimate: estimate, low: low, high: high, achieved: achieved)
}

/// R ≥ 4.6's exact conditional interval (`--profile r`, n < 50), as its
/// `.wilcox_test_one_cint_exact` computes it: over the N sorted Walsh averages W₍ₖ₎ (duplicates
/// kept), the tails are evaluated at the midpoints (W₍ₖ₎ + W₍ₖ₊₁₎)/2 — at an average itself when
/// two are equal — with the ranks of all |x − δ| permuted (a zero's rank included), the upper
/// tail strict, P(V > v), the lower P(V ≤ v). The lower bound is W₍ₖ₎ for the first k, scanning up,
/// whose upper tail exceeds α/2 + 10ε (−∞ if the tail below W₍₁₎ already does); the upper bound
/// W₍ₖ₊₁₎ for the first k scanning down whose lower tail does; the achieved level is one minus
/// the last tails not exceeding it. The default inversion
/// (``conditionalExactInterval(_:options:)``) evaluates only between distinct averages and
/// drops the zeros of x − δ, as the test itself does.
func rConditionalExactInterval(_ data: [Double], options: SignedRankTestOptions) throws(StatisticsError) -> HodgesLehmannInterval {
    var diffs: [Double] = []
    for i in data.indices { for j in i..<data.count { diffs.append((data[i] + data[j]) / 2) } }
    diffs.sort()
    let m = diffs.count
    let estimate = m % 2 == 1 ? diffs[m / 2] : (diffs[m / 2 - 1] + diffs[m / 2]) / 2
    func tail(_ mu: Double, lower: Bool) -> Double {
        let shifted = PairedDifferences(differences: data, mu: mu)
        let ranks = SignedRankScores(shifted, zeroMethod: .zsplit)  // ranks every |x − μ|, zeros too
        // The zeros' ranks are permuted as well: append them as scores with a negative sign.
        var scores = ranks.scores, positive = 0
        for (score, isPositive) in zip(ranks.scores, ranks.positive) where isPositive { positive += score }
        let zeroRank = ranks.zeroCount > 0 ? ranks.zeroScoreSum / ranks.zeroCount : 0
        scores += [Int](repeating: zeroRank, count: ranks.zeroCount)
        let distribution = SignedRankDistribution(scores: scores)
        return lower ? distribution.lowerTail(positive) : distribution.upperTail(positive + 1)
    }
    let alpha = 1 - options.confLevel
    let level = (options.alternative == .twoSided ? alpha / 2 : alpha) + 10 * Double.ulpOfOne
    var low: Double? = nil, high: Double? = nil
    var outside = 0.0
    if options.alternative != .less {
        var pi = 0.0
        if tail(diffs[0] - 1, lower: false) <= level {
            low = diffs[m - 1]
            for k in 0..<(m - 1) {
                let p = tail((diffs[k] + diffs[k + 1]) / 2, lower: false)
                if p > level { low = diffs[k]; break }
                pi = p
            }
        }
        outside += pi
    }
    if options.alternative != .greater {
        var pi = 0.0
        if tail(diffs[m - 1] + 1, lower: true) <= level {
            high = diffs[0]
            for k in stride(from: m - 2, through: 0, by: -1) {
                let p = tail((diffs[k] + diffs[k + 1]) / 2, lower: true)
                if p > level { high = diffs[k + 1]; break }
                pi = p
            }
        }
        outside += pi
    }
    return HodgesLehmannInterval(estimate: estimate, low: low, high: high, achieved: 1 - outside)
}


/// The exact conditional interval by inverting the conditional test over the shift; see
/// ``hodgesLehmann(raw:differences:scores:distribution:method:correct:options:)``.
///
/// Between consecutive distinct Walsh averages the signs and ranks of x − δ do not change, so the
/// conditional tail probabilities are evaluated at their midpoints; the lower bound is the Walsh
/// average where P(T ≥ T_obs) first exceeds α/2 (α one-sided), the upper bound the one where
/// P(T ≤ T_obs) last does, found by bisection over the sorted distinct averages (the tails are
/// monotone in δ). The achieved level is one minus the two tail probabilities just outside.
func conditionalExactInterval(_ data: [Double], options: SignedRankTestOptions) throws(StatisticsError) -> HodgesLehmannInterval {
    let estimate = WalshAverages(data).median()
    // Work in exact decimal units when the data allow it: Walsh sums of the scaled integers are
    // exact, equal averages are equal, and the data shifted to a midpoint between two sums are
    // integers in units of 1/(4·10^K), so ties among |x − δ| are found exactly.
    let decimal = PairedDifferences(differences: data)
    let n = data.count
    let units: [Double]
    let scale: Double
    if let scaled = decimal.scaled {
        units = scaled.map { Double($0) }
        scale = pow10(decimal.decimals)
    } else {
        units = data
        scale = 1
    }
    var sums: [Double] = []
    sums.reserveCapacity(n * (n + 1) / 2)
    for i in 0..<n { for j in i..<n { sums.append(units[i] + units[j]) } }
    sums.sort()
    var distinct: [Double] = []
    for w in sums where distinct.last != w { distinct.append(w) }
    let m = distinct.count
    // Tail probabilities of x − δ for δ inside segment k (between distinct[k−1] and distinct[k],
    // as sums); k = 0 is below every average, k = m above every one.
    func tails(_ k: Int) -> (upper: Double, lower: Double) {
        let twiceDelta: Double  // 2δ·scale·2 = sum at the midpoint, doubled to stay integral
        if k == 0 { twiceDelta = 2 * distinct[0] - 2 - 2 * abs(distinct[0]) }
        else if k == m { twiceDelta = 2 * distinct[m - 1] + 2 + 2 * abs(distinct[m - 1]) }
        else { twiceDelta = distinct[k - 1] + distinct[k] }
        let shifted = units.map { 4 * $0 - twiceDelta }
        let scores = SignedRankScores(PairedDifferences(differences: shifted), zeroMethod: .wilcox)
        guard !scores.scores.isEmpty else { return (1, 1) }
        let distribution = SignedRankDistribution(scores: scores.scores)
        let t = scores.positiveScoreSum
        return (distribution.upperTail(t), distribution.lowerTail(t))
    }
    func average(_ sum: Double) -> Double { sum / (2 * scale) }
    let tail = options.alternative == .twoSided ? (1 - options.confLevel) / 2 : 1 - options.confLevel
    var low: Double?, high: Double?
    var outside = 0.0
    if options.alternative != .less {
        // Smallest segment k ≥ 1 with P(T ≥ T_obs) > tail; the bound is its left end distinct[k − 1].
        var a = 1, b = m
        while a < b {
            let mid = (a + b) / 2
            if tails(mid).upper > tail { b = mid } else { a = mid + 1 }
        }
        low = average(distinct[a - 1])
        outside += tails(a - 1).upper
    }
    if options.alternative != .greater {
        // Largest segment k ≤ m − 1 with P(T ≤ T_obs) > tail; the bound is its right end distinct[k].
        var a = 0, b = m - 1
        while a < b {
            let mid = (a + b + 1) / 2
            if tails(mid).lower > tail { a = mid } else { b = mid - 1 }
        }
        high = average(distinct[a])
        outside += tails(a + 1).lower
    }
    return HodgesLehmannInterval(estimate: estimate, low: low, high: high, achieved: 1 - outside)
}
