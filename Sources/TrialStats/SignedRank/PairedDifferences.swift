import Foundation

/// Paired differences d = after − before − μ, computed on the decimal values as typed, so that
/// ties and zeros are exact.
///
/// Binary floating point makes 0.3 − 0.1 = 0.19999999999999998, which a naive comparison would
/// not tie with 0.2. Each input is a `Double` read from decimal text; its shortest round-trip
/// decimal form (Swift's `description`, the same digits the user typed when they typed at most
/// 15 significant digits) has k decimal places. With K the largest k over all values (and μ), every
/// value is the integer x·10ᴷ and differences are formed in integer arithmetic: equal decimal
/// differences are equal integers, and zero is zero. The differences reported are those integers
/// divided by 10ᴷ, correctly rounded.
///
/// When the integers fit in 53 bits (K ≤ 15 and moderate values) they are `Int64` (``scaled``).
/// Otherwise — values such as 1e17 beside 0.5, or ±1e308 — the same integers are formed in
/// arbitrary precision (``DecimalInteger``), and only their order is kept (``orderKeys``): there
/// is no tolerance anywhere, so a large difference never makes small ones "tied" or "zero". A
/// difference whose magnitude exceeds the largest `Double` (1e308 − (−1e308)) is recorded in
/// ``overflowIndex``; the test reports it as an error rather than computing with infinity.
public struct PairedDifferences: Equatable, Sendable {
    /// d − μ for each pair, in input order (correctly rounded from the exact decimal value).
    public var values: [Double]
    /// The same differences as integers in units of 10^−``decimals``, when they fit in 53 bits;
    /// `nil` when the arbitrary-precision path was used.
    public var scaled: [Int64]?
    /// The number of decimal places K used for exact arithmetic.
    public var decimals: Int
    /// When ``scaled`` is nil: sign(dᵢ)·(1 + the rank of |dᵢ| among the distinct nonzero
    /// magnitudes), 0 for a zero difference — the exact signs, zeros, order and ties of |d|.
    public var orderKeys: [Int64]? = nil
    /// The first pair whose difference is too large for a `Double`, if any.
    public var overflowIndex: Int? = nil

    /// Forms after − before − μ for each pair.
    public init(before: [Double], after: [Double], mu: Double = 0) {
        precondition(before.count == after.count)
        // An integral value has no decimal places (its shortest form is an integer); only the
        // others need their decimal form, which is most of the time of large inputs.
        let k = ([mu] + before + after).map { $0 == $0.rounded(.towardZero) ? 0 : decimalPlaces($0) }.max() ?? 0
        let scale = pow10(k)
        let limit = 9.007_199_254_740_992e15  // 2^53
        let fits = k <= 15 && ([mu] + before + after).allSatisfy { abs($0) * scale < limit / 4 }
        if fits {
            let m = Int64((mu * scale).rounded())
            let ints = zip(before, after).map { b, a in Int64((a * scale).rounded()) - Int64((b * scale).rounded()) - m }
            self.scaled = ints
            self.values = ints.map { Double($0) / scale }
            self.decimals = k
            return
        }
        // Arbitrary precision: every value as an integer in units of 10^(lowest exponent).
        let m = DecimalInteger.Decimal(mu)
        let parsed = zip(before, after).map { (DecimalInteger.Decimal($0.0), DecimalInteger.Decimal($0.1)) }
        let lowest = parsed.reduce(m.exponent) { min($0, $1.0.exponent, $1.1.exponent) }
        let muUnits = DecimalInteger(m, unitExponent: lowest)
        let exact = parsed.map { b, a in
            DecimalInteger(a, unitExponent: lowest) - DecimalInteger(b, unitExponent: lowest) - muUnits
        }
        self.scaled = nil
        self.decimals = max(0, -lowest)
        self.values = exact.map { $0.doubleValue(unitExponent: lowest) }
        self.overflowIndex = values.firstIndex { !$0.isFinite }
        // Rank the distinct magnitudes exactly.
        let nonzero = exact.indices.filter { !exact[$0].isZero }
        let order = nonzero.sorted { exact[$0].magnitudeLess(than: exact[$1]) }
        var keys = [Int64](repeating: 0, count: exact.count)
        var rank: Int64 = 0
        for (position, i) in order.enumerated() {
            if position == 0 || exact[order[position - 1]].magnitudeLess(than: exact[i]) { rank += 1 }
            keys[i] = exact[i].negative ? -rank : rank
        }
        self.orderKeys = keys
    }

    /// Differences given directly (already d = after − before), shifted by μ.
    public init(differences: [Double], mu: Double = 0) {
        self.init(before: [Double](repeating: 0, count: differences.count), after: differences, mu: mu)
    }

    /// The exact integer key of dᵢ: equal keys are equal differences, |key| orders |d|.
    @inline(__always)
    func key(_ i: Int) -> Int64 {
        if let scaled { return scaled[i] }
        return orderKeys![i]
    }

    /// Whether |dᵢ| and |dⱼ| are equal (exactly, as decimals).
    func absoluteValuesTie(_ i: Int, _ j: Int) -> Bool { abs(key(i)) == abs(key(j)) }

    /// Whether |dᵢ| < |dⱼ| (exactly, as decimals).
    func absoluteValueLess(_ i: Int, _ j: Int) -> Bool { abs(key(i)) < abs(key(j)) }

    /// Whether dᵢ is zero (exactly, as a decimal).
    func isZero(_ i: Int) -> Bool { key(i) == 0 }

    /// The sign of dᵢ: −1, 0 or 1.
    func sign(_ i: Int) -> Int { key(i) == 0 ? 0 : (key(i) > 0 ? 1 : -1) }
}

