import Foundation
import TrialStats

/// `reproduce`: a study's published tables verified end to end (see ``Verifier``), the exact
/// interval of every efficacy endpoint the manifest names, and the printed paired p-values
/// against the smallest the exact test attains. The study's files and wording come from its
/// manifest (``StudyManifest``).
public struct StudyReproduction: Sendable {
    public var manifest: StudyManifest
    public var confLevel: Double
    public var report: VerificationReport
    public var efficacy: [EfficacyInterval]
    public var pValues: [PValueReview]

    /// A response count with its exact (Clopper–Pearson) interval.
    public struct EfficacyInterval: Sendable {
        public var label: String
        public var x: Int
        public var n: Int
        public var interval: ProportionInterval
    }

    /// A printed paired p-value with the number of pairs and the smallest p the exact test gives.
    public struct PValueReview: Sendable {
        public var row: String
        public var text: String
        public var pairs: Int
        public var smallest: Double
        public var setting: String
        /// Whether the verifier found the printed p-value attainable with these pairs.
        public var attainable: Bool
    }

    /// Reads the study's files and runs every check.
    public static func run(_ folder: StudyFolder, confLevel: Double, reconstruct: Bool) throws -> StudyReproduction {
        let manifest = folder.manifest
        let cellsTable = try DataTable.read(path: folder.file(manifest.cells.file), missingValues: [])
        let cells = try readPublishedCells(cellsTable)
        let report = Verifier.verify(cells, confLevel: confLevel, reconstruct: reconstruct)
        var efficacy: [EfficacyInterval] = []
        if let rows = manifest.efficacy {
            efficacy = try efficacyIntervals(try DataTable.read(path: folder.file(rows.file)), rows: rows, confLevel: confLevel)
        }
        return StudyReproduction(manifest: manifest, confLevel: confLevel, report: report, efficacy: efficacy,
                                 pValues: manifest.pValues == nil ? [] : pValueReview(cells, findings: report.findings))
    }

    /// The efficacy endpoints: the rows the manifest selects that have both x and n.
    static func efficacyIntervals(_ table: DataTable, rows: StudyManifest.Efficacy, confLevel: Double) throws -> [EfficacyInterval] {
        let source = try table.textColumn("source"), tableName = try table.textColumn("table")
        let endpoint = try table.textColumn("endpoint"), group = try table.textColumn("group")
        let x = try table.numericColumn("x"), n = try table.numericColumn("n")
        var out: [EfficacyInterval] = []
        for i in table.rows.indices where source[i]?.hasPrefix(rows.sourcePrefix) == true && tableName[i] == rows.table
            && (endpoint[i]?.contains(rows.endpointContains) ?? false) {
            guard let xi = x[i], let ni = n[i] else { continue }
            guard let successes = Int(exactly: xi), let trials = Int(exactly: ni) else {
                throw InputError.invalidValue(file: table.source, row: i + 2, column: Int(exactly: xi) == nil ? "x" : "n",
                                              value: formatRoundTrip(Int(exactly: xi) == nil ? xi : ni), expected: "a whole count")
            }
            let interval = try binomialInterval(successes: successes, trials: trials, confLevel: confLevel)
            out.append(EfficacyInterval(label: "\(group[i] ?? ""): \(endpoint[i] ?? "")", x: successes, n: trials, interval: interval))
        }
        return out
    }

    /// Every printed p-value with the fewest pairs of its row's other cells.
    static func pValueReview(_ cells: [PublishedCell], findings: [Finding]) -> [PValueReview] {
        cells.compactMap { c in
            guard case .pValue = CellParser.parse(c.text) else { return nil }
            let pairs = cells.filter { $0.table == c.table && $0.row == c.row && $0.column != c.column }.compactMap(\.columnN).min() ?? 0
            // The bound of the exact test (R, SciPy, SAS for small n); the t approximation's proven
            // bound is far below anything data reach and says little to a reader.
            let (smallest, setting) = pairs > 0 ? smallestAttainablePValue(pairs: pairs, profile: .r) : (1, "no pairs")
            let unattainable = findings.contains { f in
                guard case .pValueUnattainable = f.detail else { return false }
                return f.cell.table == c.table && f.cell.row == c.row && f.cell.column == c.column
            }
            return PValueReview(row: c.row, text: c.text, pairs: pairs, smallest: smallest, setting: setting, attainable: !unattainable)
        }
    }

