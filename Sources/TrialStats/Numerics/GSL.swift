import CGSL

/// The one place where TrialStats calls the GNU Scientific Library.
///
/// Every other file of the library calls these wrappers, never GSL itself, so no C pointer or
/// GSL type leaves this file. GSL's default error handler aborts the process; it is switched
/// off before the first call, and every result is checked: a NaN, an infinity where none is
/// possible, or an inverse that does not reproduce its argument becomes a
/// ``StatisticsError/numeric(_:)`` error or
/// falls back to a method of our own (bisection on the distribution function), which the tests
/// exercise directly.
enum GSL {
    /// Switched off exactly once, before any GSL function runs (a `static let` initialiser is
    /// run once and thread-safely).
    private static let handlerOff: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    @inline(__always)
    private static func ready() {
        precondition(handlerOff)
    }

    @inline(__always)
    private static func checked(_ value: Double, _ function: String, _ arguments: [Double]) throws(StatisticsError) -> Double {
        guard value.isFinite else { throw StatisticsError.numeric(.notFinite(function: function, arguments: arguments)) }
        return value
    }

    // MARK: Normal

    /// Φ(x), the standard normal distribution function.
    static func normalCDF(_ x: Double) -> Double {
        ready()
        return gsl_cdf_ugaussian_P(x)
    }

    /// 1 − Φ(x), computed without cancellation.
    static func normalSurvival(_ x: Double) -> Double {
        ready()
        return gsl_cdf_ugaussian_Q(x)
    }

    /// Φ⁻¹(p) for 0 < p < 1 (Wichura's AS 241 in GSL).
    static func normalQuantile(_ p: Double) throws(StatisticsError) -> Double {
        ready()
        guard p > 0, p < 1 else { throw StatisticsError.numeric(.outOfDomain(function: "normalQuantile", arguments: [p])) }
        return try checked(gsl_cdf_ugaussian_Pinv(p), "normalQuantile", [p])
    }

    // MARK: Student t and chi-square

    /// P(T ≤ t) for Student's t with `df` degrees of freedom.
    static func tCDF(_ t: Double, df: Double) throws(StatisticsError) -> Double {
        ready()
        return try checked(gsl_cdf_tdist_P(t, df), "tCDF", [t, df])
    }

    /// P(T > t) for Student's t with `df` degrees of freedom.
    static func tSurvival(_ t: Double, df: Double) throws(StatisticsError) -> Double {
        ready()
        return try checked(gsl_cdf_tdist_Q(t, df), "tSurvival", [t, df])
    }

    /// P(X > x) for chi-square with `df` degrees of freedom.
    static func chiSquaredSurvival(_ x: Double, df: Double) throws(StatisticsError) -> Double {
        ready()
        return try checked(gsl_cdf_chisq_Q(x, df), "chiSquaredSurvival", [x, df])
    }

    // MARK: Beta

    /// I_x(a, b), the regularized incomplete beta function (the Beta(a, b) distribution function).
    static func betaCDF(_ x: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        ready()
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return try checked(gsl_cdf_beta_P(x, a, b), "betaCDF", [x, a, b])
    }

    /// 1 − I_x(a, b), computed directly for accuracy in the upper tail.
    static func betaSurvival(_ x: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        ready()
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return try checked(gsl_cdf_beta_Q(x, a, b), "betaSurvival", [x, a, b])
    }

    /// The x with I_x(a, b) = p: GSL's inverse, verified, else ``bisectBeta(target:a:b:upper:)``.
    static func betaQuantile(_ p: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        ready()
        guard a > 0, b > 0, p >= 0, p <= 1 else {
            throw StatisticsError.numeric(.outOfDomain(function: "betaQuantile", arguments: [p, a, b]))
        }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        let x = gsl_cdf_beta_Pinv(p, a, b)
        if try verifiesBetaRoot(x, target: p, a, b, upper: false) { return x }
        return try bisectBeta(target: p, a: a, b: b, upper: false)
    }

