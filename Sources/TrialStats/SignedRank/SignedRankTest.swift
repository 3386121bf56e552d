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

    /// The most work `auto` lets the exact computation do: n·min(T, Σaᵢ − T) additions (n nonzero
    /// pairs, T the observed statistic and Σaᵢ the rank sum, in doubled ranks reduced by their
    /// common divisor). 5·10⁸ additions take about 0.3 s in a release build: every case up to
    /// 1,000 pairs with ties is exact, and far larger ones when the result is clear-cut
    /// (measured in `Benchmarks/`).
    public static let exactWorkLimit = 500_000_000

    /// The largest n·Σaᵢ for which the exact conditional interval (about 40 exact tail computations)
    /// is computed; above it the interval is R's asymptotic one. 4·10⁷ covers about 200 pairs with
    /// ties and takes well under a second.
    public static let exactIntervalWorkLimit = 40_000_000

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

    public var description: String {
        switch self {
        case .noPairs: return "no complete pairs: every pair has a missing value"
        case let .lengthMismatch(b, a): return "before has \(b) values and after \(a); they must pair up"
        case let .nonFinite(i): return "pair \(i + 1) holds a value that is not a finite number"
        case let .invalid(error): return error.description
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
        return try runSignedRankTest(before: before, after: after, options: options)
    } catch {
        throw SignedRankError.invalid(error)
    }
}

/// The settings a profile implies, given the data's size, ties and zeros. Each rule is the
/// program's documented default (sources in the README's Methods section).
func resolveSettings(_ options: SignedRankTestOptions, pairs: Int, nonzero: Int, hasTies: Bool, hasZeros: Bool, exactWork: Int)
    -> (method: SignedRankMethod, correct: Bool, zeroMethod: ZeroMethod) {
    guard let profile = options.profile else {
        var method = options.method
        if method == .auto { method = exactWork <= SignedRankTestOptions.exactWorkLimit ? .exact : .normal }
        return (method, options.correct, options.zeroMethod)
    }
    switch profile {
    case .r:
        // R 4.6: exact <- (n < 50) with n counting zeros; the exact path ranks zeros with the
        // others and permutes the nonzero ranks (Pratt); the normal path drops zeros (Wilcoxon).
        return pairs < 50 ? (.exact, true, .pratt) : (.normal, true, .wilcox)
    case .rLegacy:
        return (nonzero < 50 && !hasTies && !hasZeros ? .exact : .normal, true, .wilcox)
    case .scipy:
        // SciPy 1.15+: n counts zeros; exact without ties or zeros for n ≤ 50; an exhaustive
        // permutation test (the exact conditional distribution) with ties or zeros for n ≤ 13.
        if pairs > 50 { return (.normal, false, .wilcox) }
        if !hasTies && !hasZeros { return (.exact, false, .wilcox) }
        return (pairs <= 13 ? .exact : .normal, false, .wilcox)
    case .sas:
        return (nonzero <= 20 ? .exact : .t, false, .wilcox)
    case .spss:
        return (.normal, false, .wilcox)
    }
}

