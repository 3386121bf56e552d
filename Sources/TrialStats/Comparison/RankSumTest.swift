import Foundation

/// Null distribution of the Wilcoxon–Mann–Whitney test.
public enum RankSumMethod: String, CaseIterable, Sendable, Codable {
    /// Exact when affordable (``RankSumOptions/exactWorkLimit``), else normal.
    case auto
    /// The exact permutation distribution (conditional on the midranks when there are ties).
    case exact
    /// The normal approximation with tie-corrected variance (and continuity correction if asked).
    case normal
}

/// The method a rank-sum test used.
public enum RankSumMethodUsed: String, CaseIterable, Sendable, Codable {
    /// Exact distribution of the rank sum without ties (R `pwilcox`).
    case exact
    /// Exact permutation distribution conditional on the midranks (coin's exact).
    case exactConditional = "exact-conditional"
    /// Normal approximation.
    case normal
}

/// A program whose default two-sample rank test a profile reproduces.
public enum RankSumProfile: String, CaseIterable, Sendable, Codable {
    /// R 4.2–4.5 `wilcox.test`: exact when n₁ < 50, n₂ < 50 and no ties, else normal with correction.
    case r
    /// SciPy ≥ 1.13 `mannwhitneyu(method = "auto")`: exact when both n ≤ 8 and no ties, else normal
    /// with continuity correction (`use_continuity = True`).
    case scipy
    /// SAS PROC NPAR1WAY WILCOXON (asymptotic): normal with continuity correction.
    case sas
    /// SPSS NPAR TESTS /M-W: normal without continuity correction.
    case spss
    /// Stata `ranksum`: normal without continuity correction (exact only with `exact`).
    case stata
    /// coin `wilcox_test(distribution = "exact")`: exact conditional, no correction.
    case coin
}

/// Options of the two-sample rank-sum test.
public struct RankSumOptions: Equatable, Sendable {
    /// Null distribution (default `auto`).
    public var method: RankSumMethod
    /// Continuity correction of ½ in the normal approximation (default true, as R and SciPy).
    public var correct: Bool
    /// The alternative for the shift θ of x relative to y.
    public var alternative: Alternative
    /// Null shift μ: the test ranks x − μ with y.
    public var mu: Double
    /// Level of the Hodges–Lehmann interval.
    public var confLevel: Double
    /// A program's defaults; when set, it overrides method and correction.
    public var profile: RankSumProfile?

    /// Most additions `auto` lets the exact computation do (about 0.3 s): every test up to about
    /// 60 + 60 with ties in the middle of the distribution, and far larger ones in its tails.
    public static let exactWorkLimit = 300_000_000.0

    /// Most operations (about nanoseconds of one core) `auto` and `exact` let the
    /// characteristic-function method spend on one tail, beyond the dynamic programme's limit:
    /// 1,000 + 1,000 observations on a 0–20 scale or 500 + 500 on a 0–100 scale need about
    /// 2·10⁸. Without ties the exact interval needs about twenty tails, so it must fit twenty
    /// times. Beyond both limits `auto` uses the normal approximation and `exact` is refused.
    public static let fourierWorkLimit = 500_000_000.0

    /// Most additions the exact conditional Hodges–Lehmann interval under ties may spend on its
    /// scan (about a second): near 35 + 35 observations with few ties, far more on a short scale
    /// (a 1–5 score: 50 + 50 and beyond). Beyond it, and beyond
    /// ``conditionalIntervalMaxDifferences``, the interval is the normal approximation's and the
    /// result says so (``RankSumResult/intervalMethod``).
    public static let conditionalIntervalWorkLimit = 1_000_000_000.0

    /// Most differences xᵢ − yⱼ the exact conditional interval forms (4·10⁶: 2,000 + 2,000).
    public static let conditionalIntervalMaxDifferences = 4_000_000

    /// The limits in words, for messages and help.
    public static let exactLimitDescription = "an estimated 5·10^8 operations per tail (about 1,000 + 1,000 observations on a 0–20 scale, 500 + 500 on a 0–100 scale)"

    public init(method: RankSumMethod = .auto, correct: Bool = true, alternative: Alternative = .twoSided, mu: Double = 0,
                confLevel: Double = 0.95, profile: RankSumProfile? = nil) {
        self.method = method
        self.correct = correct
        self.alternative = alternative
        self.mu = mu
        self.confLevel = confLevel
        self.profile = profile
    }
}

