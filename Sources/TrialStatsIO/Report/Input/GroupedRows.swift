/// The rows of a table in report groups: the groups of a grouping column (in order of first
/// appearance) or of a plan, then every row together as the overall group ``overallLabel``.
///
/// A group literally named `All` would print twice and collide with the overall row, so it is
/// refused with the row, column and value (exit 65) rather than renamed.
public struct GroupedRows: Sendable, Equatable {
    /// The label of the overall group, printed last.
    public static let overallLabel = "All"

    /// Group labels in report order, the overall group last.
    public var labels: [String]
    /// The row indices (0-based, file order) of each group; the last holds every row.
    public var rows: [[Int]]

    /// Groups `groups` (labels with their rows, in report order), then every one of `rowCount`
    /// rows as the overall group.
    public init(groups: [(label: String, rows: [Int])], rowCount: Int) {
        labels = groups.map(\.label) + [GroupedRows.overallLabel]
        rows = groups.map(\.rows) + [Array(0..<rowCount)]
    }

    /// The groups of column `by` of `table` (a missing value forms the group `NA`), then All; only
    /// All without `by`.
    /// - Throws: ``InputError/invalidValue(file:row:column:value:expected:)`` at the first row
    ///   whose group is `All`; ``InputError/unknownColumn(file:column:available:)``.
    public init(table: DataTable, by column: String?) throws(InputError) {
        guard let column else {
            self.init(groups: [], rowCount: table.rows.count)
            return
        }
        let grouping = try Grouping(table: table, column: column)
        if let rows = grouping.rows[GroupedRows.overallLabel] {
            throw GroupedRows.overallLabelError(file: table.source, row: rows[0] + 2, column: column)
        }
        self.init(groups: grouping.labels.map { ($0, grouping.rows[$0]!) }, rowCount: table.rows.count)
    }

    /// The error for a group named like the overall row, at `row` (the header is row 1).
    public static func overallLabelError(file: String, row: Int, column: String, context: String = "") -> InputError {
        .invalidValue(file: file, row: row, column: column, value: overallLabel,
                      expected: "a group name other than \"\(overallLabel)\", which names the row of all groups together\(context)")
    }

    /// Whether `index` is the overall group.
    public func isOverall(_ index: Int) -> Bool { index == labels.count - 1 }
}
