import Foundation

/// A published claim recomputed from patient-level data: which software settings print the same
/// text.
public struct Recomputation: Equatable, Sendable {
    /// The cell.
    public var cell: CellReference
    /// The cell's text.
    public var text: String
    /// What the data give, in words (for example "median 38, Q1 31.25, Q3 51.25 (type 7)").
    public var recomputed: String
    /// The settings that reproduce the printed text exactly ("type 6, half-up", "profile sas").
    public var settings: [String]

    /// Creates a recomputation.
    public init(cell: CellReference, text: String, recomputed: String, settings: [String]) {
        self.cell = cell
        self.text = text
        self.recomputed = recomputed
        self.settings = settings
    }
}

/// Recomputing printed statistics from patient-level data.
public enum Recompute {
    /// The quantile definitions and rounding rules under which `values` print as the given median
    /// and quartiles (each at its own printed decimals).
    public static func medianIQR(_ values: [Double], median: PrintedNumber, q1: PrintedNumber, q3: PrintedNumber) -> (settings: [String], summary: String) {
        guard !values.isEmpty else { return ([], "no values") }
        let sorted = values.sorted()
        var settings: [String] = []
        for type in QuantileType.allCases {
            let q = [0.25, 0.5, 0.75].map { sortedQuantile(sorted, p: $0, type: type) }
            for rule in RoundingRule.allCases where q1.isPrinted(from: q[0], rule: rule) && median.isPrinted(from: q[1], rule: rule) && q3.isPrinted(from: q[2], rule: rule) {
                settings.append("type \(type.rawValue), \(rule.rawValue)")
            }
        }
        let q7 = [0.25, 0.5, 0.75].map { sortedQuantile(sorted, p: $0, type: .type7) }
        return (settings, "n = \(values.count): median \(formatted(q7[1])), Q1 \(formatted(q7[0])), Q3 \(formatted(q7[2])) under type 7")
    }

    /// Whether a count and its percentage are reproduced, and under which rounding rules.
    public static func countPercent(x: Int, n: Int, printedCount: Int, percent: PrintedNumber?) -> (settings: [String], summary: String) {
        guard printedCount == x else { return ([], "the data give \(x) of \(n)") }
        guard let percent else { return (["count"], "\(x) of \(n)") }
        let exact = n > 0 ? 100 * Double(x) / Double(n) : 0
        let rules = RoundingRule.allCases.filter { $0.prints(exact, as: percent.value, decimals: percent.decimals) }
        return (rules.map(\.rawValue), "\(x) of \(n) = \(formatted(exact))%")
    }

    /// The signed-rank settings (software profiles, and methods with or without continuity
    /// correction) whose two-sided p-value prints as `printed` (an "=" p-value is matched at its
    /// printed decimals, half-up).
    public static func pairedPValue(before: [Double], after: [Double], printed: PrintedPValue) -> (settings: [String], summary: String) {
        var settings: [String] = []
        var seen: [String: Double] = [:]
        let variants: [(String, SignedRankTestOptions)] =
            SignedRankProfile.allCases.map { ("profile \($0.rawValue)", SignedRankTestOptions(profile: $0)) } + [
                ("exact", SignedRankTestOptions(method: .exact)),
                ("exact, Pratt zeros", SignedRankTestOptions(method: .exact, zeroMethod: .pratt)),
                ("normal, corrected", SignedRankTestOptions(method: .normal, correct: true)),
                ("normal, uncorrected", SignedRankTestOptions(method: .normal, correct: false)),
                ("t approximation", SignedRankTestOptions(method: .t)),
            ]
        for (name, options) in variants {
            guard let result = try? signedRankTest(before: before, after: after, options: options) else { continue }
            seen[name] = result.pValue
            if printed.matches(result.pValue) { settings.append(name) }
        }
        let exact = seen["exact"].map { formatted($0) } ?? "—"
        return (settings, "\(before.count) pairs: exact p = \(exact), normal corrected p = \(seen["normal, corrected"].map { formatted($0) } ?? "—")")
    }

    static func formatted(_ x: Double) -> String {
        if x != 0 && abs(x) < 1e-3 { return String(format: "%.3g", x) }
        return String(format: "%.6g", x)
    }
}
