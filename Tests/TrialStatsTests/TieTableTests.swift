import Foundation
import Testing
@testable import TrialStats

/// The tie-pattern table of the reconstruction search against the signed-rank distribution and
/// against enumeration of every sign pattern.
struct TieTableTests {
    /// The doubled midranks a pattern implies with `zeros` zeros ranked first.
    static func scores(pattern: UInt64, zeros: Int) -> [Int] {
        var scores: [Int] = []
        var start = 0
        for end in 0..<64 where pattern & (1 << UInt64(end)) != 0 {
            let size = end - start + 1
            scores += [Int](repeating: 2 * (zeros + start) + size + 1, count: size)
            start = end + 1
        }
        return scores
    }

    /// A random pattern of m nonzero differences: each position ends a run with probability 1/2.
    static func pattern(_ m: Int, using generator: inout SeededGenerator) -> UInt64 {
        var pattern: UInt64 = 1 << UInt64(m - 1)
        for q in 0..<(m - 1) where generator.chance(0.5) { pattern |= 1 << UInt64(q) }
        return pattern
    }

    @Test("counts equal enumeration of every sign pattern (m ≤ 10)")
    func enumeration() {
        var generator = SeededGenerator(seed: 5)
        var table = TieTable()
        for _ in 0..<200 {
            let m = generator.int(in: 1...10)
            let zeros = generator.int(in: 0...3)
            let pattern = Self.pattern(m, using: &generator)
            let scores = Self.scores(pattern: pattern, zeros: zeros)
            let total = scores.reduce(0, +)
            let t = generator.int(in: 0...(total / 2))
            var count = 0
            for signs in 0..<(1 << m) {
                var sum = 0
                for i in 0..<m where signs & (1 << i) != 0 { sum += scores[i] }
                if sum <= t { count += 1 }
            }
            #expect(table.count(pattern: pattern, zeros: zeros, atMost: t) == Double(count), "\(scores), t = \(t)")
        }
    }

    @Test("counts equal the signed-rank distribution's tails, first short then extended, after the table is cleared")
    func distribution() {
        var generator = SeededGenerator(seed: 7)
        var table = TieTable()
        var asked: [(UInt64, Int, Int, Double)] = []
        // 52 differences: about 700 counts per pattern, so 1,000 patterns overflow the table
        // (``TieTable/capacity``) and it starts afresh at least once.
        for k in 0..<1000 {
            let m = k < 900 ? 52 : generator.int(in: 1...52)
            let zeros = generator.int(in: 0...30)
            let pattern = Self.pattern(m, using: &generator)
            let scores = Self.scores(pattern: pattern, zeros: zeros)
            let distribution = SignedRankDistribution(scores: scores)
            let total = scores.reduce(0, +)
            // A short tail first, then one reaching half the total (the entry is extended).
            for t in [generator.int(in: 0...(total / 16)), generator.int(in: 0...(total / 2)), total / 2] {
                let expected = scalbn(distribution.lowerTail(t), m)
                let got = table.count(pattern: pattern, zeros: zeros, atMost: t)
                #expect(got == expected, "m = \(m), zeros = \(zeros), t = \(t)")
                asked.append((pattern, zeros, t, got))
            }
        }
        for (pattern, zeros, t, count) in asked.prefix(300) {
            #expect(table.count(pattern: pattern, zeros: zeros, atMost: t) == count)
        }
    }
}