/// The result of a Wilcoxon–Mann–Whitney test, recording what was done.
public struct RankSumResult: Equatable, Sendable {
    /// Size of x.
    public var n1: Int
    /// Size of y.
    public var n2: Int
    /// Whether the pooled x − μ and y have ties.
    public var hasTies: Bool
    /// The method used.
    public var method: RankSumMethodUsed
    /// Whether the continuity correction was applied (normal only).
    public var correct: Bool
    /// The alternative.
    public var alternative: Alternative
    /// The null shift.
    public var mu: Double
    /// W = (sum of the ranks of x − μ) − n₁(n₁ + 1)/2: R's statistic, and SciPy's U for x (U₁).
    public var statisticW: Double
    /// The sum of the ranks of x − μ among the pooled sample (SAS's and Stata's statistic).
    public var rankSumX: Double
    /// z = (W − n₁n₂/2)/SD without continuity correction (SPSS's, Stata's); nil when SD = 0.
    public var z: Double?
    /// The p-value (1 when every observation is tied).
    public var pValue: Double
    /// Hodges–Lehmann shift: the median of the n₁n₂ differences xᵢ − yⱼ.
    public var estimate: Double
    /// Interval for the shift (nil sides for one-sided intervals or when not estimable).
    public var confLow: Double?
    /// Upper end of the interval.
    public var confHigh: Double?
    /// Requested level.
    public var confLevel: Double
    /// Achieved level of an exact interval (or of an asymptotic one R had to widen).
    public var achievedConfLevel: Double?
    /// How the interval was computed: as the p-value (`exact`, `exact-conditional`), or by the
    /// normal approximation where the exact interval is beyond its limits
    /// (``RankSumOptions/conditionalIntervalWorkLimit``).
    public var intervalMethod: RankSumMethodUsed
}

