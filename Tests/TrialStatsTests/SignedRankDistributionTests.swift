import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// The exact distribution at large n with ties, against Fixtures/reference/signed_rank_large_n.json
/// (NumPy log-space dynamic programming, signed_rank_large_n.py: an independent algorithm and
/// representation), and the limits that keep every input bounded.
@Suite("Signed-rank distribution at large n")
struct SignedRankDistributionTests {
    nonisolated(unsafe) static let cases: [[String: Any]] =
        ((try? ReferenceFixtures.json("reference/signed_rank_large_n.json"))?["cases"] as? [[String: Any]]) ?? []

    /// Before: 5,000 pairs with ties trapped ("Double value cannot be converted to Int") because
    /// a tie group of more than ~420 scores overflowed between rescalings. The scaled counts are
    /// now rescaled before every 256 passes; tails far below 1e-308 are checked in log space.
    @Test("issue 12.4: exact distribution at n = 2,000–5,000 with ties equals an independent log-space computation")
    func issue12_4LargeNWithTies() throws {
        #expect(Self.cases.count == 3)
        for c in Self.cases {
            let d = c.doubles("d")
            let scores = SignedRankScores(PairedDifferences(differences: d), zeroMethod: .wilcox)
            #expect(scores.scores.count == c.int("n_nonzero") && scores.positiveScoreSum == c.int("observed_t"))
            let distribution = SignedRankDistribution(scores: scores.scores)
            for tail in c["lower_tails"] as? [[String: Any]] ?? [] {
                let logP = distribution.logLowerTail(tail.int("t")!)
                #expect(agrees(logP, tail.double("log_p")!, relative: 1e-10), "n = \(c.int("n")!), t = \(tail.int("t")!)")
            }
        }
    }

    /// Every tie-group size up to thousands: no overflow, the distribution sums to 1, and the
    /// lower tail at 0 is 2⁻ⁿ in log space (n = 3,000 equal scores: one group).
    @Test("issue 12.4: one tie group of 3,000 scores")
    func oneLargeTieGroup() {
        let distribution = SignedRankDistribution(scores: [Int](repeating: 3001, count: 3000))
        #expect(abs(distribution.logLowerTail(0) - (-3000 * Foundation.log(2.0))) < 1e-9)
        #expect(distribution.lowerTail(3001 * 1500) > 0.5 && distribution.lowerTail(3001 * 1500) < 0.52)
        #expect(distribution.lowerTail(3001 * 3000) == 1)
    }

    /// Before: the work estimate n·min(T, total − T) overflowed Int for 2.9 million pairs (trap
    /// in SignedRankTest.swift) and `--method exact` on 10⁵ pairs tried to allocate 40 GB. The
    /// estimate now saturates, `auto` uses the normal approximation above its limit, and an
    /// explicit exact request above the maximum is an error that states the limit.
    @Test("issue 13.6: large n never traps: work estimate saturates, exact is refused above its limit")
    func issue13_6Limits() throws {
        let scores = Array(stride(from: 2, through: 6_000_000, by: 2))  // 3 million untied ranks, doubled
        let huge = SignedRankDistribution(scores: scores)
        #expect(huge.work(upTo: huge.reducedTotal / 2) == Int.max)
        var generator = SeededGenerator(seed: 13)
        let d = (0..<100_000).map { _ in Double(Int.random(in: -5000...5000, using: &generator)) / 10 }
        let zeros = [Double](repeating: 0, count: d.count)
        var refused: SignedRankError?
        do {
            _ = try signedRankTest(before: zeros, after: d, options: SignedRankTestOptions(method: .exact))
        } catch {
            refused = error
        }
        let limit = SignedRankTestOptions.exactWorkMaximum
        if case let .exactTooLarge(work, reported)? = refused {
            #expect(work > limit && reported == limit)
        } else {
            Issue.record("expected exactTooLarge, got \(String(describing: refused))")
        }
        #expect(refused?.description.contains("4e10") == true && refused?.description.contains("\n") == false)
        let auto = try signedRankTest(before: zeros, after: d)
        #expect(auto.method == .normal && auto.pValue >= 0 && auto.pValue <= 1)
    }
}
