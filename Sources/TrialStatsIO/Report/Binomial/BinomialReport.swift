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
        var table = DistinctCounts(capacity: counts.count)
        var distinct: [(x: Int, n: Int)] = []
        var slot = [Int](repeating: 0, count: counts.count)
        for (i, c) in counts.enumerated() {
            let (number, isNew) = table.number(x: c.x, n: c.n, next: distinct.count)
            slot[i] = number
            if isNew { distinct.append((c.x, c.n)) }
        }
        let computed = try Self.rows(distinct, settings: settings, patientLevel: patientLevel)
        var rows: [BinomialRow] = []
        rows.reserveCapacity(counts.count)
        for (i, c) in counts.enumerated() {
            var row = computed[slot[i]]!  // every slot is filled: rows(_:) returned without throwing
            row.label = c.group
            rows.append(row)
        }
        self.init(settings: settings, rows: rows)
    }

    /// The row of each distinct count, unlabelled: one block after another, or for many counts the
    /// blocks on the cores side by side. Every slot is filled unless a row fails; then the error
    /// thrown is that of the first failing row in order.
    private static func rows(_ counts: [(x: Int, n: Int)], settings: BinomialSettings, patientLevel: Bool) throws(StatisticsError) -> [BinomialRow?] {
        let block = 1024
        let blocks = (counts.count + block - 1) / block
        var rows = [BinomialRow?](repeating: nil, count: counts.count)
        // The first failure of each block; a block stops at it.
        var failures = [StatisticsError?](repeating: nil, count: blocks)
        // Each slot is written by exactly one block and read after all of them have finished.
        rows.withUnsafeMutableBufferPointer { rowBuffer in
            failures.withUnsafeMutableBufferPointer { failureBuffer in
                nonisolated(unsafe) let slots = rowBuffer, failed = failureBuffer
                @Sendable func compute(_ k: Int) {
                    for i in k * block..<min(counts.count, (k + 1) * block) {
                        do throws(StatisticsError) {
                            slots[i] = try BinomialRow(label: "", x: counts[i].x, n: counts[i].n, settings: settings,
                                                       note: patientLevel && counts[i].n == 0 ? emptyGroupNote : nil)
                        } catch {
                            failed[k] = error
                            return
                        }
                    }
                }
                if blocks >= 2 && ProcessInfo.processInfo.activeProcessorCount > 1 {
                    DispatchQueue.concurrentPerform(iterations: blocks, execute: compute)
                } else {
                    for k in 0..<blocks { compute(k) }
                }
            }
        }
        // Blocks are in row order, so the first block that failed holds the first failing row.
        if let error = failures.lazy.compactMap({ $0 }).first { throw error }
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

/// The distinct (x, n) pairs of a list of counts, numbered in order of first appearance: an
/// open-addressing table (linear probing, never more than half full) of the pairs themselves.
/// Numbering 10⁵ counts through a `Dictionary` took about 25 ms, most of it hashing; this takes a
/// few.
struct DistinctCounts {
    private var xs: [Int]
    private var ns: [Int]
    /// The number of the pair in each place, -1 where the place is empty.
    private var numbers: [Int]
    private let mask: Int

    /// A table with room for `capacity` distinct pairs.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity && size < Int.max / 4 { size *= 2 }
        xs = [Int](repeating: 0, count: size)
        ns = [Int](repeating: 0, count: size)
        numbers = [Int](repeating: -1, count: size)
        mask = size - 1
    }

    /// The number of (x, n): its earlier number, or `next` when it is new (then recorded as such).
    mutating func number(x: Int, n: Int, next: Int) -> (number: Int, isNew: Bool) {
        var h = UInt64(bitPattern: Int64(x)) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: Int64(n)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        var place = Int(truncatingIfNeeded: h) & mask
        while numbers[place] >= 0 {
            if xs[place] == x && ns[place] == n { return (numbers[place], false) }
            place = (place + 1) & mask
        }
        xs[place] = x
        ns[place] = n
        numbers[place] = next
        return (next, true)
    }
}

