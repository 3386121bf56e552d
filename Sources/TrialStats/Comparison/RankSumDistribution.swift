import Foundation

/// The exact permutation distribution of the rank sum of the first sample, conditional on the
/// scores: n₁ of the N pooled observations are drawn without replacement, each subset equally
/// likely, and S = Σ of their scores (doubled midranks, integers). Without ties the scores are
/// 2, 4, …, 2N and this is the classical Wilcoxon distribution (R `pwilcox`); with ties it is the
/// exact conditional distribution of coin `wilcox_test(distribution = "exact")`.
///
/// **Computation.** Equal scores form groups (value aₖ, size tₖ); choosing m of a group has
/// weight C(tₖ, m). A dynamic programme over the groups keeps, for each number j chosen so far,
/// the weights of the partial sums, only over the sums that can still end at or below the bound
/// asked for (partial sums only grow, and the rest must add at least the smallest scores left),
/// so a tail costs about Σₖ tₖ·Σⱼ(width of j's window) additions. Weights are rescaled after each
/// group and carried with a binary exponent, so nothing overflows (C(1000, 500) ≈ 10²⁹⁹) and a
/// tail keeps full relative precision down to about 10⁻³⁰⁰.
///
/// Beyond ``RankSumOptions/exactWorkLimit`` additions a tail comes from the characteristic
/// function instead (``RankSumFourier``), within ``RankSumOptions/fourierWorkLimit``; beyond
/// both, ``exactTails(_:)`` refuses.
struct RankSumDistribution: Sendable {
    /// Groups of equal scores in ascending order: (score, size).
    let groups: [(score: Int, size: Int)]
    /// Size of the sample whose scores are summed.
    let n1: Int
    /// Total number of observations.
    let total: Int

    init(scores: [Int], n1: Int) {
        var counts: [Int: Int] = [:]
        for s in scores { counts[s, default: 0] += 1 }
        groups = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        self.n1 = n1
        total = scores.count
    }

    /// The smallest and largest possible sums.
    var range: (min: Int, max: Int) {
        (smallestSum(of: n1, from: groups[...]), -smallestSum(of: n1, from: groups.reversed().map { (-$0.score, $0.size) }[...]))
    }

    /// Sum of the `count` smallest scores of `groups` (in ascending order).
    private func smallestSum(of count: Int, from groups: ArraySlice<(score: Int, size: Int)>) -> Int {
        var left = count, sum = 0
        for g in groups where left > 0 {
            let take = min(left, g.size)
            sum += take * g.score
            left -= take
        }
        return sum
    }

    /// Estimated additions for P(S ≤ bound): Σ over groups of tₖ·(number of (j, s) states).
    func work(lowerTailUpTo bound: Int) -> Double {
        let width = Double(max(0, bound - range.min + 1))
        return Double(total) * Double(n1 + 1) * width
    }

    /// The tails asked for (lower: P(S ≤ b), upper: P(S ≥ b)): by the dynamic programme when its
    /// estimated work for the nearer end, `work`, is within ``RankSumOptions/exactWorkLimit``,
    /// else each from the characteristic function, computed side by side; nil if that exceeds
    /// ``RankSumOptions/fourierWorkLimit`` or misses its error bound.
    func exactTails(_ tails: [(upper: Bool, bound: Int)], work: Double) -> [Double]? {
        if work <= RankSumOptions.exactWorkLimit {
            return tails.map { $0.upper ? upperTail($0.bound) : lowerTail($0.bound) }
        }
        let plans = tails.map { tail -> (RankSumFourier, Int) in
            tail.upper ? (mirroredFourier, -tail.bound) : (fourier, tail.bound)
        }
        guard exactAffordable(tails, work: work) else { return nil }
        let results = plans.map { $0.0.lowerTail($0.1) }
        guard results.allSatisfy({ $0 != nil }) else { return nil }
        return results.map { $0! }
    }

    /// Whether ``exactTails(_:work:)`` can answer these tails.
    /// Without ties the exact interval needs about twenty more tails, so the limit is divided by 20.
    func exactAffordable(_ tails: [(upper: Bool, bound: Int)], work: Double) -> Bool {
        if work <= RankSumOptions.exactWorkLimit { return true }
        let limit = RankSumOptions.fourierWorkLimit / (groups.count == total ? 20 : 1)
        return tails.allSatisfy { tail in
            tail.upper ? mirroredFourier.work(lowerTailUpTo: -tail.bound) <= limit : fourier.work(lowerTailUpTo: tail.bound) <= limit
        }
    }

    /// The characteristic-function method on these scores, and on the mirrored scores (−a).
    var fourier: RankSumFourier { RankSumFourier(groups: groups, n1: n1) }
    var mirroredFourier: RankSumFourier { RankSumFourier(groups: groups.reversed().map { (-$0.score, $0.size) }, n1: n1) }

