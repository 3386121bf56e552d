/// Exact mid-p bounds: the Clopper–Pearson construction with half the probability of the
/// observed count.
///
/// Lower bound (x > 0): the p with P(X > x) + ½ P(X = x) = α/2; upper bound (x < n): the p with
/// P(X < x) + ½ P(X = x) = α/2 (α for a one-sided bound); 0 when x = 0 and 1 when x = n. In beta
/// form the lower equation is ½[I_p(x, n − x + 1) + I_p(x + 1, n − x)] = α/2, monotone in p,
/// solved by bisection to 1e-16 relative (no closed form exists).
///
/// **Matches** the reference script `Fixtures/reference/binomial.R`, which solves the same
/// equations independently in R (Newcombe's 1998 definition, method 3).
///
/// **References:** H. O. Lancaster (1961), "Significance tests in discrete distributions",
/// *JASA* 56:223–234. R. G. Newcombe (1998), *Statistics in Medicine* 17:857–872, method 3.
func midPBounds(_ x: Int, _ n: Int, _ confLevel: Double, _ alternative: Alternative) throws(StatisticsError) -> (Double, Double) {
    let tail = tailProbability(confLevel, alternative)
    let xd = Double(x), nd = Double(n)
    var lower = 0.0, upper = 1.0
    if x > 0 {
        // f(p) = P(X > x) + ½P(X = x) rises with p.
        lower = try bisectUnitInterval { (p: Double) throws(StatisticsError) -> Bool in
            let atLeast = try GSL.betaCDF(p, xd, nd - xd + 1)
            let above = x < n ? try GSL.betaCDF(p, xd + 1, nd - xd) : 0
            return (atLeast + above) / 2 < tail
        }
    }
    if x < n {
        // g(p) = P(X < x) + ½P(X = x) falls as p rises.
        upper = try bisectUnitInterval { (p: Double) throws(StatisticsError) -> Bool in
            let atMost = try GSL.betaSurvival(p, xd + 1, nd - xd)
            let below = x > 0 ? try GSL.betaSurvival(p, xd, nd - xd + 1) : 0
            return (atMost + below) / 2 > tail
        }
    }
    return sided(lower, upper, alternative)
}
