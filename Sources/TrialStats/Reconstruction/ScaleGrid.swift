import Foundation

/// The values a score can take: minimum, minimum + step, …, maximum (a VAS 0–100 in steps of 1,
/// the HAQ disability index 0–3 in steps of 0.125, FACIT-Fatigue 0–52 in steps of 1).
///
/// The grid is held in integer units of 10⁻ᴷ, K the most decimals among minimum, maximum and
/// step, so that every grid value is exactly the `Double` nearest its decimal form (0.3, not
/// 0.30000000000000004) and differences between grid values are exact integers. At most
/// ``maximumCount`` points, every value within ±``maximumMagnitude`` and at most 9 decimals, so
/// that the integer units (at most 10⁹ × 10⁹ = 10¹⁸) fit in 64 bits.
public struct ScaleGrid: Equatable, Sendable, CustomStringConvertible {
    /// The smallest value.
    public let minimum: Double
    /// The largest value.
    public let maximum: Double
    /// The distance between neighbouring values.
    public let step: Double
    /// Number of grid values.
    public let count: Int
    /// K: values are integers in units of 10⁻ᴷ.
    let decimals: Int
    let minimumUnits: Int64
    let stepUnits: Int64

    /// The largest grid this toolkit searches: 100,001 values (0–100 in steps of 0.001).
    public static let maximumCount = 100_001

    /// The largest magnitude of minimum and maximum: 10⁹.
    public static let maximumMagnitude: Double = 1e9

    /// A grid from `minimum` to `maximum` in steps of `step`.
    /// - Throws: ``ReconstructionError/invalidScale(_:)`` unless minimum < maximum, step > 0,
    ///   minimum and maximum lie within ±``maximumMagnitude``, (maximum − minimum)/step is a whole
    ///   number, and there are at most ``maximumCount`` values.
    public init(minimum: Double, maximum: Double, step: Double) throws(ReconstructionError) {
        guard minimum.isFinite, maximum.isFinite, step.isFinite else {
            throw ReconstructionError.invalidScale("minimum, maximum and step must be finite numbers")
        }
        guard minimum < maximum else {
            throw ReconstructionError.invalidScale("the minimum \(minimum.shortText) must be below the maximum \(maximum.shortText)")
        }
        guard step > 0 else { throw ReconstructionError.invalidScale("the step must be positive; got \(step.shortText)") }
        guard abs(minimum) <= ScaleGrid.maximumMagnitude, abs(maximum) <= ScaleGrid.maximumMagnitude else {
            throw ReconstructionError.invalidScale(
                "the minimum and maximum must lie between -1e9 and 1e9; got \(minimum.shortText) and \(maximum.shortText)")
        }
        guard step <= maximum - minimum else {
            throw ReconstructionError.invalidScale(
                "the step \(step.shortText) is wider than the scale \(minimum.shortText) to \(maximum.shortText)")
        }
        // Decided in floating point before any conversion to integer units, so that a tiny step
        // over a wide range is refused rather than overflowing.
        let approximatePoints = ((maximum - minimum) / step).rounded() + 1
        guard approximatePoints <= Double(ScaleGrid.maximumCount) else {
            throw ReconstructionError.invalidScale("the grid has more than \(ScaleGrid.maximumCount) values, the most supported")
        }
        let k = [minimum, maximum, step].map(decimalPlaces).max() ?? 0
        guard k <= 9 else { throw ReconstructionError.invalidScale("at most 9 decimals are supported in minimum, maximum and step") }
        let scale = pow10(k)
        let lo = Int64((minimum * scale).rounded()), hi = Int64((maximum * scale).rounded()), st = Int64((step * scale).rounded())
        guard (hi - lo) % st == 0 else {
            throw ReconstructionError.invalidScale(
                "the maximum \(maximum.shortText) is not on the grid \(minimum.shortText), \(minimum.shortText) + \(step.shortText), …")
        }
        let points = (hi - lo) / st + 1
        guard points <= ScaleGrid.maximumCount else {
            throw ReconstructionError.invalidScale("the grid has \(points) values; at most \(ScaleGrid.maximumCount) are supported")
        }
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.decimals = k
        self.minimumUnits = lo
        self.stepUnits = st
        self.count = Int(points)
    }

    /// The k-th grid value (k = 0 is the minimum).
    public func value(_ k: Int) -> Double {
        Double(minimumUnits + Int64(k) * stepUnits) / pow10(decimals)
    }

    /// "0 to 100 step 1".
    public var description: String { "\(minimum.shortText) to \(maximum.shortText) step \(step.shortText)" }

    /// The grid with a step divided by `divisor` (same range), if it is a valid grid.
    func refined(by divisor: Int) -> ScaleGrid? {
        try? ScaleGrid(minimum: minimum, maximum: maximum, step: step / Double(divisor))
    }
}

extension Double {
    /// Shortest round-trip text without a trailing ".0" (63 rather than 63.0).
    var shortText: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return description
    }
}
