import ArgumentParser
import TrialStats
import TrialStatsIO

/// Severity threshold for `--fail-on`.
enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case error, warning
}

/// `trialstats verify`: checks a paper's tables as printed.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a paper's tables as printed: which numbers hang together and which cannot be true.",
        usage: """
            trialstats verify [<options>] <cells.csv>
            trialstats verify --corpus <dir-or-list> --output <file> [<options>]
            """,
        discussion: """
            CELLS.csv has one row per printed cell: table,section,row,column,column_n,text (the text \
            exactly as printed), and optionally variable, population, scale_min, scale_max, \
            scale_step, test. Checks: counts against N, percentages against count/N under half-up, \
            half-even and truncation, subgroup sums, categories of one variable, any-grade against \
            its grades, the order and granularity of quartiles, pooled against subgroup quartiles \
            under all nine quantile definitions, means against quartiles and ranges, GRIM/GRIMMER, \
            p-values and intervals, the same quantity in two tables, attainable p-values. One \
            printed value that explains several errors is reported once, as a typo. Every cell's \
            checks (passed, failed, not run and why) are listed under "coverage" in --format json. \
            Counts and N up to 10^12. Every n (%) cell gets its exact (Clopper–Pearson) interval. \
            The exit status is 0 whatever was found, unless --fail-on is given (then 1 when a \
            finding of that severity or worse exists). A document (.txt, .md, .html, .xml) is read \
            into cells first, exactly as trialstats cells prints them.
            """)

    @Argument(help: ArgumentHelp("CSV of published cells, or a paper's tables as text, Markdown, HTML or JATS XML (see trialstats cells); \"-\" for standard input.", valueName: "cells.csv"))
    var cells: String?

    @Option(help: ArgumentHelp("Verify every document of a folder, or of a list of paths (one a line), writing one JSON line per document to --output; resumes where the output stops.", valueName: "dir-or-list"))
    var corpus: String?

    @Option(parsing: .unconditional, help: "Documents verified at once with --corpus (at most 256; by default one per core).")
    var jobs: Int = CorpusRun.defaultJobs

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding of this severity (or worse) exists.")
    var failOn: FailOn?

    @Flag(name: .customLong("no-reconstruct"), help: "Skip the reconstruction of paired p-value rows that state their scale (a few seconds per row).")
    var noReconstruct = false

    @Option(help: ArgumentHelp("Patient-level data (CSV) to recompute the claims from; needs --map.", valueName: "ipd.csv"))
    var data: String?

    @Option(help: ArgumentHelp("CSV mapping cells to data columns: table, row, column, data_column, optionally after_column, group_column, group_value.", valueName: "map.csv"))
    var map: String?

    func validate() throws {
        if (data == nil) != (map == nil) { throw ValidationError("--data and --map go together.") }
        if (cells == nil) == (corpus == nil) { throw ValidationError("Give one document or cells file, or --corpus DIR-or-list.") }
        if corpus != nil && common.output == nil { throw ValidationError("--corpus writes its results to --output FILE (JSON lines).") }
        if corpus != nil && data != nil { throw ValidationError("--data and --map check one paper; they do not go with --corpus.") }
        if !(1...256).contains(jobs) { throw ValidationError("--jobs must be between 1 and 256; got \(jobs).") }
    }

    @OptionGroup var common: CommonOptions

    func run() throws {
        if let corpus, let output = common.output {
            let run = CorpusRun(corpus: corpus, jobs: jobs, output: output, confLevel: common.confLevel, reconstruct: !noReconstruct)
            return try runReporting({
                do { return try run.run() } catch let error as OutputError { fail("\(error.path): cannot be written (\(error.reason))", code: 73) }
            }, output: nil)
        }
        var worst: Severity?
        try runReporting({
            let run = try VerifyRun.run(cells: cells ?? "-", confLevel: common.confLevel, reconstruct: !noReconstruct, data: data, map: map,
                                        missingValues: common.missingValues)
            worst = run.worst
            switch common.format {
            case .json: return run.json().serialized() + "\n"
            case .csv: return run.csv().serialized()
            case .table: return run.text(width: common.tableWidth)
            }
        }, output: common.output)
        if let failOn, let worst, worst <= (failOn == .error ? .error : .warning) { throw ExitCode(1) }
    }
}
