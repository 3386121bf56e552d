import Foundation

/// The Hodges–Lehmann estimate of the shift of d and its confidence interval.
struct HodgesLehmannInterval: Equatable, Sendable {
    var estimate: Double
    var low: Double?
    var high: Double?
    var achieved: Double?
}

/// Hodges–Lehmann estimate (the median of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j) and interval.
///
/// The differences used are those the test ranks: the nonzero d − μ for `wilcox` (as R, which
/// drops zeros before computing them), all d − μ for `pratt` and `zsplit`. μ is added back.
///
/// - Exact interval (exact method, no ties or zeros), as R `wilcox.test(conf.int = TRUE)`: with
///   q the smallest value with P(V ≤ q) ≥ α/2 (α one-sided; q = 1 if it would be 0), the interval
///   is [W₍q₎, W₍N+1−q₎] of the N = n(n+1)/2 sorted Walsh averages; achieved level
///   1 − 2P(V ≤ q − 1) (one-sided 1 − P(V ≤ q − 1)), reported because it is never exactly the
///   nominal level.
/// - Exact conditional interval (exact method with ties or zeros), as R ≥ 4.6 computes it: the
///   test is inverted over the shift δ. Between consecutive Walsh averages the signs and ranks of
///   x − δ do not change, so the conditional tail probabilities are evaluated at their midpoints;
///   the lower bound is the Walsh average where P(T ≥ T_obs) first exceeds α/2 (α one-sided), the
///   upper bound the one where P(T ≤ T_obs) last does, found by bisection over the sorted
///   averages (the tails are monotone in δ). The achieved level is one minus the two tail
///   probabilities just outside the interval.
/// - Otherwise the asymptotic interval R computes: the bounds are the shifts δ at which the
///   (continuity-corrected, tie-corrected) standardized statistic of d − δ crosses ∓z₁₋α/₂. That
///   statistic is a step function of δ with jumps at Walsh averages; R's `uniroot` finds a
///   crossing to within 1e-4, TrialStats finds the jump exactly (the midpoint where the statistic
///   is exactly zero over an interval), so R's bounds agree to about 1e-4.
///
/// **Reference:** J. L. Hodges and E. L. Lehmann (1963), "Estimates of location based on rank
/// tests", *Annals of Mathematical Statistics* 34:598–611; Hollander & Wolfe (1999), §3.2–3.3.
func hodgesLehmann(differences: PairedDifferences, scores: SignedRankScores, exact: Bool, exactConditional: Bool = false,
                   correct: Bool, options: SignedRankTestOptions) throws(StatisticsError) -> HodgesLehmannInterval {
    let data: [Double] = scores.zeroMethod == .wilcox
        ? differences.values.indices.filter { !differences.isZero($0) }.map { differences.values[$0] }
        : differences.values
    let mu = options.mu
    guard !data.isEmpty, data.contains(where: { $0 != 0 }) else {
        return HodgesLehmannInterval(estimate: mu, low: nil, high: nil, achieved: nil)
    }
    let walsh = WalshAverages(data)
    let estimate = walsh.median() + mu
    let alpha = 1 - options.confLevel
    let alternative = options.alternative

    if exactConditional {
        return try conditionalExactInterval(data, estimate: estimate, options: options)
    }
    if exact {
        let n = data.count
        let distribution = SignedRankDistribution(scores: Array(1...n))
        let tail = alternative == .twoSided ? alpha / 2 : alpha
        // The quantile is at most n(n+1)/4 for any tail ≤ ½.
        let table = distribution.cumulativeReduced(upTo: n * (n + 1) / 4)
        // R qsignrank: the smallest q with P(V ≤ q) ≥ p − 10ε.
        var q = table.firstIndex { $0 >= tail - 10 * Double.ulpOfOne } ?? table.count - 1
        if q == 0 { q = 1 }
        let below = q - 1 < table.count ? table[q - 1] : 1
        let achieved = 1 - (alternative == .twoSided ? 2 * below : below)
        let count = walsh.count
        switch alternative {
        case .twoSided:
            return HodgesLehmannInterval(estimate: estimate, low: walsh.kth(q) + mu, high: walsh.kth(count + 1 - q) + mu, achieved: achieved)
        case .greater:
            return HodgesLehmannInterval(estimate: estimate, low: walsh.kth(q) + mu, high: nil, achieved: achieved)
        case .less:
            return HodgesLehmannInterval(estimate: estimate, low: nil, high: walsh.kth(count + 1 - q) + mu, achieved: achieved)
        }
    }

    // Asymptotic interval, R's construction (stats:::wilcox.test.default, R 4.2–4.5) on the data
    // without μ. R first widens the level (doubling α) until the statistic at the data's extremes
    // brackets the critical values, and reports the level it reached.
    let sortedData = data.sorted()
    func w(_ shift: Double) -> Double? {
        asymptoticStatistic(sorted: sortedData, shift: shift, zq: 0, correct: correct, alternative: alternative)
    }
    guard let atMin = w(data.min()!), let atMax = w(data.max()!) else {
        return HodgesLehmannInterval(estimate: estimate, low: nil, high: nil, achieved: nil)
    }
    var a = alpha
    for _ in 0..<64 {
        let widen: Bool
        switch alternative {
        case .twoSided:
            let upperCritical = try upperNormalQuantile(a / 2)
            let lowerCritical = try lowerNormalQuantile(a / 2)
            widen = atMin < upperCritical || atMax > lowerCritical
        case .greater: widen = atMin < (try upperNormalQuantile(a))
        case .less: widen = atMax > (try lowerNormalQuantile(a / 2))  // R uses α/2 here
        }
        if widen && a < 1 { a *= 2 } else { break }
    }
    let achieved: Double? = (a >= 1 || 1 - options.confLevel < 0.75 * a) ? 1 - min(1, a) : nil
    if a >= 1 {
        let median = sortedQuantile(data.sorted(), p: 0.5, type: .type7) + mu
        return HodgesLehmannInterval(estimate: estimate, low: alternative == .less ? nil : median,
                                     high: alternative == .greater ? nil : median, achieved: achieved)
    }
    var low: Double?, high: Double?
    switch alternative {
    case .twoSided:
        low = try asymptoticRoot(data, zq: try upperNormalQuantile(a / 2), correct: correct, alternative: alternative)
        high = try asymptoticRoot(data, zq: try lowerNormalQuantile(a / 2), correct: correct, alternative: alternative)
    case .greater:
        low = try asymptoticRoot(data, zq: try upperNormalQuantile(a), correct: correct, alternative: alternative)
    case .less:
        high = try asymptoticRoot(data, zq: try lowerNormalQuantile(a), correct: correct, alternative: alternative)
    }
    return HodgesLehmannInterval(estimate: estimate, low: low.map { $0 + mu }, high: high.map { $0 + mu }, achieved: achieved)
}

