import Foundation

/// The regularized incomplete beta function I_x(a, b), its complement and its inverse, accurate
/// for any a, b > 0 up to 10⁹ and beyond.
///
/// GSL's `gsl_cdf_beta_P` gives up (no finite result) once a and b reach a few million, and its
/// inverse `gsl_cdf_beta_Pinv` loops forever near the centre for n ≳ 2 × 10⁶: exactly the
/// Clopper–Pearson and Jeffreys limits of a large binomial sample. This file replaces both.
///
/// **Method.** I_x(a, b) = f · K / a with the prefactor f = xᵃ(1 − x)ᵇ / B(a, b) and K the
/// continued fraction of Didonato–Morris / *Numerical Recipes* (§6.4), evaluated by the modified
/// Lentz algorithm; it converges for x < (a + 1)/(a + b + 2) in O(√max(a, b)) terms. Above that
/// point the complement is computed by the symmetry 1 − I_x(a, b) = I_{1−x}(b, a), so the smaller
/// tail is always computed directly and the larger one as 1 − the smaller, without cancellation.
/// The prefactor, whose logarithm is a difference of terms of order a and b, is computed without
/// cancellation by Loader's saddle-point form of the binomial probability
/// (f = b/(a + b) · dbinom(a; a + b, x), R's `dbinom_raw` for real arguments), so the relative
/// accuracy does not decay with n.
///
/// The inverse is a safeguarded Newton iteration (the derivative is the beta density f/(x(1 − x)))
/// inside a bracket that always shrinks; when a Newton step leaves the bracket the midpoint
/// (geometric while the bracket spans more than a factor of two) is taken instead, so the search
/// ends within a bounded number of steps for every argument.
///
/// **Matches** R `pbeta(x, a, b)`, `pbeta(x, a, b, lower.tail = FALSE)` and `qbeta` to about
/// 1e-12 relative (`Fixtures/reference/binomial_large.R`, n up to 10⁹).
///
/// **References:** G. W. Cran, K. J. Martin and G. E. Thomas (1977), "Algorithm AS 109: Inverse of
/// the incomplete beta function ratio", *Applied Statistics* 26(1):111–114. A. R. Didonato and A. H. Morris (1992), "Algorithm 708: Significant digit
/// computation of the incomplete beta function ratios", *ACM TOMS* 18(3):360–373. W. H. Press et
/// al. (2007), *Numerical Recipes*, 3rd ed., §6.4. C. Loader (2000), "Fast and accurate
/// computation of binomial probabilities".
enum IncompleteBeta {
    /// (I_x(a, b), 1 − I_x(a, b)), each accurate in relative terms, and the prefactor
    /// xᵃ(1 − x)ᵇ / B(a, b).
    static func evaluate(_ x: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> (lower: Double, upper: Double, front: Double) {
        guard a > 0, b > 0, a.isFinite, b.isFinite, !x.isNaN else {
            throw StatisticsError.numeric(.outOfDomain(function: "incompleteBeta", arguments: [x, a, b]))
        }
        if x <= 0 { return (0, 1, 0) }
        if x >= 1 { return (1, 0, 0) }
        let front = prefactor(x, a, b)
        if front == 0 {
            // Both tails are beyond double precision on one side: decide by the mean.
            return x < a / (a + b) ? (0, 1, 0) : (1, 0, 0)
        }
        if x < (a + 1) / (a + b + 2) {
            let lower = front * (try continuedFraction(x, 1 - x, a, b)) / a
            return (lower, 1 - lower, front)
        }
        // 1 − x rounds away the digits of a small x that the fraction needs when a ≪ b
        // (relative error 1.1e-16/x): below x = 1e-3 the fraction is evaluated in double–double
        // arithmetic, which costs about ten times as much per term.
        let fraction = x < 1e-3 ? try continuedFractionNearOne(x, b, a) : try continuedFraction(1 - x, x, b, a)
        let upper = front * fraction / b
        return (1 - upper, upper, front)
    }

    /// I_x(a, b).
    static func lower(_ x: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        try evaluate(x, a, b).lower
    }

    /// 1 − I_x(a, b), computed directly for accuracy in the upper tail.
    static func upper(_ x: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        try evaluate(x, a, b).upper
    }

    /// xᵃ(1 − x)ᵇ / B(a, b) = b/(a + b) · Γ(a + b + 1)/(Γ(a + 1)Γ(b + 1)) xᵃ(1 − x)ᵇ, the second
    /// factor by Loader's form of the binomial probability with real arguments.
    static func prefactor(_ x: Double, _ a: Double, _ b: Double) -> Double {
        BinomialProbability.rawDensity(a, b, x, 1 - x) * (a * b / (a + b))
    }

    /// The most continued-fraction terms evaluated for (a, b): a few times the √max(a, b) the
    /// fraction needs at its slowest, never unbounded.
    static func termLimit(_ a: Double, _ b: Double) -> Int {
        Int(min(1e7, 20 * max(a, b).squareRoot() + 1000))
    }

    /// The continued fraction K of I_x(a, b) = prefactor · K / a (modified Lentz), for
    /// x < (a + 1)/(a + b + 2). `y` is 1 − x as the caller knows it: when x is 1 − (a small
    /// number), the fraction's first term 1 − (a + b)x/(a + 1) = (1 + a·y − b·x)/(a + 1) is
    /// computed from y, not from the rounded x, which would lose the small number's digits.
    private static func continuedFraction(_ x: Double, _ y: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = (1 + a * y - b * x) / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        let limit = termLimit(a, b)
        var m = 1
        while m <= limit {
            let md = Double(m), m2 = 2 * md
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 2e-16 { return h }
            m += 1
        }
        throw StatisticsError.numeric(.notFinite(function: "incompleteBeta", arguments: [x, a, b]))
    }

    /// ``continuedFraction(_:_:_:_:)`` at x = 1 − y for a small y, carried in double–double
    /// arithmetic so that 1 − y and the near-cancellations 1 + aₘ·d keep y's digits. Needed for
    /// the upper tail of Beta(a, b) with a ≪ b (Clopper–Pearson and Jeffreys limits for few
    /// events among millions); there the fraction converges in a few dozen terms.
    private static func continuedFractionNearOne(_ y: Double, _ a: Double, _ b: Double) throws(StatisticsError) -> Double {
        typealias DD = DoubleDouble
        let tiny = 1e-300
        let one = DD(1)
        let x = DD.exactSum(1, -y)
        let aa = DD(a), bb = DD(b)
        let qab = aa + bb, qap = aa + one, qam = aa - one
        func guarded(_ v: DD) -> DD { abs(v.hi) < tiny ? DD(tiny) : v }
        var c = one
        var d = guarded((one + aa * DD(y) - bb * x) / qap)
        d = one / d
        var h = d
        let limit = termLimit(a, b)
        var m = 1
        while m <= limit {
            let md = DD(Double(m)), m2 = DD(2 * Double(m))
            var term = md * (bb - md) * x / ((qam + m2) * (aa + m2))
            d = guarded(one + term * d)
            c = guarded(one + term / c)
            d = one / d
            h = h * d * c
            term = DD(0) - (aa + md) * (qab + md) * x / ((aa + m2) * (qap + m2))
            d = guarded(one + term * d)
            c = guarded(one + term / c)
            d = one / d
            let delta = d * c
            h = h * delta
            if abs((delta - one).value) <= 1e-17 { return h.value }
            m += 1
        }
        throw StatisticsError.numeric(.notFinite(function: "incompleteBeta", arguments: [1 - y, a, b]))
    }

    /// The x in [0, 1] with I_x(a, b) = target (or, when `upper`, 1 − I_x(a, b) = target).
    static func inverse(_ target: Double, _ a: Double, _ b: Double, upper: Bool) throws(StatisticsError) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, target >= 0, target <= 1 else {
            throw StatisticsError.numeric(.outOfDomain(function: "incompleteBetaInverse", arguments: [target, a, b]))
        }
        if target == 0 { return upper ? 1 : 0 }
        if target == 1 { return upper ? 0 : 1 }
        // h(x) rises with x and is 0 at the root; it is evaluated in the tail that is accurate.
        func h(_ e: (lower: Double, upper: Double, front: Double)) -> Double {
            upper ? target - e.upper : e.lower - target
        }
        var lo = 0.0, hi = 1.0
        var x = try initialGuess(target, a, b, upper: upper)
        var polished = false
        var previous: (x: Double, lo: Double, hi: Double, polished: Bool)? = nil
        for _ in 0..<3000 {
            // A bracket of two neighbouring doubles can stop shrinking before the relative test
            // below is met (a double's spacing is up to 2.2e-16 of it): the midpoint is then lo or
            // hi, and x, lo and hi repeat unchanged. Every further step would repeat them too, so
            // stop at once with the result the remaining steps would give (measured: Clopper–Pearson
            // limits such as 0 of 24 took all 3,000 steps, half a millisecond each).
            if let p = previous, p.x == x, p.lo == lo, p.hi == hi, p.polished == polished { break }
            previous = (x, lo, hi, polished)
            let e = try evaluate(x, a, b)
            let value = h(e)
            if value == 0 { return x }
            if value < 0 { lo = x } else { hi = x }
            if hi - lo <= 1e-16 * hi || hi < Double.leastNormalMagnitude { break }
            let density = e.front / (x * (1 - x))
            var next = x - value / density
            var newtonStep = true
            if !(next > lo && next < hi) || !density.isFinite || density <= 0 {
                next = midpoint(lo, hi)
                newtonStep = false
            }
            // Newton converges quadratically: once a step is below 1e-13 of x (or of 1 − x near
            // 1, where the root is decided by 1 − x), one more step
            // leaves an error far below the 1e-15 noise of the tail probabilities; waiting for
            // steps of 4 ulp instead only chases that noise (measured: 18 evaluations per limit
            // instead of about 7).
            // (A bisection step in a narrow bracket is small too, but says nothing of the error.)
            if newtonStep, abs(next - x) <= 1e-13 * min(x, 1 - x) {
                if polished { return next }
                polished = true
            }
            x = next
        }
        return lo == 0 ? hi : lo + (hi - lo) / 2
    }

