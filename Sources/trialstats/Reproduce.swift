import ArgumentParser
import Foundation
import TrialStats
import TrialStatsIO

/// Studies whose published tables are bundled.
enum Study: String, CaseIterable, ExpressibleByArgument {
    case castle
}

/// `trialstats reproduce castle`: the CASTLE trial's published statistics checked end to end.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a bundled trial's published tables end to end and print a report (the main job).",
        discussion: """
            reproduce castle reads the CASTLE trial's four tables as printed (Fixtures/castle/), \
            checks every cell (see trialstats verify), gives the exact confidence interval the \
            paper leaves out for every proportion, and examines the patient-reported-outcome \
            p-values. The fixtures are found under --fixtures, else in Fixtures/castle above the \
            current folder or the program.
            """)

    @Argument(help: "The study: castle.")
    var study: Study

    @Option(help: ArgumentHelp("Folder holding the study's fixtures (default: found automatically).", valueName: "dir"))
    var fixtures: String?

    @Flag(name: .customLong("no-reconstruct"), help: "Skip the reconstruction of the patient-reported-outcome rows (a few seconds).")
    var noReconstruct = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        try runReporting({
            let folder = try fixtureFolder()
            let cellsTable = try DataTable.read(path: folder + "/castle-cells-annotated.csv", missingValues: [])
            let cells = try readPublishedCells(cellsTable)
            let report = Verifier.verify(cells, confLevel: common.confLevel, reconstruct: !noReconstruct)
            let counts = try DataTable.read(path: folder + "/response-counts.csv")
            let efficacy = try efficacyIntervals(counts)
            let pValues = pValueReview(cells)
            switch common.format {
            case .json:
                return JSONValue.object([
                    ("command", .string("reproduce")),
                    ("study", .string("castle")),
                    ("verify", verifyJSON(report)),
                    ("efficacy", .array(efficacy.map { e in
                        .object([("label", .string(e.label)), ("x", .int(e.x)), ("n", .int(e.n)), ("lower", .number(e.interval.lower)),
                                 ("upper", .number(e.interval.upper))])
                    })),
                    ("reconstructions", .array(report.reconstructions.map(reconstructionJSON))),
                    ("p_values", .array(pValues.map { p in
                        .object([("row", .string(p.row)), ("text", .string(p.text)), ("pairs", .int(p.pairs)),
                                 ("smallest_attainable", .number(p.smallest)), ("smallest_setting", .string(p.setting))])
                    })),
                ]).serialized() + "\n"
            case .csv:
                return verifyCSV(report).serialized()
            case .table:
                return castleReport(report, efficacy: efficacy, pValues: pValues)
            }
        }, output: common.output)
    }

    func fixtureFolder() throws -> String {
        if let fixtures { return fixtures }
        var candidates: [URL] = []
        var here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 { candidates.append(here); here = here.deletingLastPathComponent() }
        var exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 { candidates.append(exe); exe = exe.deletingLastPathComponent() }
        for base in candidates {
            let path = base.appendingPathComponent("Fixtures/castle").path
            if FileManager.default.fileExists(atPath: path + "/castle-cells-annotated.csv") { return path }
        }
        throw InputError.notFound(file: "Fixtures/castle (give --fixtures DIR)")
    }

    struct Efficacy {
        var label: String
        var x: Int
        var n: Int
        var interval: ProportionInterval
    }

    /// The basket efficacy endpoints (the CASTLE rows of the text counts).
    func efficacyIntervals(_ table: DataTable) throws -> [Efficacy] {
        let source = try table.textColumn("source"), tableName = try table.textColumn("table")
        let endpoint = try table.textColumn("endpoint"), group = try table.textColumn("group")
        let x = try table.numericColumn("x"), n = try table.numericColumn("n")
        var out: [Efficacy] = []
        for i in table.rows.indices where source[i]?.hasPrefix("CASTLE") == true && tableName[i] == "text"
            && (endpoint[i]?.contains("week 24") ?? false) {
            guard let xi = x[i], let ni = n[i] else { continue }
            let interval = try binomialInterval(successes: Int(xi), trials: Int(ni), confLevel: common.confLevel)
            out.append(Efficacy(label: "\(group[i] ?? ""): \(endpoint[i] ?? "")", x: Int(xi), n: Int(ni), interval: interval))
        }
        return out
    }

    struct PValueReview {
        var row: String
        var text: String
        var pairs: Int
        var smallest: Double
        var setting: String
    }

    func pValueReview(_ cells: [PublishedCell]) -> [PValueReview] {
        cells.compactMap { c in
            guard case .pValue = CellParser.parse(c.text) else { return nil }
            let pairs = cells.filter { $0.table == c.table && $0.row == c.row && $0.column != c.column }.compactMap(\.columnN).min() ?? 0
            // The bound of the exact test (R, SciPy, SAS for small n); the t approximation's proven
            // bound is far below anything data reach and says little to a reader.
            let (smallest, setting) = pairs > 0 ? smallestAttainablePValue(pairs: pairs, profile: .r) : (1, "no pairs")
            return PValueReview(row: c.row, text: c.text, pairs: pairs, smallest: smallest, setting: setting)
        }
    }

    func castleReport(_ report: VerificationReport, efficacy: [Efficacy], pValues: [PValueReview]) -> String {
        let level = formatForPeople(common.confLevel * 100, significant: 4) + "%"
        var out = """
            CASTLE trial (CD19 CAR-T in SLE, SSc and IIM; 24 patients: 10/9/5) — published statistics checked
            ===================================================================================================

            The four tables were read as printed: \(report.cells) cells, \(report.parsed) read\(report.unparsed.isEmpty ? "" : ", \(report.unparsed.count) not readable").
            Findings: \(report.findings.filter { $0.severity == .error }.count) that cannot be true, \(report.findings.filter { $0.severity == .warning }.count) doubtful, \(report.findings.filter { $0.severity == .note }.count) notes.

            """
        let sections: [(Severity, String)] = [(.error, "What cannot be true"), (.warning, "What is doubtful"), (.note, "Notes")]
        for (severity, title) in sections {
            let list = report.findings.filter { $0.severity == severity }
            guard !list.isEmpty else { continue }
            out += "\n\(title)\n" + String(repeating: "-", count: title.count) + "\n"
            for (i, f) in list.enumerated() {
                let place = [f.cell.table.components(separatedBy: ":").first ?? f.cell.table, f.cell.row, f.cell.column].joined(separator: " › ")
                out += "\(i + 1). \(place): \"\(f.text)\"\n   \(f.message)\n"
            }
        }
        out += "\nWhat was verified\n-----------------\n"
        out += "Every n (%) cell: the count is within its column's N and the percentage is the count over N rounded\n"
        out += "(half-up, half-even or truncated); baskets add up to All; any-grade rows equal their grades;\n"
        out += "every median lies within its quartiles; the All quartiles are possible given the baskets' under some of\n"
        out += "the nine quantile definitions; Table 1 and the PRO table are compared on the baseline PROs. Cells not listed\n"
        out += "above passed every check that applies to them.\n"
        let efficacyTable = TextTable(
            title: ["", "Efficacy at week 24 with the exact (Clopper–Pearson) \(level) interval the paper does not print", ""],
            header: ["endpoint", "x/n", "%", "\(level) CI"],
            rows: efficacy.map { e in ["\(e.label)", "\(e.x)/\(e.n)", String(format: "%.1f", 100 * Double(e.x) / Double(e.n)),
                                       String(format: "%.1f to %.1f", 100 * e.interval.lower, 100 * e.interval.upper)] },
            rightAligned: [1, 2, 3])
        out += efficacyTable.rendered()
        out += "\nIntervals for all \(report.intervals.count) n (%) cells: trialstats reproduce castle --format json (\"intervals\").\n"
        out += "\nPatient-reported outcomes: the printed Wilcoxon p-values\n--------------------------------------------------------\n"
        for p in pValues {
            out += "\(p.row): \(p.text) with \(p.pairs) pairs — attainable (the exact test reaches \(String(format: "%.2g", p.smallest)) when every difference has one sign).\n"
            if let r = report.reconstructions.first(where: { $0.cell.row == p.row }) {
                out += "   Can the printed summaries give it? Yes: \(reconstructionSentence(r)).\n"
            }
        }
        out += "The certificates (RECONSTRUCTED data, not the trial's) are in Fixtures/castle/reconstructed/; make your own with trialstats reconstruct.\n"
        return out
    }
}
