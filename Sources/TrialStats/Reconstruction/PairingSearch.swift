import Foundation

/// The search behind a reconstruction: given how each sorted sample may vary
/// (``QuartileConstraints``), find pairings of before with after values whose signed-rank
/// p-value prints as published, and the range of p-values on the way.
///
/// **Structure.** The printed median and quartiles fix a few order statistics of each sample;
/// the p-value is decided by the pairing — which before value goes with which after value — and
/// by the free order statistics. Pairing the sorted samples in the same order keeps every
/// difference close to the shift between the samples (typically one sign: small p); pairing
/// them in opposite orders spreads the differences over both signs (large p). Ties among |d|
/// move the p-value in small steps (they change the variance of the statistic).
///
/// **Moves.** (1) exchange the after partners of two pairs; (2) move one order statistic to
/// another grid value between its neighbours — at random, or to the end of its room so that
/// extremes are reached without a long random walk; (3) make one pair's |d| equal to another's
/// (or one step from it) by moving one of its values; (4) move both order statistics of a
/// two-statistic quantile together to another combination that prints
/// (Q1 = 0.25·52 + 0.75·53 = 0.25·49 + 0.75·54). Moves that would break a printed quantile or
/// the order are refused before any p-value is computed, so every candidate prints the summaries.
///
/// **Phases.**
/// 1. Smallest and largest p: simulated annealing on log p (a move that worsens p by a factor
///    e is accepted with probability 1/e at the start, e^−100 at the end), each from three
///    starts — random samples, and samples pushed low before and high after, then the reverse —
///    in the same order (smallest) and opposite orders (largest).
/// 2. The printed p-value: a hill climb that accepts equal or better candidates (so it walks
///    across plateaus) on the distance in log p to the set of p-values that print as published,
///    then on the number of profiles that print it, from the certificate or the closest
///    candidate seen so far; it stops when every profile considered prints the value, or when
///    the certificate has not gained a profile for ``SearchBudget/stall`` candidates.
/// Every climb restarts from its best state, shaken by a few random moves, when it has not
/// improved for ``SearchBudget/stall`` candidates.
///
/// The generator is seeded (``SeededGenerator``) and the budgets count candidates, not seconds,
/// so the result depends only on the request and the seed.
struct PairingSearch {
    struct State {
        /// Sorted grid indices of the before sample.
        var before: [Int]
        /// Sorted grid indices of the after sample.
        var after: [Int]
        /// before[i] is paired with after[partner[i]].
        var partner: [Int]

        /// after − before of each pair, in grid steps.
        var differences: [Int] { before.indices.map { after[partner[$0]] - before[$0] } }
    }

    struct Evaluation {
        /// p-values in the order of ``PairingSearch/profiles``.
        var p: [Double]
        /// Which profiles print the published value.
        var matches: [Bool]
        /// Smallest distance (in log p) to the published value over the profiles.
        var distance: Double
        var matchCount: Int { matches.filter { $0 }.count }
    }

    let beforeConstraints: QuartileConstraints
    let afterConstraints: QuartileConstraints
    let profiles: [SignedRankProfile]
    let target: PrintedPValue
    let rule: RoundingRule
    let budget: SearchBudget
    var generator: SeededGenerator
    let n: Int
    let gridTop: Int
    /// The p-value kernel, with the exact distributions of the tie patterns met so far.
    private var pValues: ProfilePValues

    private(set) var evaluations = 0
    private(set) var smallestP = Double.infinity
    private(set) var largestP = -Double.infinity
    private(set) var certificate: (state: State, evaluation: Evaluation)?
    private var closest: (state: State, evaluation: Evaluation)?

    init(before: QuartileConstraints, after: QuartileConstraints, profiles: [SignedRankProfile], target: PrintedPValue,
         rule: RoundingRule, budget: SearchBudget, seed: UInt64) {
        beforeConstraints = before
        afterConstraints = after
        self.profiles = profiles
        self.target = target
        self.rule = rule
        self.budget = budget
        generator = SeededGenerator(seed: seed)
        n = before.n
        gridTop = before.values.count - 1
        pValues = ProfilePValues(profiles: profiles)
    }

