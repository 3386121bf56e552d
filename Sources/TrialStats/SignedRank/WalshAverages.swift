/// Order statistics of the Walsh averages (dᵢ + dⱼ)/2, i ≤ j, found without forming all
/// n(n+1)/2 of them.
///
/// On sorted data the averages form an implicit matrix whose rows (i fixed, j = i…n−1) ascend and
/// whose row boundaries for a value t move only left as i rises: a count of the averages at or
/// below t (and below t) takes one O(n) pass. The k-th smallest is selected as in Monahan's
/// algorithm: each row keeps the range of columns that can still hold it; two pivots drawn from a
/// sample of those candidates bracket the target rank (as in Floyd and Rivest's selection), one
/// pass counts below and at both pivots, and the ranges shrink to the averages between them — by
/// a factor of about 60 a pass, so a few passes reach a set small enough to sort. With ties a pivot
/// is often the answer itself. The sample is drawn by a seeded generator: the answer never depends
/// on it, only the number of passes does. O(n log n) expected in all.
///
/// **References:** J. F. Monahan (1984), "Algorithm 616: fast computation of the Hodges–Lehmann
/// location estimator", *ACM Transactions on Mathematical Software* 10:265–270;
/// R. W. Floyd and R. L. Rivest (1975), "Expected time bounds for selection", *Communications of
/// the ACM* 18:165–172.
struct WalshAverages: Sendable {
    /// The data, sorted ascending.
    let sorted: [Double]

    init(_ data: [Double]) {
        sorted = data.sorted()
    }

    /// Data already in ascending order.
    init(sorted: [Double]) {
        self.sorted = sorted
    }

    /// Number of averages: n(n+1)/2.
    var count: Int { sorted.count * (sorted.count + 1) / 2 }

    /// The average of a pair, computed as R computes `outer(x, x, "+") / 2` (halves first when
    /// the sum would overflow: the same value whenever R's is finite).
    @inline(__always)
    func average(_ i: Int, _ j: Int) -> Double {
        let sum = sorted[i] + sorted[j]
        return sum.isFinite ? sum / 2 : sorted[i] / 2 + sorted[j] / 2
    }

    /// Whether x is one of the averages.
    func isAverage(_ x: Double) -> Bool {
        let c = counts(x)
        return c.atMost > c.below
    }

    /// How many averages are ≤ x.
    func countAtMost(_ x: Double) -> Int {
        counts(x).atMost
    }

    /// How many averages are < x and how many ≤ x, in one pass.
    func counts(_ x: Double) -> (below: Int, atMost: Int) {
        let n = sorted.count
        var below = 0, atMost = 0
        var j = n - 1  // largest j ≥ i with average(i, j) ≤ x; only moves down as i rises
        var k = n - 1  // largest j ≥ i with average(i, j) < x
        for i in 0..<n {
            while j >= i && average(i, j) > x { j -= 1 }
            if j < i { break }
            if k > j { k = j }
            while k >= i && average(i, k) >= x { k -= 1 }
            atMost += j - i + 1
            below += max(0, k - i + 1)
        }
        return (below, atMost)
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

    /// At most this many candidates are gathered and sorted.
    static let gatherLimit = 1 << 16
    /// Sample size for the pivots.
    static let sampleSize = 16384
    /// Passes of the selection before it falls back to bisection on the value (never reached in
    /// practice: each pass removes at least its pivots, and in expectation all but about 1/60).
    static let selectionPasses = 64

    /// The k-th smallest average, 1 ≤ k ≤ count.
    func kth(_ k: Int) -> Double {
        precondition(k >= 1 && k <= count)
        let n = sorted.count
        if count <= Self.gatherLimit { return gatheredKth(k, left: nil, right: nil, below: 0) }
        // Row i's candidates are columns left[i]...right[i] (empty when left > right); `below`
        // averages lie below every candidate.
        var left = Array(0..<n)
        var right = [Int](repeating: n - 1, count: n)
        var below = 0
        var candidates = count
        var generator = SeededGenerator(seed: UInt64(truncatingIfNeeded: k))
        var cumulative = [Int](repeating: 0, count: n)
        for _ in 0..<Self.selectionPasses {
            if candidates <= Self.gatherLimit { return gatheredKth(k, left: left, right: right, below: below) }
            // A sample of the candidates, uniform over them.
            var running = 0
            for i in 0..<n {
                running += max(0, right[i] - left[i] + 1)
                cumulative[i] = running
            }
            var sample = (0..<Self.sampleSize).map { _ -> Double in
                let u = Int.random(in: 0..<candidates, using: &generator)
                var lo = 0, hi = n - 1  // first row with cumulative > u
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
                }
                let offset = u - (lo == 0 ? 0 : cumulative[lo - 1])
                return average(lo, left[lo] + offset)
            }
            sample.sort()
            // Pivots about two standard deviations of the sample rank either side of the target.
            let q = Double(k - below) / Double(candidates)
            let centre = q * Double(Self.sampleSize)
            let spread = 2 * (Double(Self.sampleSize) * q * (1 - q)).squareRoot() + 2
            let a = sample[max(0, min(Self.sampleSize - 1, Int(centre - spread)))]
            let b = sample[max(0, min(Self.sampleSize - 1, Int(centre + spread)))]
            let ca = counts(a), cb = counts(b)
            if ca.below < k && k <= ca.atMost { return a }
            if cb.below < k && k <= cb.atMost { return b }
            // Keep the candidates strictly between the pivots that bracket k.
            let lower: Double?, upper: Double?
            if k <= ca.below { (lower, upper) = (nil, a) } else if k <= cb.below { (lower, upper) = (a, b); below = ca.atMost } else { (lower, upper) = (b, nil); below = cb.atMost }
            candidates = 0
            var jUpper = n - 1, jLower = n - 1
            for i in 0..<n {
                if let upper {
                    // Last column with average < upper.
                    while jUpper >= i && average(i, jUpper) >= upper { jUpper -= 1 }
                    right[i] = min(right[i], jUpper)
                }
                if let lower {
                    // First column with average > lower: one past the last with average ≤ lower.
                    while jLower >= i && average(i, jLower) > lower { jLower -= 1 }
                    left[i] = max(left[i], max(i, jLower + 1))
                }
                candidates += max(0, right[i] - left[i] + 1)
            }
        }
        // Bounded fallback: bisection on the value, at most 128 passes.
        var lo = sorted.first!, hi = sorted.last!
        if countAtMost(lo) >= k { return lo }
        for _ in 0..<128 {
            let mid = midpointInOrder(lo, hi)
            if mid <= lo || mid >= hi { break }
            if countAtMost(mid) >= k { hi = mid } else { lo = mid }
        }
        return largestAtMost(hi)
    }

    /// The k-th smallest average when the candidates (all averages when `left` is nil) are few:
    /// gathered, sorted, read off.
    private func gatheredKth(_ k: Int, left: [Int]?, right: [Int]?, below: Int) -> Double {
        let n = sorted.count
        var values: [Double] = []
        for i in 0..<n {
            let first = left?[i] ?? i, last = right?[i] ?? n - 1
            if first > last { continue }
            for j in first...last { values.append(average(i, j)) }
        }
        values.sort()
        return values[k - below - 1]
    }

    /// The median of the averages (mean of the two middle ones when their number is even), as
    /// R's `median(diffs)`.
    func median() -> Double {
        let m = count
        if m % 2 == 1 { return kth((m + 1) / 2) }
        return (kth(m / 2) + kth(m / 2 + 1)) / 2
    }
}
