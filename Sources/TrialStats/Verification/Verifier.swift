import Foundation

/// A published cell together with what it was read as.
struct ReadCell: Sendable {
    var cell: PublishedCell
    var parsed: ParsedCell
    var label: LabelStatistic
    /// The N the checks use: the cell's own denominator (`x/n`), else the column's.
    var n: Int?
    var reference: CellReference { CellReference(cell) }
    var isUnreadable: Bool { if case .unparsed = parsed { return true } else { return false } }
}

/// A table row: its cells in column order.
struct ReadRow: Sendable {
    var table: String
    var section: String
    var row: String
    var cells: [ReadCell]
}

/// What each check did with each cell, gathered while the checks run.
struct CoverageLog {
    private(set) var outcomes: [CellReference: [CheckOutcome]] = [:]

    /// The check ran on the cell (its status is decided from the findings at the end).
    mutating func ran(_ cell: CellReference, _ check: Check) {
        var list = outcomes[cell, default: []]
        list.removeAll { $0.check == check && $0.status == .notRun }
        if !list.contains(where: { $0.check == check }) { list.append(CheckOutcome(check: check, status: .passed)) }
        outcomes[cell] = list
    }

    /// The check's outcome on the cell, replacing any earlier one.
    mutating func replace(_ cell: CellReference, _ check: Check, _ reason: NotRunReason) {
        var list = outcomes[cell, default: []]
        list.removeAll { $0.check == check }
        list.append(CheckOutcome(check: check, status: .notRun, reason: reason))
        outcomes[cell] = list
    }

    /// The check applies to the cell but could not run.
    mutating func notRun(_ cell: CellReference, _ check: Check, _ reason: NotRunReason) {
        var list = outcomes[cell, default: []]
        guard !list.contains(where: { $0.check == check }) else { return }
        list.append(CheckOutcome(check: check, status: .notRun, reason: reason))
        outcomes[cell] = list
    }
}

/// Checks a paper's tables as printed: which numbers hang together and which cannot be true.
///
/// Each check is a function of the read cells that returns typed findings (``FindingDetail``)
/// and records, for every cell it applies to, whether it ran or why it could not
/// (``CellCoverage``); see the files in this folder for each one's rule. Severity: `error` cannot
/// be true under any convention; `warning` is true only under an unusual convention or
/// contradicts another table; `note` is worth knowing. Consistent cells produce no finding. When
/// one changed printed value makes several errors disappear, they are reported as one `typo`
/// on that cell (``blameExplainingCells(_:cells:)``).
public enum Verifier {
    /// The checks, in the order they run.
    public static let checks: [Check] = [.unparsed, .labelShape, .countBounds, .percentRounding, .roundingConvention, .subgroupSum,
                                         .categorySum, .gradeSum, .quantileOrder, .quantileGranularity, .pooledQuantile, .meanBounds,
                                         .grim, .sdBounds, .range, .rateInterval, .ratioConsistency, .crossTable, .pValue, .countPValue]

    /// Reads every cell once: the decimal mark per table, the statistic from the shape, the row
    /// label and the column heading, and the N (a cell's own denominator wins over its column's).
    static func read(_ cells: [PublishedCell]) -> [ReadCell] {
        var marks: [String: DecimalMark] = [:]
        for (table, group) in Dictionary(grouping: cells, by: \.table) { marks[table] = DecimalMark.decide(group.map(\.text)) }
        return cells.map { cell in
            let parsed = CellParser.parse(cell.text, label: statisticHint(cell), columnN: cell.columnN, decimalMark: marks[cell.table] ?? .period)
            var n = cell.columnN
            if case let .fraction(_, of, _) = parsed { n = of }
            if case let .rateCI(_, of?, _, _, _, _) = parsed { n = of }
            return ReadCell(cell: cell, parsed: parsed, label: LabelStatistic(label: cell.row), n: n)
        }
    }

    /// The statistic a cell's headings announce: a p-value column first, then the row label, the
    /// column heading, the section heading.
    static func statisticHint(_ cell: PublishedCell) -> LabelStatistic {
        let column = LabelStatistic(label: cell.column)
        if column == .pValue { return .pValue }
        let row = LabelStatistic(label: cell.row)
        if row != .none { return row }
        if column != .none { return column }
        return LabelStatistic(label: cell.section)
    }

