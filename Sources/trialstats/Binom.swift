import ArgumentParser
import TrialStats
import TrialStatsIO

extension BinomialIntervalMethod: ExpressibleByArgument {}
extension Alternative: ExpressibleByArgument {}

/// `trialstats binom`: confidence intervals for response rates and the exact binomial test, from
/// counts on the command line, a CSV of counts, or patient-level responses.
struct Binom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binom",
        abstract: "Confidence intervals and exact tests for proportions (response rates).",
        discussion: """
            Three ways in:
              trialstats binom X N
                  one proportion, X of N
              trialstats binom --counts FILE --x COL --n COL [--label COL ...]
                  one result per row of counts
              trialstats binom FILE --response COL [--by G]
                  patient-level 1/0, yes/no, true/false, responder/non-responder
            Methods: clopper-pearson (exact, the default), mid-p, blaker, wilson, wilson-cc, \
            jeffreys, agresti-coull, wald (not recommended); --method all gives every one. \
            --alternative less gives the upper bound [0, U], greater the lower bound [L, 1]. \
            With --p0, the exact binomial test (two-sided by R binom.test's rule) and its mid-p. \
            In --counts mode a row with n = 0 is reported as not estimable (empty bounds) and the \
            other rows are still computed. --format csv writes the long-format CSV of intervals: \
            label,x,n,estimate,method,conf_level,alternative,lower,upper (with --p0 also \
            p0,p_value,mid_p_value).
            """)

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("X N (two counts), or FILE with --response.", valueName: "x-n-or-file"))
    var positional: [String] = []

    @Option(name: .customLong("counts"), help: ArgumentHelp("CSV file of counts, one proportion per row.", valueName: "file"))
    var countsFile: String?

    @Option(name: .customLong("x"), help: ArgumentHelp("With --counts: the column of successes.", valueName: "column"))
    var xColumn: String?

    @Option(name: .customLong("n"), help: ArgumentHelp("With --counts: the column of trials.", valueName: "column"))
    var nColumn: String?

    @Option(name: .customLong("label"), help: ArgumentHelp("With --counts: column(s) naming each row; repeat to combine.", valueName: "column"))
    var labelColumns: [String] = []

    @Option(help: ArgumentHelp("Patient-level: the response column (1/0, yes/no, true/false, responder/non-responder).", valueName: "column"))
    var response: String?

    @Option(help: "Patient-level: one result per group of this column, then All.")
    var by: String?

    @Option(help: ArgumentHelp("Interval method, or all. Repeat for several.", valueName: "method"))
    var method: [String] = []

    @Option(help: "Two-sided interval, or a one-sided bound: less gives [0, U] (an upper bound), greater gives [L, 1].")
    var alternative: Alternative = .twoSided

    @Option(parsing: .unconditional, help: ArgumentHelp("Null proportion for the exact binomial test (omit for no test).", valueName: "p"))
    var p0: Double?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        // The positional words collect everything the parser did not recognise (so that "-1" reaches
        // the count check); a word that looks like an option and is no number is a mistyped option.
        if let unknown = positional.first(where: { $0.hasPrefix("-") && $0 != "-" && Double($0) == nil }) {
            throw ValidationError("Unknown option '\(unknown)'.")
        }
        if let problem = BinomialSettings.methods(named: method).problem { throw ValidationError(problem) }
        if let p0, !(p0.isFinite && p0 >= 0 && p0 <= 1) {
            throw ValidationError("--p0 must be between 0 and 1; got \(p0.description).")
        }
        if countsFile != nil {
            guard positional.isEmpty, response == nil else {
                throw ValidationError("--counts takes no X N or FILE arguments and no --response.")
            }
            guard xColumn != nil, nColumn != nil else { throw ValidationError("--counts needs --x COLUMN and --n COLUMN.") }
            guard by == nil else { throw ValidationError("--by goes with --response, not --counts.") }
        } else if response != nil {
            guard positional.count == 1 else { throw ValidationError("--response needs exactly one FILE argument.") }
        } else {
            guard positional.count == 2 else {
                throw ValidationError("Give X N (two counts), --counts FILE with --x and --n, or FILE with --response.")
            }
            guard xColumn == nil, nColumn == nil, labelColumns.isEmpty, by == nil else {
                throw ValidationError("--x, --n and --label go with --counts; --by goes with --response.")
            }
            if let problem = BinomialReport.typedCountsProblem(positional) { throw ValidationError(problem) }
        }
    }

    func run() throws {
        try runReporting({
            let settings = BinomialSettings(methods: BinomialSettings.methods(named: method).methods, confLevel: common.confLevel,
                                            alternative: alternative, p0: p0)
            let report: BinomialReport
            if let countsFile {
                report = try BinomialReport.counts(path: countsFile, x: xColumn!, n: nColumn!, labels: labelColumns,
                                                   settings: settings, missingValues: common.missingValues)
            } else if let response {
                let table = try DataTable.read(path: positional[0], missingValues: common.missingValues)
                report = try BinomialReport.responses(table, column: response, by: by, settings: settings)
            } else {
                report = try BinomialReport.typed(positional, settings: settings)
            }
            return report.text(format: common.format.rawValue, width: common.tableWidth)
        }, output: common.output)
    }
}
