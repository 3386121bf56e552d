import Foundation

/// The n₁n₂ differences xᵢ − yⱼ, never materialised: order statistics by bisection on the value
/// with O(n₁ + n₂) counting, so 10⁴ + 10⁴ observations (10⁸ differences) need no more memory than
/// the data.
struct PairwiseDifferences: Sendable {
    let x: [Double]  // ascending
    let y: [Double]  // ascending
    var count: Int { x.count * y.count }

    init(_ x: [Double], _ y: [Double]) {
        self.x = x.sorted()
        self.y = y.sorted()
    }

    /// Number of differences ≤ t.
    func countAtMost(_ t: Double) -> Int {
        // For ascending x, the y's with x − y ≤ t are those with y ≥ x − t: a pointer that only moves right.
        var j = 0, total = 0
        for xi in x {
            while j < y.count && xi - y[j] > t { j += 1 }
            total += y.count - j
        }
        return total
    }

    /// The smallest difference strictly greater than t (nil if none).
    func smallestAbove(_ t: Double) -> Double? {
        var best: Double?
        var j = y.count - 1
        // Descending x: the largest y with xi − y > t only moves left.
        for xi in x.reversed() {
            // Largest y with xi − y > t gives the smallest such difference for this xi.
            while j >= 0 && !(xi - y[j] > t) { j -= 1 }
            if j >= 0 { best = min(best ?? .infinity, xi - y[j]) }
        }
        return best
    }

    /// The k-th smallest difference, 1 ≤ k ≤ count.
    func kth(_ k: Int) -> Double {
        var lo = x.first! - y.last!  // count(≤ lo) ≥ 1
        var hi = x.last! - y.first!  // count(≤ hi) = all
        if countAtMost(lo) >= k { return lo }
        // Invariant: count(≤ lo) < k ≤ count(≤ hi).
        for _ in 0..<200 {
            let mid = lo + (hi - lo) / 2
            if mid <= lo || mid >= hi { break }
            if countAtMost(mid) >= k { hi = mid } else { lo = mid }
        }
        return smallestAbove(lo) ?? hi
    }

    /// The median of the differences (R `median(outer(x, y, "-"))`).
    func median() -> Double {
        let m = count
        return m % 2 == 1 ? kth((m + 1) / 2) : (kth(m / 2) + kth(m / 2 + 1)) / 2
    }
}

/// Hodges–Lehmann estimate of the shift of x relative to y and its interval, with the method the
/// interval used: the method of the p-value (`exact`, or `exactConditional` under ties:
/// ``conditionalTwoSampleInterval(_:_:alternative:confLevel:)``) where affordable, else the
/// normal approximation; see ``rankSumTest(_:_:options:)``.
func twoSampleHodgesLehmann(_ x: [Double], _ y: [Double], method: RankSumMethodUsed, correct: Bool,
                            options: RankSumOptions) throws(ComparisonError) -> (interval: HodgesLehmannInterval, method: RankSumMethodUsed) {
    if method == .exactConditional,
       let interval = conditionalTwoSampleInterval(x, y, alternative: options.alternative, confLevel: options.confLevel) {
        return (interval, .exactConditional)
    }
    let interval = try unconditionalTwoSampleHodgesLehmann(x, y, exact: method == .exact, correct: correct, options: options)
    return (interval, method == .exact && interval.achieved != nil ? .exact : .normal)
}

