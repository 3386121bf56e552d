import Foundation
import TrialStats

/// The settings of a binomial report: interval methods, level, side, and the null proportion of
/// the exact test (nil for no test).
public struct BinomialSettings: Sendable, Equatable {
    public var methods: [BinomialIntervalMethod]
    public var confLevel: Double
    public var alternative: Alternative
    public var p0: Double?

    public init(methods: [BinomialIntervalMethod] = [.default], confLevel: Double = 0.95, alternative: Alternative = .twoSided, p0: Double? = nil) {
        self.methods = methods
        self.confLevel = confLevel
        self.alternative = alternative
        self.p0 = p0
    }
}

/// One proportion x/n with an interval per method and the optional exact test; when n = 0 it
/// is not estimable (no intervals, no test) and `note` may say why.
public struct BinomialRow: Sendable, Equatable {
    public var label: String
    public var x: Int
    public var n: Int
    /// One interval per method of the settings, in their order; empty when n = 0.
    public var intervals: [ProportionInterval]
    public var test: BinomialTestResult?
    /// Why the row is not estimable, for a group without values ("no non-missing values").
    public var note: String?

    /// x/n, nil when n = 0.
    public var estimate: Double? { n > 0 ? Double(x) / Double(n) : nil }

    /// Computes the intervals and the test of x/n under `settings`.
    public init(label: String, x: Int, n: Int, settings: BinomialSettings, note: String? = nil) throws(StatisticsError) {
        self.label = label
        self.x = x
        self.n = n
        self.note = note
        guard n > 0 else { intervals = []; test = nil; return }
        var intervals: [ProportionInterval] = []
        for m in settings.methods {
            intervals.append(try binomialInterval(successes: x, trials: n, method: m, confLevel: settings.confLevel, alternative: settings.alternative))
        }
        self.intervals = intervals
        test = try settings.p0.map { p0 throws(StatisticsError) in try binomialTest(successes: x, trials: n, p0: p0, alternative: settings.alternative) }
    }
}

/// The note of a group in which a column has no usable value.
public let emptyGroupNote = "no non-missing values"

/// What `trialstats binom` reports: one row per proportion (a count, a row of counts, or a group
/// of patient-level responses then All). Rendered by ``json()``, ``csv()`` and ``table()``.
public struct BinomialReport: Sendable, Equatable {
    public var settings: BinomialSettings
    public var rows: [BinomialRow]

    public init(settings: BinomialSettings, rows: [BinomialRow]) {
        self.settings = settings
        self.rows = rows
    }

    /// One row per count; a count with n = 0 is not estimable, and a group of patient-level
    /// responses with n = 0 carries ``emptyGroupNote``.
    ///
    /// Rows with the same counts have the same intervals and test, so each distinct (x, n) is
    /// computed once (10⁵ rows with n up to 1,000 repeat 16% of their counts); many distinct
    /// counts (`binom --counts` on a large file) are computed on the processor's cores side by
    /// side, in blocks. The rows are the same as computed one after another, and an error is
    /// that of the first row in order that fails.
    public init(counts: [GroupCount], settings: BinomialSettings, patientLevel: Bool) throws(StatisticsError) {
        var distinct: [GroupCount] = []
        var slot = [Int](repeating: 0, count: counts.count)
        var seen: [Counts: Int] = [:]
        seen.reserveCapacity(counts.count)
        for (i, c) in counts.enumerated() {
            let key = Counts(x: c.x, n: c.n)
            if let s = seen[key] {
                slot[i] = s
            } else {
                seen[key] = distinct.count
                slot[i] = distinct.count
                distinct.append(c)
            }
        }
        let computed = try Self.rows(distinct, settings: settings, patientLevel: patientLevel)
        var rows: [BinomialRow] = []
        rows.reserveCapacity(counts.count)
        for (i, c) in counts.enumerated() {
            var row = computed[slot[i]]
            row.label = c.group
            rows.append(row)
        }
        self.init(settings: settings, rows: rows)
    }

    /// A key of distinct counts.
    private struct Counts: Hashable {
        var x: Int
        var n: Int
    }

