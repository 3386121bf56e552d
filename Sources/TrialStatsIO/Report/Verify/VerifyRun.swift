import TrialStats

/// `verify` on one paper: its cells read (``LoadedCells``), verified, and — with patient-level
/// data and a map — the mapped cells recomputed from the data; rendered for people, programs
/// and spreadsheets.
public struct VerifyRun: Sendable {
    public var input: LoadedCells
    public var report: VerificationReport
    /// The patient-level data file, when cells were recomputed from it.
    public var data: String?
    public var recomputed: [Recomputation]

    /// Reads `cells` (a path, or `-` for standard input), verifies it and recomputes the cells
    /// `map` names from `data` (both or neither).
    public static func run(cells: String, confLevel: Double, reconstruct: Bool, data: String? = nil, map: String? = nil,
                           missingValues: Set<String> = DataTable.defaultMissingValues) throws -> VerifyRun {
        let input = try LoadedCells.read(cells)
        var report = Verifier.verify(input.published, confLevel: confLevel, reconstruct: reconstruct)
        var recomputed: [Recomputation] = []
        if let data, let map {
            recomputed = try recomputeCells(report, data: try DataTable.read(path: data, missingValues: missingValues),
                                            map: try DataTable.read(path: map, missingValues: []))
            addRecomputations(recomputed, to: &report)
        }
        return VerifyRun(input: input, report: report, data: data, recomputed: recomputed)
    }

    /// The most severe finding, if any.
    public var worst: Severity? { report.findings.map(\.severity).min() }

    /// The report as JSON; "recomputed" is added only when data were given.
    public func json() -> JSONValue {
        let full = verifyJSON(report, warnings: input.warnings)
        guard data != nil, case var .object(fields) = full else { return full }
        fields.append(("recomputed", recomputedJSON(recomputed)))
        return .object(fields)
    }

    /// The findings, one row each.
    public func csv() -> CSVOutput { verifyCSV(report) }

    /// The report for people, naming the document and the tables read from it; with a `width`,
    /// lines longer than it wrap at spaces: a finding's sentence (indented six) continues at the
    /// same indent, a finding's cell line under its sentence, other lines two further in.
    public func text(width: Int? = nil) -> String {
        let source = input.kind == .cells ? input.source : "\(input.source) (\(input.kind.rawValue); tables: \(input.tables.joined(separator: "; ")))"
        let text = verifyText(report, source: source, warnings: input.warnings) + recomputedText(recomputed, data: data ?? "")
        guard let width else { return text }
        return wrapLines(text, width: width) { line in
            line.hasPrefix("      ") ? 0 : line.hasPrefix("  [") ? 4 : 2
        }
    }
}
