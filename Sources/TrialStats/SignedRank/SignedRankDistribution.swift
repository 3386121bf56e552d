import Dispatch
import Foundation

/// The exact null distribution of T = Σ aᵢ·[dᵢ > 0] given the scores aᵢ (doubled midranks), each
/// sign independently + or − with probability ½: the permutation (conditional) distribution of the
/// signed-rank statistic. Without ties and zeros the scores are 1…n and this is the classical
/// Wilcoxon distribution (R `psignrank`); with ties and zeros it is the exact conditional
/// distribution of coin's `wilcoxsign_test(distribution = "exact")` and of R ≥ 4.6.
///
/// **Computation** (the shift algorithm of Streitberg and Röhmel on integer scores). The
/// generating function ∏(1 + z^aᵢ) is expanded by dynamic programming on the scores divided by
/// their greatest common divisor, only up to the tail that is asked for (the distribution is
/// symmetric about Σaᵢ/2, so an upper tail is a lower tail of the mirror value). Equal scores are
/// taken together: m tied scores a multiply by (1 + z^a)^m, which on each residue class modulo a
/// is the product of a short sequence by (1 + y)^m — m in-place passes over a few kilobytes that
/// stay in cache, eight residue classes at a time in SIMD registers, and the classes shared
/// between the two cores when the work is large.
///
/// **Representation.** The coefficients are counts of sign patterns, up to 2ⁿ; they are kept as
/// doubles scaled by a running binary exponent: before every block of at most 256 passes the
/// coefficients are multiplied by the power of two that brings the largest to 1, so no
/// coefficient exceeds 2²⁵⁶ and nothing overflows at any n. Scaling by powers of two is exact;
/// the only rounding is that of the additions (relative 1e-16 per pass). A tail probability keeps
/// full relative precision wherever it is at least about 1e-300 times the largest coefficient of
/// the truncated expansion — always for the tail asked for, which is the sum of that expansion.
///
/// **Cost.** Σ over tie groups of m × (the part of the expansion the group touches), at most
/// n·t additions for a tail up to t: about 10⁹ additions per second per core (see `Benchmarks/`).
/// ``work(upTo:)`` gives the count before anything is computed, for the limits.
///
/// **Reference:** B. Streitberg and J. Röhmel (1986), "Exact distributions for permutation and
/// rank tests: an introduction to some recently published algorithms", *Statistical Software
/// Newsletter* 12:10–17.
struct SignedRankDistribution: Sendable {
    /// Scores divided by their greatest common divisor, grouped: (value, multiplicity), ascending.
    let groups: [(value: Int, count: Int)]
    /// The common divisor of the original scores.
    let divisor: Int
    /// Σ scores / divisor.
    let reducedTotal: Int
    /// Number of scores (signs).
    let n: Int

    init(scores: [Int]) {
        precondition(scores.allSatisfy { $0 > 0 })
        let g = scores.reduce(0) { gcd($0, $1) }
        divisor = max(g, 1)
        var counts: [Int: Int] = [:]
        for s in scores { counts[s / divisor, default: 0] += 1 }
        groups = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        reducedTotal = scores.reduce(0, +) / divisor
        n = scores.count
    }

    /// P(T ≤ t) for t in original (doubled) units.
    func lowerTail(_ t: Int) -> Double {
        if n == 0 { return t >= 0 ? 1 : 0 }
        if t < 0 { return 0 }
        let r = t / divisor  // T is a multiple of divisor
        if r >= reducedTotal { return 1 }
        if 2 * r > reducedTotal {
            // P(T ≤ r) = 1 − P(T ≥ r + 1) = 1 − P(T ≤ total − r − 1).
            return 1 - lowerTailReduced(reducedTotal - r - 1)
        }
        return lowerTailReduced(r)
    }

    /// P(T ≥ t) for t in original (doubled) units.
    func upperTail(_ t: Int) -> Double {
        // T ≥ t ⇔ total − T ≤ total − t, and total − T has the same distribution.
        let mirror = reducedTotal * divisor - t
        return lowerTail(mirror)
    }

