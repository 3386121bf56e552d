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
        abstract: "Check a paper's tables as printed: which numbers hang together and which cannot be true.",
        discussion: """
            CELLS.csv has one row per printed cell: table,section,row,column,column_n,text (the text \
            exactly as printed), and optionally variable, population, scale_min, scale_max, \
            scale_step, test. Checks: counts against N, percentages against count/N under half-up, \
            half-even and truncation, subgroup sums, any-grade against its grades, the order of \
            quartiles, pooled against subgroup quartiles under all nine quantile definitions, the \
            same variable in two tables, attainable p-values. Every n (%) cell gets its exact \
            (Clopper–Pearson) interval. The exit status is 0 whatever was found, unless --fail-on \
            is given (then 1 when a finding of that severity or worse exists).
            """)

    @Argument(help: ArgumentHelp("CSV of published cells, or - for standard input.", valueName: "cells.csv"))
    var cells: String

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a finding of this severity (or worse) exists: error or warning.")
    var failOn: FailOn?

    @OptionGroup var common: CommonOptions

    func run() throws {
        var worst: Severity?
        try runReporting({
            let table = try DataTable.read(path: cells, missingValues: [])
            let published = try readPublishedCells(table)
            let report = Verifier.verify(published, confLevel: common.confLevel)
            worst = report.findings.map(\.severity).min()
            switch common.format {
            case .json: return verifyJSON(report).serialized() + "\n"
            case .csv: return verifyCSV(report).serialized()
            case .table: return verifyText(report, source: table.source)
            }
        }, output: common.output)
        if let failOn, let worst {
            let threshold: Severity = failOn == .error ? .error : .warning
            if worst <= threshold { throw ExitCode(1) }
        }
    }
}

/// The verify JSON document (shape documented in the README).
func verifyJSON(_ report: VerificationReport) -> JSONValue {
    func ref(_ r: CellReference) -> JSONValue {
        .object([("table", .string(r.table)), ("section", .string(r.section)), ("row", .string(r.row)), ("column", .string(r.column))])
    }
    return .object([
        ("command", .string("verify")),
        ("cells", .int(report.cells)),
        ("parsed", .int(report.parsed)),
        ("unparsed", .array(report.unparsed.map { u in
            .object([("table", .string(u.cell.table)), ("section", .string(u.cell.section)), ("row", .string(u.cell.row)), ("column", .string(u.cell.column)),
                     ("text", .string(u.text)), ("reason", .string(u.reason))])
        })),
        ("findings", .array(report.findings.map { f in
            .object([("severity", .string(f.severity.rawValue)), ("check", .string(f.check)), ("table", .string(f.cell.table)),
                     ("section", .string(f.cell.section)), ("row", .string(f.cell.row)), ("column", .string(f.cell.column)), ("text", .string(f.text)),
                     ("message", .string(f.message)), ("related", .array(f.related.map(ref)))])
        })),
        ("intervals", .array(report.intervals.map { i in
            .object([("table", .string(i.cell.table)), ("section", .string(i.cell.section)), ("row", .string(i.cell.row)), ("column", .string(i.cell.column)),
                     ("x", .int(i.x)), ("n", .int(i.n)), ("lower", .number(i.lower)), ("upper", .number(i.upper))])
        })),
    ])
}

/// The findings as CSV, one row per finding.
func verifyCSV(_ report: VerificationReport) -> CSVOutput {
    CSVOutput(header: ["severity", "check", "table", "row", "column", "text", "message"], rows: report.findings.map { f in
        [.text(f.severity.rawValue), .text(f.check), .text(f.cell.table), .text(f.cell.row), .text(f.cell.column), .text(f.text), .text(f.message)]
    })
}

/// The findings for a person: counts, then each finding with its cell and sentence.
func verifyText(_ report: VerificationReport, source: String) -> String {
    var out = "Verification of \(source): \(report.cells) cells, \(report.parsed) read"
    out += report.unparsed.isEmpty ? ".\n" : ", \(report.unparsed.count) could not be read.\n"
    let counts = Severity.allCases.map { s in "\(report.findings.filter { $0.severity == s }.count) \(s.rawValue)\(report.findings.filter { $0.severity == s }.count == 1 ? "" : "s")" }
    out += "Findings: " + counts.joined(separator: ", ") + ".\n"
    for severity in Severity.allCases {
        let list = report.findings.filter { $0.severity == severity }
        guard !list.isEmpty else { continue }
        out += "\n" + severity.rawValue.uppercased() + (severity == .error ? " (cannot be true under any convention)" : severity == .warning ? " (true only under an unusual convention, or contradicts another table)" : "") + "\n"
        for f in list {
            out += "  [\(f.check)] \(f.cell.table) | \(f.cell.section.isEmpty ? "" : f.cell.section + " | ")\(f.cell.row) | \(f.cell.column): \"\(f.text)\"\n"
            out += "      \(f.message)\n"
        }
    }
    if !report.unparsed.isEmpty {
        out += "\nNot read\n"
        for u in report.unparsed { out += "  \(u.cell.table) | \(u.cell.row) | \(u.cell.column): \"\(u.text)\" — \(u.reason)\n" }
    }
    out += "\n\(report.intervals.count) n (%) cells have an exact 95% interval (--format json lists them).\n"
    return out
}
