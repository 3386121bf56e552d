/// How a confidence interval for a binomial proportion is computed.
///
/// The exact methods guarantee at least the nominal coverage (Clopper–Pearson, Blaker) or aim at
/// it on average (mid-p); the score methods (Wilson) and Jeffreys have coverage close to nominal
/// on average; Agresti–Coull and Wald are provided for comparison with published papers — Wald
/// is not recommended for small samples (Brown, Cai & DasGupta 2001).
public enum BinomialIntervalMethod: String, CaseIterable, Sendable, Codable {
    /// Exact, central: inverts two one-sided binomial tests (the default). R `binom.test`.
    case clopperPearson = "clopper-pearson"
    /// Exact mid-p: as Clopper–Pearson, counting half the probability of the observed count.
    case midP = "mid-p"
    /// Blaker's exact interval: inverts the acceptability function; nested, inside Clopper–Pearson.
    case blaker
    /// Wilson score interval without continuity correction. R `prop.test(correct = FALSE)`.
    case wilson
    /// Wilson score interval with continuity correction (Newcombe 1998, method 4).
    case wilsonCC = "wilson-cc"
    /// Equal-tailed Jeffreys interval, Beta(x + ½, n − x + ½) quantiles.
    case jeffreys
    /// Agresti–Coull "add z²/2 successes and failures" interval.
    case agrestiCoull = "agresti-coull"
    /// Wald interval p̂ ± z √(p̂(1 − p̂)/n), truncated to [0, 1]. Not recommended.
    case wald

    /// The default method.
    public static let `default`: BinomialIntervalMethod = .clopperPearson
}

/// A confidence interval for a proportion, as computed.
public struct ProportionInterval: Equatable, Sendable {
    /// The method used.
    public var method: BinomialIntervalMethod
    /// The confidence level.
    public var confLevel: Double
    /// Two-sided, or which one-sided bound (`less`: [0, upper]; `greater`: [lower, 1]).
    public var alternative: Alternative
    /// Lower bound (0 for `less`).
    public var lower: Double
    /// Upper bound (1 for `greater`).
    public var upper: Double

    /// Creates an interval.
    public init(method: BinomialIntervalMethod, confLevel: Double, alternative: Alternative, lower: Double, upper: Double) {
        self.method = method
        self.confLevel = confLevel
        self.alternative = alternative
        self.lower = lower
        self.upper = upper
    }
}
