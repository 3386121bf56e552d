/// Finds where a monotone function on [0, 1] crosses a target, by bisection.
///
/// `rootIsAbove(p)` says whether the crossing lies above p. While the bracket spans more than a
/// factor of 2 the midpoint is geometric, so roots as small as 1e-300 are found to full relative
/// precision; then it is arithmetic, down to a relative width of 1e-16. Bisection cannot fail to
/// converge, which is why the library uses it as the fallback (and for functions, such as mid-p
/// tails, that have no closed-form inverse).
func bisectUnitInterval(_ rootIsAbove: (Double) throws(StatisticsError) -> Bool) throws(StatisticsError) -> Double {
    try bisect(from: 0, to: 1, rootIsAbove)
}

/// Bisection for a crossing in [lo, hi] with 0 ≤ lo < hi; see ``bisectUnitInterval(_:)``.
func bisect(from lower: Double, to upper: Double, _ rootIsAbove: (Double) throws(StatisticsError) -> Bool) throws(StatisticsError) -> Double {
    var lo = lower
    var hi = upper
    for _ in 0..<5000 {
        let mid: Double
        if lo == 0 {
            mid = hi > 1e-300 ? hi / 16 : hi / 2
        } else if hi / lo > 2 {
            mid = (lo * hi).squareRoot()
        } else {
            mid = lo + (hi - lo) / 2
        }
        if mid <= lo || mid >= hi { break }
        if try rootIsAbove(mid) { lo = mid } else { hi = mid }
        if lo > 0, hi - lo <= 1e-16 * hi { break }
        if hi < Double.leastNormalMagnitude { break }
    }
    return lo == 0 ? hi : lo + (hi - lo) / 2
}
