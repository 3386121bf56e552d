import Foundation

/// Options of the paired signed-rank test.
public struct SignedRankTestOptions: Equatable, Sendable {
    /// Null distribution (default `auto`).
    public var method: SignedRankMethod = .auto
    /// Continuity correction of ½ in the normal approximation (default true, as R).
    public var correct: Bool = true
    /// How zero differences enter (default `wilcox`: dropped).
    public var zeroMethod: ZeroMethod = .wilcox
    /// The alternative for the shift μ of d = after − before.
    public var alternative: Alternative = .twoSided
    /// The null value μ of the location of d.
    public var mu: Double = 0
    /// Level of the Hodges–Lehmann interval.
    public var confLevel: Double = 0.95
    /// A software profile; when set, it overrides method, correction and zero method.
    public var profile: SignedRankProfile?

    /// The most work `auto` lets the exact computation do, in additions of the expansion
    /// (``SignedRankDistribution/work(upTo:)``, single-score passes counted four times for their
    /// memory traffic). 2·10⁹ is about half a second of one core: every data set up to about
    /// 1,500 pairs with ties is exact, and larger ones when the result is clear-cut; above it
    /// `auto` uses the normal approximation.
    public static let exactWorkLimit = 2_000_000_000

    /// The most work `method: .exact` is allowed (same unit): 4·10¹⁰, about ten seconds of one
    /// core (five on two). 5,000 pairs with ties (VAS-like scores) need about 3·10¹⁰. Above it the
    /// test throws ``SignedRankError/exactTooLarge(work:limit:)``.
    public static let exactWorkMaximum = 40_000_000_000

    /// The most work for the exact conditional interval, which needs about 50 tail computations
    /// and forms all n(n+1)/2 Walsh sums: 50 × the work of the half distribution must stay below
    /// this, and n(n+1)/2 below 10⁷. Above it the interval is the asymptotic one (the set of
    /// shifts the normal-approximation test does not reject).
    public static let exactIntervalWorkLimit = 2_000_000_000

    /// Default options (R's defaults, with exact conditional p-values under ties).
    public init(method: SignedRankMethod = .auto, correct: Bool = true, zeroMethod: ZeroMethod = .wilcox,
                alternative: Alternative = .twoSided, mu: Double = 0, confLevel: Double = 0.95, profile: SignedRankProfile? = nil) {
        self.method = method
        self.correct = correct
        self.zeroMethod = zeroMethod
        self.alternative = alternative
        self.mu = mu
        self.confLevel = confLevel
        self.profile = profile
    }
}

/// The result of a paired signed-rank test, recording what was done.
public struct SignedRankResult: Equatable, Sendable {
    /// Number of complete pairs analysed.
    public var nPairs: Int
    /// Number of zero differences (after − before − μ = 0 on the decimal values).
    public var nZero: Int
    /// Number of differences ranked: nonzero ones for `wilcox`, all for `pratt` and `zsplit`.
    public var nUsed: Int
    /// Whether nonzero |d| are tied.
    public var hasTies: Bool
    /// The method used.
    public var method: SignedRankMethodUsed
    /// Whether a continuity correction was applied (only meaningful for `normal`).
    public var correct: Bool
    /// Zero handling used.
    public var zeroMethod: ZeroMethod
    /// The alternative.
    public var alternative: Alternative
    /// The null shift μ.
    public var mu: Double
    /// V: the sum of the ranks of positive differences (R's statistic).
    public var statisticV: Double
    /// Sum of the ranks of negative differences; SciPy's two-sided statistic is min(V, this).
    public var negativeRankSum: Double
    /// S = V − E[V] (SAS's statistic; n(n+1)/4 is E[V] without ties and zeros).
    public var statisticS: Double
    /// z = (V − E[V])/SD[V] without continuity correction (SPSS's statistic); nil when SD = 0.
    public var z: Double?
    /// Student t statistic when the t approximation was used.
    public var t: Double?
    /// The p-value (1 when every difference is zero).
    public var pValue: Double
    /// Hodges–Lehmann estimate of the shift (median of Walsh averages), plus μ.
    public var estimate: Double
    /// Interval for the shift; −∞/+∞ sides of a one-sided interval are nil; nil when not estimable.
    public var confLow: Double?
    /// Upper end of the interval (nil for `greater` or not estimable).
    public var confHigh: Double?
    /// Requested level.
    public var confLevel: Double
    /// Exact coverage of an exact interval when it differs from the requested level; nil otherwise.
    public var achievedConfLevel: Double?
    /// Median of the differences d = after − before (all pairs, zeros included).
    public var medianDifference: Double
    /// r = z / √nUsed (nil when z is).
    public var effectSizeR: Double?
    /// Matched-pairs rank-biserial correlation (V − V⁻)/(V + V⁻); nil when every difference is zero.
    public var rankBiserial: Double?
    /// Exact two-sided (or one-sided, per the alternative) sign test p-value on the nonzero
    /// differences (binomial, p = ½).
    public var signTestPValue: Double
}

