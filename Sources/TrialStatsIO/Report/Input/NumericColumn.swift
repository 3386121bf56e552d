/// One group's non-missing values of a numeric column, and how many of its cells were missing.
public struct GroupValues: Sendable, Equatable {
    public var group: String
    public var values: [Double]
    public var missing: Int
}

extension GroupedRows {
    /// The values of numeric column `column` in each group (a cell that is not a number stops
    /// with its row named).
    public func numericColumn(_ table: DataTable, column: String) throws(InputError) -> [GroupValues] {
        let cells = try table.numericColumn(column)
        return zip(labels, rows).map { label, rows in
            let values = rows.compactMap { cells[$0] }
            return GroupValues(group: label, values: values, missing: rows.count - values.count)
        }
    }
}
