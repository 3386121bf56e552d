/// Order statistics of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j, found without forming all
/// n(n+1)/2 of them: a count of averages at or below a value takes O(n) on sorted data, and the
/// k-th smallest is found by bisection on the value, then read off exactly.
struct WalshAverages: Sendable {
    /// The data, sorted ascending.
    let sorted: [Double]

    init(_ data: [Double]) {
        sorted = data.sorted()
    }

    /// Number of averages: n(n+1)/2.
    var count: Int { sorted.count * (sorted.count + 1) / 2 }

    /// The average of a pair, computed as R computes `outer(x, x, "+") / 2` (halves first when
    /// the sum would overflow: the same value whenever R's is finite).
    @inline(__always)
    private func average(_ i: Int, _ j: Int) -> Double {
        let sum = sorted[i] + sorted[j]
        return sum.isFinite ? sum / 2 : sorted[i] / 2 + sorted[j] / 2
    }

    /// Whether x is one of the averages.
    func isAverage(_ x: Double) -> Bool {
        countAtMost(x) > countAtMost(x.nextDown)
    }

    /// How many averages are ≤ x.
    func countAtMost(_ x: Double) -> Int {
        let n = sorted.count
        var total = 0
        var j = n - 1
        for i in 0..<n {
            // Largest j ≥ i with average(i, j) ≤ x; j only moves down as i rises.
            while j >= i && average(i, j) > x { j -= 1 }
            if j < i { break }
            total += j - i + 1
        }
        return total
    }

    /// The largest average ≤ x (x at least the smallest average).
    private func largestAtMost(_ x: Double) -> Double {
        let n = sorted.count
        var best = -Double.infinity
        var j = n - 1
        for i in 0..<n {
            while j >= i && average(i, j) > x { j -= 1 }
            if j < i { break }
            best = max(best, average(i, j))
        }
        return best
    }

    /// The average nearest to x when it lies within 1e-12 (relative) of x; otherwise x.
    func nearest(_ x: Double) -> Double {
        let tolerance = 1e-12 * max(abs(x), sorted.map(abs).max() ?? 0)
        let below = countAtMost(x) > 0 ? largestAtMost(x) : -Double.infinity
        let above = largestAtMost(x + tolerance)
        let candidate = abs(above - x) < abs(x - below) ? above : below
        return abs(candidate - x) <= tolerance ? candidate : x
    }

    /// The k-th smallest average, 1 ≤ k ≤ count.
    func kth(_ k: Int) -> Double {
        precondition(k >= 1 && k <= count)
        var lo = sorted.first!  // countAtMost(lo) may be ≥ k
        var hi = sorted.last!   // countAtMost(hi) = count ≥ k
        if countAtMost(lo) >= k { return lo }
        // Invariant: countAtMost(lo) < k ≤ countAtMost(hi). Bisection in the order of doubles
        // ends at two adjacent doubles within 64 steps, also where the k-th average is 0.
        for _ in 0..<128 {
            let mid = midpointInOrder(lo, hi)
            if mid <= lo || mid >= hi { break }
            if countAtMost(mid) >= k { hi = mid } else { lo = mid }
        }
        return largestAtMost(hi)
    }

    /// The median of the averages (mean of the two middle ones when their number is even), as
    /// R's `median(diffs)`.
    func median() -> Double {
        let m = count
        if m % 2 == 1 { return kth((m + 1) / 2) }
        return (kth(m / 2) + kth(m / 2 + 1)) / 2
    }
}