    /// Verifies the cells; `confLevel` is the level of the intervals given for every count.
    ///
    /// With `reconstruct`, paired p-value rows that state their instrument's scale are also
    /// examined by reconstruction (``reconstructionFindings(_:log:)``; a few seconds per row).
    public static func verify(_ cells: [PublishedCell], confLevel: Double = 0.95, reconstruct: Bool = false) -> VerificationReport {
        let read = read(cells)
        let rows = groupRows(read)
        var log = CoverageLog()
        var findings: [Finding] = []
        var unparsed: [(CellReference, String, UnreadableReason)] = []
        for c in read {
            if case let .unparsed(reason) = c.parsed {
                unparsed.append((c.reference, c.cell.text, reason))
                log.ran(c.reference, .unparsed)
                findings.append(Finding(severity: .note, check: .unparsed, cell: c.reference, text: c.cell.text, detail: .unreadable(reason)))
            }
            if let of = c.ownDenominator, let columnN = c.cell.columnN, columnN != of {
                findings.append(Finding(severity: .note, check: .countBounds, cell: c.reference, text: c.cell.text,
                                        detail: .denominatorDiffers(cellN: of, columnN: columnN)))
            }
        }
        findings += labelShapeFindings(read, log: &log)
        findings += columnsWithOtherDenominators(countFindings(read, log: &log), cells: read, log: &log)
        findings += roundingConventionFindings(read)
        findings += subgroupSumFindings(rows, log: &log)
        findings += categorySumFindings(rows, log: &log)
        findings += gradeSumFindings(rows, log: &log)
        let orderFindings = quantileOrderFindings(read, log: &log)
        findings += orderFindings
        findings += quantileGranularityFindings(read, log: &log)
        findings += pooledQuantileFindings(rows, broken: orderFindings, log: &log)
        findings += meanFindings(read, log: &log)
        findings += spreadFindings(read, log: &log)
        findings += rangeFindings(read, log: &log)
        findings += intervalFindings(rows, log: &log)
        findings += crossTableFindings(read, log: &log)
        findings += pValueFindings(rows, log: &log)
        findings += countPValueFindings(rows, log: &log)
        var reconstructions: [RowReconstruction] = []
        if reconstruct {
            let (found, done) = reconstructionFindings(rows, log: &log)
            findings += found
            reconstructions = done
        }
        findings = blameExplainingCells(findings, cells: read)
        let order = Dictionary(read.enumerated().map { ($0.element.reference, $0.offset) }, uniquingKeysWith: { first, _ in first })
        findings.sort { a, b in
            if a.severity != b.severity { return a.severity < b.severity }
            return (order[a.cell] ?? 0) < (order[b.cell] ?? 0)
        }
        var intervals: [CellInterval] = []
        for c in read {
            guard let x = c.count, let n = c.n, n > 0, x <= n,
                  let ci = try? binomialInterval(successes: x, trials: n, confLevel: confLevel) else { continue }
            intervals.append(CellInterval(cell: c.reference, x: x, n: n, lower: ci.lower, upper: ci.upper))
        }
        return VerificationReport(cells: cells.count, parsed: cells.count - unparsed.count,
                                  unparsed: unparsed.map { (cell: $0.0, text: $0.1, reason: $0.2) },
                                  findings: findings, intervals: intervals, confLevel: confLevel,
                                  checksRun: checks + (reconstruct ? [.reconstruction] : []),
                                  coverage: coverage(read, log: log, findings: findings), reconstructions: reconstructions)
    }

    /// Each cell's outcomes: a check that produced an error or a warning on the cell (or whose
    /// finding a typo on another cell explains) failed; one that ran without such a finding passed.
    static func coverage(_ read: [ReadCell], log: CoverageLog, findings: [Finding]) -> [CellCoverage] {
        var failed = Set<String>()
        func key(_ r: CellReference, _ c: Check) -> String { "\(r.table)\u{1F}\(r.section)\u{1F}\(r.row)\u{1F}\(r.column)\u{1F}\(c.rawValue)" }
        for f in findings where f.severity != .note || f.check == .unparsed {
            failed.insert(key(f.cell, f.check))
            if case let .typo(_, _, consequences) = f.detail {
                for c in consequences { failed.insert(key(c.cell, c.check)) }
            }
        }
        return read.map { c in
            let outcomes = (log.outcomes[c.reference] ?? []).map { o -> CheckOutcome in
                guard o.status == .passed, failed.contains(key(c.reference, o.check)) else { return o }
                return CheckOutcome(check: o.check, status: .failed)
            }
            return CellCoverage(cell: c.reference, text: c.cell.text, readAs: c.parsed, n: c.n, checks: outcomes)
        }
    }

