import Foundation

extension Verifier {
    /// Whether a cell's values cannot be negative: the scale starts at 0 or above, or the row,
    /// section or cell names a time, a duration, an age or a count.
    static func isNonNegative(_ c: ReadCell) -> Bool {
        if let minimum = c.cell.scaleMin { return minimum >= 0 }
        let words = ["day", "days", "week", "weeks", "month", "months", "year", "years", "hours", "h", "time", "duration", "onset",
                     "age", "count", "number", "length of stay"]
        let text = (c.cell.row + " " + c.cell.section + " " + c.cell.text).lowercased()
        let tokens = Set(text.split { !$0.isLetter }.map(String.init))
        return words.contains { tokens.contains($0) } || text.contains("length of stay")
    }

    /// A mean printed as `mean` is rounded (half-up or half-even), not truncated: truncation is a
    /// habit of percentages, not of means. The values it covers.
    static func roundedMeanValues(_ mean: PrintedNumber) -> ClosedRange<Double> {
        let a = mean.interval(rule: .halfUp), b = mean.interval(rule: .halfEven)
        let slack = 1e-12 * max(1, abs(a.lower), abs(a.upper))
        return (min(a.lower, b.lower) - slack)...(max(a.upper, b.upper) + slack)
    }

    /// `mean-bounds`, `grim`: the checks on printed means.
    ///
    /// - `mean (IQR)` of n non-negative values: under each quantile definition the printed
    ///   quartiles bound the order statistics from below (``OrderStatisticBounds``); with every
    ///   value ≥ 0, the sum is at least Σ of those bounds. A mean (rounded) below the smallest over
    ///   the nine definitions is an error: the LICATS report's "mean 5 days (IQR 4–15)" for 39
    ///   patients needs a mean of at least 215/39 ≈ 5.5 (type 6: x₍₁₀₎…x₍₂₉₎ ≥ 3.5,
    ///   x₍₃₀₎…x₍₃₉₎ ≥ 14.5).
    /// - `mean (range)` of n values: the minimum and the maximum are each one of the values, so
    ///   (min·(n − 1) + max)/n ≤ mean ≤ (min + max·(n − 1))/n.
    /// - GRIM and GRIMMER (Brown & Heathers 2017; Anaya 2016) for `mean ± SD` of values on a grid
    ///   (`scale_min` + k·`scale_step`): the sum of the k's is a whole K with the mean in range,
    ///   and Σk² is a whole number of the same parity as K within the SD's range:
    ///   Σk² = (n − 1)·SD²/step² + K²/n. No such K (GRIM) or Σk² (GRIMMER) is an error:
    ///   `9.93 ± 0.18` with n = 30 on a 0–10 whole-number scale has K = 298 but Σk² would lie in
    ///   [2961.02, 2961.18).
    static func meanFindings(_ cells: [ReadCell], log: inout CoverageLog) -> [Finding] {
        var findings: [Finding] = []
        for c in cells {
            switch c.parsed {
            case let .meanIQR(mean, q1, q3):
                guard let n = c.n, n > 0 else { log.notRun(c.reference, .meanBounds, .noColumnN); continue }
                guard n <= 1_000_000, isNonNegative(c) else { continue }
                log.ran(c.reference, .meanBounds)
                let smallest = QuantileType.allCases.map { type -> Double in
                    let constraints = [(0.25, q1), (0.75, q3)].map { p, q -> (Int, Double, Double) in
                        let (j, h) = quantilePosition(n: n, p: p, type: type)
                        return (j, j >= n ? 0 : h, max(0, q.trueValues.lowerBound))
                    }
                    return smallestSum(n: n, constraints: constraints) / Double(n)
                }.min() ?? 0
                if roundedMeanValues(mean).upperBound < smallest {
                    findings.append(Finding(severity: .error, check: .meanBounds, cell: c.reference, text: c.cell.text,
                                            detail: .meanBounds(mean: mean, n: n, smallest: smallest, largest: nil, from: "quartiles")))
                }
            case let .meanRange(mean, lo, hi):
                guard let n = c.n, n > 0 else { log.notRun(c.reference, .meanBounds, .noColumnN); continue }
                log.ran(c.reference, .meanBounds)
                let a = lo.trueValues, b = hi.trueValues, size = Double(n)
                let smallest = (a.lowerBound * (size - 1) + b.lowerBound) / size
                let largest = (a.upperBound + b.upperBound * (size - 1)) / size
                if !roundedMeanValues(mean).overlaps(smallest...max(smallest, largest)) {
                    findings.append(Finding(severity: .error, check: .meanBounds, cell: c.reference, text: c.cell.text,
                                            detail: .meanBounds(mean: mean, n: n, smallest: smallest, largest: largest, from: "range")))
                }
            case let .meanSD(mean, sd):
                guard let step = c.cell.scaleStep, step > 0, let origin = c.cell.scaleMin else { log.notRun(c.reference, .grim, .noScale); continue }
                guard let n = c.n, n > 1 else { log.notRun(c.reference, .grim, .noColumnN); continue }
                guard let nearest = grimmer(mean: mean, sd: sd, n: n, origin: origin, step: step) else { log.notRun(c.reference, .grim, .tooLarge); continue }
                log.ran(c.reference, .grim)
                if !nearest.possible {
                    findings.append(Finding(severity: .error, check: .grim, cell: c.reference, text: c.cell.text,
                                            detail: .grim(mean: mean, sd: nearest.meanPossible ? sd : nil, n: n, nearestMeans: nearest.nearestMeans)))
                }
            default: continue
            }
        }
        return findings
    }

