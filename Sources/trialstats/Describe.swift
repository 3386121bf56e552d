import ArgumentParser
import TrialStats
import TrialStatsIO

/// `trialstats describe`: medians, quartiles and a distribution-free median interval of one
/// column, overall or by group.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Median, quartiles, range, mean and SD of a column, with an exact CI for the median.",
        discussion: """
            Quartiles follow Hyndman & Fan type --quantile-type (default 7, as R; SPSS uses 6, \
            SAS 2). The median's interval is the distribution-free order-statistic interval; its \
            achieved level is reported, and falls below --conf-level for very small groups. \
            With --by, one result per group in order of first appearance, then All.
            """)

    @Argument(help: ArgumentHelp("CSV file with a header row, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: "The numeric column to describe.")
    var column: String

    @Option(help: "Group by this column; adds one result per group before All.")
    var by: String?

    @Option(name: .customLong("quantile-type"), help: "Hyndman–Fan quantile definition, 1 to 9.")
    var quantileType: QuantileType = .type7

    @Option(help: ArgumentHelp("Further quantiles to report, comma-separated (e.g. 0.1,0.9).", valueName: "p1,p2,..."))
    var probs: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let probs { _ = try parseProbabilities(probs, option: "--probs") }
    }

    func run() throws {
        try runReporting({
            let table = try DataTable.read(path: file, missingValues: common.missingValues)
            let probabilities = try probs.map { try parseProbabilities($0, option: "--probs") } ?? []
            let values = try table.numericColumn(column)
            var groups: [(String, [Double?])] = []
            if let by {
                let grouping = try Grouping(table: table, column: by)
                for label in grouping.labels {
                    groups.append((label, grouping.rows[label]!.map { values[$0] }))
                }
            }
            groups.append(("All", values))
            let results = try groups.map { label, cells throws -> (String, Summary) in
                let present = cells.compactMap { $0 }
                guard !present.isEmpty else {
                    throw InputError.emptyColumn(file: table.source, column: column, group: label == "All" ? nil : label)
                }
                return (label, try summarize(present, missing: cells.count - present.count, probs: probabilities,
                                             quantileType: quantileType, confLevel: common.confLevel))
            }
            return render(results)
        }, output: common.output)
    }

    private func render(_ results: [(String, Summary)]) -> String {
        switch common.format {
        case .json: return describeJSON(results).serialized() + "\n"
        case .csv: return describeCSV(results).serialized()
        case .table: return describeTable(results).rendered()
        }
    }

    func describeJSON(_ results: [(String, Summary)]) -> JSONValue {
        .object([
            ("command", .string("describe")),
            ("quantile_type", .int(quantileType.rawValue)),
            ("conf_level", .number(common.confLevel)),
            ("groups", .array(results.map { label, s in
                .object([
                    ("group", .string(label)),
                    ("n", .int(s.n)),
                    ("missing", .int(s.missing)),
                    ("min", .number(s.min)),
                    ("q1", .number(s.q1)),
                    ("median", .number(s.median)),
                    ("q3", .number(s.q3)),
                    ("max", .number(s.max)),
                    ("mean", .number(s.mean)),
                    ("sd", .number(s.sd)),
                    ("median_ci", .object([
                        ("lower", .number(s.medianCI.lower)),
                        ("upper", .number(s.medianCI.upper)),
                        ("achieved_level", .number(s.medianCI.achievedLevel)),
                    ])),
                    ("quantiles", .array(s.quantiles.map { q in
                        .object([("prob", .number(q.prob)), ("value", .number(q.value))])
                    })),
                ])
            })),
        ])
    }

    func describeCSV(_ results: [(String, Summary)]) -> CSVOutput {
        let probabilities = results.first?.1.quantiles.map(\.prob) ?? []
        var header = ["group", "n", "missing", "min", "q1", "median", "q3", "max", "mean", "sd",
                      "median_ci_lower", "median_ci_upper", "median_ci_achieved_level", "quantile_type", "conf_level"]
        header += probabilities.map { "quantile_" + formatRoundTrip($0) }
        let rows: [[CSVOutput.Cell]] = results.map { label, s in
            [.text(label), .int(s.n), .int(s.missing), .number(s.min), .number(s.q1), .number(s.median),
             .number(s.q3), .number(s.max), .number(s.mean), .number(s.sd),
             .number(s.medianCI.lower), .number(s.medianCI.upper), .number(s.medianCI.achievedLevel),
             .int(quantileType.rawValue), .number(common.confLevel)]
                + s.quantiles.map { .number($0.value) }
        }
        return CSVOutput(header: header, rows: rows)
    }

    func describeTable(_ results: [(String, Summary)]) -> TextTable {
        let level = formatForPeople(common.confLevel * 100, significant: 4) + "%"
        let probabilities = results.first?.1.quantiles.map(\.prob) ?? []
        var header = ["group", "n", "missing", "min", "Q1", "median", "Q3", "max", "mean", "SD",
                      "median \(level) CI", "achieved"]
        header += probabilities.map { "Q(\(formatForPeople($0)))" }
        let rows = results.map { label, s -> [String] in
            [label, String(s.n), String(s.missing), formatForPeople(s.min), formatForPeople(s.q1),
             formatForPeople(s.median), formatForPeople(s.q3), formatForPeople(s.max),
             formatForPeople(s.mean, significant: 4), formatForPeople(s.sd, significant: 4),
             "\(formatForPeople(s.medianCI.lower)) to \(formatForPeople(s.medianCI.upper))",
             formatForPeople(s.medianCI.achievedLevel * 100, significant: 3) + "%" + (s.medianCI.belowNominal ? " *" : "")]
                + s.quantiles.map { formatForPeople($0.value) }
        }
        var footer: [String] = []
        if results.contains(where: { $0.1.medianCI.belowNominal }) {
            footer.append("* too few observations for a \(level) order-statistic interval: [min, max] is shown with its achieved level.")
        }
        return TextTable(
            title: ["\(column): quantile type \(quantileType.rawValue); median CI from order statistics (distribution-free)", ""],
            header: header, rows: rows, footer: footer)
    }
}
