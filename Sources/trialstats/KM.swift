import ArgumentParser
import TrialStats
import TrialStatsIO

/// `trialstats km`: Kaplan–Meier drug-free survival by group, with medians, landmarks, RMST,
/// follow-up, the log-rank test and an SVG figure with its risk table.
struct KM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "km",
        abstract: "Kaplan–Meier survival: curves, medians with CIs, landmarks, RMST, follow-up, log-rank, and a figure.",
        discussion: """
            Give --time and --event, or --start and --end dates (YYYY-MM-DD) with --event; \
            --unit converts dates (a month is 30.4375 days, a year 365.25) and labels times. Event \
            codes: 1/0, true/false, event/censored. With --by, one curve per group in order of \
            first appearance, then All, and the log-rank test across groups (--rho 1 gives the \
            Peto–Peto test). Medians and CIs follow R's print(survfit) (--median-rule quantile: \
            R's quantile(survfit), the midpoint of a flat stretch at 0.5 also at the end); \
            landmarks R's summary(fit, times =, extend = TRUE): 0 after a curve reached 0, not \
            estimable (null) after a last censored time. \
            --format csv writes the step table with a group column.
            """)

    @Argument(help: ArgumentHelp("CSV file with a header row, or - for standard input.", valueName: "file"))
    var file: String

    @OptionGroup var survival: SurvivalOptions

    @OptionGroup(title: "Figure") var figure: FigureOptions

    @OptionGroup var common: CommonOptions

    func validate() throws { try survival.check() }

    func run() throws {
        try runReporting({ sideFiles in
            let data = try survival.input.read(path: file, missingValues: common.missingValues)
            let report = try SurvivalReport(data, settings: try survival.settings(confLevel: common.confLevel))
            figure.write(report, to: &sideFiles)
            switch common.format {
            case .json: return report.kmJSON().serialized() + "\n"
            case .csv: return report.stepsCSV().serialized()
            case .table: return report.table().rendered(width: common.tableWidth)
            }
        }, output: common.output)
    }
}
