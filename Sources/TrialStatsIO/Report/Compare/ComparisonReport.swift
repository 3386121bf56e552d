import TrialStats

/// How `compare` tests: the test and its options, shared by every column.
public struct ComparisonSettings: Sendable {
    public var test: ComparisonTest
    public var method: ComparisonMethodChoice
    public var alternative: Alternative
    public var mu: Double
    public var confLevel: Double
    public var correct: Bool
    public var profile: ComparisonProfile?

    public init(test: ComparisonTest, method: ComparisonMethodChoice, alternative: Alternative, mu: Double, confLevel: Double,
                correct: Bool, profile: ComparisonProfile?) {
        self.test = test
        self.method = method
        self.alternative = alternative
        self.mu = mu
        self.confLevel = confLevel
        self.correct = correct
        self.profile = profile
    }
}

/// `compare`: one comparison per column (or of a table of counts), rendered as JSON, CSV or a
/// table for people.
public struct ComparisonReport: Sendable {
    /// One variable compared across its groups.
    public struct Row: Sendable {
        public var variable: String
        public var groups: [String]
        public var n: [Int]
        public var summary: ComparisonSummary
    }

    public var settings: ComparisonSettings
    public var rows: [Row]

    /// A table of counts given inline (columns are the groups).
    public static func counts(_ table: ContingencyTable, settings: ComparisonSettings) throws -> ComparisonReport {
        let summary = try comparing("counts") {
            try compareCounts(table, test: settings.test, alternative: settings.alternative, confLevel: settings.confLevel,
                              correct: settings.correct, exactMcNemar: settings.method == .exact, profile: settings.profile)
        }
        return ComparisonReport(settings: settings, rows: [Row(variable: "counts", groups: (1...table.columnCount).map { "column \($0)" },
                                                              n: table.columnTotals, summary: summary)])
    }

    /// Each of `columns` of `table` compared across the groups of `by`.
    public static func columns(_ columns: [String], of table: DataTable, by: String, settings: ComparisonSettings) throws -> ComparisonReport {
        let groupValues = try table.textColumn(by)
        return ComparisonReport(settings: settings, rows: try columns.map { try column($0, of: table, by: by, groupValues: groupValues, settings: settings) })
    }

    /// One column compared across the groups (in order of first appearance); rows with a missing
    /// value or group are left out. A numeric column is compared as numbers (with `auto`, when
    /// every value is a number and the column is not a binary 0/1 code), any other as a table of
    /// counts.
    static func column(_ name: String, of table: DataTable, by: String, groupValues: [String?], settings s: ComparisonSettings) throws -> Row {
        let texts = try table.textColumn(name)
        var labels: [String] = []
        var rowsByGroup: [String: [Int]] = [:]
        for (i, g) in groupValues.enumerated() {
            guard let g, texts[i] != nil else { continue }
            if rowsByGroup[g] == nil { labels.append(g); rowsByGroup[g] = [] }
            rowsByGroup[g]!.append(i)
        }
        guard labels.count >= 2 else {
            throw ReportDataError("\(table.source): column \"\(name)\" has values in \(labels.count) group(s) of \"\(by)\"; compare needs at least 2")
        }
        // With auto, a column of 0/1 codes is binary: its counts are compared (Fisher), not its codes ranked.
        let numbers = texts.compactMap { $0 }.map { parseDecimal($0) }
        let binaryCodes = numbers.allSatisfy { $0 == 0 || $0 == 1 }
        let numericTest = s.test.isNumeric || (s.test == .auto && numbers.allSatisfy { $0 != nil } && !binaryCodes)
        if numericTest {
            let values = try table.numericColumn(name)
            let groups = labels.map { g in rowsByGroup[g]!.map { values[$0]! } }
            let summary = try comparing("\(table.source), column \"\(name)\"") {
                try compareNumeric(groups, test: s.test, alternative: s.alternative, mu: s.mu, confLevel: s.confLevel, method: s.method,
                                   correct: s.correct, profile: s.profile)
            }
            return Row(variable: name, groups: labels, n: groups.map(\.count), summary: summary)
        }
        var categories: [String] = []
        for t in texts.compactMap({ $0 }) where !categories.contains(t) { categories.append(t) }
        let counts = categories.map { c in labels.map { g in rowsByGroup[g]!.filter { texts[$0] == c }.count } }
        let contingency = try ContingencyTable(counts)
        let summary = try comparing("\(table.source), column \"\(name)\"") {
            try compareCounts(contingency, test: s.test, alternative: s.alternative, confLevel: s.confLevel, correct: s.correct,
                              exactMcNemar: s.method == .exact, profile: s.profile)
        }
        return Row(variable: name, groups: labels, n: labels.map { rowsByGroup[$0]!.count }, summary: summary)
    }

