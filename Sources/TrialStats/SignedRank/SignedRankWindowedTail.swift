import Foundation

/// One tail of the signed-rank distribution from the expansion kept to a moving window, with a
/// certified bound on what the window leaves out.
///
/// The truncated expansion of ∏(1 + z^aᵢ) up to the tail bound r carries, after each block of
/// equal scores, coefficients over the whole range 0…min(r, Σ so far); but the partial sum T_k of
/// the scores expanded so far is concentrated within a few standard deviations of its mean, and
/// the coefficients far from it cannot change P(T ≤ r) in the digits a double holds. Before each
/// block the expansion drops (sets to zero, and no longer computes)
///
/// - below L: the patterns with T_k < L, at most P(T_k < L) ≤ exp(−(μ_k − L)²/2v_k) of the final
///   tail (Hoeffding's inequality: T_k is a sum of independent aᵢ·Bernoulli(½), v_k = Σaᵢ²/4);
/// - above U: the patterns with T_k > U, whose share of P(T ≤ r) is at most
///   P(T_k > U)·P(T_rest ≤ r − U − 1), both factors bounded the same way (T_rest: the scores not
///   yet expanded, including those above r).
///
/// Each cut is placed where its bound is at most 2⁻⁶⁴·P/(number of cuts), P being the normal
/// approximation of the tail with a margin of 2³⁰; dropping only ever lowers the result, so the
/// computed tail P̂ ≤ P, and the sum of the bounds actually incurred, E, bounds P − P̂. The result
/// is returned only when E ≤ 2⁻⁶⁴·P̂ — certified, a relative error far below the rounding of the
/// additions (about 1e-16 each) — else once more with the larger of P̂ and 2⁻ⁿ, both lower bounds
/// of P, as the target (wider windows), else nil
/// and the caller expands the whole range. Every kept coefficient is computed by the same
/// additions as in the full expansion, so the result agrees with it to the last bit or one unit
/// in the last place.
///
/// **Cost.** The window holds about 2·11 standard deviations of T_k near the centre (2·22 for a
/// tail of 1e-75) instead of its whole range: at n = 5,000 VAS-like pairs with ties a quarter to
/// a third of the additions of the full truncated expansion.
///
/// **Reference:** W. Hoeffding (1963), "Probability inequalities for sums of bounded random
/// variables", *Journal of the American Statistical Association* 58:13–30 (Theorem 2).
extension SignedRankDistribution {
    /// The work (``work(upTo:)``) from which a single tail is computed in a window.
    static let windowWork = 50_000_000

    /// The relative error the window may add, certified: 2⁻⁶⁴.
    static let windowTolerance = 0x1p-64

    /// P(T ≤ r), r in reduced units with r ≤ total/2, from the windowed expansion; nil when the
    /// window cannot be certified in two attempts (the caller then expands the whole range).
    func windowedLowerTail(_ r: Int) -> Double? { windowedLowerTailWithLog(r)?.p }

    /// ``windowedLowerTail(_:)`` with the natural logarithm of the tail, finite where the tail
    /// itself underflows.
    func windowedLowerTailWithLog(_ r: Int) -> (p: Double, logP: Double, cuts: Int)? {
        guard r >= 0, n > 0 else { return nil }
        let used = groups.filter { $0.value <= r }
        guard !used.isEmpty else { return nil }
        let blocks = used.reduce(0) { $0 + ($1.count + 255) / 256 }
        let moments = TailMoments(groups: groups, bound: r, total: reducedTotal)
        let logTolerance = Foundation.log(Self.windowTolerance)
        let cuts = Foundation.log(Double(3 * blocks))
        var logTarget = moments.normalLogLowerTail() - 30 * Foundation.log(2.0)
        for _ in 0..<2 {
            let run = windowedExpansion(r, used, moments, logBudget: logTolerance + logTarget - cuts)
            if run.logP.isFinite && run.logDropped <= logTolerance + run.logP { return (run.p, run.logP, run.cuts) }
            // P̂ ≤ P, and P ≥ 2⁻ⁿ (the pattern with every sign negative): both are lower bounds.
            logTarget = max(run.logP, -Double(n) * Foundation.log(2.0))
        }
        return nil
    }

