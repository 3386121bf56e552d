import Foundation

/// Paired differences d = after − before − μ, computed on the decimal values as typed, so that
/// ties and zeros are exact.
///
/// Binary floating point makes 0.3 − 0.1 = 0.19999999999999998, which a naive comparison would
/// not tie with 0.2. Each input is a `Double` read from decimal text; its shortest round-trip
/// decimal form (Swift's `description`, the same digits the user typed when they typed at most
/// 15 significant digits) has k decimal places. With K the largest k over all values (and μ), every
/// value is scaled to the integer round(x·10ᴷ) and differences are formed in integer arithmetic:
/// equal decimal differences are equal integers, and zero is zero. The differences reported are
/// those integers divided by 10ᴷ.
///
/// When a scaled value would not fit exactly in 53 bits (K > 15, or huge values), the differences
/// are computed in floating point and ties are detected with a relative tolerance of 1e-9 of the
/// largest |d| (``tieTolerance``); the result says which was used.
public struct PairedDifferences: Equatable, Sendable {
    /// d − μ for each pair, in input order.
    public var values: [Double]
    /// The same differences as integers in units of 10^−``decimals``, when exact decimal
    /// arithmetic applied; `nil` when the tolerance fallback was used.
    public var scaled: [Int64]?
    /// The number of decimal places K used for exact arithmetic.
    public var decimals: Int
    /// Relative tolerance for ties in the floating-point fallback.
    public static let tieTolerance = 1e-9

    /// Forms after − before − μ for each pair.
    public init(before: [Double], after: [Double], mu: Double = 0) {
        precondition(before.count == after.count)
        let k = ([mu] + before + after).map(decimalPlaces).max() ?? 0
        let scale = pow(10, Double(k))
        let limit = 9.007_199_254_740_992e15  // 2^53
        let fits = k <= 15 && ([mu] + before + after).allSatisfy { abs($0) * scale < limit / 4 }
        if fits {
            let m = Int64((mu * scale).rounded())
            let ints = zip(before, after).map { b, a in Int64((a * scale).rounded()) - Int64((b * scale).rounded()) - m }
            self.scaled = ints
            self.values = ints.map { Double($0) / scale }
            self.decimals = k
        } else {
            self.scaled = nil
            self.values = zip(before, after).map { b, a in a - b - mu }
            self.decimals = k
        }
    }

    /// Differences given directly (already d = after − before), shifted by μ.
    public init(differences: [Double], mu: Double = 0) {
        self.init(before: [Double](repeating: 0, count: differences.count), after: differences, mu: mu)
    }

    /// Whether |dᵢ| and |dⱼ| count as tied.
    func absoluteValuesTie(_ i: Int, _ j: Int) -> Bool {
        if let scaled { return abs(scaled[i]) == abs(scaled[j]) }
        let a = abs(values[i]), b = abs(values[j])
        let largest = values.map(abs).max() ?? 0
        return abs(a - b) <= PairedDifferences.tieTolerance * largest
    }

    /// Whether dᵢ counts as zero.
    func isZero(_ i: Int) -> Bool {
        if let scaled { return scaled[i] == 0 }
        let largest = values.map(abs).max() ?? 0
        return abs(values[i]) <= PairedDifferences.tieTolerance * largest
    }

    /// The sign of dᵢ: −1, 0 or 1.
    func sign(_ i: Int) -> Int {
        if isZero(i) { return 0 }
        return values[i] > 0 ? 1 : -1
    }
}

/// The number of decimal places in the shortest round-trip decimal form of x
/// (0.125 → 3, 1e-05 → 5, 63.0 → 0, 2.5e-07 → 8).
func decimalPlaces(_ x: Double) -> Int {
    guard x.isFinite, x != 0 else { return 0 }
    let text = x.description.lowercased()
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(of: "e") {
        mantissa = text[..<e]
        exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    var fraction = 0
    if let dot = mantissa.firstIndex(of: ".") {
        var digits = mantissa[mantissa.index(after: dot)...]
        while digits.last == "0" { digits = digits.dropLast() }
        fraction = digits.count
    }
    return max(0, fraction - exponent)
}
