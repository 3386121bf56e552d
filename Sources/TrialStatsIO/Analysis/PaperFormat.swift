import Foundation

/// Numbers as a paper prints them, used by the HTML report.
///
/// Rounding is C `printf`'s (the binary value, ties to even), the same as R `sprintf` and
/// `formatC` and the `binom` and `km` tables, so "%.1f" of a bound here and there agree. Negative
/// numbers get the typographic minus (U+2212); a value that rounds to zero prints without a sign.
public enum PaperFormat {
    /// A number with a fixed count of decimals.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "—" }
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") {
            if text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() } else { text = "\u{2212}" + text.dropFirst() }
        }
        return text
    }

    /// "median [Q1; Q3]".
    public static func medianIQR(median: Double, q1: Double, q3: Double, decimals: Int) -> String {
        "\(fixed(median, decimals: decimals)) [\(fixed(q1, decimals: decimals)); \(fixed(q3, decimals: decimals))]"
    }

    /// "n (%)" with a whole percent of the non-missing values.
    public static func countPercent(_ count: Int, of n: Int) -> String {
        guard n > 0 else { return "—" }
        return "\(count) (\(fixed(100 * Double(count) / Double(n), decimals: 0))%)"
    }

    /// A percentage of a proportion with one decimal ("90.0").
    public static func percent(_ p: Double?) -> String {
        fixed(p.map { $0 * 100 }, decimals: 1)
    }

    /// "lower–upper" (an en dash; "lower to upper" when either is negative, to keep minus signs apart).
    public static func range(_ lower: String, _ upper: String) -> String {
        lower.hasPrefix("\u{2212}") || upper.hasPrefix("\u{2212}") ? "\(lower) to \(upper)" : "\(lower)–\(upper)"
    }

    /// A p-value with at least two significant digits: 0.70, 0.063, 0.0039, 0.00048; "< 0.0001"
    /// below 10⁻⁴.
    public static func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "—" }
        if p < 1e-4 { return "< 0.0001" }
        let decimals = max(2, 1 - Int(floor(log10(p))))
        return String(format: "%.\(decimals)f", p)
    }
}
