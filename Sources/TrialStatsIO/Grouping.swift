/// Rows split by the values of a grouping column.
public struct Grouping: Sendable {
    /// Group labels in order of first appearance. A missing group value is its own group,
    /// labelled ``missingLabel``, so no row silently disappears.
    public var labels: [String]
    /// For each label, the row indices (0-based) belonging to it, in file order.
    public var rows: [String: [Int]]

    /// The label given to rows whose grouping value is missing.
    public static let missingLabel = "NA"

    /// Groups the rows of `table` by column `column`.
    public init(table: DataTable, column: String) throws(InputError) {
        let values = try table.textColumn(column)
        var labels: [String] = []
        var rows: [String: [Int]] = [:]
        for (i, value) in values.enumerated() {
            let label = value ?? Grouping.missingLabel
            if rows[label] == nil {
                labels.append(label)
                rows[label] = []
            }
            rows[label]!.append(i)
        }
        self.labels = labels
        self.rows = rows
    }
}