/// Why a signed-rank test could not run.
public enum SignedRankError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No complete pairs.
    case noPairs
    /// before and after have different lengths.
    case lengthMismatch(before: Int, after: Int)
    /// A value is NaN or infinite.
    case nonFinite(index: Int)
    /// A setting is out of range (for example the confidence level).
    case invalid(StatisticsError)
    /// after − before (or after − before − μ) of a pair exceeds the largest finite number.
    case differenceOverflow(index: Int)
    /// `method: .exact` on data whose exact distribution would take more than the limit.
    case exactTooLarge(work: Int, limit: Int)

    public var description: String {
        switch self {
        case .noPairs: return "no complete pairs: every pair has a missing value"
        case let .lengthMismatch(b, a): return "before has \(b) values and after \(a); they must pair up"
        case let .nonFinite(i): return "pair \(i + 1) holds a value that is not a finite number"
        case let .invalid(error): return error.description
        case let .differenceOverflow(i):
            return "pair \(i + 1): the difference after − before − mu exceeds the largest finite number (about 1.8e308)"
        case let .exactTooLarge(work, limit):
            return "the exact signed-rank distribution of these data needs about \(scientific(work)) additions, more than the limit of \(scientific(limit)) (about 10 s); use --method auto or normal"
        }
    }
}

/// The Wilcoxon signed-rank test for paired data, d = after − before, H₀: the distribution of
/// d − μ is symmetric about 0.
///
/// See `Sources/TrialStats/SignedRank/` for the parts: ``PairedDifferences`` (exact decimal ties),
/// ``SignedRankScores`` (midranks and zero handling), ``SignedRankDistribution`` (exact null
/// distribution), ``WalshAverages`` (Hodges–Lehmann). The README's Methods section gives the
/// formulas, the software settings each profile reproduces, and the references.
///
/// - p-values: exact — less P(T ≤ t), greater P(T ≥ t), two-sided min(1, 2·min of the tails);
///   normal — z = (V − E[V] − c)/SD[V] with c = ½·sign(V − E[V]) (two-sided), ½ (greater), −½
///   (less) when corrected; t — t = S·√((n − 1)/(n·Var[V] − S²)) with n − 1 df (SAS).
/// - All differences zero: p = 1, z and the interval not estimable (documented, not an error).
public func signedRankTest(before: [Double], after: [Double], options: SignedRankTestOptions = SignedRankTestOptions()) throws(SignedRankError) -> SignedRankResult {
    guard before.count == after.count else { throw SignedRankError.lengthMismatch(before: before.count, after: after.count) }
    guard !before.isEmpty else { throw SignedRankError.noPairs }
    for i in before.indices where !(before[i].isFinite && after[i].isFinite) { throw SignedRankError.nonFinite(index: i) }
    guard options.mu.isFinite else { throw SignedRankError.invalid(.nonFiniteValue(index: 0, value: options.mu)) }
    do {
        try validateConfidenceLevel(options.confLevel)
    } catch {
        throw SignedRankError.invalid(error)
    }
    let differences = PairedDifferences(before: before, after: after, mu: options.mu)
    let raw = options.mu == 0 ? differences : PairedDifferences(before: before, after: after, mu: 0)
    if let i = differences.overflowIndex ?? raw.overflowIndex { throw SignedRankError.differenceOverflow(index: i) }
    return try runSignedRankTest(differences: differences, raw: raw, options: options)
}

