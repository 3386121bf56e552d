/// A number as a table prints it: its value and the number of decimals shown.
///
/// "63.0" is 63 with 1 decimal, "1,051" is 1051 with 0 decimals (a comma between digit groups of
/// three is a thousands separator), ".03" is 0.03 with 2 decimals, "−1.5" (Unicode minus) is
/// −1.5. The decimals matter: "63.0" says the value lies in [62.95, 63.05) under half-up rounding.
public struct PrintedNumber: Equatable, Sendable, CustomStringConvertible {
    /// The value printed.
    public var value: Double
    /// Digits after the decimal point.
    public var decimals: Int
    /// The text as printed (trimmed).
    public var text: String

    /// Parses a printed number; nil if the text is not one, or too large for a `Double`.
    public init?(_ raw: String) {
        var text = raw.trimmingCharacters(in: .whitespaces)
        text = text.replacingOccurrences(of: "\u{2212}", with: "-")  // Unicode minus
        guard !text.isEmpty else { return nil }
        var body = text
        var negative = false
        if body.hasPrefix("-") || body.hasPrefix("+") {
            negative = body.hasPrefix("-")
            body.removeFirst()
        }
        // Thousands separators: groups of exactly three digits after the first group.
        if body.contains(",") {
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            body = groups.joined() + (parts.count > 1 ? "." + parts[1] : "")
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              body.filter({ $0 == "." }).count <= 1, body.contains(where: \.isNumber) else { return nil }
        let decimals = body.firstIndex(of: ".").map { body.distance(from: $0, to: body.endIndex) - 1 } ?? 0
        // Digits beyond Double's range (more than 308 before the point) are not a printed number.
        guard let magnitude = Double(body.hasPrefix(".") ? "0" + body : body), magnitude.isFinite else { return nil }
        self.value = negative ? -magnitude : magnitude
        self.decimals = decimals
        self.text = raw.trimmingCharacters(in: .whitespaces)
    }

    /// A printed number from its parts.
    public init(value: Double, decimals: Int, text: String? = nil) {
        self.value = value
        self.decimals = decimals
        self.text = text ?? PrintedNumber.fixed(value, decimals: decimals)
    }

    public var description: String { text }

    /// Printed as a bound ("<0.1"): the true value lies below it.
    public var isUpperBound: Bool { text.hasPrefix("<") }

    /// `value` with `decimals` decimals (at most 15), for a number built from its parts: rounded
    /// half-up as ``DecimalText`` prints every number.
    static func fixed(_ value: Double, decimals: Int) -> String {
        DecimalText.fixed(value, decimals: max(0, min(decimals, 15)))
    }

    /// Whether `value` prints as this number under `rule`.
    public func isPrinted(from value: Double, rule: RoundingRule) -> Bool {
        rule.prints(value, as: self.value, decimals: decimals)
    }

    /// The interval of true values that print as this number under `rule`: [lower, upper) for
    /// half-up (closed at a tie that rounds up), and so on. Returned as (lower, upper,
    /// lowerIncluded, upperIncluded).
    public func interval(rule: RoundingRule) -> (lower: Double, upper: Double, lowerIncluded: Bool, upperIncluded: Bool) {
        let half = 0.5 * pow10(-decimals)
        switch rule {
        case .halfUp:
            return value >= 0 ? (value - half, value + half, true, false) : (value - half, value + half, false, true)
        case .halfEven:
            let unit = pow10(-decimals)
            let lastDigitEven = (value / unit).rounded().truncatingRemainder(dividingBy: 2) == 0
            return (value - half, value + half, lastDigitEven, lastDigitEven)
        case .truncate:
            let unit = pow10(-decimals)
            return value >= 0 ? (value, value + unit, true, false) : (value - unit, value, false, true)
        }
    }
}

extension PrintedNumber {
    /// The true values that print as this number under some rounding rule (half-up, half-even or
    /// truncation toward zero), as one closed interval widened by 10⁻¹² against binary error.
    /// −1.5 at one decimal: (−1.55, −1.45] under half-up, [−1.55, −1.45] under half-even,
    /// (−1.6, −1.5] under truncation; together [−1.6, −1.45]. 1.5: [1.45, 1.6].
    public var trueValues: ClosedRange<Double> {
        let bounds = RoundingRule.allCases.map { interval(rule: $0) }
        let lower = bounds.map(\.lower).min() ?? value, upper = bounds.map(\.upper).max() ?? value
        let slack = 1e-12 * max(1, abs(lower), abs(upper))
        return (lower - slack)...(upper + slack)
    }
}

import Foundation
