import TrialStats

extension DescribeReport {
    /// `describe --format json`; a group without values has nulls and a `note`.
    public func json() -> JSONValue {
        .object([
            ("command", .string("describe")),
            ("quantile_type", .int(quantileType.rawValue)),
            ("conf_level", .number(confLevel)),
            ("groups", .array(groups.map { g in
                let s = g.summary
                var fields: [(String, JSONValue)] = [
                    ("group", .string(g.group)),
                    ("n", .int(g.n)),
                    ("missing", .int(g.missing)),
                    ("min", .number(s?.min)),
                    ("q1", .number(s?.q1)),
                    ("median", .number(s?.median)),
                    ("q3", .number(s?.q3)),
                    ("max", .number(s?.max)),
                    ("mean", .number(s?.mean)),
                    ("sd", .number(s?.sd)),
                    ("median_ci", .object([
                        ("lower", .number(s?.medianCI.lower)),
                        ("upper", .number(s?.medianCI.upper)),
                        ("achieved_level", .number(s?.medianCI.achievedLevel)),
                    ])),
                    ("quantiles", .array(probs.indices.map { k in
                        .object([("prob", .number(probs[k])), ("value", .number(s?.quantiles[k].value))])
                    })),
                ]
                if let note = g.note { fields.append(("note", .string(note))) }
                return .object(fields)
            })),
        ])
    }

    /// `describe --format csv`: one row per group, the fields flattened.
    public func csv() -> CSVOutput {
        var header = ["group", "n", "missing", "min", "q1", "median", "q3", "max", "mean", "sd",
                      "median_ci_lower", "median_ci_upper", "median_ci_achieved_level", "quantile_type", "conf_level"]
        header += probs.map { "quantile_" + formatRoundTrip($0) }
        let rows: [[CSVOutput.Cell]] = groups.map { g in
            let s = g.summary
            return [.text(g.group), .int(g.n), .int(g.missing), .number(s?.min), .number(s?.q1), .number(s?.median),
                    .number(s?.q3), .number(s?.max), .number(s?.mean), .number(s?.sd),
                    .number(s?.medianCI.lower), .number(s?.medianCI.upper), .number(s?.medianCI.achievedLevel),
                    .int(quantileType.rawValue), .number(confLevel)]
                + probs.indices.map { .number(s?.quantiles[$0].value) }
        }
        return CSVOutput(header: header, rows: rows)
    }

    /// `describe` for people.
    public func table() -> TextTable {
        let level = formatForPeople(confLevel * 100, significant: 4) + "%"
        // A group too small for the nominal level gets [min, max] at a lower achieved level: the
        // heading then names the level as requested, never as reached, and the footnote says where.
        let short = groups.filter { $0.summary?.medianCI.belowNominal ?? false }
        var header = ["group", "n", "missing", "min", "Q1", "median", "Q3", "max", "mean", "SD",
                      short.isEmpty ? "median \(level) CI" : "median CI (\(level) requested)", "achieved"]
        header += probs.map { "Q(\(formatForPeople($0)))" }
        let rows = groups.map { g -> [String] in
            guard let s = g.summary else {
                return [g.group, String(g.n), String(g.missing)] + Array(repeating: "—", count: 9 + probs.count)
            }
            return [g.group, String(s.n), String(s.missing), formatForPeople(s.min), formatForPeople(s.q1),
                    formatForPeople(s.median), formatForPeople(s.q3), formatForPeople(s.max),
                    formatForPeople(s.mean, significant: 4), formatForPeople(s.sd, significant: 4),
                    "\(formatForPeople(s.medianCI.lower)) to \(formatForPeople(s.medianCI.upper))",
                    formatForPeople(s.medianCI.achievedLevel * 100, significant: 3) + "%" + (s.medianCI.belowNominal ? " *" : "")]
                + s.quantiles.map { formatForPeople($0.value) }
        }
        var footer: [String] = []
        if !short.isEmpty {
            let which = short.map { "\($0.group) (n = \($0.summary?.n ?? $0.n))" }.joined(separator: ", ")
            footer.append("* \(level) is not attainable from order statistics for \(which): [min, max] is shown with its achieved level.")
        }
        footer += groups.compactMap { g in g.note.map { "\(g.group): \($0)" } }
        return TextTable(
            title: ["\(column): quantile type \(quantileType.rawValue); median CI from order statistics (distribution-free)", ""],
            header: header, rows: rows, footer: footer,
            optionalColumns: [[8, 9], Array(12..<header.count)])
    }
}