    /// The row of each count: one after another, or for many counts in blocks on the cores.
    private static func rows(_ counts: [GroupCount], settings: BinomialSettings, patientLevel: Bool) throws(StatisticsError) -> [BinomialRow] {
        @Sendable func row(_ c: GroupCount) throws(StatisticsError) -> BinomialRow {
            try BinomialRow(label: c.group, x: c.x, n: c.n, settings: settings, note: patientLevel && c.n == 0 ? emptyGroupNote : nil)
        }
        let block = 1024
        var rows: [BinomialRow] = []
        rows.reserveCapacity(counts.count)
        guard counts.count >= 2 * block, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            for c in counts { rows.append(try row(c)) }
            return rows
        }
        // Each slot is written by exactly one worker and read after all of them have finished.
        var results = [Result<BinomialRow, StatisticsError>?](repeating: nil, count: counts.count)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: (counts.count + block - 1) / block) { k in
                for i in k * block..<min(counts.count, (k + 1) * block) {
                    slots[i] = Result { () throws(StatisticsError) in try row(counts[i]) }
                }
            }
        }
        for result in results { rows.append(try result!.get()) }
        return rows
    }

    /// `binom --counts FILE --x X --n N [--label L ...]`: one row per row of counts (n = 0 is not
    /// estimable; x > n or a count that is not a whole number stops with the row named).
    public static func counts(_ table: DataTable, x: String, n: String, labels: [String], settings: BinomialSettings) throws -> BinomialReport {
        try BinomialReport(counts: try table.countsRows(x: x, n: n, labels: labels), settings: settings, patientLevel: false)
    }

    /// ``counts(_:x:n:labels:settings:)`` for the CSV file at `path` (`-` for standard input),
    /// read by the fast columnar reader when it can take the file (``CountsFile``).
    public static func counts(path: String, x: String, n: String, labels: [String], settings: BinomialSettings,
                              missingValues: Set<String> = DataTable.defaultMissingValues) throws -> BinomialReport {
        let counts = try CountsFile.read(path: path, x: x, n: n, labels: labels, missingValues: missingValues)
        return try BinomialReport(counts: counts, settings: settings, patientLevel: false)
    }

    /// `binom FILE --response COLUMN [--by G]`: the response per group, then All; only an input
    /// without any value stops (``InputError/emptyColumn(file:column:group:)``).
    public static func responses(_ table: DataTable, column: String, by: String?, settings: BinomialSettings) throws -> BinomialReport {
        let codes = try table.binaryColumn(column)
        let groups = try GroupedRows(table: table, by: by)
        let counts = groups.counts(codes)
        guard counts.last!.n > 0 else { throw InputError.emptyColumn(file: table.source, column: column, group: nil) }
        return try BinomialReport(counts: counts, settings: settings, patientLevel: true)
    }
}

extension BinomialReport {
    /// What is wrong with counts X N as typed on the command line (whole numbers, 0 ≤ X ≤ N,
    /// N > 0), in words; nil when they are fine.
    public static func typedCountsProblem(_ texts: [String]) -> String? {
        for (name, text) in zip(["X", "N"], texts) {
            guard let value = Int(text) else { return "\(name) must be a whole number; got \"\(text)\"." }
            guard value >= 0 else { return "\(name) must not be negative; got \(value)." }
        }
        guard let (x, n) = wholeCounts(texts) else { return "Give X N (two counts)." }
        if n == 0 { return "N = 0 trials: no proportion can be estimated." }
        if x > n { return "X = \(texts[0]) successes exceed N = \(texts[1]) trials." }
        return nil
    }

    /// `binom X N`: one proportion, labelled as typed ("9/10"); the counts were checked by
    /// ``typedCountsProblem(_:)``.
    public static func typed(_ texts: [String], settings: BinomialSettings) throws(StatisticsError) -> BinomialReport {
        guard let (x, n) = wholeCounts(texts) else { throw StatisticsError.invalidCounts(successes: 0, trials: 0) }
        return BinomialReport(settings: settings, rows: [try BinomialRow(label: texts.joined(separator: "/"), x: x, n: n, settings: settings)])
    }

    /// The two counts as whole numbers, nil unless there are exactly two and both read.
    static func wholeCounts(_ texts: [String]) -> (x: Int, n: Int)? {
        guard texts.count == 2, let x = Int(texts[0]), let n = Int(texts[1]) else { return nil }
        return (x, n)
    }
}

extension BinomialSettings {
    /// The interval methods named on the command line: none gives the default, `all` every
    /// method; a name that is no method gives the problem in words, with the choices.
    public static func methods(named names: [String]) -> (methods: [BinomialIntervalMethod], problem: String?) {
        for name in names where name != "all" && BinomialIntervalMethod(rawValue: name) == nil {
            let choices = (BinomialIntervalMethod.allCases.map(\.rawValue) + ["all"]).joined(separator: ", ")
            return ([], "--method \(name) is not a method; choose from \(choices).")
        }
        if names.isEmpty { return ([.default], nil) }
        if names.contains("all") { return (BinomialIntervalMethod.allCases, nil) }
        return (names.compactMap(BinomialIntervalMethod.init(rawValue:)), nil)
    }
}

