import TrialStats

/// A baseline variable's p-value across the baskets, as gtsummary's `add_p()` adds one to a
/// Table 1: asked for by `compare: true` (every variable, the test chosen by `auto`) or by the
/// variable's own `test:`.
///
/// The comparison is the one `trialstats compare COHORT --column C --by BASKET --test T` runs
/// (``compareNumeric(_:test:alternative:mu:confLevel:method:correct:profile:)`` for a continuous
/// variable, ``compareCounts(_:test:alternative:confLevel:correct:exactMcNemar:profile:)`` of the
/// levels × baskets counts for a categorical or binary one; two-sided, `--method auto`, with
/// continuity correction where a test has one), so `auto` chooses as `compare --test auto` does:
/// numeric with two baskets → rank-sum, more → Kruskal–Wallis; counts → Fisher (r×c when needed).
/// The plan's type decides between numbers and counts: a binary column coded 0/1 is a table of
/// counts here, as `compare --test fisher` reads it, where `compare --test auto` would rank the
/// codes. The baskets enter the test in the order `compare` takes its groups (first appearance in
/// the cohort file, not the report's order) and the levels in order of first appearance, so that
/// the p-value, the statistic and a two-basket test's estimate (first basket against the second)
/// are `compare`'s to the last bit, not only to the printed digits.
///
/// Baskets without a value for the variable are left out (and named). With fewer than two baskets
/// with values there is no p-value, and ``note`` says why; likewise when the data leave nothing to
/// test (one level only, every value equal) or the test refuses their size.
public struct BasketComparison: Sendable {
    /// The test the plan asks for (`auto` under `compare: true` without `test:`).
    public var requested: ComparisonTest
    /// The baskets compared (those with values, in report order), their n, and the result, in
    /// the shape `trialstats compare` reports; nil when there is no p-value.
    public var row: ComparisonReport.Row?
    /// Baskets without a value for the variable, left out of the comparison.
    public var leftOut: [String]
    /// Why there is no p-value ("values in SLE only; a comparison needs two baskets with values").
    public var reason: String?

    /// The p-value, nil when there is none.
    public var pValue: Double? { row?.summary.pValue }

    /// Everything a reader should know besides the p-value: why there is none, or which baskets
    /// were left out.
    public var note: String? {
        var parts: [String] = []
        if let reason { parts.append("no p-value: \(reason)") }
        if !leftOut.isEmpty, row != nil {
            parts.append("\(listed(leftOut)) \(leftOut.count == 1 ? "has" : "have") no values and \(leftOut.count == 1 ? "is" : "are") left out of the comparison")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The values of one variable by basket (in report order): numbers, or counts of each level
    /// (rows) in each basket (columns), each level with the first data row that holds it; and
    /// each basket's first data row with a value (nil for none).
    struct Values {
        enum Data {
            case numbers([[Double]])
            case counts([(counts: [Int], firstRow: Int)])
        }
        var data: Data
        var firstRows: [Int?]
    }

    /// Tests that compare exactly two baskets.
    static let twoBasketTests: Set<ComparisonTest> = [.rankSum, .t, .welch, .boschloo, .barnard]

    /// The comparison the plan asks for `v`, or nil when it asks for none. A test the data's shape
    /// cannot take (a two-basket test with three baskets with values, Boschloo on three levels) is
    /// a plan error naming the `test:` line.
    static func make(_ v: BaselineVariable, values: Values, baskets: [String], plan: AnalysisPlan) throws(AnalysisError) -> BasketComparison? {
        guard v.test != nil || plan.compareLine != nil else { return nil }
        let requested = v.test?.value ?? .auto
        let planLine = v.test?.line ?? plan.compareLine ?? v.line
        let n: [Int]
        switch values.data {
        case let .numbers(groups): n = groups.map(\.count)
        case let .counts(levels): n = baskets.indices.map { b in levels.reduce(0) { $0 + $1.counts[b] } }
        }
        // The baskets with values, in order of first appearance in the file (compare's order).
        let kept = baskets.indices.filter { n[$0] > 0 }.sorted { (values.firstRows[$0] ?? .max) < (values.firstRows[$1] ?? .max) }
        let leftOut = baskets.indices.filter { n[$0] == 0 }.map { baskets[$0] }
        var result = BasketComparison(requested: requested, row: nil, leftOut: leftOut, reason: nil)
        guard kept.count >= 2 else {
            if baskets.count < 2 {
                result.reason = "the cohort has one basket; a comparison needs two baskets with values"
            } else if kept.isEmpty {
                result.reason = "no basket has values"
            } else {
                result.reason = "values in \(baskets[kept[0]]) only; a comparison needs two baskets with values"
            }
            return result
        }
        if twoBasketTests.contains(requested), kept.count > 2 {
            throw .plan(PlanError(file: plan.source, line: planLine,
                                  message: "test \(requested.rawValue) compares two baskets; \"\(v.column.value)\" has values in \(kept.count) (\(listed(kept.map { baskets[$0] }))): choose \(requested.isNumeric ? "kruskal" : "fisher, chisq or g-test") or auto"))
        }
        let settings = ComparisonSettings(test: requested, method: .auto, alternative: .twoSided, mu: 0, confLevel: plan.confLevel,
                                          correct: true, profile: nil)
        do throws(ComparisonError) {
            let summary: ComparisonSummary
            switch values.data {
            case let .numbers(groups):
                summary = try compareNumeric(kept.map { groups[$0] }, test: settings.test, alternative: settings.alternative, mu: settings.mu,
                                             confLevel: settings.confLevel, method: settings.method, correct: settings.correct, profile: settings.profile)
            case let .counts(levels):
                let rows = levels.filter { $0.counts.contains { $0 > 0 } }.sorted { $0.firstRow < $1.firstRow }
                let table = try ContingencyTable(rows.map { row in kept.map { row.counts[$0] } })
                summary = try compareCounts(table, test: settings.test, alternative: settings.alternative, confLevel: settings.confLevel,
                                            correct: settings.correct, exactMcNemar: settings.method == .exact, profile: settings.profile)
            }
            result.row = ComparisonReport.Row(variable: v.column.value, groups: kept.map { baskets[$0] }, n: kept.map { n[$0] }, summary: summary)
        } catch {
            switch error {
            case .wrongShape:
                throw .plan(PlanError(file: plan.source, line: planLine, message: "\"\(v.column.value)\": \(error.description)"))
            case .degenerateTable:
                result.reason = "every patient with a value has the same level"
            case .constantData:
                result.reason = "every value is the same"
            default:
                result.reason = error.description
            }
        }
        return result
    }
}

/// "SLE", "SLE and SSc", "SLE, SSc and IIM".
func listed(_ names: [String]) -> String {
    guard names.count > 1 else { return names.first ?? "" }
    return names.dropLast().joined(separator: ", ") + " and " + names.last!
}
