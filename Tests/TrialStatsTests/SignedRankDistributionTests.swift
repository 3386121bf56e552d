import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// The exact distribution at large n with ties, against Fixtures/reference/signed_rank_large_n.json
/// (NumPy log-space dynamic programming, signed_rank_large_n.py: an independent algorithm and
/// representation), and the limits that keep every input bounded.
@Suite("Signed-rank distribution at large n")
struct SignedRankDistributionTests {
    /// Fixtures/reference/signed_rank_large_n.json, typed: the differences, the number of nonzero
    /// ones, the observed T⁺ and log lower tails at a few t.
    struct Reference: Decodable, Sendable {
        var cases: [Case]

        struct Case: Decodable, Sendable, CustomTestStringConvertible {
            var n: Int
            var d: [Double]
            var nNonzero: Int
            var observedT: Int
            var lowerTails: [Tail]
            enum CodingKeys: String, CodingKey { case n, d, nNonzero = "n_nonzero", observedT = "observed_t", lowerTails = "lower_tails" }
            var testDescription: String { "n = \(n)" }
        }

        struct Tail: Decodable, Sendable {
            var t: Int
            var logP: Double
            enum CodingKeys: String, CodingKey { case t, logP = "log_p" }
        }
    }

    static let loaded: Reference? = try? ReferenceFixtures.decode(Reference.self, "reference/signed_rank_large_n.json")
    static var cases: [Reference.Case] { loaded?.cases ?? [] }

    @Test("the reference file reads: 3 cases of n = 2,000–5,000, 6 tails")
    func fixtureReads() throws {
        let reference = try #require(Self.loaded)
        #expect(reference.cases.count == 3)
        #expect(reference.cases.allSatisfy { $0.d.count == $0.n && (2000...5000).contains($0.n) })
        #expect(reference.cases.map(\.lowerTails.count).reduce(0, +) == 6)
    }

    /// Before: 5,000 pairs with ties trapped ("Double value cannot be converted to Int") because
    /// a tie group of more than ~420 scores overflowed between rescalings. The scaled counts are
    /// now rescaled before every 256 passes; tails far below 1e-308 are checked in log space.
    @Test("issue 12.4: exact distribution at n = 2,000–5,000 with ties equals an independent log-space computation", arguments: cases)
    func issue12_4LargeNWithTies(_ c: Reference.Case) throws {
        let scores = SignedRankScores(PairedDifferences(differences: c.d), zeroMethod: .wilcox)
        #expect(scores.scores.count == c.nNonzero && scores.positiveScoreSum == c.observedT)
        let distribution = SignedRankDistribution(scores: scores.scores)
        for tail in c.lowerTails {
            let logP = distribution.logLowerTail(tail.t)
            #expect(agrees(logP, tail.logP, relative: 1e-10), "n = \(c.n), t = \(tail.t)")
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
