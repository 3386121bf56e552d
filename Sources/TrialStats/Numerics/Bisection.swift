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

/// The double halfway between `lo` and `hi` in the order of representable doubles (not in value):
/// bisection with it reaches two adjacent doubles in at most 64 steps wherever the crossing lies,
/// where halving the value needs about 1,075 steps to close in on a crossing at 0 (each halving
/// only halves the exponent's distance to the denormals). `lo < hi`, both finite; returns `lo`
/// or `hi` only when they are adjacent.
func midpointInOrder(_ lo: Double, _ hi: Double) -> Double {
    let a = orderedKey(lo), b = orderedKey(hi)
    return doubleFromOrderedKey(a + (b - a) / 2)
}

/// A key that orders finite doubles as their values (−0 just below +0); adjacent keys are
/// adjacent doubles.
@inline(__always)
func orderedKey(_ x: Double) -> UInt64 {
    x.sign == .minus ? ~x.bitPattern : x.bitPattern | (1 << 63)
}

/// The double of an ``orderedKey(_:)``.
@inline(__always)
func doubleFromOrderedKey(_ key: UInt64) -> Double {
    key & (1 << 63) != 0 ? Double(bitPattern: key & ~(1 << 63)) : Double(bitPattern: ~key)
}
