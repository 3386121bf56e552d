/// Wilson score bounds, with or without continuity correction.
///
/// With p̂ = x/n and z the normal quantile (z₁₋α/₂ two-sided, z₁₋α one-sided), each bound solves
/// |p̂c − p| = z √(p(1 − p)/n), where p̂c = p̂ for the plain interval and p̂ ∓ 1/(2n) for the
/// continuity-corrected one:
/// bound = (p̂c + z²/(2n) ∓ z √(p̂c(1 − p̂c)/n + z²/(4n²))) / (1 + z²/n).
/// With the correction, the lower bound is 0 when p̂ − 1/(2n) ≤ 0 (x = 0) and the upper bound
/// 1 when p̂ + 1/(2n) ≥ 1 (x = n) — Newcombe's (1998) method 4.
///
/// **Matches** R `prop.test(x, n, correct = FALSE)$conf.int` exactly, and
/// `prop.test(x, n, correct = TRUE)$conf.int` except when |x − n·p| < ½ for prop.test's null
/// value p (default ½, so x = n/2): there prop.test shrinks the correction to |x − n·p|, making
/// its interval depend on the null hypothesis (for 5/10 it returns the uncorrected interval);
/// TrialStats keeps the full correction, as Newcombe defines it.
///
/// **References:** E. B. Wilson (1927), "Probable inference, the law of succession, and
/// statistical inference", *JASA* 22:209–212. R. G. Newcombe (1998), "Two-sided confidence
/// intervals for the single proportion: comparison of seven methods", *Statistics in Medicine*
/// 17:857–872.
func wilsonBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative, continuityCorrection: Bool) throws(StatisticsError) -> (Double, Double) {
    let z = try criticalZ(confLevel, alternative)
    let nd = Double(n)
    let estimate = Double(x) / nd
    let correction = continuityCorrection ? 0.5 / nd : 0
    let z22n = z * z / (2 * nd)
    func bound(_ center: Double, _ sign: Double) -> Double {
        (center + z22n + sign * z * (center * (1 - center) / nd + z22n / (2 * nd)).squareRoot()) / (1 + 2 * z22n)
    }
    let lowCenter = estimate - correction
    let highCenter = estimate + correction
    let lower = lowCenter <= 0 ? 0 : bound(lowCenter, -1)
    let upper = highCenter >= 1 ? 1 : bound(highCenter, 1)
    return sided(lower, upper, alternative)
}
