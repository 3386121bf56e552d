import Foundation
import TrialStats

// `reconstruct`: the search run, and its result for people (table), programs (JSON) and the
// certificate data set (CSV).

/// Runs the search; an impossible request (Q1 > median, a p-value below the smallest attainable)
/// becomes a ``ReportDataError`` (exit status 65).
public func runReconstruction(_ request: PairedReconstructionRequest) throws -> PairedReconstruction {
    do {
        return try reconstructPairs(request)
    } catch {
        throw ReportDataError(String(describing: error))
    }
}

extension PairedReconstruction {
    /// The software whose p-value was matched, as the command line names it ("any" for all).
    var profileName: String { request.profile?.rawValue ?? "any" }

    public func json() -> JSONValue {
        .object([
            ("command", .string("reconstruct")),
            ("feasible", .bool(feasible)),
            ("reason", reason.map { .string($0) } ?? .null),
            ("n", .int(request.pairs)),
            ("quantile_type", .int(request.quantileType.rawValue)),
            ("rounding", .string(request.rounding.rawValue)),
            ("profile", .string(profileName)),
            ("p_value", .number(pValue)),
            ("p_range", pRange.map { .object([("min", .number($0.min)), ("max", .number($0.max))]) } ?? .null),
            ("profiles_reproducing", .array(profilesReproducing.map { .string($0.rawValue) })),
            ("dataset", .array(dataset.map { .object([("before", .number($0.before)), ("after", .number($0.after))]) })),
        ])
    }

    /// The certificate as CSV, every row labelled as reconstructed.
    public func certificateCSV() -> CSVOutput {
        CSVOutput(header: ["pair", "before", "after", "provenance"], rows: dataset.enumerated().map { i, pair in
            [.int(i + 1), .number(pair.before), .number(pair.after), .text("RECONSTRUCTED (not trial data)")]
        })
    }

    /// The result for people; `certificate` is the file the certificate is written to, if any.
    /// With a `width`, lines longer than it wrap at spaces, continuing two characters in.
    public func text(certificate: String?, width: Int? = nil) -> String {
        let text = unwrappedText(certificate: certificate)
        guard let width else { return text }
        return wrapLines(text, width: width)
    }

    /// The result for people, one line per sentence.
    func unwrappedText(certificate: String?) -> String {
        let req = request
        var out = "Reconstruction of paired data from printed summaries (RECONSTRUCTED: a certificate that the printed numbers "
            + "can be true together, not the trial's data)\n"
        out += "n = \(req.pairs); scale \(req.grid); quantile type \(req.quantileType.rawValue); \(req.rounding.rawValue) rounding; "
            + "profile \(profileName); seed \(req.seed)\n\n"
        func summary(_ q: [Double]) -> String {
            q.count == 3 ? "\(formatForPeople(q[1])) [\(formatForPeople(q[0])); \(formatForPeople(q[2]))]" : "—"
        }
        let pText = pValue.map { "\(formatPValue($0)) (\(pValueProfile!.rawValue))" } ?? "—"
        out += TextTable(header: ["", "printed", "certificate"], rows: [
            ["before", req.before.description, summary(beforeQuartiles)],
            ["after", req.after.description, summary(afterQuartiles)],
            ["p (two-sided)", req.pValue.description, pText],
        ], rightAligned: []).rendered()
        out += "\n"
        if feasible {
            out += "feasible: yes\n"
            out += "p by profile: " + pValues.map { "\($0.profile.rawValue) \(formatPValue($0.p))" }.joined(separator: ", ") + "\n"
            out += "profiles reproducing \(req.pValue): " + profilesReproducing.map(\.rawValue).joined(separator: ", ") + "\n"
        } else {
            out += "feasible: no — \(reason ?? "")\n"
        }
        if let range = pRange {
            let label: String
            switch (range.minIsProven, range.maxIsProven) {
            case (true, true): label = "both ends proven: the smallest attainable p and 1"
            case (true, false): label = "the smallest is the smallest attainable; the largest is only the largest found"
            case (false, true): label = "the smallest is only the smallest found; 1 is the largest possible"
            case (false, false): label = "range found by the search, not a proven bound"
            }
            let under = req.profile == nil ? "under any profile" : "under \(profileName)"
            out += "p-values \(under): \(formatPValue(range.min)) to \(formatPValue(range.max)) over \(datasetsSearched) candidate "
                + "data sets (\(label))\n"
        }
        if feasible {
            out += certificate.map { "certificate written to \($0)\n" } ?? ""
            out += "\n"
            out += TextTable(title: ["Certificate data set (RECONSTRUCTED, not trial data):", ""], header: ["pair", "before", "after", "after − before"],
                             rows: dataset.enumerated().map { i, p in
                                 [String(i + 1), formatForPeople(p.before), formatForPeople(p.after),
                                  formatForPeople(decimalDifference(p.after, p.before))]
                             }).rendered()
        } else if certificate != nil {
            out += "no data set written\n"
        }
        return out
    }
}

/// after − before for display, rid of binary noise (0.3 − 0.1 shows as 0.2): grid values have
/// at most 9 decimals.
func decimalDifference(_ after: Double, _ before: Double) -> Double {
    Double(DecimalText.fixed(after - before, decimals: 9)) ?? after - before
}
