/// Blaker's exact bounds: the interval that inverts the acceptability function.
///
/// For a candidate p, the acceptability of x is a(x, p) = P(γ(X) ≤ γ(x)) with
/// γ(k) = min(P(X ≥ k), P(X ≤ k)), X ~ Binomial(n, p): the observed tail plus the largest opposite
/// tail that is no more probable. The interval is {p : a(x, p) ≥ α} (here its hull: its infimum
/// and supremum). It is exact (coverage ≥ level), never longer than Clopper–Pearson, and nested
/// (wider at a higher level). Blaker's construction is two-sided; a one-sided request returns the
/// one-sided Clopper–Pearson bound, which is the unique exact one-sided bound.
///
/// **Computation.** For p below x/n, a(x, p) = P(X ≥ x) + P(X ≤ k*(p)), where k*(p) is the largest
/// k with P(X ≤ k) ≤ P(X ≥ x). Between the points where k* steps up, a is first decreasing and then
/// increasing in p (the ratio of the two binomial densities in its derivative is monotone), so on
/// each such segment the accepted set is one piece at each end. The lower bound is found exactly by
/// walking the segments up from the Clopper–Pearson bound (where a ≤ α) and bisecting where a
/// first reaches α; the upper bound is the mirror image, U(x, n) = 1 − L(n − x, n). Blaker's own
/// S code instead steps inward from Clopper–Pearson in increments of 1e-4, which is only accurate
/// to that step.
///
/// **Matches** `BlakerCI::binom.blaker.limits` (its documented examples 3/10 and 29/99 are
/// reproduced in the tests) and the independent implementation in `Fixtures/reference/binomial.R`.
///
/// **Reference:** H. Blaker (2000), "Confidence curves and improved exact confidence intervals
/// for discrete distributions", *Canadian Journal of Statistics* 28(4):783–798.
func blakerBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    guard alternative == .twoSided else { return try clopperPearsonBounds(x, n, confLevel, alternative) }
    let alpha = 1 - confLevel
    let lower = x == 0 ? 0 : try blakerLowerBound(x, n, alpha)
    let upper = x == n ? 1 : 1 - (try blakerLowerBound(n - x, n, alpha))
    return (lower, upper)
}

/// Blaker's acceptability a(x, p), both tails considered (the smaller of the two sums, as in
/// Blaker's paper), capped at 1.
func blakerAcceptability(_ x: Int, _ n: Int, _ p: Double) throws(StatisticsError) -> Double {
    let upperTail = x == 0 ? 1 : try GSL.betaCDF(p, Double(x), Double(n - x + 1))  // P(X ≥ x)
    let lowerTail = x == n ? 1 : try GSL.betaSurvival(p, Double(x + 1), Double(n - x))  // P(X ≤ x)
    let k = try largestLowerTailIndex(n, p, atMost: upperTail, below: x)
    let a1 = upperTail + (k >= 0 ? try GSL.binomialCDF(k, n: n, p: p) : 0)
    let m = try smallestUpperTailIndex(n, p, atMost: lowerTail, above: x)
    let a2 = lowerTail + (m <= n ? try GSL.binomialSurvival(m - 1, n: n, p: p) : 0)
    return min(1, a1, a2)
}

/// The largest k < `below` with P(X ≤ k) ≤ t, or −1 when there is none.
private func largestLowerTailIndex(_ n: Int, _ p: Double, atMost t: Double, below x: Int) throws(StatisticsError) -> Int {
    var lo = -1, hi = x - 1
    while lo < hi {
        let mid = (lo + hi + 1) / 2
        if try GSL.binomialCDF(mid, n: n, p: p) <= t { lo = mid } else { hi = mid - 1 }
    }
    return lo
}

/// The smallest m > `above` with P(X ≥ m) ≤ t, or n + 1 when there is none.
private func smallestUpperTailIndex(_ n: Int, _ p: Double, atMost t: Double, above x: Int) throws(StatisticsError) -> Int {
    var lo = x + 1, hi = n + 1
    while lo < hi {
        let mid = (lo + hi) / 2
        if try GSL.binomialSurvival(mid - 1, n: n, p: p) <= t { hi = mid } else { lo = mid + 1 }
    }
    return lo
}

/// The infimum of {p ≤ x/n : a(x, p) ≥ α} for x ≥ 1, by the segment walk described on
/// ``blakerBounds(_:_:_:_:)``.
private func blakerLowerBound(_ x: Int, _ n: Int, _ alpha: Double) throws(StatisticsError) -> Double {
    let xd = Double(x), nd = Double(n)
    let estimate = xd / nd
    func upperTail(_ p: Double) throws(StatisticsError) -> Double { try GSL.betaCDF(p, xd, nd - xd + 1) }
    // a on a segment where k* = k: the observed upper tail plus P(X ≤ k).
    func segmentAcceptability(_ p: Double, _ k: Int) throws(StatisticsError) -> Double {
        let tail = try upperTail(p)
        return tail + (k >= 0 ? try GSL.binomialCDF(k, n: n, p: p) : 0)
    }
    var start = try GSL.betaQuantile(alpha / 2, xd, nd - xd + 1)  // Clopper–Pearson: a ≤ α here
    var k = try largestLowerTailIndex(n, start, atMost: try upperTail(start), below: x)
    while start < estimate {
        if try segmentAcceptability(start, k) >= alpha { return start }
        // The segment ends where P(X ≤ k + 1) falls to P(X ≥ x), and k* steps up.
        var end = estimate
        if k + 1 <= x - 1 {
            let next = k + 1
            let crossing = try bisect(from: start, to: estimate) { (p: Double) throws(StatisticsError) -> Bool in
                let tail = try upperTail(p)
                return try GSL.binomialCDF(next, n: n, p: p) > tail
            }
            end = min(crossing, estimate)
        }
        if try segmentAcceptability(end, k) >= alpha {
            // a rises through α on this segment's increasing part.
            let kk = k
            return try bisect(from: start, to: end) { (p: Double) throws(StatisticsError) -> Bool in
                try segmentAcceptability(p, kk) < alpha
            }
        }
        if end >= estimate { break }
        start = end
        k += 1
    }
    return estimate
}
