import Foundation

/// The between-group tests a comparison can run.
public enum ComparisonTest: String, CaseIterable, Sendable, Codable {
    /// Choose by the variable: numeric with two groups → rank-sum, more → Kruskal–Wallis;
    /// categorical → Fisher (r×c when needed); a profile may choose otherwise.
    case auto
    case rankSum = "rank-sum"
    case kruskal
    /// Student's t-test (pooled variance).
    case t
    case welch
    case fisher
    /// Pearson chi-square without continuity correction.
    case chisq
    /// Pearson chi-square with Yates' correction on 2×2 tables.
    case chisqYates = "chisq-yates"
    case gTest = "g-test"
    case boschloo
    case barnard
    case mcnemar

    /// Whether the test compares numeric values (rather than counts).
    public var isNumeric: Bool { [.rankSum, .kruskal, .t, .welch].contains(self) }
}

/// A program whose default two-group (and k-group) comparison a profile reproduces.
///
/// | profile | numeric, 2 groups | numeric, k groups | categorical |
/// | --- | --- | --- | --- |
/// | `r` | `wilcox.test` (exact if both n < 50 without ties, else normal with correction) | `kruskal.test` | `chisq.test` (Yates on 2×2) |
/// | `gtsummary` | `add_p()`: `wilcox.test` | `kruskal.test` | chi-square without correction, Fisher when an expected count is below 5 |
/// | `sas` | NPAR1WAY: normal with correction | NPAR1WAY chi-square | FREQ CHISQ: Pearson |
/// | `spss` | NPAR TESTS M-W: normal without correction | K-W chi-square | CROSSTABS: Pearson |
/// | `scipy` | `mannwhitneyu` (exact if both n ≤ 8 without ties, else normal with correction) | `kruskal` | `chi2_contingency` (Yates on 2×2) |
/// | `stata` | `ranksum`: normal without correction | `kwallis` | `tabulate, chi2`: Pearson |
public enum ComparisonProfile: String, CaseIterable, Sendable, Codable {
    case r, gtsummary, sas, spss, scipy, stata

    /// The rank-sum settings of the profile.
    public var rankSumProfile: RankSumProfile {
        switch self {
        case .r, .gtsummary: return .r
        case .sas: return .sas
        case .spss: return .spss
        case .scipy: return .scipy
        case .stata: return .stata
        }
    }
}

/// One comparison's result in the common shape the command and the cohort analysis print:
/// `estimate` is the Hodges–Lehmann shift (rank-sum), the conditional MLE odds ratio (Fisher 2×2)
/// or the mean difference (t-tests); nil where the test has none.
public struct ComparisonSummary: Equatable, Sendable {
    /// The test run (never `auto`).
    public var test: ComparisonTest
    /// How its p-value was computed: exact, exact-conditional, normal, chi-square, asymptotic…
    public var method: String
    /// The statistic (W, H, t, X², G², z, or Boschloo's Fisher p), nil where there is none.
    public var statistic: Double?
    /// Degrees of freedom, nil where there are none.
    public var df: Double?
    /// The p-value.
    public var pValue: Double
    /// The effect estimate (see above).
    public var estimate: Double?
    /// Lower end of its interval (−∞ or 0 sides of one-sided intervals are nil).
    public var lower: Double?
    /// Upper end (+∞ sides are nil).
    public var upper: Double?
    /// The level of the interval.
    public var confLevel: Double
    /// A caution to print beside the p-value (for example R's chi-square warning).
    public var warning: String?
    /// How the interval was computed where that is not how the p-value was (a rank-sum interval by
    /// the normal approximation beside an exact p-value, beyond the exact interval's limits).
    public var intervalMethod: String? = nil
    /// The level an exact conditional interval achieves, where it is not the level requested.
    public var achievedConfLevel: Double? = nil
}

/// Options shared by ``compareNumeric(_:test:alternative:mu:confLevel:method:correct:profile:)`` and
/// ``compareCounts(_:test:alternative:confLevel:correct:exactMcNemar:profile:)``.
public enum ComparisonMethodChoice: String, CaseIterable, Sendable, Codable {
    case auto, exact, normal
}

