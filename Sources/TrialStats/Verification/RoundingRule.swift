import Foundation

/// How a number was rounded to the decimals a table prints.
///
/// - `halfUp`: ties away from zero (12.5 → 13), what most people and SAS's `ROUND` do.
/// - `halfEven`: ties to the even digit (12.5 → 12), IEEE 754's default, R's `round()` and
///   Python's `round()` on exact ties.
/// - `truncate`: drop the extra digits (66.7 → 66), a frequent spreadsheet habit.
///
/// Ties are judged on the exact decimal value of the computed quantity, so a value such as
/// 37.5 (9 of 24) is a tie under every rule, while 0.125 × 100 = 12.5 is one too.
public enum RoundingRule: String, CaseIterable, Sendable, Codable {
    case halfUp = "half-up"
    case halfEven = "half-even"
    case truncate

    /// Rounds `value` to `decimals` places under this rule. A value within 1e-12 (relative) of a
    /// tie counts as a tie, so that binary representation error does not decide the rounding.
    public func round(_ value: Double, decimals: Int) -> Double {
        roundedUnits(value, decimals: decimals) / pow10(decimals)
    }

    /// `value` rounded under this rule, in units of 10^−decimals (a whole number): 2.675 at two
    /// decimals is 268 under half-up. The printed digits of ``DecimalText`` come from here.
    func roundedUnits(_ value: Double, decimals: Int) -> Double {
        let scaled = value * pow10(decimals)
        let floor = scaled.rounded(.down)
        let fraction = scaled - floor
        let tolerance = 1e-12 * max(1, abs(scaled))
        switch self {
        case .truncate:
            // Toward zero, but a value a hair below an integer (binary error) is that integer.
            if abs(scaled - scaled.rounded()) <= tolerance { return scaled.rounded() }
            return scaled.rounded(.towardZero)
        case .halfUp:
            if abs(fraction - 0.5) <= tolerance { return value >= 0 ? floor + 1 : floor }
            return scaled.rounded()
        case .halfEven:
            if abs(fraction - 0.5) <= tolerance {
                return floor.truncatingRemainder(dividingBy: 2) == 0 ? floor : floor + 1
            }
            return scaled.rounded()
        }
    }

    /// Whether `value` prints as `printed` (with `decimals` places) under this rule.
    public func prints(_ value: Double, as printed: Double, decimals: Int) -> Bool {
        let rounded = round(value, decimals: decimals)
        return abs(rounded - printed) <= 0.5 * pow10(-decimals - 3)
    }
}
