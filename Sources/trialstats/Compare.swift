import ArgumentParser
import TrialStats
import TrialStatsIO

extension ComparisonTest: ExpressibleByArgument {}
extension ComparisonProfile: ExpressibleByArgument {}
extension ComparisonMethodChoice: ExpressibleByArgument {}

/// `trialstats compare`: between-group tests of one or more columns, or of a table of counts.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare groups: rank-sum, Kruskal–Wallis, t, Fisher, chi-square, G, Boschloo, Barnard, McNemar.",
        usage: """
            trialstats compare [<options>] <file> --column <column> --by <column>
            trialstats compare [<options>] --counts <a,b;c,d>
            """,
        discussion: """
            One result per --column, comparing the groups of --by (rows with a missing value or \
            group are left out). --test auto chooses by the column: numeric with two groups → \
            rank-sum, more → kruskal; otherwise a table of counts → fisher (r×c when needed); \
            --profile picks a program's default instead (r, gtsummary, sas, spss, scipy, stata). \
            --counts "a,b;c,d" tests a table of counts given inline (rows separated by ;, columns \
            are the groups). --method exact|normal sets the rank-sum null distribution (exact: \
            conditional on the midranks with ties) and exact Kruskal–Wallis or McNemar. Limits: \
            Fisher 2×2 takes first cells with up to 10^6 possible values, Fisher r×c stops after 2·10^7 partial tables (most tables of totals up to 40), Boschloo and Barnard take columns up to \
            5,000, exact Kruskal–Wallis holds up to 5·10^6 states, the exact rank-sum p-value an \
            estimated 5·10^8 operations per tail (1,000 + 1,000 observations on a 0–20 scale, \
            500 + 500 on a 0–100 scale; without ties a twentieth, for the exact interval); beyond \
            them the test is refused (exit 65), and rank-sum --method auto uses the normal \
            approximation. Estimates: Hodges–Lehmann shift (rank-sum), conditional MLE odds ratio \
            (Fisher 2×2), mean difference (t, welch).
            """)

    @Argument(help: ArgumentHelp("CSV file with a header row, or - for standard input (not with --counts).", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Column to compare (repeat for several).", valueName: "column"))
    var column: [String] = []

    @Option(help: ArgumentHelp("Column whose values are the groups.", valueName: "column"))
    var by: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("A table of counts, rows separated by ;, counts by commas.", valueName: "a,b;c,d"))
    var counts: String?

    @Option(help: "The test; auto chooses by the column (see above).")
    var test: ComparisonTest = .auto

    @Option(help: "The null distribution, where there is a choice.")
    var method: ComparisonMethodChoice = .auto

    @Flag(name: .customLong("no-correct"), help: "No continuity correction (rank-sum normal, chisq-yates, McNemar).")
    var noCorrect = false

    @Option(help: "Alternative, the first group against the second.")
    var alternative: Alternative = .twoSided

    @Option(parsing: .unconditional, help: "Null shift of the first group against the second (rank-sum, t, welch).")
    var mu: Double = 0

    @Option(help: "Reproduce a program's default choice of --test auto.")
    var profile: ComparisonProfile?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard mu.isFinite else { throw ValidationError("--mu must be a finite number; got \(mu.description).") }
        if counts != nil {
            guard file == nil, column.isEmpty, by == nil else { throw ValidationError("--counts takes no FILE, --column or --by.") }
            guard !test.isNumeric else { throw ValidationError("--test \(test.rawValue) compares numeric values; --counts needs a test of counts.") }
        } else {
            guard file != nil else { throw ValidationError("Give a FILE with --column and --by, or --counts.") }
            guard !column.isEmpty else { throw ValidationError("Missing --column.") }
            guard by != nil else { throw ValidationError("Missing --by.") }
            guard test != .mcnemar else { throw ValidationError("--test mcnemar needs paired counts: use --counts \"a,b;c,d\".") }
        }
    }

    func run() throws {
        let settings = ComparisonSettings(test: test, method: method, alternative: alternative, mu: mu, confLevel: common.confLevel,
                                          correct: !noCorrect, profile: profile)
        try runReporting({
            let report = try counts.map { try ComparisonReport.counts(try parseCounts($0), settings: settings) }
                ?? ComparisonReport.columns(column, of: try DataTable.read(path: file!, missingValues: common.missingValues), by: by!, settings: settings)
            switch common.format {
            case .json: return report.json().serialized() + "\n"
            case .csv: return report.csv().serialized()
            case .table: return report.text(width: common.tableWidth)
            }
        }, output: common.output)
    }

    /// Parses --counts "a,b;c,d".
    func parseCounts(_ text: String) throws -> ContingencyTable {
        let rows = try text.split(separator: ";", omittingEmptySubsequences: false).map { row in
            try row.split(separator: ",", omittingEmptySubsequences: false).map { cell -> Int in
                let t = cell.trimmingCharacters(in: .whitespaces)
                guard let v = Int(t), v >= 0 else {
                    throw ValidationError("--counts takes non-negative whole numbers, commas between counts and ; between rows; \"\(t)\" is not one.")
                }
                return v
            }
        }
        do { return try ContingencyTable(rows) } catch { throw ValidationError("--counts: \(error.description).") }
    }
}
