import Foundation

extension DataTable {
    /// One x-of-n count per row, from whole-number columns `x` and `n` (x ≤ n), labelled by the
    /// `labels` columns joined with " / " (or "row k"). n = 0 is allowed (not estimable).
    public func countsRows(x xColumn: String, n nColumn: String, labels labelColumns: [String]) throws(InputError) -> [GroupCount] {
        let xIndex = try columnIndex(xColumn)
        let nIndex = try columnIndex(nColumn)
        var labelIndices: [Int] = []
        for name in labelColumns { labelIndices.append(try columnIndex(name)) }
        var out: [GroupCount] = []
        out.reserveCapacity(rows.count)
        for (i, cells) in rows.enumerated() {
            let rowNumber = i + 2
            func count(_ index: Int, _ name: String) throws(InputError) -> Int {
                let text = trimmingWhitespace(cells[index])
                guard let value = Int(text), value >= 0 else {
                    throw InputError.invalidValue(file: source, row: rowNumber, column: name, value: cells[index],
                                                  expected: "a whole number of at least 0")
                }
                return value
            }
            let x = try count(xIndex, xColumn)
            let n = try count(nIndex, nColumn)
            guard x <= n else {
                throw InputError.invalidValue(file: source, row: rowNumber, column: xColumn, value: cells[xIndex],
                                              expected: "at most n = \(n) (column \"\(nColumn)\")")
            }
            let label = labelIndices.isEmpty ? "row \(rowNumber)" : labelIndices.map { cells[$0] }.joined(separator: " / ")
            out.append(GroupCount(group: label, x: x, n: n, missing: 0))
        }
        return out
    }
}
