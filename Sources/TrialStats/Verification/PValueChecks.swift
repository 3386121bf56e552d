import Foundation

extension Verifier {
    /// The smallest two-sided p-value a paired signed-rank test can give for n pairs, and the
    /// software setting that gives it: the exact test (2/2ⁿ, every difference of one sign), the
    /// normal approximation with or without continuity correction, or SAS's t approximation
    /// (t = √(3(n + 1)) on n − 1 df, used for n > 20).
    public static func smallestSignedRankPValue(pairs n: Int) -> (p: Double, setting: String) {
        guard n >= 1 else { return (1, "no pairs") }
        var candidates: [(Double, String)] = [(min(1, 2 * Foundation.pow(0.5, Double(n))), "exact")]
        let nd = Double(n)
        let sd = (nd * (nd + 1) * (2 * nd + 1) / 24).squareRoot()
        let mean = nd * (nd + 1) / 4
        candidates.append((2 * GSL.normalSurvival(mean / sd), "normal approximation without continuity correction"))
        candidates.append((2 * GSL.normalSurvival((mean - 0.5) / sd), "normal approximation with continuity correction"))
        if n > 20, let t = try? GSL.tSurvival((3 * (nd + 1)).squareRoot(), df: nd - 1) {
            candidates.append((2 * t, "SAS t approximation"))
        }
        return candidates.min { $0.0 < $1.0 }!
    }

    /// `p-value`: a printed p-value must be attainable by the test and the number of pairs — for a
    /// paired comparison (a row whose other cells are medians at two time points) the smallest
    /// two-sided Wilcoxon signed-rank p-value over the usual software settings
    /// (``smallestSignedRankPValue(pairs:)``). A p-value printed as "= v" whose rounding interval
    /// lies entirely below that minimum, or "< v" with v at or below it, cannot be true.
    static func pValueFindings(_ rows: [ReadRow]) -> [Finding] {
        var findings: [Finding] = []
        for row in rows {
            for c in row.cells {
                guard case let .pValue(p) = c.parsed else { continue }
                let others = row.cells.filter { $0.cell.column != c.cell.column }
                let test = c.cell.test?.lowercased() ?? "signed-rank"
                guard test == "signed-rank" else { continue }
                let paired = others.filter { if case .medianIQR = $0.parsed { return true } else { return false } }
                guard paired.count >= 2, let n = paired.compactMap({ $0.cell.columnN }).min() ?? c.cell.columnN else { continue }
                let (smallest, setting) = smallestSignedRankPValue(pairs: n)
                let impossible: Bool
                switch p.relation {
                case .equal: impossible = p.number.value + pow10(-p.number.decimals) / 2 < smallest
                case .less, .lessOrEqual: impossible = p.number.value <= smallest
                case .greater: impossible = false
                }
                if impossible {
                    findings.append(Finding(severity: .error, check: "p-value", cell: c.reference, text: c.cell.text,
                                            message: "With \(n) pairs the smallest two-sided Wilcoxon signed-rank p-value is \(String(format: "%.3g", smallest)) (\(setting)); \(p) cannot be attained.",
                                            related: paired.map(\.reference)))
                }
            }
        }
        return findings
    }
}
