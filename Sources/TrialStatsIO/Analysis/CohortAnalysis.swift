import Foundation
import TrialStats

/// Everything `trialstats analyze` computes for a cohort under a plan: per basket (in plan order
/// or order of first appearance) and for all patients together ("All", last).
///
/// Each number comes from the same library call, with the same settings, as the single commands
/// (`describe`, `signed-rank`, `binom`, `km`), so the report and those commands agree to the last
/// digit; the report's Methods section prints the command that reproduces each table.
public struct CohortAnalysis: Sendable {
    public var plan: AnalysisPlan
    /// The cohort file as named in messages.
    public var source: String
    /// Number of patients (data rows).
    public var patients: Int
    /// Basket labels in report order (without "All").
    public var baskets: [String]
    /// Patients per basket, then All.
    public var groupSizes: [Int]
    public var baseline: [BaselineResult]
    public var paired: [PairedResult]
    public var responses: [ResponseResult]
    public var survival: SurvivalResult?

    /// Group labels: the baskets, then "All".
    public var groups: [String] { baskets + ["All"] }
}

/// One baseline variable, per group (baskets, then All).
public struct BaselineResult: Sendable {
    public var variable: BaselineVariable
    /// Continuous: the summary per group (nil where the group has no value).
    public var summaries: [Summary?]
    /// Categorical or binary: one row per level printed, counts per group.
    public var levels: [LevelCounts]
    /// Non-missing values per group (the denominators of the percentages).
    public var nonMissing: [Int]
    /// Missing values per group.
    public var missing: [Int]
    /// Decimals printed (continuous).
    public var decimals: Int
    /// The p-value across the baskets, when the plan asks for one (`compare: true` or `test:`).
    public var comparison: BasketComparison? = nil
}

/// Counts of one level of a categorical variable per group.
public struct LevelCounts: Sendable {
    public var level: String
    public var counts: [Int]
}

/// A paired outcome, per group.
public struct PairedResult: Sendable {
    public var outcome: PairedOutcome
    public var groups: [PairedGroupResult]
    public var decimals: Int
}

/// A paired outcome in one group: both time points, the signed-rank test (as `trialstats
/// signed-rank` computes it) and the responders. A basket without a complete pair has no
/// summaries and no test (not estimable), and responders of n = 0.
public struct PairedGroupResult: Sendable {
    /// The group's signed-rank result, the one `trialstats signed-rank` reports.
    public var signedRank: SignedRankGroup
    public var group: String { signedRank.group }
    /// Rows with either value missing (dropped).
    public var nMissing: Int { signedRank.missing }
    public var before: Summary?
    public var after: Summary?
    /// The test; nil when the group has no complete pair.
    public var test: SignedRankResult? { signedRank.test }
    /// Why the group is not estimable ("no non-missing values").
    public var note: String? { signedRank.note }
    /// The p-value adjusted across the paired outcomes of this group (nil without adjustment).
    public var adjustedPValue: Double?
    public var responders: [ResponderResult]
}

/// Patients whose change reaches a minimal clinically important difference, with its interval:
/// the row `trialstats binom X N --method M` reports for those counts.
public struct ResponderResult: Sendable {
    public var mcid: Double
    public var row: BinomialRow
    public var x: Int { row.x }
    public var n: Int { row.n }
    /// nil when n = 0.
    public var interval: ProportionInterval? { row.intervals.first }
}

/// A binary endpoint per group.
public struct ResponseResult: Sendable {
    public var endpoint: ResponseEndpoint
    public var groups: [ProportionResult]
}

/// x/n with its interval in one group: the row `trialstats binom --response` reports, and the
/// missing values left out.
public struct ProportionResult: Sendable {
    public var row: BinomialRow
    public var missing: Int
    public var group: String { row.label }
    public var x: Int { row.x }
    public var n: Int { row.n }
    /// nil when n = 0 (a basket without values).
    public var interval: ProportionInterval? { row.intervals.first }
    /// Why the group is not estimable ("no non-missing values").
    public var note: String? { row.note }
}

/// The plan's survival analysis: the ``SurvivalReport`` that `trialstats km` prints for the same
/// columns and settings, with the plan it was made under.
public struct SurvivalResult: Sendable {
    public var plan: SurvivalPlan
    public var report: SurvivalReport
    /// The baskets, then All.
    public var groups: [SurvivalGroupResult] { report.groups }
    /// Log-rank (or Fleming–Harrington) test across the baskets; nil with one basket.
    public var logRank: LogRankResult? { report.logRank }
}

