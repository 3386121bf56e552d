/// How serious a finding is.
public enum Severity: String, CaseIterable, Sendable, Codable, Comparable {
    /// Cannot be true under any convention.
    case error
    /// True only under an unusual convention, or contradicts another table.
    case warning
    /// Worth knowing (an unusual but possible convention, a check that could not run fully).
    case note

    var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The position of a cell: table, section, row and column (the section tells apart rows with
/// the same label, such as "Time to nadir" under leukocytes and under neutrophils).
public struct CellReference: Equatable, Hashable, Sendable {
    public var table: String
    public var section: String
    public var row: String
    public var column: String

    public init(table: String, section: String = "", row: String, column: String) {
        self.table = table
        self.section = section
        self.row = row
        self.column = column
    }

    init(_ cell: PublishedCell) {
        self.init(table: cell.table, section: cell.section, row: cell.row, column: cell.column)
    }
}

/// One thing the verification found: which check, which cell, and a sentence with the numbers.
public struct Finding: Equatable, Sendable {
    public var severity: Severity
    /// The check's identifier (`count-bounds`, `percent-rounding`, `subgroup-sum`, `grade-sum`,
    /// `quantile-order`, `pooled-quantile`, `cross-table`, `p-value`, `label-shape`, `unparsed`,
    /// `rounding-convention`).
    public var check: String
    /// The cell the finding is about.
    public var cell: CellReference
    /// The cell's text.
    public var text: String
    /// One sentence a reader can check by hand.
    public var message: String
    /// Other cells involved.
    public var related: [CellReference]

    public init(severity: Severity, check: String, cell: CellReference, text: String, message: String, related: [CellReference] = []) {
        self.severity = severity
        self.check = check
        self.cell = cell
        self.text = text
        self.message = message
        self.related = related
    }
}

/// The exact interval a count cell implies, which the paper may not print.
public struct CellInterval: Equatable, Sendable {
    public var cell: CellReference
    public var x: Int
    public var n: Int
    public var lower: Double
    public var upper: Double
}

/// The outcome of verifying a table: what was parsed, what was found, and the intervals.
public struct VerificationReport: Equatable, Sendable {
    /// Number of cells read.
    public var cells: Int
    /// Number of cells parsed (not-applicable cells count as parsed).
    public var parsed: Int
    /// Cells that could not be read, with the reason.
    public var unparsed: [(cell: CellReference, text: String, reason: String)]
    /// Findings, most severe first, in table order within a severity.
    public var findings: [Finding]
    /// Clopper–Pearson intervals for every count cell with a column N.
    public var intervals: [CellInterval]
    /// The checks that ran, in order.
    public var checksRun: [String]
    /// Paired p-value rows examined by reconstruction (when asked for).
    public var reconstructions: [RowReconstruction] = []

    public static func == (a: VerificationReport, b: VerificationReport) -> Bool {
        a.cells == b.cells && a.parsed == b.parsed && a.findings == b.findings && a.intervals == b.intervals
            && a.unparsed.map(\.reason) == b.unparsed.map(\.reason)
    }
}