/// The exact interval without ties (R's construction) when `exact` and affordable, else the
/// asymptotic one (its `achieved` is nil).
func unconditionalTwoSampleHodgesLehmann(_ x: [Double], _ y: [Double], exact: Bool, correct: Bool,
                                         options: RankSumOptions) throws(ComparisonError) -> HodgesLehmannInterval {
    let diffs = PairwiseDifferences(x, y)
    let estimate = diffs.median()
    let alpha = 1 - options.confLevel
    let m = diffs.count
    let n1 = x.count, n2 = y.count
    let distribution = RankSumDistribution(scores: (1...(n1 + n2)).map { 2 * $0 }, n1: n1)
    // The exact interval needs the lower tail up to about the α/2 quantile: by the dynamic
    // programme, or some twenty tails from the characteristic function; beyond both limits the
    // asymptotic interval (as R's for n ≥ 50).
    let exactAffordable = !exact ? false
        : distribution.work(lowerTailUpTo: distribution.range.min + m) <= RankSumOptions.exactWorkLimit
        || 20 * distribution.fourier.work(lowerTailUpTo: distribution.range.min + m) <= RankSumOptions.fourierWorkLimit
    if exactAffordable {
        let tail = options.alternative == .twoSided ? alpha / 2 : alpha
        // P(W ≤ w) at index 2w (doubled sums of even scores): the whole lower half by the dynamic
        // programme when affordable, else each value asked for from the characteristic function.
        let dpWork = distribution.work(lowerTailUpTo: distribution.range.min + m)
        let cumulative = dpWork <= RankSumOptions.exactWorkLimit ? distribution.cumulative(upTo: distribution.range.min + m) : []
        func cdf(_ w: Int) -> Double {
            if w < 0 { return 0 }
            if dpWork <= RankSumOptions.exactWorkLimit { return 2 * w < cumulative.count ? cumulative[2 * w] : 1 }
            return distribution.fourier.lowerTail(distribution.range.min + 2 * w) ?? .nan
        }
        // The q-th smallest and largest differences bound the interval; its level is what the
        // tails below them leave.
        func interval(q: Int) -> HodgesLehmannInterval {
            let below = cdf(q - 1)
            let achieved = 1 - (options.alternative == .twoSided ? 2 * below : below)
            switch options.alternative {
            case .twoSided: return HodgesLehmannInterval(estimate: estimate, low: diffs.kth(q), high: diffs.kth(m - q + 1), achieved: achieved)
            case .greater: return HodgesLehmannInterval(estimate: estimate, low: diffs.kth(q), high: nil, achieved: achieved)
            case .less: return HodgesLehmannInterval(estimate: estimate, low: nil, high: diffs.kth(m - q + 1), achieved: achieved)
            }
        }
        if dpWork > RankSumOptions.exactWorkLimit {
            // Smallest q with cdf(q) ≥ tail − 10ε, by bisection (cdf rises with q).
            var lo = 0, hi = m / 2 + 1
            while lo < hi {
                let mid = (lo + hi) / 2
                let c = cdf(mid)
                guard !c.isNaN else { throw ComparisonError.tooCostly(test: "exact Hodges–Lehmann interval", limit: RankSumOptions.exactLimitDescription) }
                if c < tail - 10 * Double.ulpOfOne { lo = mid + 1 } else { hi = mid }
            }
            return interval(q: max(lo, 1))
        }
        var q = 0
        while q < m && cdf(q) < tail - 10 * Double.ulpOfOne { q += 1 }
        return interval(q: max(q, 1))
    }
    // Asymptotic (R): the shift where (W(d) − n₁n₂/2 − c)/σ − z crosses zero, W(d) = #(xᵢ − yⱼ > d)
    // between jumps; σ from the within-sample ties (no cross ties between jumps).
    let pooledTies = tieSizes(doubledMidranks(x)).reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
        + tieSizes(doubledMidranks(y)).reduce(0.0) { $0 + Double($1 * $1 * $1 - $1) }
    let nd = Double(n1 + n2)
    let variance = Double(n1) * Double(n2) / 12 * ((nd + 1) - pooledTies / (nd * (nd - 1)))
    guard variance > 0 else { return HodgesLehmannInterval(estimate: estimate, low: nil, high: nil, achieved: nil) }
    let sigma = variance.squareRoot()
    let half = Double(m) / 2
    // F(k): the statistic on the interval just above the k-th smallest difference, W = m − k.
    func f(_ k: Int, _ zq: Double) -> Double {
        let dz = Double(m - k) - half
        return (dz - continuityCorrection(dz, correct: correct, options.alternative)) / sigma - zq
    }
    func root(_ zq: Double) -> Double {
        // Smallest k in 0…m with F(k) ≤ 0 (F falls with k).
        var lo = 0, hi = m
        if f(0, zq) <= 0 { return diffs.kth(1) }
        if f(m, zq) > 0 { return diffs.kth(m) }
        while lo < hi {
            let mid = (lo + hi) / 2
            if f(mid, zq) <= 0 { hi = mid } else { lo = mid + 1 }
        }
        let at = diffs.kth(lo)
        if f(lo, zq) == 0, lo < m { return (at + diffs.kth(lo + 1)) / 2 }
        return at
    }
    do {
        switch options.alternative {
        case .twoSided:
            return HodgesLehmannInterval(estimate: estimate, low: root(-(try GSL.normalQuantile(alpha / 2))),
                                         high: root(try GSL.normalQuantile(alpha / 2)), achieved: nil)
        case .greater:
            return HodgesLehmannInterval(estimate: estimate, low: root(-(try GSL.normalQuantile(alpha))), high: nil, achieved: nil)
        case .less:
            return HodgesLehmannInterval(estimate: estimate, low: nil, high: root(try GSL.normalQuantile(alpha)), achieved: nil)
        }
    } catch { throw ComparisonError.invalid(error) }
}
