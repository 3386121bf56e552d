import Foundation

extension Verifier {
    /// The headings of a column that prints the number of pairs (or patients) of its row.
    static let pairsHeadings: Set<String> = ["n", "pairs", "n pairs", "no. of pairs", "number of pairs", "n (pairs)", "pairs (n)", "paired n"]

    /// The number of pairs a row prints in its own column ("Pairs", "N": `10`, `8 (1 missing)`),
    /// nil when it prints none.
    static func pairsCount(_ row: ReadRow) -> Int? {
        for c in row.cells where pairsHeadings.contains(c.cell.column.lowercased().trimmingCharacters(in: .whitespaces)) {
            switch c.parsed {
            case let .count(x, nil): return x
            case let .number(p) where p.decimals == 0 && p.value >= 0 && p.value <= Double(CellParser.maximumCount): return Int(p.value)
            default: continue
            }
        }
        return nil
    }

    /// `p-value`: a printed p-value must be attainable by the test and the number of pairs — for a
    /// paired comparison (a row whose other cells are medians at two time points; n is the row's
    /// own count of pairs when it prints one, else the medians' column N) the smallest
    /// two-sided Wilcoxon signed-rank p-value over every software profile, a proven bound
    /// (``smallestAttainablePValue(pairs:profile:)``). A p-value printed as "= v" whose rounding interval
    /// lies entirely below that minimum, or "< v" with v at or below it, cannot be true.
    static func pValueFindings(_ rows: [ReadRow], log: inout CoverageLog) -> [Finding] {
        var findings: [Finding] = []
        for row in rows {
            for c in row.cells {
                guard case let .pValue(p) = c.parsed else { continue }
                let others = row.cells.filter { $0.cell.column != c.cell.column }
                let test = c.cell.test?.lowercased() ?? "signed-rank"
                guard test == "signed-rank" else { log.notRun(c.reference, .pValue, .otherTest); continue }
                if others.contains(where: \.isUnreadable) { log.notRun(c.reference, .pValue, .unreadableNeighbour); continue }
                let paired = others.filter { if case .medianIQR = $0.parsed { return true } else { return false } }
                guard paired.count >= 2 else { log.notRun(c.reference, .pValue, .notAPairedRow); continue }
                guard let n = pairsCount(row) ?? paired.compactMap({ $0.cell.columnN }).min() ?? c.cell.columnN, n >= 1 else {
                    log.notRun(c.reference, .pValue, .noColumnN)
                    continue
                }
                log.ran(c.reference, .pValue)
                let (smallest, setting) = smallestAttainablePValue(pairs: n, profile: nil)
                let impossible: Bool
                switch p.relation {
                case .equal: impossible = p.number.interval(rule: .halfUp).upper < smallest
                case .less, .lessOrEqual: impossible = p.number.value <= smallest
                case .greater: impossible = false
                }
                if impossible {
                    findings.append(Finding(severity: .error, check: .pValue, cell: c.reference, text: c.cell.text,
                                            detail: .pValueUnattainable(pairs: n, smallest: smallest, setting: setting, printed: p),
                                            related: paired.map(\.reference)))
                }
            }
        }
        return findings
    }
}