    /// The expansion up to r restricted to the window; the tail P̂, its logarithm and the
    /// logarithm of the bound E on what the window dropped, and the number of cuts made.
    func windowedExpansion(_ r: Int, _ used: [(value: Int, count: Int)], _ moments: TailMoments, logBudget: Double)
        -> (p: Double, logP: Double, logDropped: Double, cuts: Int) {
        let lanes = Self.lanes
        var f = [Double](repeating: 0, count: r + 1 + lanes)
        f[0] = 1
        var state = moments
        var exponent = 0
        var logDropped = -Double.infinity
        var lo = 0, span = 0  // coefficients outside lo…span are zero (below lo: dropped)
        var empty = false, cuts = 0
        let workers = Self.workers
        f.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            var ceiling = 0  // log2 of an upper bound on the largest coefficient
            blocks: for (value, count) in used {
                var remaining = count
                while remaining > 0 {
                    let passes = min(remaining, 256)
                    if let low = state.lowerCut(logBudget: logBudget), low > lo {
                        lo = low
                        cuts += 1
                        logDropped = logAdd(logDropped, state.lowerLogBound(lo))
                        if lo > span { empty = true; break blocks }
                    }
                    if let high = state.upperCut(logBudget: logBudget), high < span {
                        if high < lo { empty = true; break blocks }
                        for s in (high + 1)...span { base[s] = 0 }
                        span = high
                        cuts += 1
                        logDropped = logAdd(logDropped, state.upperLogBound(high))
                    }
                    if ceiling > 600 {
                        exponent += Self.rescale(base + lo, through: span - lo)
                        ceiling = 1
                    }
                    ceiling += passes  // each pass at most doubles the largest coefficient
                    state.advance(value: value, passes: passes)
                    var top = min(r, span + min(passes, r / value + 1) * value)
                    if let high = state.upperCut(logBudget: logBudget), high < top {
                        top = max(high, span)
                        cuts += 1
                        logDropped = logAdd(logDropped, state.upperLogBound(top))
                    }
                    let window = base + lo, width = top - lo
                    if passes < 4 {
                        var reach = span - lo
                        for _ in 0..<passes {
                            reach = min(width, reach + value)
                            Self.sweep(window, step: value, top: reach)
                        }
                    } else {
                        Self.multiplyByBinomial(window, step: value, passes: passes, oldSpan: span - lo, top: width,
                                                workers: passes * width >= 4_000_000 ? workers : 1)
                    }
                    // The columns may write up to lanes − 1 places past the top: clear them.
                    let end = min(top + lanes, r + lanes)
                    if top + 1 <= end { for s in (top + 1)...end { base[s] = 0 } }
                    span = top
                    remaining -= passes
                }
            }
        }
        if empty { return (0, -.infinity, logDropped, cuts) }
        var sum = 0.0
        for s in lo...span { sum += f[s] }
        guard sum > 0 else { return (0, -.infinity, logDropped, cuts) }
        let scale = exponent - n
        return (scalbn(sum, scale), Foundation.log(sum) + Double(scale) * Foundation.log(2.0), logDropped, cuts)
    }
}

/// The means and variances (reduced units) of the part of T expanded so far and of the rest, for
/// the window's Hoeffding bounds on a lower tail up to `bound`.
struct TailMoments: Sendable {
    /// Σ of the scores expanded so far, and of their squares.
    private(set) var doneSum = 0.0, doneSquares = 0.0
    /// Σ of all scores and of their squares.
    let totalSum: Double, totalSquares: Double
    /// The tail bound r.
    let bound: Double

