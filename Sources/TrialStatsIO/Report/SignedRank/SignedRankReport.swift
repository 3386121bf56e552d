import TrialStats

/// The signed-rank test of one group's pairs; nil (not estimable) when the group has no
/// complete pair, with ``emptyGroupNote``.
public struct SignedRankGroup: Sendable, Equatable {
    public var group: String
    /// Rows with either value missing (dropped).
    public var missing: Int
    public var test: SignedRankResult?
    public var note: String?

    /// Tests the pairs of one group with `options`.
    public init(_ pairs: GroupPairs, options: SignedRankTestOptions) throws(SignedRankError) {
        group = pairs.group
        missing = pairs.missing
        if pairs.before.isEmpty {
            test = nil
            note = emptyGroupNote
        } else {
            test = try signedRankTest(before: pairs.before, after: pairs.after, options: options)
            note = nil
        }
    }
}

/// What `trialstats signed-rank` reports: the test of after − before per group, then All.
/// Rendered by ``json()``, ``csv()`` and ``table()``.
public struct SignedRankReport: Sendable, Equatable {
    public var before: String
    public var after: String
    public var options: SignedRankTestOptions
    public var groups: [SignedRankGroup]

    public init(before: String, after: String, options: SignedRankTestOptions, groups: [SignedRankGroup]) {
        self.before = before
        self.after = after
        self.options = options
        self.groups = groups
    }

    /// `signed-rank FILE --before B --after A [--by G]`. A group without a complete pair is
    /// reported as not estimable; an input without any stops, as does a test the library refuses
    /// (the message names the group).
    public static func make(_ table: DataTable, before: String, after: String, by: String?,
                            options: SignedRankTestOptions) throws -> SignedRankReport {
        let grouped = try GroupedRows(table: table, by: by)
        let pairs = try grouped.pairedColumns(table, before: before, after: after)
        guard !pairs.last!.before.isEmpty else {
            throw ReportDataError("\(table.source): no row with both \"\(before)\" and \"\(after)\" present")
        }
        var groups: [SignedRankGroup] = []
        for (k, p) in pairs.enumerated() {
            do {
                groups.append(try SignedRankGroup(p, options: options))
            } catch {
                throw ReportDataError("\(table.source)\(grouped.isOverall(k) ? "" : ", group \"\(p.group)\""): \(error.description)")
            }
        }
        return SignedRankReport(before: before, after: after, options: options, groups: groups)
    }
}