    // MARK: Driver

    /// Runs the three phases; afterwards ``certificate`` holds the best data set found, if any.
    mutating func run() {
        guard let b = beforeConstraints.sample(using: &generator), let a = afterConstraints.sample(using: &generator) else { return }
        // Each extreme from three starts: random samples, and samples pushed to opposite ends
        // of their room (before low and after high, then the reverse), which is where the
        // extremes of a rising or a falling outcome lie.
        var starts = [(b, a)]
        for (pb, pa) in [(QuartileConstraints.Placement.low, QuartileConstraints.Placement.high), (.high, .low)] {
            if let b2 = beforeConstraints.sample(using: &generator, placement: pb),
               let a2 = afterConstraints.sample(using: &generator, placement: pa) {
                starts.append((b2, a2))
            }
        }
        let share = budget.extremes / starts.count
        for (b, a) in starts {
            climb(from: State(before: b, after: a, partner: Array(0..<n)), iterations: share, annealing: Self.annealing) { e in
                logP(e.p.min()!)
            }
            climb(from: State(before: b, after: a, partner: Array((0..<n).reversed())), iterations: share,
                  annealing: Self.annealing) { e in -logP(e.p.max()!) }
        }
        if isDone { return }
        let start = certificate?.state ?? closest?.state ?? State(before: b, after: a, partner: Array(0..<n))
        climb(from: start, iterations: budget.target, stopEarly: true) { e in
            // Distance first; then more profiles printing the value is better.
            e.distance * 1000 - Double(e.matchCount)
        }
    }

    /// Temperatures of the extreme searches, in units of log p: a move that multiplies p by e in
    /// the wrong direction is accepted with probability 1/e at the start, almost never at the end.
    static let annealing = (start: 1.0, end: 0.01)

    /// Whether every profile considered reproduces the published value in the certificate.
    var isDone: Bool { certificate.map { $0.evaluation.matchCount == profiles.count } ?? false }

    /// A hill climb on `key` (smaller is better) from `start`. With `stopEarly` it ends when
    /// every profile reproduces the published value, or ``SearchBudget/stall`` candidates after
    /// the certificate last gained a profile (several profiles rarely agree on a p-value to the
    /// printed digits, so the climb does not spend its whole budget on the impossible).
    private mutating func climb(from start: State, iterations: Int, stopEarly: Bool = false,
                                annealing: (start: Double, end: Double)? = nil, key: (Evaluation) -> Double) {
        var state = start
        var current = evaluate(state)
        var currentKey = key(current)
        var best = (state: state, key: currentKey)
        var sinceImprovement = 0
        var certifiedProfiles = certificate?.evaluation.matchCount ?? 0
        var sinceCertificateImproved = 0
        for step in 0..<iterations {
            if stopEarly {
                if isDone { return }
                let matched = certificate?.evaluation.matchCount ?? 0
                if matched > certifiedProfiles {
                    certifiedProfiles = matched
                    sinceCertificateImproved = 0
                } else if matched > 0 {
                    sinceCertificateImproved += 1
                    if sinceCertificateImproved >= budget.stall { return }
                }
            }
            var candidate = state
            guard propose(&candidate) else { continue }
            let e = evaluate(candidate)
            let k = key(e)
            var accept = k <= currentKey
            if !accept, let annealing {
                let temperature = annealing.start * Foundation.pow(annealing.end / annealing.start, Double(step) / Double(iterations))
                accept = generator.chance(Foundation.exp(-(k - currentKey) / temperature))
            }
            if accept {
                state = candidate
                current = e
                currentKey = k
            }
            if k < best.key {
                best = (candidate, k)
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
            }
            if sinceImprovement >= budget.stall {
                // Restart from the best state, shaken by a few random moves.
                state = best.state
                for _ in 0..<4 { _ = propose(&state) }
                current = evaluate(state)
                currentKey = key(current)
                sinceImprovement = 0
            }
        }
    }