    init(groups: [(value: Int, count: Int)], bound: Int, total: Int) {
        var squares = 0.0
        for (value, count) in groups { squares += Double(value) * Double(value) * Double(count) }
        totalSquares = squares
        totalSum = Double(total)
        self.bound = Double(bound)
    }

    mutating func advance(value: Int, passes: Int) {
        doneSum += Double(value) * Double(passes)
        doneSquares += Double(value) * Double(value) * Double(passes)
    }

    private var mean: Double { doneSum / 2 }
    // Variances a hair high (sums of squares round above 2⁵³, and the rest is a difference):
    // the bounds stay bounds.
    private var variance: Double { doneSquares * (1 + 1e-12) / 4 }
    private var restVariance: Double { (max(0, totalSquares - doneSquares) + 1e-12 * totalSquares) / 4 }
    /// E[T] − r: how far the bound lies below the centre (≥ 0 for a lower tail).
    private var deficit: Double { totalSum / 2 - bound }

    /// log of the normal approximation of P(T ≤ r) with continuity correction (asymptotic
    /// expansion where erfc underflows).
    func normalLogLowerTail() -> Double {
        let sd = (totalSquares / 4).squareRoot()
        guard sd > 0 else { return 0 }
        let z = (bound + 0.5 - totalSum / 2) / sd
        if z > -30 { return Foundation.log(0.5 * erfc(-z / 2.0.squareRoot())) }
        return -z * z / 2 - Foundation.log(-z) - 0.5 * Foundation.log(2 * Double.pi)
    }

    /// log of the bound on P(T_k < low).
    func lowerLogBound(_ low: Int) -> Double {
        let x = mean - Double(low)
        guard x > 0, variance > 0 else { return 0 }
        return -x * x / (2 * variance)
    }

    /// The highest L whose bound is within the budget; nil when nothing would be cut.
    func lowerCut(logBudget: Double) -> Int? {
        guard variance > 0, logBudget < 0 else { return nil }
        let low = (mean - (-2 * logBudget * variance).squareRoot()).rounded(.down) - 1
        guard low >= 1, low < bound else { return nil }
        let cut = Int(low)
        return lowerLogBound(cut) <= logBudget ? cut : nil
    }

    /// log of the bound on the share of P(T ≤ r) of the patterns with T_k > high.
    func upperLogBound(_ high: Int) -> Double { upperLogBound(x: Double(high) + 1 - mean) }

    /// The same with x = high + 1 − E[T_k].
    private func upperLogBound(x: Double) -> Double {
        let first = x > 0 && variance > 0 ? -x * x / (2 * variance) : 0
        let t = deficit + x, rest = restVariance
        let second = t > 0 && rest > 0 ? -t * t / (2 * rest) : 0
        return first + second
    }

    /// The lowest U whose bound is within the budget; nil when it is not below r.
    func upperCut(logBudget: Double) -> Int? {
        guard variance > 0, logBudget < 0 else { return nil }
        // The bound falls as x grows; at x = √(−2·budget·v) the first factor alone suffices.
        var low = -deficit, high = (-2 * logBudget * variance).squareRoot()
        for _ in 0..<200 where high - low > 0.25 {
            let middle = (low + high) / 2
            if upperLogBound(x: middle) <= logBudget { high = middle } else { low = middle }
        }
        let u = (mean + high - 1).rounded(.up)
        guard u >= 0, u < bound else { return nil }
        var cut = Int(u)
        for _ in 0..<4 where upperLogBound(cut) > logBudget { cut += 1 }  // rounding of the bisection
        return upperLogBound(cut) <= logBudget && Double(cut) < bound ? cut : nil
    }
}

/// log(eᵃ + eᵇ) without overflow.
private func logAdd(_ a: Double, _ b: Double) -> Double {
    if a == -.infinity { return b }
    if b == -.infinity { return a }
    let (big, small) = a >= b ? (a, b) : (b, a)
    return big + Foundation.log1p(Foundation.exp(small - big))
}
