import ArgumentParser
import TrialStats
import TrialStatsIO

extension SignedRankMethod: ExpressibleByArgument {}
extension ZeroMethod: ExpressibleByArgument {}
extension SignedRankProfile: ExpressibleByArgument {}

/// `trialstats signed-rank`: the Wilcoxon signed-rank test for paired outcomes (before/after).
struct SignedRank: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signed-rank",
        abstract: "Wilcoxon signed-rank test for paired data (d = after − before), with Hodges–Lehmann shift and CI.",
        usage: """
            trialstats signed-rank [<options>] <file>
              --before <before> --after <after>
            """,
        discussion: """
            Differences are after − before − mu, computed on the decimal values as typed, so ties \
            and zeros are exact (0.3 − 0.1 ties with 0.2). Rows where either value is missing are \
            dropped and counted. --method auto (the default) uses the exact distribution — \
            conditional on the midranks when there are ties or zeros — whenever it is quick, and \
            the normal approximation with tie and continuity correction otherwise (limit: 2e9 \
            additions, about 1,500 pairs with ties); the result records the method used. \
            --method exact is refused above 4e10 additions (about 5,000 pairs with ties, 4,000 \
            without; about 10 s). --profile reproduces a program's default output: r (R ≥ 4.6), \
            r-legacy (R ≤ 4.5), scipy, sas (PROC UNIVARIATE), spss (NPAR TESTS); it overrides \
            --method, --no-correct and --zero-method. When every difference is zero, p = 1 and the \
            interval is not estimable.
            """)

    @Argument(help: ArgumentHelp("CSV file with a header row, or - for standard input.", valueName: "file"))
    var file: String

    @Option(help: "Column of the values before treatment (baseline).")
    var before: String

    @Option(help: "Column of the values after treatment (follow-up).")
    var after: String

    @Option(help: "Group by this column; adds one result per group before All.")
    var by: String?

    @Option(help: "The null distribution the p-value is computed from.")
    var method: SignedRankMethod = .auto

    @Flag(name: .customLong("no-correct"), help: "No continuity correction in the normal approximation.")
    var noCorrect = false

    @Option(name: .customLong("zero-method"), help: "Zero differences: wilcox (drop), pratt, zsplit.")
    var zeroMethod: ZeroMethod = .wilcox

    @Option(help: "The alternative hypothesis: two-sided, or one-sided less (after < before) or greater (after > before).")
    var alternative: Alternative = .twoSided

    @Option(parsing: .unconditional, help: "The shift of after − before under the null hypothesis.")
    var mu: Double = 0

    @Option(help: "Reproduce the default settings of a program; overrides --method, --no-correct and --zero-method.")
    var profile: SignedRankProfile?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard mu.isFinite else { throw ValidationError("--mu must be a finite number; got \(mu.description).") }
    }

    func run() throws {
        try runReporting({
            let table = try DataTable.read(path: file, missingValues: common.missingValues)
            let options = SignedRankTestOptions(method: method, correct: !noCorrect, zeroMethod: zeroMethod,
                                                alternative: alternative, mu: mu, confLevel: common.confLevel, profile: profile)
            let report = try SignedRankReport.make(table, before: before, after: after, by: by, options: options)
            return report.text(format: common.format.rawValue, width: common.tableWidth)
        }, output: common.output)
    }
}