    /// The confidence level as printed ("95%").
    var level: String { formatForPeople(confLevel * 100, significant: 4) + "%" }

    /// A manifest text with `{level}` filled in.
    func filled(_ text: String) -> String { text.replacingOccurrences(of: "{level}", with: level) }

    public func json() -> JSONValue {
        .object([
            ("command", .string("reproduce")),
            ("study", .string(manifest.study)),
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
        ])
    }

    /// The findings, one row each (as `verify --format csv`).
    public func csv() -> CSVOutput { verifyCSV(report) }

    /// The report for people; with a `width`, lines longer than it wrap at spaces, a finding's
    /// sentence continuing at its own indent and other lines two further in.
    public func text(width: Int? = nil) -> String {
        let text = unwrappedText()
        guard let width else { return text }
        return wrapLines(text, width: width) { line in line.hasPrefix("   ") ? 0 : line.first?.isNumber == true ? 3 : 2 }
    }

    /// The report for people, one line per sentence.
    func unwrappedText() -> String {
        let findings = report.findings
        var out = manifest.heading + "\n"
        out += "\(filled(manifest.cells.describedAs)) were read as printed: \(report.cells) cells, \(report.parsed) read\(report.unparsed.isEmpty ? "" : ", \(report.unparsed.count) not readable").\n"
        out += "Findings: \(findings.filter { $0.severity == .error }.count) that cannot be true, \(findings.filter { $0.severity == .warning }.count) doubtful, "
            + "\(findings.filter { $0.severity == .note }.count) notes.\n"
        let sections: [(Severity, String)] = [(.error, "What cannot be true"), (.warning, "What is doubtful"), (.note, "Notes")]
        for (severity, title) in sections {
            let list = findings.filter { $0.severity == severity }
            guard !list.isEmpty else { continue }
            out += "\n\(title)\n" + String(repeating: "-", count: title.count) + "\n"
            for (i, f) in list.enumerated() {
                let place = [f.cell.table.components(separatedBy: ":").first ?? f.cell.table, f.cell.row, f.cell.column].joined(separator: " › ")
                out += "\(i + 1). \(place): \"\(f.text)\"\n   \(f.message)\n"
            }
        }
        if let verified = manifest.verified {
            out += "\nWhat was verified\n-----------------\n" + filled(verified)
            if !verified.hasSuffix("\n") { out += "\n" }
        }
        if let rows = manifest.efficacy {
            out += TextTable(
                title: ["", filled(rows.title), ""],
                header: ["endpoint", "x/n", "%", "\(level) CI"],
                rows: efficacy.map { e in ["\(e.label)", "\(e.x)/\(e.n)", DecimalText.fixed(100 * Double(e.x) / Double(e.n), decimals: 1),
                                           "\(DecimalText.fixed(100 * e.interval.lower, decimals: 1)) to \(DecimalText.fixed(100 * e.interval.upper, decimals: 1))"] },
                rightAligned: [1, 2, 3]).rendered()
        }
        out += "\nIntervals for all \(report.intervals.count) n (%) cells: trialstats reproduce \(manifest.study) --format json (\"intervals\").\n"
        if let section = manifest.pValues {
            let title = filled(section.title)
            out += "\n\(title)\n" + String(repeating: "-", count: title.count) + "\n"
            for p in pValues {
                out += "\(p.row): \(p.text) with \(p.pairs) pairs — \(p.attainable ? "attainable" : "not attainable") (the exact test reaches \(DecimalText.general(p.smallest, significant: 2)) when every difference has one sign).\n"
                if let r = report.reconstructions.first(where: { $0.cell.row == p.row }) {
                    out += "   Can the printed summaries give it? Yes: \(reconstructionSentence(r)).\n"
                }
            }
        }
        if let closing = manifest.closing { out += filled(closing) + "\n" }
        return out
    }
}
