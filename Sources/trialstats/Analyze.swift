import ArgumentParser
import TrialStatsIO

/// `trialstats analyze`: a cohort under a plan file → a folder with the HTML report, the tables
/// as CSV, every interval, the Kaplan–Meier figure and the whole analysis as JSON.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a basket-trial cohort from a plan file: report.html, tables, intervals, KM figure, JSON.",
        usage: """
            trialstats analyze <cohort.csv> --plan <plan.yaml> --out <dir> [--force]
            trialstats analyze <cohort.csv> --plan <plan.yaml> --check
            trialstats analyze <cohort.csv> --init
            """,
        discussion: """
            The plan (YAML, or JSON) names the basket column and lists the baseline variables, \
            the paired outcomes (before/after, with the direction of improvement and the MCID), \
            the binary endpoints, the survival analysis and the multiplicity adjustment; see the \
            README. Everything is checked before anything is written: a plan error names the plan \
            line, a data error the row. The folder is written atomically (built beside it, then \
            renamed): a failed run leaves nothing. An existing folder is replaced only with \
            --force, and never when it holds the cohort or the plan.
            Output: report.html, analysis.json, intervals.csv, km.svg, km.pdf, tables.docx, tables/*.csv.
            """)

    @Argument(help: ArgumentHelp("The cohort: CSV with a header row, one row per patient.", valueName: "cohort.csv"))
    var cohort: String

    @Option(help: ArgumentHelp("The analysis plan, YAML or JSON.", valueName: "plan.yaml"))
    var plan: String?

    @Option(help: ArgumentHelp("The output folder to create.", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace the output folder if it exists.")
    var force = false

    @Flag(name: .customLong("init"), help: "Print a commented starting plan guessed from the cohort's columns (redirect it to plan.yaml); writes nothing else.")
    var initPlan = false

    @Flag(help: "Check the plan against the cohort (columns, baskets, values) and print what it would analyse; writes nothing.")
    var check = false

    func validate() throws {
        guard cohort != "-" else { throw ValidationError("analyze reads the cohort from a file (its checksum goes in the report), not from standard input.") }
        if initPlan {
            guard plan == nil, out == nil, !check else { throw ValidationError("--init takes only the cohort; it prints a plan to start from.") }
        } else if check {
            guard plan != nil else { throw ValidationError("--check needs --plan.") }
            guard out == nil else { throw ValidationError("--check writes nothing; leave out --out.") }
        } else if plan == nil || out == nil {
            throw ValidationError("Missing \(plan == nil ? "--plan <plan.yaml>" : "--out <dir>") (or give --init to start a plan, --check to check one).")
        }
    }

    func run() throws {
        do { try analyze() } catch { fail(error.description, code: error.exitCode) }
    }

    func analyze() throws(CohortReportRun.Failure) {
        if initPlan { return print(try CohortReportRun.starterPlan(cohort: cohort), terminator: "") }
        guard let plan, let out = out ?? (check ? "" : nil) else { return }
        let run = try CohortReportRun.load(plan: plan, cohort: cohort)
        if check { return print(run.checkSummary()) }
        let written = try run.write(to: out, replace: force, version: TrialStatsVersion.string)
        do {
            try writeStandardOutput("wrote \(out)/: \(written.files.joined(separator: ", "))\n")
        } catch {
            written.folder.rollBack()
            fail(error.description, code: 73)
        }
        written.folder.finish()
    }
}
