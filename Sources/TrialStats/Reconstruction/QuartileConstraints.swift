import Foundation

/// The sorted samples of n grid values whose median and quartiles print as given: the marginal
/// half of a reconstruction.
///
/// Each printed quantile fixes one or two order statistics (``QuantilePosition``): it must be
/// that (1 − γ) x₍ⱼ₎ + γ x₍ⱼ₊₁₎ rounds to the printed number at its printed decimals under the
/// rounding rule. For a fixed x₍ⱼ₎ the values of x₍ⱼ₊₁₎ that work form a contiguous run of the
/// grid (the quantile and the rounding are monotone), found by binary search. The other order
/// statistics only have to keep the sample in order, so a sample exists exactly when the (at
/// most six) constrained order statistics can be chosen in order — decided by dynamic
/// programming over them, backwards, in O(m·K·log K) for m constrained order statistics and K
/// grid values: `completes[t][v]` says whether the constrained statistics t, t + 1, … can be
/// chosen when the t-th takes grid value v. The answer is exact: an infeasible result is a proof
/// that no sample on the grid prints the summary.
struct QuartileConstraints {
    /// One printed quantile and the order statistics it is made of.
    struct Constraint {
        var name: String
        var printed: PrintedNumber
        var position: QuantilePosition
    }

    let n: Int
    let grid: ScaleGrid
    let rule: RoundingRule
    let type: QuantileType
    let constraints: [Constraint]
    /// Grid values as `Double`s, index k ↦ grid.value(k).
    let values: [Double]
    /// For each order statistic (0-based), the constraints that involve it.
    let touching: [[Int]]
    /// The constrained order statistics, ascending.
    let variables: [Int]
    /// completes[t][v], see the type's documentation (empty when not solved).
    private(set) var completes: [[Bool]] = []
    private var prefix: [[Int]] = []

    init(summary: PrintedMedianIQR, n: Int, type: QuantileType, grid: ScaleGrid, rule: RoundingRule,
         only names: Set<String>? = nil, values: [Double]? = nil) {
        self.n = n
        self.grid = grid
        self.rule = rule
        self.type = type
        self.values = values ?? (0..<grid.count).map(grid.value)
        var list: [Constraint] = []
        for (name, p, printed) in summary.named where names?.contains(name) ?? true {
            list.append(Constraint(name: name, printed: printed, position: QuantilePosition(n: n, p: p, type: type)))
        }
        constraints = list
        var touching = [[Int]](repeating: [], count: n)
        var variables = Set<Int>()
        for (i, c) in list.enumerated() {
            for k in Set(c.position.singleIndex.map { [$0] } ?? [c.position.lower, c.position.upper]) {
                touching[k].append(i)
                variables.insert(k)
            }
        }
        self.touching = touching
        self.variables = variables.sorted()
        solve()
    }

    // MARK: Checking

    /// Whether constraint `c` prints when its order statistics take grid values `below`, `above`.
    func prints(_ c: Constraint, below: Int, above: Int) -> Bool {
        c.printed.isPrinted(from: quantile(c, below: below, above: above), rule: rule)
    }

    /// The quantile of constraint `c` from grid indices.
    func quantile(_ c: Constraint, below: Int, above: Int) -> Double {
        c.position.value(below: values[below], above: values[above])
    }

    /// Whether every constraint involving order statistic k holds in the sorted sample `sample`.
    func holds(at k: Int, in sample: [Int]) -> Bool {
        touching[k].allSatisfy { i in
            let c = constraints[i]
            return prints(c, below: sample[c.position.lower], above: sample[c.position.upper])
        }
    }

    /// Whether every constraint holds.
    func holdsAll(_ sample: [Int]) -> Bool {
        constraints.allSatisfy { prints($0, below: sample[$0.position.lower], above: sample[$0.position.upper]) }
    }

