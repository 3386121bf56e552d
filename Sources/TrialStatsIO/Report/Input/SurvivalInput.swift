import TrialStats

/// Which columns of a CSV file hold survival data: follow-up times, or start and end dates; the
/// event; optionally a grouping. `trialstats km` and the plan's `survival:` both read through
/// ``readSurvival(_:_:)``, so the same file gives the same times, events and messages.
public struct SurvivalInput: Sendable, Equatable {
    /// Where the times come from.
    public enum Times: Sendable, Equatable {
        /// A column of non-negative times.
        case column(String)
        /// Days from a start date to the first of `ends` with a date (a relapse date, else the
        /// last visit), in the input's unit. An entry that is not a column of the file but holds
        /// commas lists columns (`--end relapse_date,last_visit`).
        case dates(start: String, ends: [String])
    }

    /// Where the event indicators come from.
    public enum Event: Sendable, Equatable {
        /// A column of 1/0, true/false, event/censored.
        case column(String)
        /// `first-end`: an event when the first end column has a date (with dates; otherwise
        /// the name of a column, as typed).
        case firstEnd
    }

    public var times: Times
    public var event: Event
    /// The unit dates are converted to.
    public var unit: TimeUnit
    /// The grouping column: one group per value in order of first appearance, a missing value
    /// its own group (``Grouping/missingLabel``); nil for one group.
    public var by: String?

    public init(times: Times, event: Event, unit: TimeUnit = .days, by: String? = nil) {
        self.times = times
        self.event = event
        self.unit = unit
        self.by = by
    }

    /// Reads the file at `path` (`-` for standard input): through the fast columnar reader
    /// (``SurvivalColumns/read(path:time:event:by:missingValues:)``) when the times are a
    /// column and it can take the file, else through ``DataTable`` and ``readSurvival(_:_:)``,
    /// whose messages name the file, row, column and value.
    public func read(path: String, missingValues: Set<String> = DataTable.defaultMissingValues) throws(InputError) -> SurvivalColumns {
        if case let .column(time) = times,
           let fast = SurvivalColumns.read(path: path, time: time, event: eventName, by: by, missingValues: missingValues),
           !fast.labels.contains(GroupedRows.overallLabel) {
            return fast
        }
        return try read(table: try DataTable.read(path: path, missingValues: missingValues))
    }

    /// Reads times, events and the grouping from a table; a group named `All` (the overall
    /// curve's label) is refused with its row (``GroupedRows/overallLabelError(file:row:column:context:)``).
    public func read(table: DataTable) throws(InputError) -> SurvivalColumns {
        let (times, events) = try readSurvival(table, self)
        var data = SurvivalColumns(source: table.source, times: times, events: events, groups: [], labels: [])
        if let by {
            let grouping = try Grouping(table: table, column: by)
            if let rows = grouping.rows[GroupedRows.overallLabel] {
                throw GroupedRows.overallLabelError(file: table.source, row: rows[0] + 2, column: by)
            }
            data.labels = grouping.labels
            data.groups = [Int](repeating: 0, count: times.count)
            for (g, label) in grouping.labels.enumerated() { for r in grouping.rows[label]! { data.groups[r] = g } }
        }
        return data
    }

    /// The event column's name as typed (`first-end` for the derived event).
    var eventName: String {
        switch event {
        case let .column(name): return name
        case .firstEnd: return derivedEventWord
        }
    }
}

/// Times (from a column, or from start and end dates in the input's unit) and event codes, one
/// per row of `table`. A missing column, a missing, non-numeric or negative time, a date that does
/// not parse, an end before its start or an unknown event code stops with the file, row, column
/// and value; a table without rows stops naming the time (or end) column.
public func readSurvival(_ table: DataTable, _ input: SurvivalInput) throws(InputError) -> (times: [Double], events: [Bool]) {
    var times: [Double] = []
    var endUsed: [Int] = []
    let timeName: String
    switch input.times {
    case let .column(column):
        timeName = column
        let index = try table.columnIndex(column)
        for (i, row) in table.rows.enumerated() {
            let text = row[index]
            guard !table.isMissing(text) else {
                throw InputError.invalidValue(file: table.source, row: i + 2, column: column, value: text, expected: "a time (it is missing)")
            }
            guard let t = parseDecimal(text) else { throw InputError.notNumeric(file: table.source, row: i + 2, column: column, value: text) }
            guard t >= 0 else {
                throw InputError.invalidValue(file: table.source, row: i + 2, column: column, value: text, expected: "a non-negative time")
            }
            times.append(t)
        }
    case let .dates(start, ends):
        timeName = ends.joined(separator: ",")
        let columns = ends.flatMap { table.header.contains($0) ? [$0] : $0.split(separator: ",").map(String.init) }
        (times, endUsed) = try survivalTimesFromDates(table, start: start, ends: columns, days: input.unit.days)
    }
    if input.event == .firstEnd && !endUsed.isEmpty {
        return (times, endUsed.map { $0 == 0 })
    }
    let eventIndex = try table.columnIndex(input.eventName)
    var events: [Bool] = []
    for (i, row) in table.rows.enumerated() {
        guard let code = eventCode(row[eventIndex]) else {
            throw InputError.invalidValue(file: table.source, row: i + 2, column: input.eventName, value: row[eventIndex],
                                          expected: "1/0, true/false or event/censored")
        }
        events.append(code)
    }
    guard !times.isEmpty else { throw InputError.emptyColumn(file: table.source, column: timeName, group: nil) }
    return (times, events)
}