/// The Wilcoxon–Mann–Whitney rank-sum test of H₀: x − μ and y have the same distribution.
///
/// Ranks are the midranks of the pooled x − μ and y (x − μ computed in floating point, as R
/// does; values compare equal only when their doubles are equal). W = Rₓ − n₁(n₁ + 1)/2.
/// - `exact`: P(W ≤ w) / P(W ≥ w) from the permutation distribution of the midranks
///   (``RankSumDistribution``): without ties R `wilcox.test(exact = TRUE)`; with ties the exact
///   conditional p-value of coin `wilcox_test(distribution = "exact")`. Two-sided: P(|S − E| ≥
///   |s − E|) (coin's rule); without ties the distribution is symmetric and this is R's and
///   SciPy's min(1, 2·smaller tail).
/// - `normal`: z = (W − n₁n₂/2 − c)/σ, σ² = n₁n₂/12·(N + 1 − Σ(t³ − t)/(N(N − 1))), c = ½·sign(W −
///   n₁n₂/2) two-sided, ½ greater, −½ less when corrected (R `wilcox.test(exact = FALSE,
///   correct =)`, SciPy `mannwhitneyu(method = "asymptotic", use_continuity =)`).
/// - Every observation tied: p = 1, z not defined (R returns NaN).
/// - `auto`: exact when the estimated work is within ``RankSumOptions/exactWorkLimit`` (the
///   dynamic programme) or, for each tail, ``RankSumOptions/fourierWorkLimit`` (the
///   characteristic function, ``RankSumFourier``; a twentieth of it without ties); `exact`
///   beyond both throws ``ComparisonError/tooCostly(test:limit:)``.
///
/// Hodges–Lehmann: the median of the differences xᵢ − yⱼ; exact interval (no ties, exact method)
/// [D₍q₎, D₍n₁n₂+1−q₎] with q the smallest with P(W ≤ q) ≥ α/2 (q = 1 if 0; R's construction, with
/// its achieved level) while the tail up to the middle is affordable; with ties and an exact
/// conditional p-value, the exact conditional interval of R ≥ 4.6
/// (``conditionalTwoSampleInterval(_:_:alternative:confLevel:)``, with its achieved level) within
/// ``RankSumOptions/conditionalIntervalWorkLimit``; otherwise R's asymptotic interval (the shifts
/// at which the corrected, tie-corrected z crosses ∓z₁₋α/₂, found exactly at a jump; R's `uniroot`
/// stops within 1e-4) and R's asymptotic estimate is replaced by the median of the differences.
/// ``RankSumResult/intervalMethod`` records which.
///
/// **Matches** R `wilcox.test(x, y, mu =, alternative =, exact =, correct =, conf.int = TRUE)`,
/// coin `wilcox_test(..., distribution = "exact")` and SciPy `mannwhitneyu(x, y, method =,
/// use_continuity =, alternative =)` (p-values to 1e-9 relative; U = W); with ties, the interval
/// of R ≥ 4.6 `wilcox.test(x, y, exact = TRUE, conf.int = TRUE)` (R 4.2–4.5 give the normal one).
///
/// **References:** F. Wilcoxon (1945), *Biometrics Bulletin* 1:80–83; H. B. Mann and D. R. Whitney
/// (1947), *Ann. Math. Stat.* 18:50–60; Hollander, Wolfe & Chicken (2014), *Nonparametric
/// Statistical Methods*, 3rd ed., §4.1–4.3; Hodges & Lehmann (1963), *Ann. Math. Stat.* 34:598–611.
public func rankSumTest(_ x: [Double], _ y: [Double], options: RankSumOptions = RankSumOptions()) throws(ComparisonError) -> RankSumResult {
    guard !x.isEmpty else { throw ComparisonError.tooFewObservations(group: 0, count: 0, needed: 1) }
    guard !y.isEmpty else { throw ComparisonError.tooFewObservations(group: 1, count: 0, needed: 1) }
    if let i = x.firstIndex(where: { !$0.isFinite }) { throw ComparisonError.nonFinite(group: 0, index: i) }
    if let i = y.firstIndex(where: { !$0.isFinite }) { throw ComparisonError.nonFinite(group: 1, index: i) }
    guard options.mu.isFinite else { throw ComparisonError.invalid(.nonFiniteValue(index: 0, value: options.mu)) }
    do { try validateConfidenceLevel(options.confLevel) } catch { throw ComparisonError.invalid(error) }
    let shifted = x.map { $0 - options.mu }
    let ranks = doubledMidranks(shifted + y)
    let n1 = x.count, n2 = y.count, n = n1 + n2
    let scores = ranks
    let doubledRankSum = scores[..<n1].reduce(0, +)
    let rankSum = Double(doubledRankSum) / 2
    let w = rankSum - Double(n1 * (n1 + 1)) / 2
    let tieTerm = tieSizes(scores).reduce(0.0) { $0 + (Double($1) * Double($1) * Double($1) - Double($1)) }
    let hasTies = tieSizes(scores).contains { $0 > 1 }
    let nd = Double(n), n1d = Double(n1), n2d = Double(n2)
    let variance = n1d * n2d / 12 * ((nd + 1) - tieTerm / (nd * (nd - 1)))
    let sd = variance > 0 ? variance.squareRoot() : 0
    let centre = n1d * n2d / 2
    let zPlain: Double? = sd > 0 ? (w - centre) / sd : nil

    let distribution = RankSumDistribution(scores: scores, n1: n1)
    let range = distribution.range
    let toNearEnd = min(doubledRankSum - range.min, range.max - doubledRankSum)
    let work = distribution.work(lowerTailUpTo: range.min + toNearEnd)
    var method: RankSumMethod = options.method
    var correct = options.correct
    if let profile = options.profile {
        switch profile {
        case .r: method = n1 < 50 && n2 < 50 && !hasTies ? .exact : .normal; correct = true
        case .scipy: method = n1 <= 8 && n2 <= 8 && !hasTies ? .exact : .normal; correct = true
        case .sas: method = .normal; correct = true
        case .spss, .stata: method = .normal; correct = false
        case .coin: method = .exact; correct = false
        }
    }
    var used: RankSumMethodUsed
    var p: Double
    // The tails an exact p-value needs: P(|S − E| ≥ |s − E|) two-sided, E = n₁(N + 1) in doubled
    // units (coin's rule; without ties the distribution is symmetric and this is R's and SciPy's
    // doubled smaller tail).
    let expected = n1 * (n + 1)
    let distance = abs(doubledRankSum - expected)
    let tails: [(upper: Bool, bound: Int)]
    switch options.alternative {
    case .less: tails = [(false, doubledRankSum)]
    case .greater: tails = [(true, doubledRankSum)]
    case .twoSided: tails = distance == 0 ? [] : [(false, expected - distance), (true, expected + distance)]
    }
    if method == .auto { method = distribution.exactAffordable(tails, work: work) ? .exact : .normal }

    if sd == 0 {
        used = method == .normal ? .normal : (hasTies ? .exactConditional : .exact)
        p = 1
    } else if method == .exact {
        used = hasTies ? .exactConditional : .exact
        guard let values = distribution.exactTails(tails, work: work) else {
            throw ComparisonError.tooCostly(test: "exact rank-sum p-value", limit: RankSumOptions.exactLimitDescription)
        }
        p = tails.isEmpty ? 1 : values.reduce(0, +)
    } else {
        used = .normal
        let centred = w - centre
        let c = continuityCorrection(centred, correct: correct, options.alternative)
        let z = (centred - c) / sd
        switch options.alternative {
        case .less: p = GSL.normalCDF(z)
        case .greater: p = GSL.normalSurvival(z)
        case .twoSided: p = 2 * min(GSL.normalCDF(z), GSL.normalSurvival(z))
        }
    }
    let (interval, intervalMethod) = try twoSampleHodgesLehmann(x, y, method: used, correct: correct, options: options)
    return RankSumResult(n1: n1, n2: n2, hasTies: hasTies, method: used, correct: used == .normal ? correct : false,
                         alternative: options.alternative, mu: options.mu, statisticW: w, rankSumX: rankSum, z: zPlain,
                         pValue: min(1, max(0, p)), estimate: interval.estimate, confLow: interval.low, confHigh: interval.high,
                         confLevel: options.confLevel, achievedConfLevel: interval.achieved, intervalMethod: intervalMethod)
}

/// Doubled midranks (integers: the first and last 1-based positions of a run of equal values,
/// added) of `values`, in their original order.
func doubledMidranks(_ values: [Double]) -> [Int] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Int](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
        var j = i
        while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
        for k in i...j { ranks[order[k]] = (i + 1) + (j + 1) }
        i = j + 1
    }
    return ranks
}

/// Sizes of the runs of equal scores.
func tieSizes(_ scores: [Int]) -> [Int] {
    var counts: [Int: Int] = [:]
    for s in scores { counts[s, default: 0] += 1 }
    return Array(counts.values)
}
