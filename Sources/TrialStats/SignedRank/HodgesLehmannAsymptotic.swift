import Foundation

/// R's `W(δ)`: the standardized signed-rank statistic of x − δ (zeros of x − δ dropped, midranks
/// of |x − δ|, tie-corrected variance, continuity correction when asked), or nil when every
/// x − δ is zero or the variance vanishes. `sorted` is x ascending: the |x − δ| of the values
/// below δ and of those above are two ascending runs, merged in O(n) without sorting.
///
/// Between breakpoints (the Walsh averages, where two |x − δ| tie or an x − δ is zero) nothing
/// changes, and there every x − δ is nonzero and the ties are those among equal x: the statistic
/// is non-increasing from one open segment to the next. At a breakpoint it can lie outside
/// both neighbours (a dropped zero changes n), so it is not monotone in δ overall.
func asymptoticStatistic(sorted x: [Double], shift: Double, correct: Bool, alternative: Alternative) -> Double? {
    let n0 = x.count
    // Values below the shift: indices [0, below); equal: [below, above); above: [above, n0).
    let below = x.partitioningIndex { $0 >= shift }
    let above = x.partitioningIndex { $0 > shift }
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
    return (zd - continuityCorrection(zd, correct: correct, alternative)) / variance.squareRoot()
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongs` (which must be false then true along
    /// the array), or `count`.
    func partitioningIndex(where belongs: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// R's widening of α (stats:::wilcox.test, all versions): while the statistic at the data's
/// extremes (x₍₁₎ and x₍ₙ₎ themselves, where one difference is dropped) does not reach the
/// critical values, α doubles. Returns the α reached and the achieved level R reports (nil when
/// it reports the nominal one), or nil when the statistic is not finite at the extremes.
private func widenedAlpha(_ sorted: [Double], correct: Bool, options: SignedRankTestOptions) throws(StatisticsError)
    -> (alpha: Double, achieved: Double?, atMin: Double, atMax: Double)? {
    guard let atMin = asymptoticStatistic(sorted: sorted, shift: sorted.first!, correct: correct, alternative: options.alternative),
          let atMax = asymptoticStatistic(sorted: sorted, shift: sorted.last!, correct: correct, alternative: options.alternative)
    else { return nil }
    var a = 1 - options.confLevel
    for _ in 0..<64 {
        let widen: Bool
        switch options.alternative {
        case .twoSided:
            let upper = try upperNormalQuantile(a / 2), lower = try lowerNormalQuantile(a / 2)
            widen = atMin < upper || atMax > lower
        case .greater: widen = atMin < (try upperNormalQuantile(a))
        case .less: widen = atMax > (try lowerNormalQuantile(a / 2))  // R uses α/2 here
        }
        if widen && a < 1 { a *= 2 } else { break }
    }
    let achieved: Double? = (a >= 1 || 1 - options.confLevel < 0.75 * a) ? 1 - min(1, a) : nil
    return (a, achieved, atMin, atMax)
}

/// The critical values of the standardized statistic at level α: the test rejects above `high`
/// or below `low` (nil: that side never rejects).
private func criticalValues(_ alpha: Double, _ alternative: Alternative) throws(StatisticsError) -> (low: Double?, high: Double?) {
    switch alternative {
    case .twoSided: return (try lowerNormalQuantile(alpha / 2), try upperNormalQuantile(alpha / 2))
    case .greater: return (nil, try upperNormalQuantile(alpha))
    case .less: return (try lowerNormalQuantile(alpha), nil)
    }
}

/// The asymptotic interval by default: the set of shifts δ that the normal-approximation test of
/// x − δ (as ``asymptoticStatistic(sorted:shift:correct:alternative:)``, R's statistic) does not
/// reject, from its smallest to its largest element, after R's widening of α.
///
/// On the open segments between Walsh averages the statistic is monotone, so the first segment
/// not rejected has an end that is a Walsh average, returned exactly. There the statistic depends
/// only on how many averages lie at or below δ (``OpenSegmentStatistic``): the count where it
/// crosses the critical value is found by bisection over counts (arithmetic only), the average of
/// that rank selected (``WalshAverages/kth(_:)``), and the crossing confirmed by R's statistic
/// itself just below and at that average. Should the confirmation fail (a difference in the
/// last bit of the tie term, or averages on adjacent doubles), bisection on δ in the order of
/// doubles finds the same crossing, at most 64 steps. At a data point, where one difference is
/// zero and dropped, the statistic can jump back across the critical value: such points beyond
/// the segments are checked one by one (each distinct value once), as long as the statistic on
/// the neighbouring segment is within reach (the drop changes the centred rank sum by at most
/// 1.5n + 1). R's `uniroot` instead stops at a sign change it meets, which can be such an
/// isolated point or inside a rejected stretch (`--profile r` reproduces it).
///
/// Example (SciPy's `test_onesided` data, d = −12 −10 −9 −7 5 5 15 17 20 after dropping a zero,
/// uncorrected): the set at 95% is (−9.5, 15) — −9 itself is rejected though both sides are not —
/// and R's root-finding gives (−9.499981, 14.999931).
///
/// `byCounts: false` skips the count shortcut (the tests compare the two).
func asymptoticSetInterval(_ data: [Double], correct: Bool, options: SignedRankTestOptions,
                           byCounts: Bool = true) throws(StatisticsError) -> HodgesLehmannInterval {
    let sorted = data.sorted()
    let walsh = WalshAverages(sorted: sorted)
    let estimate = walsh.median()
    guard let widened = try widenedAlpha(sorted, correct: correct, options: options) else {
        return HodgesLehmannInterval(estimate: estimate, low: nil, high: nil, achieved: nil)
    }
    if widened.alpha >= 1 {
        let median = sortedQuantile(sorted, p: 0.5, type: .type7)
        return HodgesLehmannInterval(estimate: estimate, low: options.alternative == .less ? nil : median,
                                     high: options.alternative == .greater ? nil : median, achieved: widened.achieved)
    }
    let critical = try criticalValues(widened.alpha, options.alternative)
    let alternative = options.alternative
    func z(_ shift: Double) -> Double? { asymptoticStatistic(sorted: sorted, shift: shift, correct: correct, alternative: alternative) }
    /// The statistic on the open segment containing `shift`, or just right of it (left when
    /// `leftward`) when `shift` is a Walsh average.
    func open(_ shift: Double, leftward: Bool = false) -> Double {
        var point = shift
        for _ in 0..<4 where walsh.isAverage(point) { point = leftward ? point.nextDown : point.nextUp }
        return z(point) ?? 0
    }
    func accepted(_ value: Double?) -> Bool {
        guard let value else { return false }
        return (critical.low.map { value >= $0 } ?? true) && (critical.high.map { value <= $0 } ?? true)
    }
    let segments = OpenSegmentStatistic(sorted: sorted, correct: correct, alternative: alternative)
    // The bisection below ends at the smallest double where the statistic has crossed, and
    // returns the Walsh average nearest it when one lies within `tolerance` (see
    // ``WalshAverages/nearest(_:)``).
    let tolerance = 1e-12 * (sorted.map(abs).max() ?? 0)
    /// The bound the bisection on δ finds, by counts: with `crossed` non-decreasing along δ, the
    /// Walsh average W of the first count whose segment has crossed, when R's statistic confirms
    /// that it has crossed at W + h and not at W − h (h = tolerance/4) and no other average lies
    /// within 2·tolerance of W — then every double where the bisection can end lies in
    /// (W − h, W + h], and the average nearest each is W. Nil when not confirmed.
    func crossingByCounts(_ crossed: (Double) -> Bool) -> Double? {
        let h = tolerance / 4
        guard byCounts, h > 0, h.isFinite else { return nil }
        var lo = 0, hi = walsh.count  // the first crossed count is in (lo, hi]
        if crossed(segments.z(atMost: 0)) || !crossed(segments.z(atMost: hi)) { return nil }
        for _ in 0..<64 where hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if crossed(segments.z(atMost: mid)) { hi = mid } else { lo = mid }
        }
        guard hi - lo == 1 else { return nil }
        let average = walsh.kth(hi)
        let at = walsh.counts(average)
        guard walsh.counts(average - 2 * tolerance).atMost == at.below,
              walsh.counts(average + 2 * tolerance).atMost == at.atMost,
              crossed(open(average + h)), !crossed(open(average - h)) else { return nil }
        return average
    }
    let lowest = sorted.first!, highest = sorted.last!
    // The n-dependent reach of a dropped zero, in units of the statistic on open segments.
    let nd = Double(sorted.count)
    let openSD = (nd * (nd + 1) * (2 * nd + 1) / 24).squareRoot()
    let reach = (1.5 * nd + 2) / max(openSD * 0.5, 1e-300)
    var low: Double?, high: Double?
    if let limit = critical.high {
        // First open segment with z ≤ limit: its left end, the Walsh average at the jump.
        var lo = lowest, hi = highest
        if open(lo.nextDown) <= limit { hi = lo } else if let crossing = crossingByCounts({ $0 <= limit }) {
            hi = crossing
        } else {
            // Bisection on δ (in the order of doubles, at most 64 steps also where the jump is at 0).
            for _ in 0..<128 {
                let mid = midpointInOrder(lo, hi)
                if mid <= lo || mid >= hi { break }
                if open(mid) > limit { lo = mid } else { hi = mid }
            }
        }
        var bound = walsh.nearest(hi)
        // Isolated data points to the left that are not rejected (each distinct value once).
        var index = sorted.partitioningIndex { $0 >= bound } - 1
        while index >= 0 {
            let point = sorted[index]
            if open(point) - limit > reach { break }
            if accepted(z(point)) { bound = point }
            index = sorted.partitioningIndex { $0 >= point } - 1
        }
        low = bound
    }
    if let limit = critical.low {
        // Last open segment with z ≥ limit: its right end.
        var lo = lowest, hi = highest
        if open(hi) >= limit { lo = hi } else if let crossing = crossingByCounts({ $0 < limit }) {
            hi = crossing
        } else {
            for _ in 0..<128 {
                let mid = midpointInOrder(lo, hi)
                if mid <= lo || mid >= hi { break }
                if open(mid) >= limit { lo = mid } else { hi = mid }
            }
        }
        var bound = walsh.nearest(hi)
        var index = sorted.partitioningIndex { $0 > bound }
        while index < sorted.count {
            let point = sorted[index]
            if limit - open(point, leftward: true) > reach { break }
            if accepted(z(point)) { bound = point }
            index = sorted.partitioningIndex { $0 > point }
        }
        high = bound
    }
    return HodgesLehmannInterval(estimate: estimate, low: low, high: high, achieved: widened.achieved)
}

/// R's statistic W(δ) on the open segments between Walsh averages, from the number c of averages
/// at or below δ: there no x − δ is zero and |x − δ| tie only among equal x, so the positive rank
/// sum is the number of averages above δ, N − c (N = n(n+1)/2), the variance is
/// n(n+1)(2n+1)/24 − Σ(t³ − t)/48 over the groups of equal x, and W is non-increasing in c. The
/// same operations as ``asymptoticStatistic(sorted:shift:correct:alternative:)``, except that
/// the tie term is summed in the order of the data rather than of |x − δ| (it can differ in the
/// last bit when a group has more than 2¹⁷ equal values).
struct OpenSegmentStatistic {
    let n: Double
    let averages: Int
    let variance: Double
    let correct: Bool
    let alternative: Alternative

    init(sorted: [Double], correct: Bool, alternative: Alternative) {
        var tieTerm = 0.0
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end] == sorted[start] { end += 1 }
            let t = Double(end - start)
            tieTerm += t * t * t - t
            start = end
        }
        let nd = Double(sorted.count)
        n = nd
        averages = sorted.count * (sorted.count + 1) / 2
        variance = nd * (nd + 1) * (2 * nd + 1) / 24 - tieTerm / 48
        self.correct = correct
        self.alternative = alternative
    }

    /// W on the segments with `count` averages at or below δ (NaN when the variance vanishes).
    func z(atMost count: Int) -> Double {
        guard variance > 0 else { return .nan }
        let zd = Double(averages - count) - n * (n + 1) / 4
        return (zd - continuityCorrection(zd, correct: correct, alternative)) / variance.squareRoot()
    }
}

/// R's asymptotic interval and estimate (`--profile r` and `r-legacy`), as
/// `stats:::wilcox.test.default` computes them (R 4.2–4.7): after the widening of α, each bound is
/// `uniroot(W(δ) − z, c(min x, max x), tol = 1e-4)` — Brent's method (``brentRoot``) started from
/// the values at the data's extremes; the estimate is the same root-finding on the uncorrected
/// statistic (not the Walsh median). When the statistic is not finite at the extremes (every x
/// equal), the interval is not estimable and the estimate is the midrange.
func rAsymptoticInterval(_ data: [Double], correct: Bool, options: SignedRankTestOptions) throws(StatisticsError) -> HodgesLehmannInterval {
    let sorted = data.sorted()
    let lowest = sorted.first!, highest = sorted.last!
    guard let widened = try widenedAlpha(sorted, correct: correct, options: options) else {
        return HodgesLehmannInterval(estimate: (lowest + highest) / 2, low: nil, high: nil, achieved: nil)
    }
    func w(_ shift: Double, _ corrected: Bool) -> Double {
        asymptoticStatistic(sorted: sorted, shift: shift, correct: corrected, alternative: options.alternative) ?? .nan
    }
    func root(_ zq: Double, corrected: Bool, atMin: Double, atMax: Double) -> Double {
        brentRoot(lower: lowest, upper: highest, fLower: atMin - zq, fUpper: atMax - zq, tolerance: 1e-4) { w($0, corrected) - zq }
    }
    let a = widened.alpha
    var low: Double?, high: Double?
    if a >= 1 {
        let median = sortedQuantile(sorted, p: 0.5, type: .type7)
        low = options.alternative == .less ? nil : median
        high = options.alternative == .greater ? nil : median
    } else {
        switch options.alternative {
        case .twoSided:
            low = root(try upperNormalQuantile(a / 2), corrected: correct, atMin: widened.atMin, atMax: widened.atMax)
            high = root(try lowerNormalQuantile(a / 2), corrected: correct, atMin: widened.atMin, atMax: widened.atMax)
        case .greater:
            low = root(try upperNormalQuantile(a), corrected: correct, atMin: widened.atMin, atMax: widened.atMax)
        case .less:
            high = root(try lowerNormalQuantile(a), corrected: correct, atMin: widened.atMin, atMax: widened.atMax)
        }
    }
    let estimate = root(0, corrected: false, atMin: w(lowest, false), atMax: w(highest, false))
    return HodgesLehmannInterval(estimate: estimate, low: low, high: high, achieved: widened.achieved)
}

/// A root of f in [lower, upper] by Brent's method (R's `uniroot`, which calls the C routine
/// `R_zeroin2` with the function values at the ends given, `maxiter` 1000): the same steps —
/// bisection, secant or inverse quadratic interpolation, the step at least the tolerance
/// 2ε|b| + tol/2 — so that the same function gives the same root to the last bit. An end point
/// where f is 0 is returned at once.
///
/// **Reference:** R. P. Brent (1973), *Algorithms for Minimization without Derivatives*,
/// Prentice-Hall, ch. 4 (procedure *zero*).
func brentRoot(lower: Double, upper: Double, fLower: Double, fUpper: Double, tolerance: Double,
               maxIterations: Int = 1000, _ f: (Double) -> Double) -> Double {
    var a = lower, b = upper, fa = fLower, fb = fUpper
    var c = a, fc = fa
    if fa == 0 { return a }
    if fb == 0 { return b }
    for _ in 0...maxIterations {
        let previousStep = b - a
        if abs(fc) < abs(fb) {
            (a, b, c) = (b, c, b)
            (fa, fb, fc) = (fb, fc, fb)
        }
        let tolerance = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
        var step = (c - b) / 2
        if abs(step) <= tolerance || fb == 0 { return b }
        if abs(previousStep) >= tolerance && abs(fa) > abs(fb) {
            var p: Double, q: Double
            let cb = c - b
            if a == c {
                let t1 = fb / fa  // secant
                p = cb * t1
                q = 1 - t1
            } else {
                let qa = fa / fc, t1 = fb / fc, t2 = fb / fa  // inverse quadratic
                p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1))
                q = (qa - 1) * (t1 - 1) * (t2 - 1)
            }
            if p > 0 { q = -q } else { p = -p }
            if p < 0.75 * cb * q - abs(tolerance * q) / 2 && p < abs(previousStep * q / 2) { step = p / q }
        }
        if abs(step) < tolerance { step = step > 0 ? tolerance : -tolerance }
        a = b
        fa = fb
        b += step
        fb = f(b)
        if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
            c = a
            fc = fa
        }
    }
    return b
}