    static func groupRows(_ cells: [ReadCell]) -> [ReadRow] {
        var rows: [ReadRow] = []
        var index: [String: Int] = [:]
        for c in cells {
            let key = c.cell.table + "\u{1F}" + c.cell.section + "\u{1F}" + c.cell.row
            if let i = index[key] { rows[i].cells.append(c) } else {
                index[key] = rows.count
                rows.append(ReadRow(table: c.cell.table, section: c.cell.section, row: c.cell.row, cells: [c]))
            }
        }
        return rows
    }

    /// Whether a column heading names the whole population ("All", "Total (n = 39)", and a
    /// flattened "All: Number (%)").
    static func isTotalColumn(_ column: String) -> Bool {
        // A flattened heading ("All: Number (%)") is a total column when its top heading is.
        if let top = column.components(separatedBy: ": ").first, top != column { return isTotalColumn(top) }
        let c = column.trimmingCharacters(in: .whitespaces).lowercased()
        if ["all", "total", "overall", "all patients", "all (n)", "whole cohort", "entire cohort", "all participants"].contains(c) { return true }
        return ["all ", "total ", "overall "].contains { c.hasPrefix($0) && c.contains("n") && c.contains("=") }
    }

    /// The total cell of a row and its subgroup cells (those with an N), or why there are none.
    static func totalAndParts(_ row: ReadRow) -> (total: ReadCell, parts: [ReadCell])? {
        guard let total = row.cells.first(where: { isTotalColumn($0.cell.column) }) else { return nil }
        let parts = withoutSubColumns(row.cells.filter { !isTotalColumn($0.cell.column) && $0.cell.columnN != nil && !isPValueColumn($0) })
        return parts.count >= 2 ? (total, parts) : nil
    }

    /// The cells without the bare whole numbers that a flattened heading places under a group
    /// whose count is printed with its percentage or denominator ("Control: Onset time: 24 h"
    /// beside "Control: Number (%)"): sub-columns, not groups.
    static func withoutSubColumns(_ cells: [ReadCell]) -> [ReadCell] {
        let stated = cells.filter { $0.count != nil && ($0.percent != nil || $0.ownDenominator != nil) }
        return cells.filter { c in !(isBareNumber(c) && stated.contains { isSubColumn(c.cell.column, of: $0.cell.column) }) }
    }

    /// A p-value column's cell (it never counts as a subgroup).
    static func isPValueColumn(_ c: ReadCell) -> Bool {
        switch c.parsed {
        case .pValue, .invalidPValue: return true
        default: return LabelStatistic(label: c.cell.column) == .pValue
        }
    }

    /// Adds the Ns, nil on overflow.
    static func sum(_ values: [Int]) -> Int? {
        var total = 0
        for v in values {
            let (s, overflow) = total.addingReportingOverflow(v)
            if overflow { return nil }
            total = s
        }
        return total
    }
}

extension ReadCell {
    /// The count of a count or x/n cell.
    var count: Int? {
        switch parsed {
        case let .count(x, _): return x
        case let .fraction(x, _, _): return x
        case let .rateCI(x, _, _, _, _, _): return x
        default: return nil
        }
    }

    /// The printed percentage of a count or x/n cell.
    var percent: PrintedNumber? {
        switch parsed {
        case let .count(_, p): return p
        case let .fraction(_, _, p): return p
        case let .rateCI(_, _, p, _, _, _): return p
        default: return nil
        }
    }

    /// The denominator a count cell prints itself ("9/10", "9/10 (90%) [55.5–99.7]").
    var ownDenominator: Int? {
        switch parsed {
        case let .fraction(_, of, _): return of
        case let .rateCI(_, of, _, _, _, _): return of
        default: return nil
        }
    }
}
