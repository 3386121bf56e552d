/// One group's complete pairs of two numeric columns (before, after), and how many of its rows
/// lacked either value.
public struct GroupPairs: Sendable, Equatable {
    public var group: String
    public var before: [Double]
    public var after: [Double]
    /// Rows with either value missing (dropped).
    public var missing: Int
}

extension GroupedRows {
    /// The complete pairs of columns `before` and `after` in each group.
    public func pairedColumns(_ table: DataTable, before: String, after: String) throws(InputError) -> [GroupPairs] {
        let beforeCells = try table.numericColumn(before)
        let afterCells = try table.numericColumn(after)
        return zip(labels, rows).map { label, rows in
            var b: [Double] = [], a: [Double] = []
            for r in rows {
                if let x = beforeCells[r], let y = afterCells[r] { b.append(x); a.append(y) }
            }
            return GroupPairs(group: label, before: b, after: a, missing: rows.count - b.count)
        }
    }
}