    /// The reduced bound the tail P(T ≤ t) (or P(T ≥ t)) expands to: the distance of t from the
    /// nearer end of the support, in reduced units.
    func tailBound(_ t: Int) -> Int {
        let r = max(0, min(t / divisor, reducedTotal))
        return min(r, reducedTotal - r)
    }

    /// The cost of the expansion up to `bound` (reduced units), saturating at `Int.max`: Σ over
    /// groups of multiplicity × min(bound, partial sum of the scores so far) additions, a group of
    /// fewer than four equal scores counted four times (it streams the whole array per pass).
    func work(upTo bound: Int) -> Int {
        var span = 0, total = 0
        for (value, count) in groups where value <= bound {
            let (grown, o1) = value.multipliedReportingOverflow(by: count)
            span = o1 ? bound : min(bound, span + grown)
            // Fewer than four equal scores are whole-array sweeps: four times the memory traffic.
            let (cost, o2) = (count < 4 ? 4 * count : count).multipliedReportingOverflow(by: span)
            let (sum, o3) = total.addingReportingOverflow(cost)
            if o2 || o3 { return .max }
            total = sum
        }
        return total
    }

    /// P(T ≤ r) for r in reduced units, r ≤ total/2: the truncated expansion, kept to a
    /// certified window when the work is large (``windowedLowerTail(_:)``).
    private func lowerTailReduced(_ r: Int) -> Double {
        if work(upTo: r) >= Self.windowWork, let p = windowedLowerTail(r) { return p }
        let table = cumulativeReduced(upTo: r)
        return table[r]
    }

    /// The natural logarithm of P(T ≤ t), t in original (doubled) units in the lower half of the
    /// support: finite even where P itself underflows (below 1e-308), since the expansion keeps
    /// its binary exponent apart.
    func logLowerTail(_ t: Int) -> Double {
        if t < 0 { return -.infinity }
        let r = min(t / divisor, reducedTotal)
        let (f, exponent) = expansion(upTo: r)
        let sum = f.reduce(0, +)
        return Foundation.log(sum) + Double(exponent - n) * Foundation.log(2.0)
    }

    /// P(T ≤ s) for s = 0…r in reduced units, each with full relative precision where the
    /// value is at least 1e-300 times the largest.
    func cumulativeReduced(upTo r: Int) -> [Double] {
        let bound = max(0, min(r, reducedTotal))
        let (f, exponent) = expansion(upTo: bound)
        var cumulative = [Double](repeating: 0, count: bound + 1)
        var running = 0.0
        for s in 0...bound {
            running += f[s]
            cumulative[s] = scalbn(running, exponent - n)
        }
        return cumulative
    }

    /// Threads for a large expansion: 2 when the machine has more than one core. Read once: on
    /// Linux `activeProcessorCount` reads the cgroup's files on every call, which the
    /// reconstruction search (hundreds of thousands of small distributions) paid for in system time.
    static let workers = ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1