    /// P(S ≤ bound).
    func lowerTail(_ bound: Int) -> Double {
        let r = range
        if bound < r.min { return 0 }
        if bound >= r.max { return 1 }
        return tail(groups: groups, bound: bound)
    }

    /// P(S ≥ bound), as the lower tail of the mirrored scores (−a).
    func upperTail(_ bound: Int) -> Double {
        let r = range
        if bound <= r.min { return 1 }
        if bound > r.max { return 0 }
        let mirrored = groups.reversed().map { (score: -$0.score, size: $0.size) }
        return tail(groups: mirrored, bound: -bound)
    }

    /// P(Σ ≤ bound) for groups in ascending score order (scores may be negative).
    private func tail(groups: [(score: Int, size: Int)], bound: Int) -> Double {
        min(1, partialRow(groups: groups, bound: bound).reduce(0, +))
    }

    /// P(S = s) for s = range.min…bound.
    func pointProbabilities(upTo bound: Int) -> [Double] {
        partialRow(groups: groups, bound: bound)
    }

    /// The probabilities of the sums from the smallest possible up to `bound`.
    private func partialRow(groups: [(score: Int, size: Int)], bound: Int) -> [Double] {
        // Offsets: the smallest partial sum of j items among the first k groups is at least the sum
        // of the j smallest scores overall, base[j].
        var base = [Int](repeating: 0, count: n1 + 1)
        do {
            var j = 0, sum = 0
            outer: for g in groups {
                for _ in 0..<g.size {
                    if j == n1 { break outer }
                    j += 1; sum += g.score; base[j] = sum
                }
            }
        }
        // After the groups k…, the smallest sum of `need` more items from them: suffixMin[k][need],
        // computed lazily from the remaining groups in ascending order.
        func minimumRemaining(_ k: Int, _ need: Int) -> Int {
            var left = need, sum = 0
            var g = k
            while left > 0 && g < groups.count {
                let take = min(left, groups[g].size)
                sum += take * groups[g].score
                left -= take
                g += 1
            }
            return left > 0 ? Int.max / 4 : sum
        }
        // weights[j][s − base[j]] for partial sums s ≤ limit(j).
        var weights: [[Double]] = Array(repeating: [], count: n1 + 1)
        weights[0] = [1]
        var exponent = 0.0  // log of the common scale factor
        var processed = 0
        for (k, g) in groups.enumerated() {
            let remainingAfter = k + 1
            var next: [[Double]] = Array(repeating: [], count: n1 + 1)
            let logChooses = (0...g.size).map { logChoose(g.size, $0) }
            let groupScale = logChooses.max() ?? 0
            let maxJ = min(n1, processed + g.size)
            for j in 0...maxJ {
                // The largest partial sum worth keeping for j chosen after this group.
                let limit = bound - (j == n1 ? 0 : minimumRemaining(remainingAfter, n1 - j))
                let lowest = base[j]
                guard limit >= lowest else { continue }
                var row = [Double](repeating: 0, count: limit - lowest + 1)
                let mMax = min(j, g.size)
                for m in 0...mMax {
                    let from = j - m
                    let source = weights[from]
                    if source.isEmpty { continue }
                    let factor = exp(logChooses[m] - groupScale)
                    let shift = base[from] + m * g.score - lowest  // index in row of source[0]
                    // row[shift + i] += factor · source[i] for valid indices.
                    let start = max(0, -shift), end = min(source.count, row.count - shift)
                    if start >= end { continue }
                    row.withUnsafeMutableBufferPointer { r in
                        source.withUnsafeBufferPointer { src in
                            for i in start..<end { r[shift + i] += factor * src[i] }
                        }
                    }
                }
                next[j] = row
            }
            processed += g.size
            // Rescale so the largest weight is 1.
            var largest = 0.0
            for row in next { for v in row where v > largest { largest = v } }
            if largest > 0 {
                for j in next.indices where !next[j].isEmpty { for i in next[j].indices { next[j][i] /= largest } }
                exponent += log(largest) + groupScale
            } else {
                return []
            }
            weights = next
        }
        let scale = exponent - logChoose(total, n1)
        return weights[n1].map { $0 > 0 ? exp(log($0) + scale) : 0 }
    }

    /// P(S ≤ s) for every s from the smallest possible sum up to `bound` (index s − range.min).
    func cumulative(upTo bound: Int) -> [Double] {
        let r = range
        let top = min(bound, r.max)
        guard top >= r.min else { return [] }
        var probabilities = pointProbabilities(upTo: top)
        var running = 0.0
        for i in probabilities.indices { running += probabilities[i]; probabilities[i] = min(1, running) }
        return probabilities
    }
}
