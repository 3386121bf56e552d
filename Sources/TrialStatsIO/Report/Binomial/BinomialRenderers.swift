import Foundation
import TrialStats

extension BinomialReport {
    /// `binom --format json`.
    public func json() -> JSONValue {
        .object([
            ("command", .string("binom")),
            ("conf_level", .number(settings.confLevel)),
            ("alternative", .string(settings.alternative.rawValue)),
            ("groups", .array(rows.map { row in
                var fields: [(String, JSONValue)] = [
                    ("label", .string(row.label)),
                    ("x", .int(row.x)),
                    ("n", .int(row.n)),
                    ("estimate", .number(row.estimate)),
                    ("intervals", .array(settings.methods.indices.map { k in
                        let i = row.intervals.isEmpty ? nil : row.intervals[k]
                        return .object([("method", .string(settings.methods[k].rawValue)), ("lower", .number(i?.lower)), ("upper", .number(i?.upper))])
                    })),
                    ("test", row.test.map { t in
                        .object([("p0", .number(t.p0)), ("p_value", .number(t.pValue)), ("mid_p_value", .number(t.midPValue))])
                    } ?? .null),
                ]
                if let note = row.note { fields.append(("note", .string(note))) }
                return .object(fields)
            })),
        ])
    }

    /// `binom --format csv`: the long format, one row per proportion and method.
    public func csv() -> CSVOutput {
        var rows = CSVRowCollector(expectedRows: self.rows.count * settings.methods.count)
        writeCSVRows(into: &rows)
        return CSVOutput(header: csvHeader, rows: rows.rows)
    }

    /// ``csv()`` as text, its rows written straight into bytes (10⁵ rows of `binom --counts`).
    public func csvText() -> String {
        var writer = CSVWriter(header: csvHeader, expectedRows: rows.count * settings.methods.count)
        writeCSVRows(into: &writer)
        return writer.text
    }

    /// The columns of the long format.
    private var csvHeader: [String] {
        ["label", "x", "n", "estimate", "method", "conf_level", "alternative", "lower", "upper"]
            + (settings.p0 != nil ? ["p0", "p_value", "mid_p_value"] : [])
    }

    /// One CSV row per proportion and method, cell by cell.
    private func writeCSVRows(into sink: inout some CSVRowSink) {
        for row in rows {
            for (k, m) in settings.methods.enumerated() {
                let interval = row.intervals.isEmpty ? nil : row.intervals[k]
                sink.append(.text(row.label))
                sink.append(.int(row.x))
                sink.append(.int(row.n))
                sink.append(.number(row.estimate))
                sink.append(.text(m.rawValue))
                sink.append(.number(settings.confLevel))
                sink.append(.text(settings.alternative.rawValue))
                sink.append(.number(interval?.lower))
                sink.append(.number(interval?.upper))
                if let p0 = settings.p0 {
                    sink.append(.number(p0))
                    sink.append(.number(row.test?.pValue))
                    sink.append(.number(row.test?.midPValue))
                }
                sink.endRow()
            }
        }
    }

    /// `binom` for people: percentages to one decimal, one line per method.
    public func table() -> TextTable {
        let level = formatForPeople(settings.confLevel * 100, significant: 4) + "%"
        let side: String
        switch settings.alternative {
        case .twoSided: side = "two-sided \(level) CI"
        case .less: side = "one-sided \(level) upper bound"
        case .greater: side = "one-sided \(level) lower bound"
        }
        var header = ["label", "x", "n", "%", "method", side]
        if let p0 = settings.p0 { header += ["p (H0: p = \(formatForPeople(p0)))", "mid-p"] }
        var lines: [[String]] = []
        for row in rows {
            let percent = row.estimate.map(percentText) ?? "—"
            for (k, m) in settings.methods.enumerated() {
                let first = k == 0
                var cells = [first ? row.label : "", first ? String(row.x) : "", first ? String(row.n) : "", first ? percent : "", m.rawValue]
                if row.intervals.isEmpty {
                    cells.append("not estimable (n = 0)")
                } else {
                    let i = row.intervals[k]
                    cells.append("\(percentText(i.lower)) to \(percentText(i.upper))")
                }
                if settings.p0 != nil {
                    cells += first ? [formatPValue(row.test?.pValue), formatPValue(row.test?.midPValue)] : ["", ""]
                }
                lines.append(cells)
            }
        }
        let notes = rows.compactMap { row in row.note.map { "\(row.label): \($0)" } }
        return TextTable(title: ["Proportions with \(side)s (percent)", ""], header: header, rows: lines,
                         rightAligned: Set([1, 2, 3, 5, 6, 7]), footer: notes)
    }

    func percentText(_ p: Double) -> String {
        DecimalText.fixed(p * 100, decimals: 1)
    }
}