    /// The x with 1 − I_x(a, b) = q, accurate when q is tiny: GSL's inverse, verified, else bisection.
    static func betaUpperQuantile(_ q: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        ready()
        guard a > 0, b > 0, q >= 0, q <= 1 else {
            throw StatisticsError.numeric(.outOfDomain(function: "betaUpperQuantile", arguments: [q, a, b]))
        }
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        let x = gsl_cdf_beta_Qinv(q, a, b)
        if try verifiesBetaRoot(x, target: q, a, b, upper: true) { return x }
        return try bisectBeta(target: q, a: a, b: b, upper: true)
    }

    /// Relative width within which GSL's beta root is accepted.
    static let betaRootTolerance = 1e-13

    /// Whether `x` lies within ``betaRootTolerance`` (relative) of the root: the distribution
    /// function must bracket the target between x(1 − tol) and x(1 + tol).
    private static func verifiesBetaRoot(_ x: Double, target: Double, _ a: Double, _ b: Double, upper: Bool) throws(StatisticsError) -> Bool {
        guard x.isFinite, x >= 0, x <= 1 else { return false }
        let below = x * (1 - betaRootTolerance)
        let above = min(1, x * (1 + betaRootTolerance))
        if upper {
            // The survival function falls as x rises.
            let atBelow = try betaSurvival(below, a, b)
            let atAbove = try betaSurvival(above, a, b)
            return atBelow >= target && atAbove <= target
        }
        let atBelow = try betaCDF(below, a, b)
        let atAbove = try betaCDF(above, a, b)
        return atBelow <= target && atAbove >= target
    }

    /// Solves I_x(a, b) = target (or 1 − I_x(a, b) = target when `upper`) by bisection on the
    /// distribution function (``bisectUnitInterval(_:)``). Used when GSL's inverse fails its check.
    static func bisectBeta(target: Double, a: Double, b: Double, upper: Bool) throws(StatisticsError) -> Double {
        let x = try bisectUnitInterval { (x: Double) throws(StatisticsError) -> Bool in
            if upper { return try betaSurvival(x, a, b) > target }
            return try betaCDF(x, a, b) < target
        }
        return try checked(x, "bisectBeta", [target, a, b])
    }

    // MARK: Binomial
    //
    // GSL's binomial functions lose relative accuracy for large n (see BinomialProbability.swift,
    // which measures it); these entry points keep the library's call sites in one place and
    // delegate to the accurate implementation.

    /// P(X = k) for X ~ Binomial(n, p).
    static func binomialPMF(_ k: Int, n: Int, p: Double) throws(StatisticsError) -> Double {
        try checked(BinomialProbability.pmf(k, n: n, p: p), "binomialPMF", [Double(k), Double(n), p])
    }

    /// P(X ≤ k) for X ~ Binomial(n, p).
    static func binomialCDF(_ k: Int, n: Int, p: Double) throws(StatisticsError) -> Double {
        try checked(BinomialProbability.cdf(k, n: n, p: p), "binomialCDF", [Double(k), Double(n), p])
    }

    /// P(X > k) for X ~ Binomial(n, p), computed directly for accuracy in the upper tail.
    static func binomialSurvival(_ k: Int, n: Int, p: Double) throws(StatisticsError) -> Double {
        try checked(BinomialProbability.survival(k, n: n, p: p), "binomialSurvival", [Double(k), Double(n), p])
    }

    /// GSL's own binomial distribution function, kept for the accuracy comparison in the tests.
    static func gslBinomialCDF(_ k: Int, n: Int, p: Double) -> Double {
        ready()
        return gsl_cdf_binomial_P(UInt32(k), p, UInt32(n))
    }

    // MARK: Special functions

    /// log Γ(x) for x > 0.
    static func logGamma(_ x: Double) throws(StatisticsError) -> Double {
        ready()
        return try checked(gsl_sf_lngamma(x), "logGamma", [x])
    }

}