/// Why a cohort could not be analysed: a plan line (a column or basket the data lack) or a data
/// row (a value the plan's setting cannot take).
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    case plan(PlanError)
    case input(InputError)
    case statistics(String)

    public var description: String {
        switch self {
        case let .plan(error): return error.description
        case let .input(error): return error.description
        case let .statistics(message): return message
        }
    }

    public var exitCode: Int32 {
        switch self {
        case let .plan(error): return error.exitCode
        case let .input(error): return error.exitCode
        case .statistics: return 65
        }
    }
}

/// Tolerance of the MCID comparison: a change counts as reaching the threshold when it is within
/// 1e-9 (relative to the threshold's size, at least 1e-9) of it, so that decimal data such as
/// 1.25 − 1.03 = 0.22 reach 0.22 although the binary difference is 0.21999999999999997.
let mcidTolerance = 1e-9

extension CohortAnalysis {
    /// Checks the plan against the cohort's columns, then computes every table. Errors name the
    /// plan line (a missing column, a listed basket without patients) or the data row (a value
    /// that is not allowed), in one line.
    public static func run(plan: AnalysisPlan, table: DataTable) throws(AnalysisError) -> CohortAnalysis {
        try checkColumns(plan: plan, table: table)
        let (baskets, rowsByBasket) = try assignBaskets(plan: plan, table: table)
        let grouped = GroupedRows(groups: baskets.map { ($0, rowsByBasket[$0]!) }, rowCount: table.rows.count)
        let groupRows = grouped.rows
        let groupLabels = grouped.labels
        do {
            let baseline = try plan.baseline.map { v throws in
                try baselineResult(v, table: table, plan: plan, grouped: grouped)
            }
            var paired = try plan.paired.map { o throws in
                try pairedResult(o, table: table, plan: plan, grouped: grouped)
            }
            if plan.adjust != .none, !paired.isEmpty {
                // The family of a group is the outcomes tested in it (a basket without pairs has no test).
                for g in groupLabels.indices {
                    let tested = paired.indices.filter { paired[$0].groups[g].test != nil }
                    guard !tested.isEmpty else { continue }
                    let adjusted = try adjustPValues(tested.map { paired[$0].groups[g].test!.pValue }, method: plan.adjust)
                    for (k, p) in zip(tested, adjusted) { paired[k].groups[g].adjustedPValue = p }
                }
            }
            let responses = try plan.responses.map { e throws in
                try responseResult(e, table: table, plan: plan, grouped: grouped)
            }
            let survival = try plan.survival.map { s throws in
                try survivalResult(s, table: table, plan: plan, labels: groupLabels, groupRows: groupRows)
            }
            return CohortAnalysis(plan: plan, source: table.source, patients: table.rows.count, baskets: baskets,
                                  groupSizes: groupRows.map(\.count), baseline: baseline, paired: paired,
                                  responses: responses, survival: survival)
        } catch let error as AnalysisError {
            throw error
        } catch let error as InputError {
            throw .input(error)
        } catch {
            throw .statistics("\(table.source): \(error)")
        }
    }

    /// Every column the plan names must exist; the error names the plan line and lists the columns.
    static func checkColumns(plan: AnalysisPlan, table: DataTable) throws(AnalysisError) {
        var named: [Located<String>] = [plan.basket]
        named += plan.baseline.map(\.column)
        for o in plan.paired { named += [o.before, o.after] }
        named += plan.responses.map(\.column)
        if let s = plan.survival {
            switch s.times {
            case let .time(column): named.append(column)
            case let .dates(start, end): named += [start, end] + s.endFallbacks
            }
            if !s.eventFromFirstEnd { named.append(s.event) }
        }
        for column in named where !table.header.contains(column.value) {
            throw .plan(PlanError(file: plan.source, line: column.line,
                                  message: "no column \"\(column.value)\" in \(table.source); the columns are \(columnList(table.header))"))
        }
    }