    /// The smallest sum of n sorted non-negative values x₍₁₎ ≤ … ≤ x₍ₙ₎ with
    /// (1 − h)·x₍ⱼ₎ + h·x₍ⱼ₊₁₎ ≥ L for each constraint (j, h, L), in increasing j. The sum is linear
    /// in each x₍ⱼ₎ between its floor (the level before it) and x₍ⱼ₊₁₎, and the cost of the later
    /// constraints is concave in that level, so the minimum has, for each constraint, either
    /// x₍ⱼ₎ = x₍ⱼ₊₁₎ = L ("flat") or x₍ⱼ₎ at the level before and x₍ⱼ₊₁₎ = (L − (1 − h)·level)/h
    /// ("jump"); the 2ᵏ choices are tried. Upper bounds are left out, so the result is a lower
    /// bound on every sample's sum.
    static func smallestSum(n: Int, constraints: [(j: Int, h: Double, bound: Double)]) -> Double {
        func go(_ i: Int, level: Double, from position: Int, total: Double) -> Double {
            guard i < constraints.count else { return total + Double(max(0, n - position + 1)) * level }
            let (j, h, bound) = constraints[i]
            guard j >= position else { return go(i + 1, level: max(level, bound), from: position, total: total) }
            let before = total + Double(j - position) * level
            if level >= bound { return go(i + 1, level: level, from: j, total: before) }
            if h == 0 { return go(i + 1, level: bound, from: j, total: before) }
            let flat = go(i + 1, level: bound, from: j, total: before)
            let jump = go(i + 1, level: (bound - (1 - h) * level) / h, from: j + 1, total: before + level)
            return min(flat, jump)
        }
        return go(0, level: 0, from: 1, total: 0)
    }

