/// Wald bounds p̂ ∓ z √(p̂(1 − p̂)/n), truncated to [0, 1].
///
/// Provided to reproduce papers that use it; **not recommended**: its coverage is erratic and far
/// below nominal for small n or p̂ near 0 or 1, and it collapses to [0, 0] at x = 0 (Brown, Cai &
/// DasGupta 2001).
///
/// **Matches** the same formula computed with R `qnorm` in `Fixtures/reference/binomial.R`.
///
/// **Reference:** L. D. Brown, T. T. Cai and A. DasGupta (2001), *Statistical Science* 16:101–133.
func waldBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    let z = try criticalZ(confLevel, alternative)
    let estimate = Double(x) / Double(n)
    let half = z * (estimate * (1 - estimate) / Double(n)).squareRoot()
    return sided(max(0, estimate - half), min(1, estimate + half), alternative)
}
