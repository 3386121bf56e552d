import Foundation

/// The counts and denominators behind a printed percentage, in closed form.
///
/// The true values that print as p with d decimals under some rounding rule (half-up, half-even,
/// truncation) form one interval, [p − ½·10⁻ᵈ, p + 10⁻ᵈ) at most; the counts k of n with
/// 100k/n in it, and the denominators m with 100x/m in it, are therefore contiguous ranges. Each
/// range is found from its real bounds and then trimmed at both ends by the exact rule test, so the
/// work does not grow with n.
public enum PercentCounts {
    /// Whether `value` prints as `percent` under some rounding rule.
    static func printsUnderSomeRule(_ value: Double, _ percent: PrintedNumber) -> Bool {
        RoundingRule.allCases.contains { $0.prints(value, as: percent.value, decimals: percent.decimals) }
    }

    /// The counts k in 0…n whose percentage 100k/n prints as `percent` under some rule; nil when
    /// none does (or n < 1).
    public static func counts(printing percent: PrintedNumber, of n: Int) -> ClosedRange<Int>? {
        // n ≤ maximumCount keeps every bound below exactly representable in Double and Int.
        guard n > 0, n <= CellParser.maximumCount, percent.value >= 0, percent.value.isFinite else { return nil }
        let values = percent.trueValues, size = Double(n)
        var lo = Int(max(0, min(size, (values.lowerBound * size / 100).rounded(.down) - 1)))
        var hi = Int(max(0, min(size, (values.upperBound * size / 100).rounded(.up) + 1)))
        let prints = { (k: Int) in printsUnderSomeRule(100 * Double(k) / size, percent) }
        while lo <= hi && !prints(lo) { lo += 1 }
        while hi >= lo && !prints(hi) { hi -= 1 }
        return lo <= hi ? lo...hi : nil
    }

    /// The denominators m ≥ max(x, 1), up to ``CellParser/maximumCount``, for which 100x/m prints as
    /// `percent` under some rule; nil when none does.
    public static func denominators(printing percent: PrintedNumber, count x: Int) -> ClosedRange<Int>? {
        guard x >= 0, percent.value >= 0, percent.value.isFinite else { return nil }
        let limit = CellParser.maximumCount
        let smallest = max(x, 1)
        guard smallest <= limit else { return nil }
        if x == 0 { return printsUnderSomeRule(0, percent) ? smallest...limit : nil }
        let low = percent.trueValues.lowerBound, high = percent.trueValues.upperBound
        let hundredX = 100 * Double(x)
        func clamped(_ v: Double) -> Int { Int(max(Double(smallest), min(Double(limit), v))) }
        var lo = clamped((hundredX / high).rounded(.down) - 1)
        var hi = low > 0 ? clamped((hundredX / low).rounded(.up) + 1) : limit
        let prints = { (m: Int) in printsUnderSomeRule(hundredX / Double(m), percent) }
        while lo <= hi && !prints(lo) { lo += 1 }
        while hi >= lo && !prints(hi) { hi -= 1 }
        return lo <= hi ? lo...hi : nil
    }

    /// The denominator nearest to `n` (other than n) for which x is the printed percentage.
    public static func nearestDenominator(printing percent: PrintedNumber, count x: Int, near n: Int) -> Int? {
        guard let range = denominators(printing: percent, count: x) else { return nil }
        if n < range.lowerBound { return range.lowerBound }
        if n > range.upperBound { return range.upperBound }
        if range.contains(n - 1) { return n - 1 }
        return range.contains(n + 1) ? n + 1 : nil
    }
}
