import Foundation

/// A published cell together with what it was read as.
struct ReadCell: Sendable {
    var cell: PublishedCell
    var parsed: ParsedCell
    var label: LabelStatistic
    var reference: CellReference { CellReference(cell) }
}

/// A table row: its cells in column order.
struct ReadRow: Sendable {
    var table: String
    var section: String
    var row: String
    var cells: [ReadCell]
}

/// Checks a paper's tables as printed: which numbers hang together and which cannot be true.
///
/// Each check is a function of the read cells that returns findings; see the files in this folder
/// for each one's rule. Severity: `error` cannot be true under any convention; `warning` is true
/// only under an unusual convention or contradicts another table; `note` is worth knowing.
/// Consistent cells produce no finding.
public enum Verifier {
    /// The names of the checks, in the order they run.
    public static let checks = ["unparsed", "label-shape", "count-bounds", "percent-rounding", "rounding-convention",
                                "subgroup-sum", "grade-sum", "quantile-order", "pooled-quantile", "cross-table", "p-value"]

    /// Verifies the cells; `confLevel` is the level of the intervals given for every count.
    ///
    /// With `reconstruct`, paired p-value rows that state their instrument's scale are also
    /// examined by reconstruction (``reconstructionFindings(_:)``; a few seconds per row).
    public static func verify(_ cells: [PublishedCell], confLevel: Double = 0.95, reconstruct: Bool = false) -> VerificationReport {
        var denominatorNotes: [Finding] = []
        let read = cells.map { cell -> ReadCell in
            let label = LabelStatistic(label: cell.row)
            var cell = cell
            var parsed = CellParser.parse(cell.text, label: label, columnN: cell.columnN)
            // "x/n (p%)" states its own denominator: the count checks use it.
            if case let .fraction(x, n, percent) = parsed {
                if let columnN = cell.columnN, columnN != n {
                    denominatorNotes.append(Finding(severity: .note, check: "count-bounds", cell: CellReference(cell), text: cell.text,
                                                    message: "The cell's denominator \(n) differs from the column's N = \(columnN); the checks use \(n)."))
                }
                cell.columnN = n
                parsed = .count(x, percent: percent)
            }
            return ReadCell(cell: cell, parsed: parsed, label: label)
        }
        let rows = groupRows(read)
        var findings: [Finding] = []
        var unparsed: [(CellReference, String, String)] = []
        for c in read {
            if case let .unparsed(reason) = c.parsed {
                unparsed.append((c.reference, c.cell.text, reason))
                findings.append(Finding(severity: .note, check: "unparsed", cell: c.reference, text: c.cell.text,
                                        message: "This cell could not be read: \(reason); it is left out of every check."))
            }
        }
        findings += denominatorNotes
        findings += labelShapeFindings(read)
        findings += countFindings(read)
        findings += roundingConventionFindings(read)
        findings += subgroupSumFindings(rows)
        findings += gradeSumFindings(rows)
        let orderFindings = quantileOrderFindings(read)
        findings += orderFindings
        findings += pooledQuantileFindings(rows, skipping: Set(orderFindings.map(\.cell)))
        findings += crossTableFindings(read)
        findings += pValueFindings(rows)
        var reconstructions: [RowReconstruction] = []
        if reconstruct {
            let (found, done) = reconstructionFindings(rows)
            findings += found
            reconstructions = done
        }
        let order = Dictionary(read.enumerated().map { ($0.element.reference, $0.offset) }, uniquingKeysWith: { first, _ in first })
        findings.sort { a, b in
            if a.severity != b.severity { return a.severity < b.severity }
            return (order[a.cell] ?? 0) < (order[b.cell] ?? 0)
        }
        var intervals: [CellInterval] = []
        for c in read {
            guard case let .count(x, _) = c.parsed, let n = c.cell.columnN, n > 0, x <= n,
                  let ci = try? binomialInterval(successes: x, trials: n, confLevel: confLevel) else { continue }
            intervals.append(CellInterval(cell: c.reference, x: x, n: n, lower: ci.lower, upper: ci.upper))
        }
        return VerificationReport(cells: cells.count, parsed: cells.count - unparsed.count,
                                  unparsed: unparsed.map { (cell: $0.0, text: $0.1, reason: $0.2) },
                                  findings: findings, intervals: intervals, checksRun: checks + (reconstruct ? ["reconstruction"] : []),
                                  reconstructions: reconstructions)
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

    /// Whether a column heading names the whole population.
    static func isTotalColumn(_ column: String) -> Bool {
        ["all", "total", "overall", "all patients", "all (n)", "whole cohort"].contains(column.trimmingCharacters(in: .whitespaces).lowercased())
    }
}

/// Formats a number for a finding's sentence.
func show(_ x: Double, decimals: Int = 1) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    return String(format: "%.\(decimals)f", x)
}