    /// Runs a comparison, turning its error into one line naming where.
    static func comparing(_ place: String, _ body: () throws -> ComparisonSummary) throws -> ComparisonSummary {
        do { return try body() } catch let error as ComparisonError { throw ReportDataError("\(place): \(error.description)") }
    }

    /// The test's caution and, where the interval is not computed as the p-value or does not reach
    /// the level asked for, a note saying how it was computed and what level it has.
    static func caution(_ s: ComparisonSummary) -> String? {
        var notes = s.warning.map { [$0] } ?? []
        if let method = s.intervalMethod {
            notes.append("interval by the \(method == "normal" ? "normal approximation" : method) (the \(s.method) interval is beyond its limits)")
        }
        if let achieved = s.achievedConfLevel {
            notes.append("the \(s.method) interval achieves \(formatForPeople(achieved * 100, significant: 4))%, not \(formatForPeople(s.confLevel * 100, significant: 4))%")
        }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// The documented fields, in order, shared by JSON and CSV.
    static func fields(_ row: Row) -> [(String, JSONValue)] {
        let s = row.summary
        return [("variable", .string(row.variable)), ("groups", .array(row.groups.map { .string($0) })), ("test", .string(s.test.rawValue)),
                ("method", .string(s.method)), ("statistic", .number(s.statistic)), ("df", .number(s.df)), ("p_value", .number(s.pValue)),
                ("estimate", .number(s.estimate)), ("lower", .number(s.lower)), ("upper", .number(s.upper)), ("conf_level", .number(s.confLevel)),
                ("n", .array(row.n.map { .int($0) })), ("warning", Self.caution(s).map { .string($0) } ?? .null)]
    }

    public func json() -> JSONValue {
        .object([("command", .string("compare")), ("results", .array(rows.map { .object(Self.fields($0)) }))])
    }

    /// One row per comparison; a list (groups, n) is written with `;` between its items.
    public func csv() -> CSVOutput {
        func cell(_ value: JSONValue) -> CSVOutput.Cell {
            switch value {
            case let .array(items): return .text(items.map { item -> String in
                if case let .string(s) = item { return s }
                if case let .int(i) = item { return String(i) }
                return ""
            }.joined(separator: ";"))
            default: return CSVOutput.Cell(value)
            }
        }
        return CSVOutput(header: Self.fields(rows[0]).map(\.0), rows: rows.map { Self.fields($0).map { cell($0.1) } })
    }

    /// The comparisons for people; with a `width`, a table wider than it moves the method, then
    /// the estimate with its interval, to a second block (``TextTable/rendered(width:)``).
    public func text(width: Int? = nil) -> String {
        let level = formatForPeople(settings.confLevel * 100, significant: 4) + "%"
        let lines = rows.map { r -> [String] in
            let s = r.summary
            let interval = s.lower == nil && s.upper == nil ? "—" : "\(formatForPeople(s.lower)) to \(formatForPeople(s.upper))"
            return [r.variable, zip(r.groups, r.n).map { "\($0) (\($1))" }.joined(separator: ", "), s.test.rawValue, s.method,
                    formatForPeople(s.statistic), formatForPeople(s.df), formatPValue(s.pValue), formatForPeople(s.estimate), interval]
        }
        let warnings = rows.compactMap { r in Self.caution(r.summary).map { "\(r.variable): \($0)" } }
        let title = ["Between-group comparison, \(settings.alternative.rawValue)" + (settings.profile.map { "; profile \($0.rawValue)" } ?? ""), ""]
        return TextTable(title: title, header: ["variable", "groups (n)", "test", "method", "statistic", "df", "p", "estimate", "\(level) CI"],
                         rows: lines, rightAligned: Set([4, 5, 6, 7]), footer: warnings, optionalColumns: [[3], [7, 8]]).rendered(width: width)
    }
}
