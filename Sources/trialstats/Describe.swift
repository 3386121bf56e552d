import ArgumentParser
import TrialStats
import TrialStatsIO

/// `trialstats describe`: medians, quartiles and a distribution-free median interval of one
/// column, overall or by group.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Median, quartiles, range, mean and SD of a column, with an exact CI for the median.",
        usage: "trialstats describe [<options>] <file> --column <column>",
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

    @Option(name: .customLong("quantile-type"), parsing: .unconditional, help: "Hyndman–Fan quantile definition (R's quantile type).")
    var quantileType: QuantileType = .type7

    @Option(parsing: .unconditional, help: ArgumentHelp("Further quantiles, comma-separated (e.g. 0.1,0.9).", valueName: "p1,p2,..."))
    var probs: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let probs { _ = try parseProbabilities(probs, option: "--probs") }
    }

    func run() throws {
        try runReporting({
            let table = try DataTable.read(path: file, missingValues: common.missingValues)
            let probabilities = try probs.map { try parseProbabilities($0, option: "--probs") } ?? []
            let report = try DescribeReport.make(table, column: column, by: by, probs: probabilities,
                                                 quantileType: quantileType, confLevel: common.confLevel)
            return report.text(format: common.format.rawValue, width: common.tableWidth)
        }, output: common.output)
    }
}
