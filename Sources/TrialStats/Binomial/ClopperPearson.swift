/// Clopper–Pearson bounds: the exact central interval.
///
/// Lower L = B(α/2; x, n − x + 1) and upper U = B(1 − α/2; x + 1, n − x), where B(q; a, b) is
/// the q-quantile of the Beta(a, b) distribution (equivalently, the p at which
/// P(X ≥ x) = α/2 and P(X ≤ x) = α/2). L = 0 when x = 0 and U = 1 when x = n. A one-sided bound
/// uses α in place of α/2. The upper bound is computed from the upper-tail inverse so that it
/// keeps full precision when it is close to 1.
///
/// **Matches** R `binom.test(x, n, conf.level = , alternative = )$conf.int` to 1e-10 relative.
///
/// **Reference:** C. J. Clopper and E. S. Pearson (1934), "The use of confidence or fiducial
/// limits illustrated in the case of the binomial", *Biometrika* 26(4):404–413.
func clopperPearsonBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    let tail = tailProbability(confLevel, alternative)
    let lower = x == 0 ? 0 : try GSL.betaQuantile(tail, Double(x), Double(n - x + 1))
    let upper = x == n ? 1 : try GSL.betaUpperQuantile(tail, Double(x + 1), Double(n - x))
    return sided(lower, upper, alternative)
}