    // MARK: Evaluation

    private mutating func evaluate(_ state: State) -> Evaluation {
        evaluations += 1
        let p = pValues.pValues(state.differences)
        // Plain loops: a closure calling a method of `self` here copies the whole search.
        var matches = [Bool](repeating: false, count: p.count)
        var distance = Double.infinity
        for k in p.indices {
            matches[k] = target.matches(p[k], rule: rule)
            distance = min(distance, matches[k] ? 0 : Self.distance(p[k], to: target, rule: rule))
        }
        let e = Evaluation(p: p, matches: matches, distance: distance)
        for value in p where value.isFinite {
            smallestP = min(smallestP, value)
            largestP = max(largestP, value)
        }
        if e.matchCount > 0, e.matchCount > certificate?.evaluation.matchCount ?? 0 {
            certificate = (state, e)
        }
        if e.distance < closest?.evaluation.distance ?? .infinity {
            closest = (state, e)
        }
        return e
    }

    /// How far (in log p) a p-value lies from the set that prints as the published value.
    static func distance(_ p: Double, to target: PrintedPValue, rule: RoundingRule) -> Double {
        guard p.isFinite else { return .infinity }
        let x = target.number.value
        let nudge = 1e-9  // outside the set by a hair is still outside
        func logRatio(_ a: Double, _ b: Double) -> Double {
            guard a > 0, b > 0 else { return a > b ? 745 : (a < b ? 745 : 0) }
            return abs(Foundation.log(a / b))
        }
        switch target.relation {
        case .less, .lessOrEqual: return p < x ? 0 : logRatio(p, x) + nudge
        case .greater: return p > x ? 0 : logRatio(x, p) + nudge
        case .equal:
            let interval = target.number.interval(rule: rule)
            if p < interval.lower { return logRatio(interval.lower, p) + nudge }
            if p > interval.upper || (p == interval.upper && !interval.upperIncluded) {
                return logRatio(p, interval.upper) + nudge
            }
            return nudge  // inside the interval but not printed (a tie the rule rounds away)
        }
    }

    // MARK: Moves

    /// Changes `state` by one random move; false when the move would break a printed quantile
    /// or change nothing.
    mutating func propose(_ state: inout State) -> Bool {
        let r = generator.int(in: 0..<100)
        if r < 50 {
            guard n >= 2 else { return false }
            let i = generator.int(in: 0..<n)
            var j = generator.int(in: 0..<(n - 1))
            if j >= i { j += 1 }
            state.partner.swapAt(i, j)
            return true
        }
        let onBefore = generator.chance(0.5)
        if r < 70 {
            return onBefore ? moveValue(&state.before, beforeConstraints) : moveValue(&state.after, afterConstraints)
        }
        if r < 85 {
            return tie(&state, onBefore: onBefore)
        }
        return onBefore ? movePair(&state.before, beforeConstraints) : movePair(&state.after, afterConstraints)
    }

    /// Makes the difference of one pair equal in size to another's (or, a third of the time,
    /// one step away from it) by moving one of its values: ties and near-ties in |d| are what
    /// change the variance of the signed-rank statistic in small steps.
    private mutating func tie(_ state: inout State, onBefore: Bool) -> Bool {
        guard n >= 2 else { return false }
        let i = generator.int(in: 0..<n)
        var j = generator.int(in: 0..<(n - 1))
        if j >= i { j += 1 }
        var size = abs(state.after[state.partner[j]] - state.before[j])
        if generator.chance(1.0 / 3.0) { size += generator.chance(0.5) ? 1 : -1 }
        let sign = generator.chance(0.5) ? 1 : -1
        if onBefore {
            // after − before = ±size  ⇒  before = after ∓ size.
            let k = i
            let w = state.after[state.partner[i]] - sign * size
            return setValue(&state.before, at: k, to: w, beforeConstraints)
        }
        let k = state.partner[i]
        let w = state.before[i] + sign * size
        return setValue(&state.after, at: k, to: w, afterConstraints)
    }