    /// The coefficients of ∏(1 + z^aᵢ) up to z^bound (reduced units), as (c, e) with the true
    /// count of z^s equal to c[s]·2^e.
    func expansion(upTo bound: Int) -> (coefficients: [Double], exponent: Int) {
        // Eight zeros of padding: a SIMD column may run up to seven places past the bound.
        var f = [Double](repeating: 0, count: bound + 1 + Self.lanes)
        f[0] = 1
        var exponent = 0
        var span = 0  // every coefficient above `span` is zero
        let workers = Self.workers
        f.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            var ceiling = 0  // log2 of an upper bound on the largest coefficient
            for (value, count) in groups where value <= bound {
                var remaining = count
                while remaining > 0 {
                    let passes = min(remaining, 256)
                    if ceiling > 600 {
                        let shift = Self.rescale(base, through: span)
                        exponent += shift
                        ceiling = 1
                    }
                    ceiling += passes  // each pass at most doubles the largest coefficient
                    let top = min(bound, span + min(passes, bound / value + 1) * value)
                    if passes < 4 {
                        // Few equal scores: whole-array sweeps beat copying residue classes.
                        var reach = span
                        for _ in 0..<passes {
                            reach = min(top, reach + value)
                            Self.sweep(base, step: value, top: reach)
                        }
                    } else {
                        Self.multiplyByBinomial(base, step: value, passes: passes, oldSpan: span, top: top,
                                                workers: passes * top >= 4_000_000 ? workers : 1)
                    }
                    // Clear what the columns wrote past the top: coefficients there were truncated.
                    for s in (top + 1)..<(bound + 1 + Self.lanes) { base[s] = 0 }
                    span = top
                    remaining -= passes
                }
            }
        }
        return (Array(f[0...bound]), exponent)
    }

    static let lanes = 8

    /// Multiplies f[0…span] by 2^−k so that its largest element is in [½, 1); returns k. The
    /// largest is at most 2^1024, so k ≤ 1024 and 2^−k is applied as two exact factors.
    static func rescale(_ f: UnsafeMutablePointer<Double>, through span: Int) -> Int {
        var largest = 0.0
        for s in 0...span { largest = max(largest, f[s]) }
        guard largest > 0, largest.isFinite else { return 0 }
        let shift = Int(largest.exponent) + 1
        let half = Double(sign: .plus, exponent: -(shift / 2), significand: 1)
        let rest = Double(sign: .plus, exponent: -(shift - shift / 2), significand: 1)
        for s in 0...span { f[s] = f[s] * half * rest }
        return shift
    }

    /// f ← f·(1 + z^step)^passes, truncated at z^top; f is zero above `oldSpan` on entry.
    /// Residue class r mod step is the sequence x_j = f[r + j·step]; each pass is
    /// x_j += x_{j−1} for j descending. Classes are taken eight at a time (eight adjacent
    /// doubles per column, copied to a contiguous scratch block: one vector operation per
    /// column), the rest one at a time.
    static func multiplyByBinomial(_ f: UnsafeMutablePointer<Double>, step: Int, passes: Int, oldSpan: Int, top: Int, workers: Int) {
        let fullBlocks = step / lanes
        let classes = SendablePointer(f)
        // Blocks of eight classes starting at r0 = 8b, for b < fullBlocks; then single classes.
        let units = fullBlocks + (step - fullBlocks * lanes)
        @Sendable func run(_ unit: Int, _ scratch: UnsafeMutablePointer<Double>) {
            let f = classes.pointer
            if unit < fullBlocks {
                let r0 = unit * lanes
                guard r0 <= oldSpan else { return }
                let last = (top - r0) / step          // columns 0…last (lanes may pass top by < 8)
                let filled = (oldSpan - r0) / step    // columns above this are zero on entry
                for j in 0...last { (scratch + j * lanes).update(from: f + r0 + j * step, count: lanes) }
                columnPasses(scratch, last: last, filled: filled, passes: passes)
                for j in 0...last { (f + r0 + j * step).update(from: scratch + j * lanes, count: lanes) }
            } else {
                let r = fullBlocks * lanes + (unit - fullBlocks)
                guard r <= oldSpan && r <= top else { return }
                let last = (top - r) / step
                let filled = (oldSpan - r) / step
                for j in 0...last { scratch[j] = f[r + j * step] }
                scalarPasses(scratch, last: last, filled: filled, passes: passes)
                for j in 0...last { f[r + j * step] = scratch[j] }
            }
        }
        let capacity = (top / step + 2) * lanes
        if workers <= 1 || units < 2 {
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
            defer { scratch.deallocate() }
            for unit in 0..<units { run(unit, scratch) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
                defer { scratch.deallocate() }
                var unit = worker
                while unit < units { run(unit, scratch); unit += workers }
            }
        }
    }

