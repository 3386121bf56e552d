import TrialStats

// Every number TrialStats writes is formatted here, by one policy.
//
// **For people** (terminal tables, messages): ``formatForPeople(_:significant:)`` — at most six
// significant digits, no trailing zeros — and ``formatPValue(_:)``.
// **For papers** (the report, the figure, the Word tables): ``PaperFormat`` — a fixed number of
// decimals, whole percentages, p-values with two significant digits and "< 0.0001" below.
// **For machines** (JSON, CSV, command lines): ``formatRoundTrip(_:)`` and
// ``formatJSONNumber(_:)`` — the shortest text that reads back to the same `Double`, nothing
// rounded; and ``formatCoordinate(_:)`` for figure coordinates.
//
// **Rounding.** Printed digits are rounded half away from zero on the number's decimal value, a
// value within 10⁻¹² (relative) of a tie counting as that tie (``DecimalText``): 53.25 prints as
// 53.3, 0.0625 as 0.063, −0.125 as −0.13, 2.675 as 2.68. That is the rule `verify` calls
// half-up (`RoundingRule.halfUp`), the reading of "63.0" as [62.95, 63.05) that `verify` and
// `reconstruct` use by default, so every number printed here is read back as printed under
// half-up, and the report passes `verify`. (C `printf` and R `sprintf`/`formatC` round the binary
// value with exact ties to even: 53.2, 0.062, −0.12, 2.67. R's `round()` and SAS's `ROUND`
// differ again; name the rule when comparing digits with other software.)

// MARK: For people

/// A number for people: at most `significant` significant digits, no trailing zeros, plain
/// notation between 1e-4 and 1e9 and exponent form ("1.23457e+09") outside; "—" for not
/// available (nil, NaN, infinity). Rounded half-up (see the policy above).
public func formatForPeople(_ value: Double?, significant: Int = 6) -> String {
    guard let value, value.isFinite else { return "—" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-4 && magnitude < 1e9 {
        let decimals = max(0, significant - 1 - DecimalText.leadingExponent(magnitude))
        return DecimalText.trimmedZeros(DecimalText.fixed(value, decimals: decimals))
    }
    return DecimalText.scientific(value, significant: significant)
}

/// A p-value for people: four significant digits ("0.03125", "0.0001221"), exponent form with four
/// significant digits below 1e-4 ("1.047e-05"); "—" for not available.
public func formatPValue(_ p: Double?) -> String {
    guard let p, p.isFinite else { return "—" }
    if p >= 1e-4 { return formatForPeople(p, significant: 4) }
    return DecimalText.scientific(p, significant: 4)
}

// MARK: For papers

/// Numbers as a paper prints them: the HTML report, its Word tables and the Kaplan–Meier figure.
///
/// Rounded half-up on the decimal value (see the policy above). Negative numbers get the
/// typographic minus (U+2212); a value that rounds to zero prints without a sign.
public enum PaperFormat {
    /// A number with a fixed count of decimals.
    public static func fixed(_ value: Double?, decimals: Int) -> String {
        guard let value, value.isFinite else { return "—" }
        let text = DecimalText.fixed(value, decimals: decimals)
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
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
        let decimals = max(2, 1 - DecimalText.leadingExponent(p))
        return DecimalText.fixed(p, decimals: decimals)
    }
}

// MARK: For machines

/// Shortest round-trip text of a finite number, integers without a decimal point; `null` for NaN
/// or infinity (JSON; CSV writes an empty cell).
func formatJSONNumber(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == 0 { return "0" }  // also turns -0 into 0
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return formatRoundTrip(d)
}

/// Shortest text that reads back to the same `Double`, in plain or exponent notation as Swift
/// chooses ("0.1", "1e-05", "63.5").
public func formatRoundTrip(_ d: Double) -> String {
    d.description
}

/// Figure coordinates with at most two decimals and no trailing zeros ("12.5", "3", "-0.25"),
/// the same bytes on every platform and locale (SVG and PDF).
func formatCoordinate(_ v: Double) -> String {
    let hundredths = (v * 100).rounded()
    guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "0" }
    let n = Int(hundredths)
    let sign = n < 0 ? "-" : ""
    let whole = abs(n) / 100, fraction = abs(n) % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    let digits = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
    return "\(sign)\(whole).\(digits)"
}
