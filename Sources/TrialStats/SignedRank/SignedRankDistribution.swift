import Foundation

/// The exact null distribution of T = Σ aᵢ·[dᵢ > 0] given the scores aᵢ (doubled midranks), each
/// sign independently + or − with probability ½: the permutation (conditional) distribution of the
/// signed-rank statistic. Without ties and zeros the scores are 1…n and this is the classical
/// Wilcoxon distribution (R `psignrank`); with ties and zeros it is the exact conditional
/// distribution of coin's `wilcoxsign_test(distribution = "exact")` and of R ≥ 4.6.
///
/// **Computation.** The generating function ∏(1 + z^aᵢ)/2 is expanded by dynamic programming, one
/// group of equal scores at a time, on the scores divided by their greatest common divisor, and
/// only up to the tail that is asked for (the distribution is symmetric about Σaᵢ/2, so an upper
/// tail is a lower tail of the mirror value). The coefficients are kept with a separate binary
/// exponent, rescaled as they grow, so nothing overflows or underflows even for thousands of pairs:
/// a tail probability keeps full relative precision down to about 1e-300. The cost is
/// O(n·t) additions for a tail up to t (at most n·Σaᵢ/2); 1,000 pairs with ties take a few hundredths
/// of a second (see `Benchmarks/`).
struct SignedRankDistribution: Sendable {
    /// Scores divided by their greatest common divisor, grouped: (value, multiplicity).
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

    /// P(T ≤ r) for r in reduced units, r ≤ total/2: the truncated expansion.
    private func lowerTailReduced(_ r: Int) -> Double {
        let table = cumulativeReduced(upTo: r)
        return table[r]
    }

    /// P(T ≤ s) for s = 0…r in reduced units, each with full relative precision where the
    /// value is at least 1e-300 times the largest.
    func cumulativeReduced(upTo r: Int) -> [Double] {
        let bound = max(0, min(r, reducedTotal))
        var f = [Double](repeating: 0, count: bound + 1)
        f[0] = 1
        var exponent = 0  // the true value of f[s] is f[s] · 2^exponent, before dividing by 2^n
        f.withUnsafeMutableBufferPointer { buffer in
            for (value, count) in groups where value <= bound {
                for _ in 0..<count {
                    var s = bound
                    while s >= value {
                        buffer[s] += buffer[s - value]
                        s -= 1
                    }
                }
                // Keep the largest coefficient near 1.
                var largest = 0.0
                for s in 0...bound where buffer[s] > largest { largest = buffer[s] }
                if largest > 0x1p600 || (largest < 0x1p-600 && largest > 0) {
                    let shift = Int(Foundation.log2(largest).rounded())
                    for s in 0...bound { buffer[s] = scalbn(buffer[s], -shift) }
                    exponent += shift
                }
            }
        }
        // Scores larger than the bound only ever add to sums above it: for s ≤ bound those terms
        // contribute the "sign −" choice alone, already counted, so nothing more is needed.
        var cumulative = [Double](repeating: 0, count: bound + 1)
        var running = 0.0
        for s in 0...bound {
            running += f[s]
            cumulative[s] = scalbn(running, exponent - n)
        }
        return cumulative
    }
}

/// Greatest common divisor of two non-negative integers.
func gcd(_ a: Int, _ b: Int) -> Int {
    var (x, y) = (abs(a), abs(b))
    while y != 0 { (x, y) = (y, x % y) }
    return x
}