    /// Sets order statistic k to grid value w if it stays between its neighbours and every
    /// printed quantile still prints.
    private func setValue(_ sample: inout [Int], at k: Int, to w: Int, _ constraints: QuartileConstraints) -> Bool {
        let lo = k > 0 ? sample[k - 1] : 0
        let hi = k < n - 1 ? sample[k + 1] : gridTop
        guard w >= lo, w <= hi, w != sample[k] else { return false }
        let old = sample[k]
        sample[k] = w
        if constraints.holds(at: k, in: sample) { return true }
        sample[k] = old
        return false
    }

    /// Moves one order statistic between its neighbours.
    private mutating func moveValue(_ sample: inout [Int], _ constraints: QuartileConstraints) -> Bool {
        let k = generator.int(in: 0..<n)
        let lo = k > 0 ? sample[k - 1] : 0
        let hi = k < n - 1 ? sample[k + 1] : gridTop
        guard lo < hi else { return false }
        let old = sample[k]
        // Half the time to an end of the room: a neighbour's value or the end of the scale.
        let w = generator.chance(0.5) ? generator.int(in: lo...hi) : (generator.chance(0.5) ? lo : hi)
        guard w != old else { return false }
        sample[k] = w
        if constraints.holds(at: k, in: sample) { return true }
        sample[k] = old
        return false
    }

    /// Moves both order statistics of a two-statistic quantile to another printing combination.
    private mutating func movePair(_ sample: inout [Int], _ constraints: QuartileConstraints) -> Bool {
        let pairs = constraints.constraints.filter { $0.position.singleIndex == nil }
        guard !pairs.isEmpty else { return false }
        let c = pairs[generator.int(in: 0..<pairs.count)]
        let j = c.position.lower
        let lo = j > 0 ? sample[j - 1] : 0
        let hi = j + 2 < n ? sample[j + 2] : gridTop
        let a = generator.int(in: lo...hi)
        guard let range = constraints.partnerRange(c, lower: a, limit: hi) else { return false }
        let b = generator.int(in: range)
        let old = (sample[j], sample[j + 1])
        guard old != (a, b) else { return false }
        (sample[j], sample[j + 1]) = (a, b)
        if constraints.holds(at: j, in: sample) && constraints.holds(at: j + 1, in: sample) { return true }
        (sample[j], sample[j + 1]) = old
        return false
    }
}

/// How many candidate data sets each phase of the search may evaluate.
public struct SearchBudget: Equatable, Sendable {
    /// Candidates for each of the two extreme searches (smallest and largest p).
    public var extremes: Int
    /// Candidates for the search of the printed p-value.
    public var target: Int
    /// Candidates without improvement before a climb restarts from its best state.
    public var stall: Int

    public init(extremes: Int, target: Int, stall: Int) {
        self.extremes = extremes
        self.target = target
        self.stall = stall
    }

    /// The default: 24,000 candidates for each extreme (8,000 from each of three starts),
    /// up to 100,000 for the printed value, restarts after 500 without improvement — about half
    /// a second for 24 pairs in a release build. On the four CASTLE rows, doubling it changes
    /// the smallest p found by less than a factor of two and the largest by less than 0.1.
    public static let standard = SearchBudget(extremes: 24000, target: 100_000, stall: 500)

    /// The standard budget multiplied by `effort` (restarts after the same stall).
    public static func standard(effort: Int) -> SearchBudget {
        SearchBudget(extremes: standard.extremes * effort, target: standard.target * effort, stall: standard.stall)
    }
}

/// log p, finite even for p = 0.
private func logP(_ p: Double) -> Double {
    Foundation.log(max(p, Double.leastNonzeroMagnitude))
}
