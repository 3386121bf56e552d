import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// The single tail from the windowed expansion (SignedRankWindowedTail.swift, issue 17) against
/// the full truncated expansion, brute force for small n, the binomial sums of one tie group, and
/// the independent log-space values of Fixtures/reference/signed_rank_large_n.json.
@Suite("Signed-rank tail in a window")
struct SignedRankWindowedTailTests {
    /// Scores (doubled midranks) of differences, zeros dropped.
    static func scores(_ d: [Double]) -> [Int] {
        SignedRankScores(PairedDifferences(differences: d), zeroMethod: .wilcox).scores
    }

    /// Tie patterns: VAS-like changes (a few dozen large tie groups), an untied sample, one tie
    /// group, small groups of one to three, one large group among singles.
    static let patterns: [(name: String, scores: [Int])] = {
        var generator = SeededGenerator(seed: 1717)
        let vas = (0..<700).map { _ in Double(Int.random(in: -30...30, using: &generator)) }
        let bell = (0..<600).map { _ in Double((0..<4).map { _ in Int.random(in: -9...9, using: &generator) }.reduce(0, +)) }
        let untied = (1...400).map { Double($0) * (Bool.random(using: &generator) ? 1 : -1) }
        let small = (0..<300).map { _ in Double(Int.random(in: 1...220, using: &generator)) / 2 }
        let oneLarge = [Double](repeating: 5, count: 250) + (6...200).map(Double.init)
        return [("VAS-like", scores(vas)), ("bell-shaped sums", scores(bell)), ("untied", scores(untied)),
                ("one tie group", [Int](repeating: 7, count: 301)), ("groups of one to three", scores(small)),
                ("one large group among singles", scores(oneLarge))]
    }()

    /// From the centre to far in the tail: the windowed tail equals the full expansion to within
    /// one unit in the last place (in practice bit for bit), and the large patterns make cuts.
    @Test("issue 17: the windowed tail equals the full truncated expansion on many tie patterns")
    func windowEqualsFullExpansion() throws {
        var compared = 0, identical = 0
        for pattern in Self.patterns {
            let distribution = SignedRankDistribution(scores: pattern.scores)
            let half = distribution.reducedTotal / 2
            var patternCuts = 0
            for fraction in [1.0, 0.99, 0.97, 0.9, 0.75, 0.5, 0.3, 0.1] {
                let r = Int(Double(half) * fraction)
                let full = distribution.cumulativeReduced(upTo: r)[r]
                let windowed = try #require(distribution.windowedLowerTailWithLog(r), "\(pattern.name), r = \(r)")
                #expect(abs(windowed.p - full) <= full.ulp, "\(pattern.name), r = \(r): \(windowed.p) vs \(full)")
                compared += 1
                if windowed.p == full { identical += 1 }
                patternCuts += windowed.cuts
            }
            #expect(patternCuts > 0, "\(pattern.name): the window never cut")
        }
        #expect(compared == 48 && identical >= 44)
    }

    /// Below the smallest score the only pattern is all negative: no window (the caller expands).
    @Test("a bound below the smallest score is left to the full expansion")
    func belowSmallestScore() {
        let distribution = SignedRankDistribution(scores: [6, 6, 9, 12])
        #expect(distribution.windowedLowerTail(0) == nil)
        #expect(distribution.lowerTail(0) == 1.0 / 16 && distribution.lowerTail(5) == 1.0 / 16)
    }

    /// n = 1…12 with ties and zeros: every bound of the lower half against all 2ⁿ sign patterns
    /// (the counts are exact in a double, so the tails agree exactly).
    @Test("n = 1…12: the windowed tail equals brute force over all sign patterns", arguments: 1...12)
    func bruteForce(_ n: Int) throws {
        var generator = SeededGenerator(seed: UInt64(100 + n))
        for _ in 0..<6 {
            let d = (0..<n).map { _ in Double(Int.random(in: -4...5, using: &generator)) }
            let scores = Self.scores(d)
            guard !scores.isEmpty else { continue }
            let distribution = SignedRankDistribution(scores: scores)
            var counts = [Int](repeating: 0, count: scores.reduce(0, +) + 1)
            for mask in 0..<(1 << scores.count) {
                var t = 0
                for (i, s) in scores.enumerated() where mask & (1 << i) != 0 { t += s }
                counts[t] += 1
            }
            let smallest = scores.min()! / distribution.divisor
            var below = 0
            for r in 0...(distribution.reducedTotal / 2) {
                below += counts[r * distribution.divisor]
                let expected = Double(below) / Double(1 << scores.count)
                if r < smallest {
                    #expect(distribution.windowedLowerTail(r) == nil)
                } else {
                    #expect(distribution.windowedLowerTail(r) == expected, "d = \(d), r = \(r)")
                }
                #expect(distribution.lowerTail(r * distribution.divisor) == expected)
            }
        }
    }

