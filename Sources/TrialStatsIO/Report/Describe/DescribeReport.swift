import TrialStats

/// The summary of one group's values; nil (not estimable) when the group has none, with
/// ``emptyGroupNote``.
public struct DescribeGroup: Sendable, Equatable {
    public var group: String
    /// Values used.
    public var n: Int
    /// Missing cells (left out).
    public var missing: Int
    public var summary: Summary?
    public var note: String?

    /// Summarizes one group's values.
    public init(_ values: GroupValues, probs: [Double] = [], quantileType: QuantileType, confLevel: Double) throws(StatisticsError) {
        group = values.group
        n = values.values.count
        missing = values.missing
        if values.values.isEmpty {
            summary = nil
            note = emptyGroupNote
        } else {
            summary = try summarize(values.values, missing: values.missing, probs: probs, quantileType: quantileType, confLevel: confLevel)
            note = nil
        }
    }
}

/// What `trialstats describe` reports: the summary of a column per group, then All. Rendered by
/// ``json()``, ``csv()`` and ``table()``.
public struct DescribeReport: Sendable, Equatable {
    public var column: String
    public var probs: [Double]
    public var quantileType: QuantileType
    public var confLevel: Double
    public var groups: [DescribeGroup]

    public init(column: String, probs: [Double], quantileType: QuantileType, confLevel: Double, groups: [DescribeGroup]) {
        self.column = column
        self.probs = probs
        self.quantileType = quantileType
        self.confLevel = confLevel
        self.groups = groups
    }

    /// `describe FILE --column C [--by G]`. A group without values is reported as not
    /// estimable; a column without any value stops (``InputError/emptyColumn(file:column:group:)``).
    public static func make(_ table: DataTable, column: String, by: String?, probs: [Double] = [],
                            quantileType: QuantileType = .default, confLevel: Double = 0.95) throws -> DescribeReport {
        let samples = try GroupedRows(table: table, by: by).numericColumn(table, column: column)
        guard !samples.last!.values.isEmpty else { throw InputError.emptyColumn(file: table.source, column: column, group: nil) }
        var groups: [DescribeGroup] = []
        for s in samples { groups.append(try DescribeGroup(s, probs: probs, quantileType: quantileType, confLevel: confLevel)) }
        return DescribeReport(column: column, probs: probs, quantileType: quantileType, confLevel: confLevel, groups: groups)
    }
}