/// Runs a numeric comparison of two or more groups; `auto` and profiles pick the test as
/// ``ComparisonTest/auto`` and ``ComparisonProfile`` say. Groups without values are dropped.
public func compareNumeric(_ groups: [[Double]], test: ComparisonTest = .auto, alternative: Alternative = .twoSided, mu: Double = 0,
                           confLevel: Double = 0.95, method: ComparisonMethodChoice = .auto, correct: Bool = true,
                           profile: ComparisonProfile? = nil) throws(ComparisonError) -> ComparisonSummary {
    let kept = groups.filter { !$0.isEmpty }
    guard kept.count >= 2 else { throw ComparisonError.tooFewGroups(found: kept.count, needed: 2) }
    var chosen = test
    if chosen == .auto { chosen = kept.count == 2 ? .rankSum : .kruskal }
    switch chosen {
    case .rankSum:
        guard kept.count == 2 else { throw ComparisonError.tooFewGroups(found: kept.count, needed: 2) }
        let m: RankSumMethod = method == .exact ? .exact : (method == .normal ? .normal : .auto)
        let r = try rankSumTest(kept[0], kept[1], options: RankSumOptions(method: m, correct: correct, alternative: alternative, mu: mu,
                                                                          confLevel: confLevel, profile: profile?.rankSumProfile))
        let conditional = r.intervalMethod == .exactConditional
        return ComparisonSummary(test: .rankSum, method: r.method.rawValue + (r.method == .normal ? (r.correct ? ", corrected" : ", uncorrected") : ""),
                                 statistic: r.statisticW, df: nil, pValue: r.pValue, estimate: r.estimate,
                                 lower: r.confLow, upper: r.confHigh, confLevel: confLevel, warning: nil,
                                 intervalMethod: r.intervalMethod == r.method ? nil : r.intervalMethod.rawValue,
                                 achievedConfLevel: conditional && abs((r.achievedConfLevel ?? confLevel) - confLevel) > 1e-9 ? r.achievedConfLevel : nil)
    case .kruskal:
        let r = try kruskalWallisTest(kept, method: method == .exact ? .exact : .chiSquare)
        return ComparisonSummary(test: .kruskal, method: r.method.rawValue, statistic: r.statistic, df: Double(r.df), pValue: r.pValue,
                                 estimate: nil, lower: nil, upper: nil, confLevel: confLevel, warning: nil)
    case .t, .welch:
        guard kept.count == 2 else { throw ComparisonError.tooFewGroups(found: kept.count, needed: 2) }
        let r = try tTest(kept[0], kept[1], kind: chosen == .t ? .student : .welch, alternative: alternative, mu: mu, confLevel: confLevel)
        return ComparisonSummary(test: chosen, method: chosen == .t ? "student" : "welch", statistic: r.statistic, df: r.df, pValue: r.pValue,
                                 estimate: r.estimate, lower: r.confLow, upper: r.confHigh, confLevel: confLevel, warning: nil)
    default:
        throw ComparisonError.wrongShape(test: "\(chosen.rawValue) (a test of counts)", expected: "table of counts", rows: 0, columns: kept.count)
    }
}

/// Runs a test of a table of counts (rows: categories, columns: groups); `auto` is Fisher, or the
/// profile's default (see ``ComparisonProfile``).
public func compareCounts(_ table: ContingencyTable, test: ComparisonTest = .auto, alternative: Alternative = .twoSided,
                          confLevel: Double = 0.95, correct: Bool = true, exactMcNemar: Bool = false,
                          profile: ComparisonProfile? = nil) throws(ComparisonError) -> ComparisonSummary {
    var chosen = test
    if chosen == .auto {
        switch profile {
        case nil: chosen = .fisher
        case .r?, .scipy?: chosen = .chisqYates
        case .sas?, .spss?, .stata?: chosen = .chisq
        case .gtsummary?:
            let reduced = try table.droppingEmptyLines()
            chosen = reduced.expected.joined().contains { $0 < 5 } ? .fisher : .chisq
        }
    }
    func chi(_ r: ChiSquareResult, _ test: ComparisonTest) -> ComparisonSummary {
        ComparisonSummary(test: test, method: r.statistic == .pearson ? (r.yates ? "chi-square, Yates" : "chi-square") : "likelihood-ratio",
                          statistic: r.value, df: Double(r.df), pValue: r.pValue, estimate: nil, lower: nil, upper: nil, confLevel: confLevel,
                          warning: r.approximationWarning ? "Chi-squared approximation may be incorrect: \(r.expectedBelowFive) expected count(s) below 5" : nil)
    }
    switch chosen {
    case .fisher:
        let r = try fisherExactTest(table, alternative: alternative, confLevel: confLevel)
        let finite: (Double?) -> Double? = { $0.flatMap { $0.isFinite ? $0 : nil } }
        return ComparisonSummary(test: .fisher, method: r.rows == 2 && r.columns == 2 ? "exact" : "exact (Freeman–Halton)", statistic: nil, df: nil,
                                 pValue: r.pValue, estimate: finite(r.oddsRatio), lower: r.confLow == 0 && alternative == .less ? nil : finite(r.confLow),
                                 upper: finite(r.confHigh), confLevel: confLevel, warning: nil)
    case .chisq: return chi(try chiSquareTest(table, yates: false), .chisq)
    case .chisqYates: return chi(try chiSquareTest(table, yates: correct), .chisqYates)
    case .gTest: return chi(try gTest(table, yates: false), .gTest)
    case .boschloo, .barnard:
        let r = chosen == .boschloo ? try boschlooExactTest(table, alternative: alternative) : try barnardExactTest(table, alternative: alternative)
        return ComparisonSummary(test: chosen, method: "exact unconditional", statistic: r.statistic.flatMap { $0.isFinite ? $0 : nil }, df: nil,
                                 pValue: r.pValue, estimate: nil, lower: nil, upper: nil, confLevel: confLevel, warning: nil)
    case .mcnemar:
        let r = try mcNemarTest(table, method: exactMcNemar ? .exact : .asymptotic, correct: correct)
        return ComparisonSummary(test: .mcnemar, method: r.method == .exact ? "exact" : (r.correct ? "chi-square, corrected" : "chi-square"),
                                 statistic: r.statistic, df: r.df.map(Double.init), pValue: r.pValue, estimate: nil, lower: nil, upper: nil,
                                 confLevel: confLevel, warning: nil)
    default:
        throw ComparisonError.wrongShape(test: "\(chosen.rawValue) (a test of numeric values)", expected: "numeric column", rows: table.rowCount, columns: table.columnCount)
    }
}
