/// Equal-tailed Jeffreys bounds: quantiles of the Beta(x + ½, n − x + ½) posterior under the
/// Jeffreys prior Beta(½, ½).
///
/// Lower = B(α/2; x + ½, n − x + ½), upper = B(1 − α/2; x + ½, n − x + ½) (α for a one-sided
/// bound). Boundary rule of Brown, Cai & DasGupta (2001, §4.1.2): the lower bound is 0 when
/// x = 0 and the upper bound is 1 when x = n (otherwise the interval would exclude the
/// estimate 0 or 1).
///
/// **Matches** R `qbeta(c(a/2, 1 - a/2), x + 0.5, n - x + 0.5)` with that boundary rule
/// (`Fixtures/reference/binomial.R`).
///
/// **Reference:** L. D. Brown, T. T. Cai and A. DasGupta (2001), "Interval estimation for a
/// binomial proportion", *Statistical Science* 16(2):101–133.
func jeffreysBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    let tail = tailProbability(confLevel, alternative)
    let a = Double(x) + 0.5, b = Double(n - x) + 0.5
    let lower = x == 0 ? 0 : try GSL.betaQuantile(tail, a, b)
    let upper = x == n ? 1 : try GSL.betaUpperQuantile(tail, a, b)
    return sided(lower, upper, alternative)
}