/// z with P(Z ≤ z) = p (R `qnorm(p)`), accepting p ≥ 1 (then +∞ is never needed: callers stop at α < 1).
private func lowerNormalQuantile(_ p: Double) throws(StatisticsError) -> Double {
    if p >= 1 { return .infinity }
    if p == 0.5 { return 0 }
    return try GSL.normalQuantile(p)
}

/// z with P(Z > z) = p (R `qnorm(p, lower.tail = FALSE)`).
private func upperNormalQuantile(_ p: Double) throws(StatisticsError) -> Double {
    -(try lowerNormalQuantile(p))
}

/// The exact conditional interval by inverting the conditional test over the shift; see
/// ``hodgesLehmann(differences:scores:exact:exactConditional:correct:options:)``.
func conditionalExactInterval(_ data: [Double], estimate: Double, options: SignedRankTestOptions) throws(StatisticsError) -> HodgesLehmannInterval {
    // Work in exact decimal units when the data allow it: Walsh sums of the scaled integers are
    // exact, equal averages are equal, and the data shifted to a midpoint between two sums are
    // integers in units of 1/(4·10^K), so ties among |x − δ| are found exactly.
    let decimal = PairedDifferences(differences: data)
    let n = data.count
    let units: [Double]
    let scale: Double
    if let scaled = decimal.scaled {
        units = scaled.map { Double($0) }
        scale = pow(10, Double(decimal.decimals))
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
    func average(_ sum: Double) -> Double { sum / (2 * scale) + options.mu }
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

/// R's `wdiff(δ, zq)`: the corrected standardized signed-rank statistic of x − δ (zeros of
/// x − δ dropped, midranks of |x − δ|), minus zq. Non-increasing in δ. Nil when every x − δ is
/// zero or the variance vanishes. `sorted` is x in ascending order: the |x − δ| of the values
/// below δ and of those above δ are then two ascending runs, merged in O(n) without sorting.
func asymptoticStatistic(sorted x: [Double], shift: Double, zq: Double, correct: Bool, alternative: Alternative) -> Double? {
    let n0 = x.count
    // Values below the shift: indices [0, below); equal: [below, above); above: [above, n0).
    var below = 0
    while below < n0 && x[below] < shift { below += 1 }
    var above = below
    while above < n0 && x[above] == shift { above += 1 }
    let n = n0 - (above - below)
    guard n > 0 else { return nil }
    var i = below - 1  // next negative, walking down (|x − δ| ascending)
    var j = above      // next positive, walking up
    var position = 0
    var positiveRankSum = 0.0
    var tieTerm = 0.0
    while position < n {
        // The smallest remaining |x − δ|, and how many values (of each sign) share it.
        let negativeNext = i >= 0 ? shift - x[i] : Double.infinity
        let positiveNext = j < n0 ? x[j] - shift : Double.infinity
        let value = min(negativeNext, positiveNext)
        var negatives = 0, positives = 0
        while i >= 0 && shift - x[i] == value { negatives += 1; i -= 1 }
        while j < n0 && x[j] - shift == value { positives += 1; j += 1 }
        let t = negatives + positives
        let rank = Double(2 * position + t + 1) / 2
        positiveRankSum += rank * Double(positives)
        let td = Double(t)
        tieTerm += td * td * td - td
        position += t
    }
    let nd = Double(n)
    let zd = positiveRankSum - nd * (nd + 1) / 4
    let variance = nd * (nd + 1) * (2 * nd + 1) / 24 - tieTerm / 48
    guard variance > 0 else { return nil }
    return (zd - continuityCorrection(zd, correct: correct, alternative)) / variance.squareRoot() - zq
}

/// The shift where ``asymptoticStatistic(sorted:shift:zq:correct:alternative:)`` crosses zero, within
/// [min x, max x] as R restricts it: the jump point found by bisection, or the midpoint of an
/// interval where the statistic is exactly zero.
func asymptoticRoot(_ x: [Double], zq: Double, correct: Bool, alternative: Alternative) throws(StatisticsError) -> Double {
    let lower = x.min()!, upper = x.max()!
    let sorted = x.sorted()
    func g(_ shift: Double) -> Double {
        asymptoticStatistic(sorted: sorted, shift: shift, zq: zq, correct: correct, alternative: alternative) ?? 0
    }
    // R's loop guarantees g(lower) ≥ 0 ≥ g(upper); uniroot returns an end point that is a root.
    if g(lower) <= 0 { return lower }
    if g(upper) >= 0 { return upper }
    func crossing(_ stillAbove: (Double) -> Bool) -> Double {
        var lo = lower, hi = upper
        for _ in 0..<400 {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if stillAbove(mid) { lo = mid } else { hi = mid }
        }
        return hi
    }
    // The jumps are at Walsh averages (x_i + x_j)/2; bisection stops within an ulp of one, and
    // the exact average is returned so that the bound prints as the data give it.
    let walsh = WalshAverages(x)
    let first = walsh.nearest(crossing { g($0) > 0 })   // where g stops being positive
    let last = walsh.nearest(crossing { g($0) >= 0 })   // where g becomes negative
    return first == last ? first : (first + last) / 2
}
