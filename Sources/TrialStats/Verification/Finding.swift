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

/// The checks `verify` runs; the raw value is the identifier the JSON and CSV print.
public enum Check: String, CaseIterable, Sendable, Codable {
    /// The cell could not be read.
    case unparsed
    /// The row label announces one statistic and the cell prints another.
    case labelShape = "label-shape"
    /// A count within its column's N.
    case countBounds = "count-bounds"
    /// A percentage equal to count/N rounded to the printed decimals.
    case percentRounding = "percent-rounding"
    /// One rounding convention per table.
    case roundingConvention = "rounding-convention"
    /// Subgroup counts add up to the total's count.
    case subgroupSum = "subgroup-sum"
    /// The categories of one variable add up to at most the column's N.
    case categorySum = "category-sum"
    /// An any-grade row against its grade rows.
    case gradeSum = "grade-sum"
    /// min ≤ Q1 ≤ median ≤ Q3 ≤ max.
    case quantileOrder = "quantile-order"
    /// Medians and quartiles of whole-number scores on the attainable grid.
    case quantileGranularity = "quantile-granularity"
    /// The total's quartiles possible given the subgroups'.
    case pooledQuantile = "pooled-quantile"
    /// A mean possible given the printed quartiles or range (non-negative data).
    case meanBounds = "mean-bounds"
    /// GRIM and GRIMMER: a mean and SD of whole numbers attainable with n values.
    case grim
    /// An SD possible for n values within the printed range (or the instrument's scale).
    case sdBounds = "sd-bounds"
    /// The same quantity printed in two tables.
    case crossTable = "cross-table"
    /// A paired p-value attainable with the number of pairs.
    case pValue = "p-value"
    /// A p-value beside two or more groups' counts printed by a test of those counts.
    case countPValue = "count-p-value"
    /// A p-value within [0, 1]; an interval that contains its estimate.
    case range
    /// A printed interval for a rate reproduced by a named interval method.
    case rateInterval = "rate-interval"
    /// A ratio, its confidence interval and its p-value agree.
    case ratioConsistency = "ratio-consistency"
    /// A paired p-value row reconstructed from data on the instrument's scale.
    case reconstruction
    /// A cell recomputed from patient-level data.
    case recompute
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

/// A labelled number in a finding ("SLE 8", "grade 2 3").
public struct Term: Equatable, Sendable {
    public var label: String
    public var value: Int
    public init(_ label: String, _ value: Int) {
        self.label = label
        self.value = value
    }
}

/// The order statistic or quantile a printed number stands for.
public enum Statistic: String, Sendable, CaseIterable {
    case minimum, firstQuartile = "first quartile", median, thirdQuartile = "third quartile", maximum, mean, sd = "SD", count
}

/// What a finding found, with its numbers; the report layer writes the sentence.
public enum FindingDetail: Equatable, Sendable {
    /// The cell could not be read.
    case unreadable(UnreadableReason)
    /// A cell's own denominator (`x/n`) differs from the column's N; the checks use the cell's.
    case denominatorDiffers(cellN: Int, columnN: Int)
    /// The row label announces one statistic, the cell has the shape of another.
    case labelShape(label: LabelStatistic, shape: String)
    /// A count above its N; `countsForPercent` are the counts the printed percentage allows.
    case countAboveN(count: Int, n: Int, percent: PrintedNumber?, countsForPercent: ClosedRange<Int>?)
    /// 100·count/N does not print as the percentage under any rule.
    case percentMismatch(count: Int, n: Int, percent: PrintedNumber, countsForPercent: ClosedRange<Int>?, nearestDenominator: Int?)
    /// Most percentages of a column disagree with its N and imply smaller denominators: the N is
    /// not theirs (it counts several rows together, or patients are missing); `implied` per row.
    case columnNNotDenominator(n: Int, implied: [Term])
    /// The percentage is count/N truncated, not rounded.
    case percentTruncated(count: Int, n: Int, percent: PrintedNumber)
    /// Two cells of one table need different rounding rules.
    case mixedRounding(rules: [RoundingRule], other: CellReference, otherText: String, otherRules: [RoundingRule])
    /// The subgroups' counts do not add up to the total's.
    case subgroupSum(parts: [Term], sum: Int, total: Int, totalN: Int)
    /// The categories of one variable add up to more than the column's N.
    case categorySum(parts: [Term], sum: Int, n: Int)
    /// The grades add up to more than (or, all grades shown, other than) the any-grade count.
    case gradeSum(anyGrade: Int, grades: [Term], sum: Int)
    /// Two printed quantiles out of order.
    case quantileOrder(lower: Statistic, lowerValue: PrintedNumber, upper: Statistic, upperValue: PrintedNumber)
    /// A median or quartile that no sample of n whole numbers prints, under any quantile definition.
    case quantileGranularity(statistic: Statistic, printed: PrintedNumber, n: Int, step: Double)
    /// The pooled quantiles impossible under some (or every) quantile definition.
    case pooledQuantile(PooledQuantileReason, possibleTypes: [QuantileType])
    /// A mean outside what the printed quartiles (or range) allow for n non-negative values.
    case meanBounds(mean: PrintedNumber, n: Int, smallest: Double, largest: Double?, from: String)
    /// An SD outside what n values within the printed range (`from` "range") or the instrument's
    /// scale ("scale") allow with the printed mean: the SD lies in [smallest, largest].
    case sdBounds(sd: PrintedNumber, mean: PrintedNumber, n: Int, smallest: Double, largest: Double, from: String)
    /// GRIM/GRIMMER: no n whole numbers (on the scale step) give the printed mean (and SD).
    case grim(mean: PrintedNumber, sd: PrintedNumber?, n: Int, nearestMeans: [Double])
    /// The same quantity printed differently in two tables.
    case crossTable(statistic: Statistic, printed: PrintedNumber, other: CellReference, otherPrinted: PrintedNumber, variable: String, population: String)
    /// A paired p-value below the smallest attainable with the pairs.
    case pValueUnattainable(pairs: Int, smallest: Double, setting: String, printed: PrintedPValue)
    /// A p-value beside groups' counts and the tests of the counts that print it (none: a warning).
    case countPValue(CountPValueComparison)
    /// A p-value outside [0, 1].
    case pValueOutOfRange(value: Double)
    /// An interval that does not contain its estimate, or with its bounds reversed.
    case intervalExcludesEstimate(estimate: PrintedNumber, lower: PrintedNumber, upper: PrintedNumber)
    /// An estimate or bound printed as not reached (nil) out of order with the others: a median
    /// not reached lies beyond every time the curve covers, and so does its interval's upper bound.
    case notReachedOrder(estimate: PrintedNumber?, lower: PrintedNumber?, upper: PrintedNumber?)
    /// A printed rate interval at `level` (`levelPrinted` false: not printed, 95% assumed) and the
    /// methods that print it (none: a warning; only methods other than Clopper–Pearson: a note).
    case rateInterval(count: Int, n: Int, lower: PrintedNumber, upper: PrintedNumber, level: Double, levelPrinted: Bool, methods: [String])
    /// A ratio's CI is not log-symmetric about it, or its p disagrees with the CI.
    case ratioConsistency(estimate: PrintedNumber, lower: PrintedNumber, upper: PrintedNumber, impliedEstimate: Double, impliedP: Double?, printedP: PrintedPValue?)
    /// Reconstruction: no data on the scale print the row's medians and quartiles.
    case reconstructionImpossible(pairs: Int, scale: String, before: String, after: String, reason: String?)
    /// Reconstruction: no data set found with the printed p-value (a search, not a proof).
    case reconstructionNotFound(before: String, after: String, pMin: Double, pMax: Double)
    /// Patient-level data that do not reproduce the cell under any setting.
    case recomputeMismatch(recomputed: String)
    /// One printed value explains several findings: the cell printed `printed`, `fits` would make
    /// the table consistent, and `consequences` are the findings it explains (they are not
    /// reported on their own).
    case typo(printed: String, fits: String, consequences: [Finding])
}

/// Why a pooled quantile is impossible under R's type 7 (or under every type).
public struct PooledQuantileReason: Equatable, Sendable {
    public enum Bound: Sendable, Equatable {
        /// The pooled quantile needs at least `needed` values at or below it; at most `allowed` can be.
        case tooFewAtOrBelow(needed: Int, allowed: Int)
        /// At most `allowed` values may lie below it; the subgroups force `forced`.
        case tooManyBelow(allowed: Int, forced: Int)
    }
    public var statistic: Statistic
    public var printed: PrintedNumber
    public var totalN: Int
    public var bound: Bound
    /// Per subgroup: its count at or below (or forced below) the pooled value.
    public var perGroup: [Term]
}

/// Why a cell could not be read.
public enum UnreadableReason: Equatable, Sendable {
    case notAPercentage(inner: String, after: String)
    case headNotNumber(String)
    case boundsNotNumbers(String)
    case neitherNumberNorRange(inner: String, squareBrackets: Bool)
    case notCountWithPercent(String)
    case noKnownShape(String)
    case countTooLarge(String)
    case pValueOutOfRange(String)
}

/// One thing the verification found: which check, which cell, and the numbers.
public struct Finding: Equatable, Sendable {
    public var severity: Severity
    /// The check.
    public var check: Check
    /// The cell the finding is about.
    public var cell: CellReference
    /// The cell's text.
    public var text: String
    /// What was found, with its numbers.
    public var detail: FindingDetail
    /// Other cells involved.
    public var related: [CellReference]