#if DEBUG
    /// `passes` passes of x_j += x_{j−1} (j descending) over columns x_0…x_last of eight
    /// doubles each, two passes at a time (x_j += 2x_{j−1} + x_{j−2}); x is zero above `filled`
    /// on entry. (Debug builds: SIMD types are slow without optimization.)
    @inline(__always)
    private static func columnPasses(_ x: UnsafeMutablePointer<Double>, last: Int, filled: Int, passes: Int) {
        var reach = min(last, filled)
        var remaining = passes
        while remaining >= 2 {
            reach = min(last, reach + 2)
            var j = reach
            while j >= 2 {
                let c = x + j * lanes, b = c - lanes, a = b - lanes
                for l in 0..<lanes { c[l] = c[l] + (b[l] + b[l]) + a[l] }
                j -= 1
            }
            if j == 1 {
                let c = x + lanes
                for l in 0..<lanes { c[l] = c[l] + (x[l] + x[l]) }
            }
            remaining -= 2
        }
        if remaining == 1 {
            reach = min(last, reach + 1)
            var j = reach
            while j >= 1 {
                let c = x + j * lanes, b = c - lanes
                for l in 0..<lanes { c[l] += b[l] }
                j -= 1
            }
        }
    }

#else
    /// `passes` passes of x_j += x_{j−1} (j descending) over columns x_0…x_last of eight
    /// doubles each, two passes at a time (x_j += 2x_{j−1} + x_{j−2}), in SIMD registers with
    /// the two previous columns carried; x is zero above `filled` on entry.
    @inline(__always)
    private static func columnPasses(_ x: UnsafeMutablePointer<Double>, last: Int, filled: Int, passes: Int) {
        typealias Column = SIMD8<Double>
        let raw = UnsafeMutableRawPointer(x)
        let width = lanes * MemoryLayout<Double>.stride
        @inline(__always) func load(_ j: Int) -> Column { raw.loadUnaligned(fromByteOffset: j * width, as: Column.self) }
        @inline(__always) func store(_ j: Int, _ v: Column) { raw.storeBytes(of: v, toByteOffset: j * width, as: Column.self) }
        var reach = min(last, filled)
        var remaining = passes
        while remaining >= 2 {
            reach = min(last, reach + 2)
            if reach >= 2 {
                var c = load(reach), b = load(reach - 1)
                var j = reach
                while j >= 2 {
                    let a = load(j - 2)
                    store(j, c + (b + b) + a)
                    c = b
                    b = a
                    j -= 1
                }
                store(1, c + (b + b))
            } else if reach == 1 {
                store(1, load(1) + 2 * load(0))
            }
            remaining -= 2
        }
        if remaining == 1 {
            reach = min(last, reach + 1)
            var j = reach
            while j >= 1 { store(j, load(j) + load(j - 1)); j -= 1 }
        }
    }

#endif

    /// One pass f[s] += f[s − step] for s = top down to step, eight at a time when step ≥ 8
    /// (the source block then lies wholly below the target block, not yet updated).
    static func sweep(_ f: UnsafeMutablePointer<Double>, step: Int, top: Int) {
        var s = top
        if step >= lanes {
            while s - (lanes - 1) >= step {
                let target = f + s - (lanes - 1), source = target - step
                #if DEBUG
                for l in 0..<lanes { target[l] += source[l] }
                #else
                let sum = UnsafeRawPointer(target).loadUnaligned(as: SIMD8<Double>.self) + UnsafeRawPointer(source).loadUnaligned(as: SIMD8<Double>.self)
                UnsafeMutableRawPointer(target).storeBytes(of: sum, as: SIMD8<Double>.self)
                #endif
                s -= lanes
            }
        }
        while s >= step { f[s] += f[s - step]; s -= 1 }
    }

    /// The scalar version of ``columnPasses(_:last:filled:passes:)`` for one residue class.
    @inline(__always)
    private static func scalarPasses(_ x: UnsafeMutablePointer<Double>, last: Int, filled: Int, passes: Int) {
        var reach = min(last, filled)
        for _ in 0..<passes {
            reach = min(last, reach + 1)
            var j = reach
            while j >= 1 { x[j] += x[j - 1]; j -= 1 }
        }
    }
}

/// A pointer handed to the worker threads of one expansion step; each touches disjoint residue
/// classes, so no element is written by two threads.
private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ pointer: UnsafeMutablePointer<Double>) { self.pointer = pointer }
}

/// Greatest common divisor of two non-negative integers.
func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