    /// The grid indices b ≥ a (up to `limit`) with which a two-order-statistic constraint prints
    /// when its lower order statistic is a: a contiguous run, or nil.
    func partnerRange(_ c: Constraint, lower a: Int, limit: Int? = nil) -> ClosedRange<Int>? {
        let top = limit ?? (values.count - 1)
        guard a <= top else { return nil }
        let target = c.printed.value
        let tolerance = 0.5 * pow10(-c.printed.decimals - 3)
        func rounded(_ b: Int) -> Double { rule.round(quantile(c, below: a, above: b), decimals: c.printed.decimals) }
        // First b whose rounded quantile reaches the target.
        var lo = a, hi = top + 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if rounded(mid) >= target - tolerance { hi = mid } else { lo = mid + 1 }
        }
        let first = lo
        // First b whose rounded quantile passes the target.
        hi = top + 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if rounded(mid) > target + tolerance { hi = mid } else { lo = mid + 1 }
        }
        let last = lo - 1
        return first <= last ? first...last : nil
    }

    // MARK: Dynamic programming over the constrained order statistics

    /// The range of grid values the (t + 1)-th constrained statistic may take when the t-th is v.
    private func nextRange(after t: Int, value v: Int) -> ClosedRange<Int>? {
        var lo = v, hi = values.count - 1
        let next = variables[t + 1]
        for i in touching[next] {
            let c = constraints[i]
            guard c.position.singleIndex == nil, c.position.upper == next, c.position.lower == variables[t] else { continue }
            guard let r = partnerRange(c, lower: v) else { return nil }
            lo = max(lo, r.lowerBound)
            hi = min(hi, r.upperBound)
        }
        return lo <= hi ? lo...hi : nil
    }

    /// Whether the single-order-statistic constraints at the t-th variable hold for value v.
    private func singlesHold(_ t: Int, _ v: Int) -> Bool {
        touching[variables[t]].allSatisfy { i in
            let c = constraints[i]
            guard c.position.singleIndex != nil else { return true }
            return prints(c, below: v, above: v)
        }
    }

    private mutating func solve() {
        let m = variables.count, count = values.count
        guard m > 0 else { return }
        completes = [[Bool]](repeating: [], count: m)
        prefix = [[Int]](repeating: [], count: m)
        for t in stride(from: m - 1, through: 0, by: -1) {
            var row = [Bool](repeating: false, count: count)
            for v in 0..<count where singlesHold(t, v) {
                if t == m - 1 {
                    row[v] = true
                } else if let r = nextRange(after: t, value: v) {
                    row[v] = prefix[t + 1][r.upperBound + 1] - prefix[t + 1][r.lowerBound] > 0
                }
            }
            completes[t] = row
            var sums = [Int](repeating: 0, count: count + 1)
            for v in 0..<count { sums[v + 1] = sums[v] + (row[v] ? 1 : 0) }
            prefix[t] = sums
        }
    }

    /// Whether some sorted sample on the grid prints every constraint.
    var isFeasible: Bool {
        variables.isEmpty || (prefix.first?.last ?? 0) > 0
    }

    /// Where a sample's values are placed within the room they have.
    enum Placement {
        /// At random (uniformly among the values that can be completed, then between neighbours).
        case random
        /// As low as the printed quantiles allow.
        case low
        /// As high as the printed quantiles allow.
        case high
    }

    /// A sorted sample printing every constraint: the constrained order statistics are chosen in
    /// ascending order among the values that can be completed, the others between their
    /// constrained neighbours (or the ends of the scale) — at random, or as low or as high as
    /// possible. Nil when infeasible.
    func sample(using generator: inout SeededGenerator, placement: Placement = .random) -> [Int]? {
        guard isFeasible else { return nil }
        var chosen: [Int: Int] = [:]
        var range = 0...(values.count - 1)
        for t in variables.indices {
            let v = pick(in: range, row: t, placement: placement, using: &generator)
            chosen[variables[t]] = v
            if t + 1 < variables.count {
                guard let r = nextRange(after: t, value: v) else { return nil }
                range = r
            }
        }
        var sample = [Int](repeating: 0, count: n)
        var k = 0
        while k < n {
            if let v = chosen[k] { sample[k] = v; k += 1; continue }
            // A run of free order statistics k..<end between constrained neighbours.
            var end = k
            while end < n && chosen[end] == nil { end += 1 }
            let lo = k > 0 ? sample[k - 1] : 0
            let hi = end < n ? chosen[end]! : values.count - 1
            let run: [Int]
            switch placement {
            case .random: run = (k..<end).map { _ in generator.int(in: lo...hi) }.sorted()
            case .low: run = [Int](repeating: lo, count: end - k)
            case .high: run = [Int](repeating: hi, count: end - k)
            }
            for (offset, v) in run.enumerated() { sample[k + offset] = v }
            k = end
        }
        return sample
    }

    /// A v in `range` with completes[t][v]: uniformly chosen, the lowest or the highest.
    private func pick(in range: ClosedRange<Int>, row t: Int, placement: Placement, using generator: inout SeededGenerator) -> Int {
        let sums = prefix[t]
        let available = sums[range.upperBound + 1] - sums[range.lowerBound]
        precondition(available > 0)
        let rank: Int
        switch placement {
        case .random: rank = generator.int(in: 0..<available)
        case .low: rank = 0
        case .high: rank = available - 1
        }
        let target = sums[range.lowerBound] + rank
        // The v with sums[v] == target and completes[t][v]: the first index whose prefix exceeds target.
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if sums[mid + 1] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    // MARK: Explaining infeasibility

    /// The attainable values of constraint c's quantile nearest its printed number: the largest
    /// that prints below it and the smallest that prints above it.
    func nearestAttainable(_ c: Constraint) -> (below: Double?, above: Double?) {
        let target = c.printed.value
        let tolerance = 0.5 * pow10(-c.printed.decimals - 3)
        func rounded(_ q: Double) -> Double { rule.round(q, decimals: c.printed.decimals) }
        var below: Double?, above: Double?
        let top = values.count - 1
        for a in 0...top {
            let single = c.position.singleIndex != nil
            // Quantiles with lower statistic a run from q(a, a) up to q(a, top), monotone in b.
            var lo = a, hi = single ? a : top
            // Largest b whose quantile rounds below the target.
            if rounded(quantile(c, below: a, above: a)) < target - tolerance {
                var l = lo, h = hi
                while l < h {
                    let mid = (l + h + 1) / 2
                    if rounded(quantile(c, below: a, above: mid)) < target - tolerance { l = mid } else { h = mid - 1 }
                }
                let q = quantile(c, below: a, above: l)
                if below.map({ q > $0 }) ?? true { below = q }
            }
            // Smallest b whose quantile rounds above the target.
            if rounded(quantile(c, below: a, above: hi)) > target + tolerance {
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if rounded(quantile(c, below: a, above: mid)) > target + tolerance { hi = mid } else { lo = mid + 1 }
                }
                let q = quantile(c, below: a, above: lo)
                if above.map({ q < $0 }) ?? true { above = q }
            }
        }
        return (below, above)
    }

    /// Why no sample prints the summary, in one sentence (nil when one does). `which` names the
    /// sample ("before", "after").
    func explanation(which: String, summary: PrintedMedianIQR) -> String? {
        guard !isFeasible else { return nil }
        // A quantile that no values at all can print.
        for c in constraints {
            let alone = QuartileConstraints(summary: summary, n: n, type: type, grid: grid, rule: rule, only: [c.name], values: values)
            if alone.isFeasible { continue }
            let near = alone.nearestAttainable(alone.constraints[0])
            let d = c.printed.decimals
            func shown(_ q: Double) -> String {
                "\(formatQuantile(q)) (prints \(DecimalText.fixed(rule.round(q, decimals: d), decimals: d)))"
            }
            let nearest = [near.below, near.above].compactMap { $0 }.map(shown)
            return "\(which) \(c.name) \(c.printed.text) cannot be printed: with n = \(n) and quantile type \(type.rawValue) "
                + "it is \(c.position.formula), and on the grid \(grid) under \(rule.rawValue) rounding the nearest attainable "
                + "values are \(nearest.joined(separator: " and "))"
        }
        // Two quantiles that cannot be printed together.
        for i in constraints.indices {
            for j in constraints.indices where j > i {
                let pair = QuartileConstraints(summary: summary, n: n, type: type, grid: grid, rule: rule,
                                               only: [constraints[i].name, constraints[j].name], values: values)
                if pair.isFeasible { continue }
                let (a, b) = (constraints[i], constraints[j])
                return "\(which) \(a.name) \(a.printed.text) and \(b.name) \(b.printed.text) cannot be printed together: "
                    + "with n = \(n) and quantile type \(type.rawValue), \(a.name) = \(a.position.formula) and \(b.name) = "
                    + "\(b.position.formula), and no ordered values on the grid \(grid) round to both under \(rule.rawValue) rounding"
            }
        }
        return "\(which) \(summary) cannot be printed: no ordered values on the grid \(grid) give all three numbers under "
            + "\(rule.rawValue) rounding with quantile type \(type.rawValue)"
    }
}

/// A quantile value for messages (shortest form, at most 10 significant digits, as C's `%.10g`).
func formatQuantile(_ q: Double) -> String {
    DecimalText.general(q, significant: 10)
}