    public init(severity: Severity, check: Check, cell: CellReference, text: String, detail: FindingDetail, related: [CellReference] = []) {
        self.severity = severity
        self.check = check
        self.cell = cell
        self.text = text
        self.detail = detail
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

/// Whether a check ran on a cell and how it ended.
public enum CheckStatus: String, Sendable, Equatable {
    case passed, failed
    case notRun = "not_run"
}

/// Why a check that applies to a cell's statistic could not run.
public enum NotRunReason: String, Sendable, Equatable, CaseIterable {
    /// The cell could not be read.
    case unreadable
    /// The cell has no `column_n` (and does not state its own denominator).
    case noColumnN = "no_column_n"
    /// The row has no total column, or no subgroups, to compare with.
    case noPartnerColumn = "no_partner_column"
    /// The subgroups' N do not add up to the total's N.
    case subgroupsDoNotAddUp = "subgroups_do_not_add_up"
    /// Another cell the check needs could not be read.
    case unreadableNeighbour = "unreadable_neighbour"
    /// Another cell the check needs has another statistic (a count beside a median).
    case neighbourOfAnotherShape = "neighbour_of_another_shape"
    /// No percentage printed.
    case noPercentage = "no_percentage"
    /// The scale (`scale_min`, `scale_max`, `scale_step`) is not given.
    case noScale = "no_scale"
    /// The row does not pair two medians with a p-value.
    case notAPairedRow = "not_a_paired_row"
    /// The p-value's test is not one the check computes.
    case otherTest = "other_test"
    /// The row prints another statistic (a ratio, a rate, a median) beside its counts: the p may be its.
    case notACountRow = "not_a_count_row"
    /// The row prints bare numbers beside its n (%) cells (sub-columns such as onset times, or
    /// groups without a percentage) that its headings do not place under a group: which columns
    /// the p-value compares is not known.
    case bareCountColumns = "bare_count_columns"
    /// A Kaplan–Meier estimate: its interval depends on the risk sets and the censoring, which the
    /// table does not print.
    case survivalEstimate = "survival_estimate"
    /// The cell and its headings do not say what the estimate is (a ratio, a rate, a median).
    case estimateNotNamed = "estimate_not_named"
    /// More than one cell of the row or column could be the partner the check needs.
    case ambiguousPartner = "ambiguous_partner"
    /// The same quantity is not printed in another table.
    case noOtherTable = "no_other_table"
    /// Reconstruction was switched off.
    case switchedOff = "switched_off"
    /// The count is above the largest count checked.
    case tooLarge = "too_large"
    /// The column's N is not the denominator of its percentages (see `columnNNotDenominator`).
    case columnNNotDenominator = "column_n_not_denominator"
}

/// One check on one cell.
public struct CheckOutcome: Equatable, Sendable {
    public var check: Check
    public var status: CheckStatus
    public var reason: NotRunReason?
    public init(check: Check, status: CheckStatus, reason: NotRunReason? = nil) {
        self.check = check
        self.status = status
        self.reason = reason
    }
}

/// What verify did with one cell: what it read and which checks ran.
public struct CellCoverage: Equatable, Sendable {
    public var cell: CellReference
    public var text: String
    /// What the cell was read as.
    public var readAs: ParsedCell
    /// The N the checks used (the cell's own denominator, else the column's), if any.
    public var n: Int?
    public var checks: [CheckOutcome]
}

/// The outcome of verifying a table: what was read, what was found, what was checked.
public struct VerificationReport: Equatable, Sendable {
    /// Number of cells read.
    public var cells: Int
    /// Number of cells parsed (not-applicable cells count as parsed).
    public var parsed: Int
    /// Cells that could not be read, with the reason.
    public var unparsed: [(cell: CellReference, text: String, reason: UnreadableReason)]
    /// Findings, most severe first, in table order within a severity.
    public var findings: [Finding]
    /// Clopper–Pearson intervals for every count cell with a column N.
    public var intervals: [CellInterval]
    /// The level of those intervals.
    public var confLevel: Double
    /// The checks that ran, in order.
    public var checksRun: [Check]
    /// Every cell: what it was read as and each applicable check's outcome.
    public var coverage: [CellCoverage]
    /// Paired p-value rows examined by reconstruction (when asked for).
    public var reconstructions: [RowReconstruction] = []

    public static func == (a: VerificationReport, b: VerificationReport) -> Bool {
        a.cells == b.cells && a.parsed == b.parsed && a.findings == b.findings && a.intervals == b.intervals
            && a.unparsed.map(\.reason) == b.unparsed.map(\.reason) && a.coverage == b.coverage
    }
}