    /// Splits the rows by basket. A patient without a basket, or with one the plan does not list,
    /// is an error naming the row; a listed basket without patients names the plan line.
    static func assignBaskets(plan: AnalysisPlan, table: DataTable) throws(AnalysisError) -> ([String], [String: [Int]]) {
        let column = plan.basket.value
        let index = table.header.firstIndex(of: column)!
        var order: [String] = []
        var rows: [String: [Int]] = [:]
        guard !table.rows.isEmpty else {
            throw .input(.emptyColumn(file: table.source, column: column, group: nil))
        }
        for (i, row) in table.rows.enumerated() {
            let value = row[index].trimmingCharacters(in: .whitespaces)
            if table.isMissing(value) {
                throw .input(.invalidValue(file: table.source, row: i + 2, column: column, value: row[index],
                                           expected: "a basket (every patient needs one; plan line \(plan.basket.line))"))
            }
            if value == GroupedRows.overallLabel {
                throw .input(GroupedRows.overallLabelError(file: table.source, row: i + 2, column: column, context: " (plan line \(plan.basket.line))"))
            }
            if let listed = plan.baskets, !listed.contains(where: { $0.value == value }) {
                throw .input(.invalidValue(file: table.source, row: i + 2, column: column, value: value,
                                           expected: "one of the baskets the plan lists: \(listed.map(\.value).joined(separator: ", "))"))
            }
            if rows[value] == nil { order.append(value); rows[value] = [] }
            rows[value]!.append(i)
        }
        if let listed = plan.baskets {
            for basket in listed where rows[basket.value] == nil {
                throw .plan(PlanError(file: plan.source, line: basket.line,
                                      message: "basket \"\(basket.value)\" has no patients in \(table.source) (column \"\(column)\" holds \(order.map { "\"\($0)\"" }.joined(separator: ", ")))"))
            }
            order = listed.map(\.value)
        }
        return (order, rows)
    }

    /// Decimals of a value as typed ("1.375" has 3), for the default print precision.
    static func typedDecimals(_ texts: [String]) -> Int {
        texts.map { text in
            guard let dot = text.firstIndex(of: "."), !text.lowercased().contains("e") else { return 0 }
            return text.distance(from: dot, to: text.endIndex) - 1
        }.max() ?? 0
    }

    static func defaultDecimals(_ table: DataTable, columns: [String]) -> Int {
        let texts = columns.flatMap { c in
            let i = table.header.firstIndex(of: c)!
            return table.rows.map { $0[i].trimmingCharacters(in: .whitespaces) }.filter { !table.isMissing($0) }
        }
        return min(typedDecimals(texts), 2)
    }

    static func baselineResult(_ v: BaselineVariable, table: DataTable, plan: AnalysisPlan, grouped: GroupedRows) throws -> BaselineResult {
        let column = v.column.value
        let groupRows = grouped.rows
        switch v.kind {
        case let .continuous(decimals):
            let samples = try grouped.numericColumn(table, column: column)
            let summaries = try samples.map { sample throws in
                try DescribeGroup(sample, quantileType: plan.quantileType, confLevel: plan.confLevel).summary
            }
            guard summaries.last! != nil else {
                throw AnalysisError.plan(PlanError(file: plan.source, line: v.column.line,
                                                   message: "column \"\(column)\" of \(table.source) has no values to summarise"))
            }
            let baskets = Array(samples.dropLast())
            let cells = try table.numericColumn(column)
            let values = BasketComparison.Values(data: .numbers(baskets.map(\.values)),
                                                 firstRows: groupRows.dropLast().map { rows in rows.first { cells[$0] != nil } })
            return BaselineResult(variable: v, summaries: summaries, levels: [],
                                  nonMissing: samples.map(\.values.count), missing: samples.map(\.missing),
                                  decimals: decimals ?? defaultDecimals(table, columns: [column]),
                                  comparison: try BasketComparison.make(v, values: values, baskets: baskets.map(\.group), plan: plan))
        case let .categorical(levels, show):
            let values = try table.textColumn(column)
            var order: [String] = levels ?? []
            for (i, value) in values.enumerated() {
                guard let value else { continue }
                if let levels, !levels.contains(value) {
                    throw AnalysisError.input(.invalidValue(file: table.source, row: i + 2, column: column, value: value,
                                                            expected: "one of the levels \(levels.joined(separator: ", ")) (plan line \(v.line))"))
                }
                if !order.contains(value) { order.append(value) }
            }
            let printed = show ?? order
            // The test counts every level, printed or not (as compare counts the column's values).
            let basketRows = Array(groupRows.dropLast())
            let counts = order.compactMap { level -> (counts: [Int], firstRow: Int)? in
                values.firstIndex(of: level).map { first in (basketRows.map { rows in rows.filter { values[$0] == level }.count }, first) }
            }
            let tested = BasketComparison.Values(data: .counts(counts), firstRows: basketRows.map { rows in rows.first { values[$0] != nil } })
            return BaselineResult(
                variable: v, summaries: [],
                levels: printed.map { level in LevelCounts(level: level, counts: groupRows.map { rows in rows.filter { values[$0] == level }.count }) },
                nonMissing: groupRows.map { rows in rows.filter { values[$0] != nil }.count },
                missing: groupRows.map { rows in rows.filter { values[$0] == nil }.count },
                decimals: 0,
                comparison: try BasketComparison.make(v, values: tested, baskets: Array(grouped.labels.dropLast()), plan: plan))
        case .binary:
            let codes = try binaryColumn(table, column: column, planLine: v.line, plan: plan)
            let counts = grouped.counts(codes)
            let baskets = Array(counts.dropLast())
            let tested = BasketComparison.Values(
                data: .counts([(baskets.map(\.x), codes.firstIndex(of: true) ?? .max), (baskets.map { $0.n - $0.x }, codes.firstIndex(of: false) ?? .max)]),
                firstRows: groupRows.dropLast().map { rows in rows.first { codes[$0] != nil } })
            return BaselineResult(variable: v, summaries: [], levels: [LevelCounts(level: "yes", counts: counts.map(\.x))],
                                  nonMissing: counts.map(\.n), missing: counts.map(\.missing), decimals: 0,
                                  comparison: try BasketComparison.make(v, values: tested, baskets: baskets.map(\.group), plan: plan))
        }
    }

    /// A binary column (``DataTable/binaryColumn(_:expected:)``), the error naming the plan line.
    static func binaryColumn(_ table: DataTable, column: String, planLine: Int, plan: AnalysisPlan) throws(InputError) -> [Bool?] {
        try table.binaryColumn(column, expected: "a binary value 1/0, yes/no or true/false (\(plan.source) line \(planLine))")
    }

    static func pairedResult(_ o: PairedOutcome, table: DataTable, plan: AnalysisPlan, grouped: GroupedRows) throws -> PairedResult {
        var options = o.options
        options.confLevel = plan.confLevel
        var groups: [PairedGroupResult] = []
        for (k, pairs) in try grouped.pairedColumns(table, before: o.before.value, after: o.after.value).enumerated() {
            let label = pairs.group
            guard !pairs.before.isEmpty || !grouped.isOverall(k) else {
                throw AnalysisError.plan(PlanError(
                    file: plan.source, line: o.line,
                    message: "no patient with both \"\(o.before.value)\" and \"\(o.after.value)\" in \(table.source)"))
            }
            let signedRank: SignedRankGroup
            do {
                signedRank = try SignedRankGroup(pairs, options: options)
            } catch {
                throw AnalysisError.statistics("\(table.source)\(grouped.isOverall(k) ? "" : ", basket \"\(label)\""): \(o.label): \(error)")
            }
            let (b, a) = (pairs.before, pairs.after)
            let changes = zip(b, a).map { $1 - $0 }
            let responders = try o.mcid.map { threshold throws -> ResponderResult in
                let slack = mcidTolerance * max(1, abs(threshold))
                let x = changes.filter { o.better == .lower ? $0 <= threshold + slack : $0 >= threshold - slack }.count
                let settings = BinomialSettings(methods: [plan.intervalMethod], confLevel: plan.confLevel)
                let row = try BinomialRow(label: label, x: x, n: changes.count, settings: settings, note: changes.isEmpty ? emptyGroupNote : nil)
                return ResponderResult(mcid: threshold, row: row)
            }
            groups.append(PairedGroupResult(
                signedRank: signedRank,
                before: b.isEmpty ? nil : try summarize(b, quantileType: plan.quantileType, confLevel: plan.confLevel),
                after: a.isEmpty ? nil : try summarize(a, quantileType: plan.quantileType, confLevel: plan.confLevel),
                adjustedPValue: nil, responders: responders))
        }
        return PairedResult(outcome: o, groups: groups,
                            decimals: o.decimals ?? defaultDecimals(table, columns: [o.before.value, o.after.value]))
    }

    static func responseResult(_ e: ResponseEndpoint, table: DataTable, plan: AnalysisPlan, grouped: GroupedRows) throws -> ResponseResult {
        let counts = grouped.counts(try binaryColumn(table, column: e.column.value, planLine: e.line, plan: plan))
        let settings = BinomialSettings(methods: [e.method], confLevel: plan.confLevel)
        var groups: [ProportionResult] = []
        guard counts.last!.n > 0 else {
            throw AnalysisError.plan(PlanError(file: plan.source, line: e.column.line,
                                               message: "no patient with a value in column \"\(e.column.value)\" of \(table.source)"))
        }
        for count in counts {
            let row = try BinomialRow(label: count.group, x: count.x, n: count.n, settings: settings, note: count.n == 0 ? emptyGroupNote : nil)
            groups.append(ProportionResult(row: row, missing: count.missing))
        }
        return ResponseResult(endpoint: e, groups: groups)
    }

    /// Reads the plan's survival columns as `km` does and fits the report with the baskets as
    /// the groups (in report order).
    static func survivalResult(_ s: SurvivalPlan, table: DataTable, plan: AnalysisPlan, labels: [String], groupRows: [[Int]]) throws -> SurvivalResult {
        let (times, events) = try readSurvival(table, s.input)
        var groupIndex = [Int](repeating: 0, count: times.count)
        for (g, rows) in groupRows.dropLast().enumerated() { for r in rows { groupIndex[r] = g } }
        let data = SurvivalColumns(source: table.source, times: times, events: events, groups: groupIndex, labels: Array(labels.dropLast()))
        return SurvivalResult(plan: s, report: try SurvivalReport(data, settings: s.settings(confLevel: plan.confLevel)))
    }
}