    /// All differences tied: T/a is binomial(m, ½), P(T ≤ k·a) = Σ_{j≤k} C(m, j)/2ᵐ, summed here
    /// in log space term by term.
    @Test("all tied: the windowed tail equals the binomial sum", arguments: [40, 301, 1200])
    func allTied(_ m: Int) throws {
        let distribution = SignedRankDistribution(scores: [Int](repeating: 2 * m + 1, count: m))
        #expect(distribution.divisor == 2 * m + 1 && distribution.reducedTotal == m)
        for k in Set([1, m / 10, m / 3, m / 2 - 1, m / 2]) where k >= 1 {
            var logSum = -Double.infinity, logTerm = 0.0  // log C(m, j)
            for j in 0...k {
                if j > 0 { logTerm += Foundation.log(Double(m - j + 1)) - Foundation.log(Double(j)) }
                logSum = max(logSum, logTerm) + Foundation.log1p(Foundation.exp(-abs(logSum - logTerm)))
            }
            let expected = logSum - Double(m) * Foundation.log(2.0)
            let windowed = try #require(distribution.windowedLowerTailWithLog(k))
            #expect(agrees(windowed.logP, expected, relative: 1e-12), "m = \(m), k = \(k)")
            let full = distribution.cumulativeReduced(upTo: k)[k]
            #expect(abs(windowed.p - full) <= full.ulp, "m = \(m), k = \(k)")
        }
    }

    /// One nonzero difference among zeros: T is 0 or its one score, every p-value ½ or 1.
    @Test("one nonzero difference")
    func oneNonzero() throws {
        let d = [Double](repeating: 0, count: 30) + [-2.5]
        let zeros = [Double](repeating: 0, count: d.count)
        for (alternative, p) in [(Alternative.twoSided, 1.0), (.less, 0.5), (.greater, 1.0)] {
            let r = try signedRankTest(before: zeros, after: d, options: SignedRankTestOptions(method: .exact, alternative: alternative))
            #expect(r.method == .exactConditional && r.pValue == p, "\(alternative)")
        }
        #expect(SignedRankDistribution(scores: [2]).windowedLowerTail(0) == nil)
    }

    /// Far tails: a shifted VAS-like sample with p about 1e-75 and beyond, windowed against the
    /// full expansion; and p near 1 (the lower tail above the centre is 1 minus a windowed
    /// upper tail) through the public entry point, whose work is above the window's threshold.
    @Test("issue 17: tails near 1e-75 and p near 1")
    func extremeTails() throws {
        var generator = SeededGenerator(seed: 75)
        let d = (0..<800).map { _ in Double(Int.random(in: -35...15, using: &generator)) }
        let scores = SignedRankScores(PairedDifferences(differences: d), zeroMethod: .wilcox)
        let distribution = SignedRankDistribution(scores: scores.scores)
        let observed = scores.positiveScoreSum / distribution.divisor
        #expect(distribution.work(upTo: distribution.reducedTotal / 2) >= SignedRankDistribution.windowWork)
        for r in [observed / 2, observed, observed + observed / 8] {
            let full = distribution.cumulativeReduced(upTo: r)[r]
            let windowed = try #require(distribution.windowedLowerTailWithLog(r))
            #expect(abs(windowed.p - full) <= full.ulp && windowed.cuts > 0, "r = \(r): \(windowed.p) vs \(full)")
        }
        let p = distribution.lowerTail(observed * distribution.divisor)
        #expect(p > 1e-90 && p < 1e-60)
        // The mirror: P(T ≤ total − observed) = 1 − P(T ≤ observed − 1).
        let mirrored = distribution.reducedTotal - observed
        let nearOne = distribution.lowerTail(mirrored * distribution.divisor)
        let complement = distribution.cumulativeReduced(upTo: observed - 1)[observed - 1]
        #expect(nearOne == 1 - complement)
        let centre = distribution.reducedTotal / 2 + 40
        let justAbove = distribution.lowerTail(centre * distribution.divisor)
        let rest = distribution.reducedTotal - centre - 1
        #expect(abs(justAbove - (1 - distribution.cumulativeReduced(upTo: rest)[rest])) <= 1e-16)
    }

    /// Tails far below 1e-308 at n = 2,000–5,000 with ties, in log space, against the
    /// independent NumPy computation of Fixtures/reference/signed_rank_large_n.json: the normal
    /// approximation misjudges these tails by hundreds of orders of magnitude, so the first window
    /// is not certified and the second (target 2⁻ⁿ or P̂) is, cutting little or nothing.
    @Test("issue 17: windowed log tails at n = 2,000–5,000 equal the independent log-space values",
          arguments: SignedRankDistributionTests.cases)
    func largeNLogTails(_ c: SignedRankDistributionTests.Reference.Case) throws {
        let distribution = SignedRankDistribution(scores: Self.scores(c.d))
        for tail in c.lowerTails {
            let windowed = try #require(distribution.windowedLowerTailWithLog(tail.t / distribution.divisor))
            #expect(agrees(windowed.logP, tail.logP, relative: 1e-10), "n = \(c.n), t = \(tail.t)")
        }
    }
}
