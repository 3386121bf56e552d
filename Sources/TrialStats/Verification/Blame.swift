extension Verifier {
    /// The count checks, run on cells as they are or with one value changed.
    static func countErrors(_ cells: [ReadCell]) -> [Finding] {
        var log = CoverageLog()
        let rows = groupRows(cells)
        let found = countFindings(cells, log: &log) + subgroupSumFindings(rows, log: &log) + gradeSumFindings(rows, log: &log)
            + categorySumFindings(rows, log: &log)
        return found.filter { $0.severity == .error }
    }

    /// Blames the cell that explains several errors: for each error of the count checks, each
    /// count cell it involves is given, in turn, the counts its own printed percentage allows (at
    /// most three) and the count that would make its row's subgroups add up; the count checks run
    /// again on the table. When one changed value removes two or more errors and raises none, the
    /// errors become one `typo` finding on that cell, with the printed and the fitting value and the
    /// removed errors as its consequences (CASTLE Table 2, grade-4 leukocytes: SSc "11 (22%)" of 9
    /// prints 11 where 22% of 9 is 2, and 8 + 2 + 1 = 11 is the All column; one typo, not an error
    /// in SSc and another in All).
    static func blameExplainingCells(_ findings: [Finding], cells: [ReadCell]) -> [Finding] {
        let countChecks: Set<Check> = [.countBounds, .percentRounding, .subgroupSum, .gradeSum, .categorySum]
        var remaining = findings
        var handled = Set<CellReference>()
        let index = Dictionary(cells.enumerated().map { ($0.element.reference, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for finding in findings where finding.severity == .error && countChecks.contains(finding.check) {
            guard remaining.contains(finding) else { continue }
            let tableCells = cells.filter { $0.cell.table == finding.cell.table }
            let before = countErrors(tableCells)
            guard before.count >= 2 else { continue }
            var best: (cell: ReadCell, value: Int, removed: [Finding])?
            for reference in [finding.cell] + finding.related where !handled.contains(reference) {
                guard let i = index[reference], let x = cells[i].count, let n = cells[i].n else { continue }
                var candidates: [Int] = []
                if let percent = cells[i].percent, !percent.isUpperBound, let range = PercentCounts.counts(printing: percent, of: n), range.count <= 3 {
                    candidates += Array(range)
                }
                if let fit = subgroupFit(cells[i], in: tableCells) { candidates.append(fit) }
                for value in Set(candidates) where value != x && value >= 0 {
                    var changed = tableCells
                    guard let k = changed.firstIndex(where: { $0.reference == reference }) else { continue }
                    switch changed[k].parsed {
                    case let .count(_, percent): changed[k].parsed = .count(value, percent: percent)
                    case let .fraction(_, of, percent): changed[k].parsed = .fraction(value, of: of, percent: percent)
                    case let .rateCI(_, of, percent, lower, upper, level):
                        changed[k].parsed = .rateCI(value, of: of, percent: percent, lower: lower, upper: upper, level: level)
                    default: continue
                    }
                    let after = countErrors(changed)
                    let added = after.filter { a in !before.contains { $0.check == a.check && $0.cell == a.cell } }
                    let removed = before.filter { b in !after.contains { $0.check == b.check && $0.cell == b.cell } }
                    guard added.isEmpty, removed.count >= 2, removed.count > (best?.removed.count ?? 1) else { continue }
                    best = (cells[i], value, removed)
                }
            }
            guard let best else { continue }
            let removedKeys = best.removed.map { ($0.check, $0.cell) }
            let consequences = remaining.filter { f in removedKeys.contains { $0.0 == f.check && $0.1 == f.cell } }
            guard consequences.count >= 2 else { continue }
            remaining.removeAll { f in removedKeys.contains { $0.0 == f.check && $0.1 == f.cell } }
            let own = consequences.first { $0.cell == best.cell.reference }
            handled.insert(best.cell.reference)
            remaining.append(Finding(severity: .error, check: own?.check ?? consequences[0].check, cell: best.cell.reference, text: best.cell.cell.text,
                                     detail: .typo(printed: String(best.cell.count ?? 0), fits: String(best.value), consequences: consequences),
                                     related: consequences.map(\.cell).filter { $0 != best.cell.reference }))
        }
        return remaining
    }

    /// The count that makes a subgroup cell's row add up to its total, if the row has one.
    static func subgroupFit(_ cell: ReadCell, in cells: [ReadCell]) -> Int? {
        let row = cells.filter { $0.cell.section == cell.cell.section && $0.cell.row == cell.cell.row }
        guard let (total, parts) = totalAndParts(ReadRow(table: cell.cell.table, section: cell.cell.section, row: cell.cell.row, cells: row)),
              let totalCount = total.count else { return nil }
        let counts = parts.compactMap(\.count)
        guard counts.count == parts.count, let partsSum = sum(counts) else { return nil }
        if total.reference == cell.reference { return partsSum }
        guard let x = cell.count else { return nil }
        let fit = totalCount - (partsSum - x)
        return fit >= 0 ? fit : nil
    }
}
