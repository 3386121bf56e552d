/// 10^k for an integer k: the one decimal-scaling helper of the library (printed numbers, rounding
/// rules, scale grids, decimal data in exact integer units).
///
/// Exact for 0 ≤ k ≤ 22 (every such power is a `Double`); for −22 ≤ k < 0 the correctly rounded
/// 1/10^|k|, so `pow10(-5)` is the same `Double` as the literal `1e-5` (dividing by 10 five times
/// is not). Beyond ±22, repeated multiplication or division (overflowing to infinity or
/// underflowing to 0 far out).
func pow10(_ k: Int) -> Double {
    if k >= 0 {
        var result = 1.0
        for _ in 0..<k { result *= 10 }
        return result
    }
    if k >= -22 { return 1 / pow10(-k) }
    var result = 1 / pow10(22)
    for _ in 0..<(-k - 22) { result /= 10 }
    return result
}

/// The number of decimal places in the shortest round-trip decimal form of x
/// (0.125 → 3, 1e-05 → 5, 63.0 → 0, 2.5e-07 → 8).
func decimalPlaces(_ x: Double) -> Int {
    max(0, -DecimalInteger.Decimal(x).exponent)
}