/// m·10^e with one significant digit, for messages ("4e10").
private func scientific(_ value: Int) -> String {
    var mantissa = Double(value), exponent = 0
    while mantissa >= 9.5 { mantissa /= 10; exponent += 1 }
    return "\(Int(mantissa.rounded()))e\(exponent)"
}


/// The driver: ranks (``SignedRankScores``), settings (``resolveSettings``), statistic
/// (``SignedRankStatistic``), p-value (``signedRankPValue``) and interval (``hodgesLehmann``),
/// assembled into the result. The inputs are validated by ``signedRankTest(before:after:options:)``.
func runSignedRankTest(differences: PairedDifferences, raw: PairedDifferences, options: SignedRankTestOptions) throws(SignedRankError) -> SignedRankResult {
    // Zero method first (a profile fixes it), then the ranks.
    let provisional = SignedRankScores(differences, zeroMethod: options.profile == nil ? options.zeroMethod : .wilcox)
    let provisionalDistribution = SignedRankDistribution(scores: provisional.scores)
    let settings = resolveSettings(options, pairs: differences.values.count, nonzero: provisional.scores.count,
                                   hasTies: provisional.hasTies, hasZeros: provisional.zeroCount > 0,
                                   exactWork: exactWork(provisional, provisionalDistribution))
    let sameRanks = settings.zeroMethod == provisional.zeroMethod
    let scores = sameRanks ? provisional : SignedRankScores(differences, zeroMethod: settings.zeroMethod)
    let distribution = sameRanks ? provisionalDistribution : SignedRankDistribution(scores: scores.scores)
    if settings.method == .exact && !scores.scores.isEmpty {
        let work = exactWork(scores, distribution)
        if work > SignedRankTestOptions.exactWorkMaximum {
            throw SignedRankError.exactTooLarge(work: work, limit: SignedRankTestOptions.exactWorkMaximum)
        }
    }
    let statistic = SignedRankStatistic(scores)
    do {
        let test = try signedRankPValue(statistic, scores, distribution, method: settings.method,
                                        correct: settings.correct, alternative: options.alternative)
        let interval = try hodgesLehmann(raw: raw, differences: differences, scores: scores, distribution: distribution,
                                         method: test.method, correct: settings.correct, options: options)
        let nUsed = settings.zeroMethod == .wilcox ? scores.scores.count : differences.values.count
        return SignedRankResult(
            nPairs: differences.values.count, nZero: scores.zeroCount, nUsed: nUsed, hasTies: scores.hasTies,
            method: test.method, correct: test.method == .normal ? settings.correct : false,
            zeroMethod: settings.zeroMethod, alternative: options.alternative, mu: options.mu,
            statisticV: statistic.v, negativeRankSum: scores.negativeRankSum, statisticS: statistic.v - statistic.mean,
            z: statistic.z, t: test.t, pValue: min(1, max(0, test.pValue)),
            estimate: interval.estimate, confLow: interval.low, confHigh: interval.high,
            confLevel: options.confLevel, achievedConfLevel: interval.achieved,
            medianDifference: sortedQuantile(raw.values.sorted(), p: 0.5, type: .type7),
            effectSizeR: statistic.z.map { $0 / Double(nUsed).squareRoot() },
            rankBiserial: scores.scores.isEmpty ? nil : (statistic.v - scores.negativeRankSum) / (statistic.v + scores.negativeRankSum),
            signTestPValue: try signTestPValue(scores, options.alternative))
    } catch {
        throw SignedRankError.invalid(error)
    }
}