func runSignedRankTest(before: [Double], after: [Double], options: SignedRankTestOptions) throws(StatisticsError) -> SignedRankResult {
    let differences = PairedDifferences(before: before, after: after, mu: options.mu)
    let raw = PairedDifferences(before: before, after: after, mu: 0)
    // Zero method first (a profile fixes it), then the ranks.
    let provisional = SignedRankScores(differences, zeroMethod: options.profile == nil ? options.zeroMethod : .wilcox)
    let provisionalDistribution = SignedRankDistribution(scores: provisional.scores.isEmpty ? [] : provisional.scores)
    // The exact tail costs about (number of scores) × (distance of T from the nearer end) additions.
    let reducedT = provisional.positiveScoreSum / provisionalDistribution.divisor
    let work = provisional.scores.count * min(reducedT, provisionalDistribution.reducedTotal - reducedT)
    let settings = resolveSettings(options, pairs: before.count, nonzero: provisional.scores.count, hasTies: provisional.hasTies,
                                   hasZeros: provisional.zeroCount > 0, exactWork: work)
    let scores = settings.zeroMethod == provisional.zeroMethod ? provisional : SignedRankScores(differences, zeroMethod: settings.zeroMethod)
    let distribution = settings.zeroMethod == provisional.zeroMethod ? provisionalDistribution : SignedRankDistribution(scores: scores.scores)

    let nPairs = before.count
    let nUsed = settings.zeroMethod == .wilcox ? scores.scores.count : nPairs
    let v = scores.statisticV
    let mean = scores.meanV
    let variance = scores.varianceV
    let sd = variance.squareRoot()
    let zPlain: Double? = sd > 0 ? (v - mean) / sd : nil
    let medianDifference = sortedQuantile(raw.values.sorted(), p: 0.5, type: .type7)
    let signTest = try signTestPValue(scores, options.alternative)

    var method: SignedRankMethodUsed
    var pValue: Double
    var tStatistic: Double?
    if scores.scores.isEmpty {
        // Every difference is zero: no evidence either way.
        switch settings.method {
        case .exact, .auto: method = scores.zeroCount > 0 ? .exactConditional : .exact
        case .normal: method = .normal
        case .t: method = .t
        }
        pValue = 1
    } else {
        switch settings.method {
        case .exact, .auto:
            method = (scores.hasTies || scores.zeroCount > 0) ? .exactConditional : .exact
            pValue = exactPValue(distribution, scores, options.alternative)
        case .normal:
            method = .normal
            pValue = try normalPValue(v: v, mean: mean, sd: sd, correct: settings.correct, options.alternative)
        case .t:
            let n = Double(scores.scores.count)
            let s = v - mean
            let denominator = n * variance - s * s
            if denominator > 0 && n > 1 {
                method = .t
                let t = s * ((n - 1) / denominator).squareRoot()
                tStatistic = t
                switch options.alternative {
                case .greater: pValue = try GSL.tSurvival(t, df: n - 1)
                case .less: pValue = try GSL.tCDF(t, df: n - 1)
                case .twoSided: pValue = min(1, 2 * (try GSL.tSurvival(abs(t), df: n - 1)))
                }
            } else {
                // Every rank on one side with all |d| tied: t is infinite; the exact value is used.
                method = .exactConditional
                pValue = exactPValue(distribution, scores, options.alternative)
            }
        }
    }

    let interval = try hodgesLehmann(differences: differences, scores: scores, exact: method == .exact,
                                     exactConditional: method == .exactConditional && !scores.scores.isEmpty
                                         && scores.scores.count * distribution.reducedTotal <= SignedRankTestOptions.exactIntervalWorkLimit,
                                     correct: settings.correct, options: options)
    return SignedRankResult(
        nPairs: nPairs, nZero: scores.zeroCount, nUsed: nUsed, hasTies: scores.hasTies,
        method: method, correct: method == .normal ? settings.correct : false,
        zeroMethod: settings.zeroMethod, alternative: options.alternative, mu: options.mu,
        statisticV: v, negativeRankSum: scores.negativeRankSum, statisticS: v - mean,
        z: zPlain, t: tStatistic, pValue: min(1, max(0, pValue)),
        estimate: interval.estimate, confLow: interval.low, confHigh: interval.high,
        confLevel: options.confLevel, achievedConfLevel: interval.achieved,
        medianDifference: medianDifference,
        effectSizeR: zPlain.map { $0 / Double(nUsed).squareRoot() },
        rankBiserial: scores.scores.isEmpty ? nil : (v - scores.negativeRankSum) / (v + scores.negativeRankSum),
        signTestPValue: signTest)
}

/// Exact p-value from the permutation distribution of T (doubled positive-rank sum).
func exactPValue(_ distribution: SignedRankDistribution, _ scores: SignedRankScores, _ alternative: Alternative) -> Double {
    let t = scores.positiveScoreSum
    switch alternative {
    case .less: return distribution.lowerTail(t)
    case .greater: return distribution.upperTail(t)
    case .twoSided:
        // The distribution is symmetric about total/2, so the smaller tail is the one on the
        // observed side: one expansion instead of two.
        let smaller = 2 * t <= distribution.reducedTotal * distribution.divisor ? distribution.lowerTail(t) : distribution.upperTail(t)
        return min(1, 2 * smaller)
    }
}

/// Normal-approximation p-value, with R's continuity correction when asked.
func normalPValue(v: Double, mean: Double, sd: Double, correct: Bool, _ alternative: Alternative) throws(StatisticsError) -> Double {
    guard sd > 0 else { return 1 }
    let centred = v - mean
    let z = (centred - continuityCorrection(centred, correct: correct, alternative)) / sd
    switch alternative {
    case .less: return GSL.normalCDF(z)
    case .greater: return GSL.normalSurvival(z)
    case .twoSided: return min(1, 2 * min(GSL.normalCDF(z), GSL.normalSurvival(z)))
    }
}

/// R's continuity correction of a centred signed-rank statistic: ½·sign (two-sided), ½ (greater),
/// −½ (less); 0 when not correcting.
func continuityCorrection(_ centred: Double, correct: Bool, _ alternative: Alternative) -> Double {
    guard correct else { return 0 }
    switch alternative {
    case .twoSided: return centred > 0 ? 0.5 : (centred < 0 ? -0.5 : 0)
    case .greater: return 0.5
    case .less: return -0.5
    }
}

/// The exact sign test on the nonzero differences: number positive out of nonzero, p = ½.
func signTestPValue(_ scores: SignedRankScores, _ alternative: Alternative) throws(StatisticsError) -> Double {
    let nonzero = scores.scores.count
    guard nonzero > 0 else { return 1 }
    let positives = scores.positive.filter { $0 }.count
    return try binomialTest(successes: positives, trials: nonzero, p0: 0.5, alternative: alternative).pValue
}