    /// GRIM and GRIMMER for n values on origin + k·step; nil when the sums to try exceed 10⁵.
    static func grimmer(mean: PrintedNumber, sd: PrintedNumber, n: Int, origin: Double, step: Double)
        -> (possible: Bool, meanPossible: Bool, nearestMeans: [Double])? {
        let m = roundedMeanValues(mean), s = roundedMeanValues(sd)
        let size = Double(n)
        // K = Σk with mean = origin + step·K/n.
        let kLow = ((m.lowerBound - origin) * size / step).rounded(.up), kHigh = ((m.upperBound - origin) * size / step).rounded(.down)
        guard kHigh - kLow <= 100_000, kLow.magnitude < 1e12, kHigh.magnitude < 1e12 else { return nil }
        let centre = ((mean.value - origin) * size / step).rounded()
        let nearest = [centre - 1, centre, centre + 1].map { origin + step * $0 / size }
        guard kLow <= kHigh else { return (false, false, nearest) }
        var k = kLow
        while k <= kHigh {
            let base = k * k / size
            let qLow = ((size - 1) * (s.lowerBound / step) * (s.lowerBound / step) + base - 1e-9).rounded(.up)
            let qHigh = ((size - 1) * (s.upperBound / step) * (s.upperBound / step) + base + 1e-9).rounded(.down)
            if qLow <= qHigh {
                let parityK = k.truncatingRemainder(dividingBy: 2).magnitude
                // Some whole Q in [qLow, qHigh] with Q ≡ K (mod 2).
                if qHigh > qLow || qLow.truncatingRemainder(dividingBy: 2).magnitude == parityK { return (true, true, nearest) }
            }
            k += 1
        }
        return (false, true, nearest)
    }

    /// `range`: a p-value outside [0, 1] cannot be; an estimate outside its own confidence
    /// interval (or a lower bound above the upper) cannot be either.
    static func rangeFindings(_ cells: [ReadCell], log: inout CoverageLog) -> [Finding] {
        var findings: [Finding] = []
        for c in cells {
            switch c.parsed {
            case .pValue:
                log.ran(c.reference, .range)
            case let .invalidPValue(number):
                log.ran(c.reference, .range)
                findings.append(Finding(severity: .error, check: .range, cell: c.reference, text: c.cell.text, detail: .pValueOutOfRange(value: number.value)))
            case let .estimateCI(estimate, lower, upper, _, _):
                log.ran(c.reference, .range)
                if !canBeOrdered(lower, estimate) || !canBeOrdered(estimate, upper) {
                    findings.append(Finding(severity: .error, check: .range, cell: c.reference, text: c.cell.text,
                                            detail: .intervalExcludesEstimate(estimate: estimate, lower: lower, upper: upper)))
                }
            case let .rateCI(x, _, percent, lower, upper, _):
                // The rate x/n itself (on the % scale when a bound is above 1; a bound at most 1 may be either).
                guard let n = c.n, n > 0 else { log.notRun(c.reference, .range, .noColumnN); continue }
                guard x <= n else { continue }  // count-bounds reports it
                log.ran(c.reference, .range)
                let scales: [Double] = upper.value > 1 ? [100] : [1, 100]
                let inside = scales.contains { scale in
                    let rate = PrintedNumber(value: Double(x) / Double(n) * scale, decimals: 12)
                    return canBeOrdered(lower, rate) && canBeOrdered(rate, upper)
                }
                if !inside {
                    let scale = scales.last ?? 100
                    let estimate = percent ?? PrintedNumber(value: Double(x) / Double(n) * scale, decimals: 1)
                    findings.append(Finding(severity: .error, check: .range, cell: c.reference, text: c.cell.text,
                                            detail: .intervalExcludesEstimate(estimate: estimate, lower: lower, upper: upper)))
                }
            case let .notReached(estimate, lower, upper, interval, _):
                // Not reached stands beyond every printed time: lower ≤ estimate ≤ upper with it as +∞.
                guard interval else { continue }
                log.ran(c.reference, .range)
                func ordered(_ a: PrintedNumber?, _ b: PrintedNumber?) -> Bool {
                    switch (a, b) {
                    case (nil, .some): return false
                    case let (a?, b?): return canBeOrdered(a, b)
                    default: return true
                    }
                }
                let inOrder = estimate == nil ? ordered(lower, upper) && upper == nil
                    : ordered(lower, estimate) && ordered(estimate, upper) && ordered(lower, upper)
                if !inOrder {
                    findings.append(Finding(severity: .error, check: .range, cell: c.reference, text: c.cell.text,
                                            detail: .notReachedOrder(estimate: estimate, lower: lower, upper: upper)))
                }
            default: continue
            }
        }
        return findings
    }
}
