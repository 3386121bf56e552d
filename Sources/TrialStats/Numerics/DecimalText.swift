/// Decimal text of a `Double`, written without Foundation or the C library, so that every number
/// TrialStats prints is rounded by one rule on every platform and locale.
///
/// **The rule.** Half away from zero on the number's decimal value, with ties judged as `verify`
/// judges them (``RoundingRule/halfUp``): a value within 10⁻¹² (relative) of a tie is that tie, so
/// binary representation error never decides a printed digit. 2.675 prints as 2.68 at two
/// decimals, 53.25 as 53.3 and −0.125 as −0.13 at one and two; C `printf` and R `sprintf`, which
/// round the binary value with exact ties to even, print 2.67, 53.2 and −0.12. Every number
/// printed this way is therefore read back by `verify` as printed under half-up rounding.
/// Numbers with more than nine digits at the decimals asked for, and the digits of the exponent
/// form, are rounded half-up on the shortest round-trip representation (Swift's `description`),
/// the same rule with a tolerance of about one part in 10¹⁶.
///
/// A negative value that rounds to zero prints without a sign ("0.00").
public enum DecimalText {
    /// `value` with exactly `decimals` digits after the point (none for 0): "-1.50", "12", "0.00".
    /// Not finite: Swift's spelling ("inf", "-inf", "nan").
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.description }
        let places = max(0, decimals)
        // The tie tolerance is 10⁻¹² of the scaled value: below 10⁹ units it reaches no digit that
        // is printed or decides the rounding; beyond, it would (at 5·10¹¹ units every value is a tie).
        if places <= 15, abs(value) * pow10(places) < 1e9 {
            let units = RoundingRule.halfUp.roundedUnits(value, decimals: places)
            return plain(negative: units < 0, integer: String(UInt64(abs(units))), decimals: places)
        }
        var digits = DecimalDigits(value)
        digits.round(keeping: digits.exponent + places)
        return digits.plainText(decimals: places)
    }

    /// `value` in exponent form with `significant` significant digits, as C's `%.{significant−1}e`
    /// writes it but rounded half-up: "1.047e-05", "2.00000e+09", "-3e+00".
    public static func scientific(_ value: Double, significant: Int) -> String {
        guard value.isFinite else { return value.description }
        let count = max(1, significant)
        var digits = DecimalDigits(value)
        if digits.digits.isEmpty { digits.digits = [0]; digits.exponent = 1 }
        digits.round(keeping: count)
        var mantissa = digits.digits.map { Character(String($0)) }
        while mantissa.count < count { mantissa.append("0") }
        var text = digits.negative ? "-" : ""
        text.append(mantissa[0])
        if count > 1 { text += "." + String(mantissa[1...]) }
        let e = digits.digits == [0] ? 0 : digits.exponent - 1
        let magnitude = String(abs(e))
        return text + "e" + (e < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// `value` with at most `significant` significant digits and no trailing zeros, in plain
    /// notation when its exponent lies in −5…significant−1 and in exponent form otherwise, as C's
    /// `%.{significant}g` chooses, but rounded half-up: 0.3333 and 1.235e-05 at four digits.
    public static func general(_ value: Double, significant: Int) -> String {
        guard value.isFinite else { return value.description }
        let count = max(1, significant)
        if value == 0 { return "0" }
        var digits = DecimalDigits(value)
        digits.round(keeping: count)
        let e = digits.exponent - 1
        if e < -4 || e >= count {
            var text = scientific(value, significant: count)
            // Trailing zeros of the mantissa go, as with %g.
            let parts = text.split(separator: "e", maxSplits: 1)
            var mantissa = String(parts[0])
            if mantissa.contains(".") {
                while mantissa.hasSuffix("0") { mantissa.removeLast() }
                if mantissa.hasSuffix(".") { mantissa.removeLast() }
            }
            text = mantissa + "e" + parts[1]
            return text
        }
        return trimmedZeros(fixed(value, decimals: max(0, count - 1 - e)))
    }

    /// The power of ten of a nonzero finite value's leading digit: ⌊log₁₀|value|⌋, exactly
    /// (from the decimal digits, not a floating-point logarithm). 0 for 0.
    public static func leadingExponent(_ value: Double) -> Int {
        guard value.isFinite, value != 0 else { return 0 }
        return DecimalDigits(value).exponent - 1
    }

    /// A decimal text without trailing zeros after the point (and without the point when nothing
    /// follows it): "1.500" → "1.5", "2.00" → "2".
    public static func trimmedZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = text
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }

    static func plain(negative: Bool, integer: String, decimals: Int) -> String {
        var digits = integer
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return (negative ? "-" : "") + digits
    }
}

/// The digits of a finite double's shortest round-trip representation: |value| = 0.d₁d₂…dₙ × 10^exponent.
struct DecimalDigits {
    var negative: Bool
    /// Significant digits, no leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    /// From the shortest round-trip form (``DecimalInteger/Decimal``, the one parser of it).
    init(_ value: Double) {
        let decimal = DecimalInteger.Decimal(value)
        negative = decimal.negative && decimal.mantissa != 0
        digits = decimal.mantissa == 0 ? [] : String(decimal.mantissa).utf8.map { $0 - UInt8(ascii: "0") }
        exponent = digits.isEmpty ? 0 : decimal.exponent + digits.count
    }

    /// Keeps the first `count` significant digits, rounding half-up on the next one (a
    /// representation without trailing zeros is a tie only when that digit is its last, a 5).
    mutating func round(keeping count: Int) {
        guard count < digits.count else { return }
        if count < 0 { digits = []; negative = false; return }
        let up = digits[count] >= 5
        digits.removeSubrange(count...)
        if up {
            var i = digits.count - 1
            while i >= 0 && digits[i] == 9 { digits[i] = 0; i -= 1 }
            if i >= 0 { digits[i] += 1 } else { digits.insert(1, at: 0); exponent += 1 }
        }
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { negative = false }
    }

    /// Plain notation with exactly `decimals` digits after the point.
    func plainText(decimals: Int) -> String {
        var integer = ""
        if exponent > 0 {
            for k in 0..<exponent { integer.append(k < digits.count ? Character(String(digits[k])) : "0") }
        } else {
            integer = "0"
        }
        var fraction = ""
        for k in 0..<decimals {
            let index = exponent + k
            fraction.append(index >= 0 && index < digits.count ? Character(String(digits[index])) : "0")
        }
        return (negative ? "-" : "") + integer + (decimals > 0 ? "." + fraction : "")
    }
}
