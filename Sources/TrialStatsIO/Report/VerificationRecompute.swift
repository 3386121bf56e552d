import TrialStats

/// Recomputes mapped cells from patient-level data, using what verify read each cell as.
///
/// The map has one row per cell: `table,row,column,data_column` and optionally `section`,
/// `after_column` (for a paired p-value: data_column is before, after_column after),
/// `group_column` and `group_value` (the patients the cell describes; default all).
public func recomputeCells(_ report: VerificationReport, data: DataTable, map: DataTable) throws(InputError) -> [Recomputation] {
    for required in ["table", "row", "column", "data_column"] { _ = try map.columnIndex(required) }
    func value(_ row: [String], _ name: String) -> String? {
        guard let i = map.header.firstIndex(of: name) else { return nil }
        let v = row[i].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }
    var out: [Recomputation] = []
    for (i, m) in map.rows.enumerated() {
        let t = value(m, "table") ?? "", r = value(m, "row") ?? "", c = value(m, "column") ?? ""
        guard let cell = report.coverage.first(where: { $0.cell.table == t && $0.cell.row == r && $0.cell.column == c
                                                        && (value(m, "section") == nil || $0.cell.section == value(m, "section")) }) else {
            throw InputError.invalidValue(file: map.source, row: i + 2, column: "row", value: r, expected: "a row and column of the cells file (table \"\(t)\", column \"\(c)\")")
        }
        guard let column = value(m, "data_column") else {
            throw InputError.invalidValue(file: map.source, row: i + 2, column: "data_column", value: "", expected: "the name of a column of the patient-level data")
        }
        var rows = Array(data.rows.indices)
        if let groupColumn = value(m, "group_column") {
            let groups = try data.textColumn(groupColumn)
            let wanted = value(m, "group_value")
            rows = rows.filter { wanted == nil || groups[$0] == wanted }
        }
        switch cell.readAs {
        case let .medianIQR(median, q1, q3):
            let values = try data.numericColumn(column)
            let (settings, summary) = Recompute.medianIQR(rows.compactMap { values[$0] }, median: median, q1: q1, q3: q3)
            out.append(Recomputation(cell: cell.cell, text: cell.text, recomputed: summary, settings: settings))
        case let .count(printed, percent), let .fraction(printed, _, percent), let .rateCI(printed, _, percent, _, _, _):
            let codes = try data.textColumn(column)
            var x = 0, n = 0
            for row in rows {
                guard let code = codes[row] else { continue }
                guard let yes = responseCode(code) else {
                    throw InputError.invalidValue(file: data.source, row: row + 2, column: column, value: code, expected: "1/0, yes/no or true/false")
                }
                n += 1
                if yes { x += 1 }
            }
            let (settings, summary) = Recompute.countPercent(x: x, n: n, printedCount: printed, percent: percent)
            out.append(Recomputation(cell: cell.cell, text: cell.text, recomputed: summary, settings: settings))
        case let .pValue(p):
            guard let afterColumn = value(m, "after_column") else {
                throw InputError.invalidValue(file: map.source, row: i + 2, column: "after_column", value: "", expected: "the after column of a paired p-value")
            }
            let before = try data.numericColumn(column), after = try data.numericColumn(afterColumn)
            let pairs = rows.compactMap { r -> (Double, Double)? in
                guard let b = before[r], let a = after[r] else { return nil }
                return (b, a)
            }
            let (settings, summary) = Recompute.pairedPValue(before: pairs.map(\.0), after: pairs.map(\.1), printed: p)
            out.append(Recomputation(cell: cell.cell, text: cell.text, recomputed: summary, settings: settings))
        default:
            continue
        }
    }
    return out
}

/// Adds the recomputations to a report: an error for each cell no setting reproduces.
public func addRecomputations(_ recomputed: [Recomputation], to report: inout VerificationReport) {
    for r in recomputed where r.settings.isEmpty {
        report.findings.append(Finding(severity: .error, check: .recompute, cell: r.cell, text: r.text, detail: .recomputeMismatch(recomputed: recomputedSentence(r.recomputed))))
    }
}

/// The recomputations in the JSON document.
public func recomputedJSON(_ recomputed: [Recomputation]) -> JSONValue {
    .array(recomputed.map { r in
        .object([("table", .string(r.cell.table)), ("section", .string(r.cell.section)), ("row", .string(r.cell.row)),
                 ("column", .string(r.cell.column)), ("text", .string(r.text)), ("recomputed", .string(recomputedSentence(r.recomputed))),
                 ("settings", .array(r.settings.map { .string($0) }))])
    })
}

/// The recomputations for a person.
public func recomputedText(_ recomputed: [Recomputation], data: String) -> String {
    guard !recomputed.isEmpty else { return "" }
    var text = "\nRecomputed from \(data)\n"
    for r in recomputed {
        text += "  \(r.cell.row) | \(r.cell.column): \"\(r.text)\" — \(recomputedSentence(r.recomputed))\n"
        text += "      reproduced by: \(r.settings.isEmpty ? "no setting" : r.settings.joined(separator: "; "))\n"
    }
    return text
}

/// What the patient-level data give, in words.
public func recomputedSentence(_ value: RecomputedValue) -> String {
    func number(_ x: Double) -> String { formatForPeople(x, significant: x != 0 && abs(x) < 1e-3 ? 3 : 6) }
    switch value {
    case .noValues: return "no values"
    case let .medianIQR(n, median, q1, q3): return "n = \(n): median \(number(median)), Q1 \(number(q1)), Q3 \(number(q3)) under type 7"
    case let .countPercent(x, n, percent, printed):
        if printed != x { return "the data give \(x) of \(n)" }
        return percent.map { "\(x) of \(n) = \(number($0))%" } ?? "\(x) of \(n)"
    case let .pairedPValue(pairs, exact, corrected):
        return "\(pairs) pairs: exact p = \(exact.map(number) ?? "—"), normal corrected p = \(corrected.map(number) ?? "—")"
    }
}