    /// The bisection point of [lo, hi]: geometric while the bracket spans more than a factor of
    /// two (so roots near 1e-300 are reached in a bounded number of steps), else arithmetic.
    private static func midpoint(_ lo: Double, _ hi: Double) -> Double {
        if lo == 0 { return hi > 1e-300 ? hi / 16 : hi / 2 }
        if hi / lo > 2 { return (lo * hi).squareRoot() }
        return lo + (hi - lo) / 2
    }

    /// A starting point for Newton: the approximation of Cran, Martin & Thomas (1977, AS 109,
    /// after Abramowitz & Stegun 26.5.22), good to two or three digits for every a and b, so the
    /// iteration usually ends in three or four steps. It is computed for the tail whose
    /// probability is at most ½ (the root of the other tail is 1 minus the mirrored root).
    private static func initialGuess(_ target: Double, _ a: Double, _ b: Double, upper: Bool) throws(StatisticsError) -> Double {
        // The lower-tail probability of the root is `target` (or 1 − target when `upper`).
        let lowerIsSmall = upper ? target >= 0.5 : target <= 0.5
        let alpha = lowerIsSmall ? (upper ? 1 - target : target) : (upper ? target : 1 - target)
        let (pp, qq) = lowerIsSmall ? (a, b) : (b, a)
        let r0 = (-2 * Foundation.log(alpha)).squareRoot()
        let y = r0 - (2.30753 + 0.27061 * r0) / (1 + (0.99229 + 0.04481 * r0) * r0)
        var guess: Double
        if pp > 1 && qq > 1 {
            let r = (y * y - 3) / 6
            let s = 1 / (pp + pp - 1), t = 1 / (qq + qq - 1)
            let h = 2 / (s + t)
            let w = y * (h + r).squareRoot() / h - (t - s) * (r + 5.0 / 6 - 2 / (3 * h))
            guess = pp / (pp + qq * Foundation.exp(w + w))
        } else {
            let logBeta = try GSL.logGamma(pp) + GSL.logGamma(qq) - GSL.logGamma(pp + qq)
            let r = qq + qq
            var t = 1 / (9 * qq)
            t = r * Foundation.pow(1 - t + y * t.squareRoot(), 3)
            if t <= 0 {
                guess = 1 - Foundation.exp((Foundation.log1p(-alpha) + Foundation.log(qq) + logBeta) / qq)
            } else {
                t = (4 * pp + r - 2) / t
                guess = t <= 1 ? Foundation.exp((Foundation.log(alpha * pp) + logBeta) / pp) : 1 - 2 / (t + 1)
            }
        }
        if !lowerIsSmall { guess = 1 - guess }
        if guess.isFinite, guess > 0, guess < 1 { return guess }
        return a / (a + b)
    }
}
