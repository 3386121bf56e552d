import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// The characteristic-function method (``RankSumFourier``) against the dynamic programme, brute
/// force and coin.
@Suite("Rank-sum distribution from the characteristic function")
struct RankSumFourierTests {
    /// Tie blocks of doubled midranks for integer data.
    static func groups(_ values: [Double]) -> [(score: Int, size: Int)] {
        let ranks = doubledMidranks(values)
        var counts: [Int: Int] = [:]
        for r in ranks { counts[r, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Every tail of small tied samples, against enumeration of all C(N, n₁) subsets.
    @Test("every tail equals enumeration of every split (N ≤ 14, ties)")
    func bruteForce() throws {
        var generator = SeededGenerator(seed: 14)
        for _ in 0..<30 {
            let n = Int.random(in: 4...14, using: &generator)
            let n1 = Int.random(in: 1...(n - 1), using: &generator)
            let values = (0..<n).map { _ in Double(Int.random(in: 0...4, using: &generator)) }
            let ranks = doubledMidranks(values)
            var sums: [Int] = []
            for mask in 0..<(1 << n) where mask.nonzeroBitCount == n1 {
                sums.append((0..<n).filter { mask & (1 << $0) != 0 }.map { ranks[$0] }.reduce(0, +))
            }
            let fourier = RankSumFourier(groups: Self.groups(values), n1: n1)
            for b in Set(sums) {
                let want = Double(sums.filter { $0 <= b }.count) / Double(sums.count)
                let got = try #require(fourier.lowerTail(b))
                #expect(agrees(got, want, relative: 1e-12), "\(values) n1 \(n1) S ≤ \(b): \(got) vs \(want)")
            }
        }
    }

    /// Tails from far below the mean to above it, on tied samples of 20–120 (grids that alias),
    /// against the dynamic programme.
    @Test("tails agree with the dynamic programme to 1e-11 (N 20–120, ties, extreme tails)")
    func matchesDynamicProgramme() throws {
        var generator = SeededGenerator(seed: 120)
        for trial in 0..<16 {
            let n = Int.random(in: 20...120, using: &generator)
            let n1 = Int.random(in: 1...(n - 1), using: &generator)
            let levels = [2, 5, 11, 40, 1000][trial % 5]
            let values = (0..<n).map { _ in Double(Int.random(in: 0..<levels, using: &generator)) }
            let distribution = RankSumDistribution(scores: doubledMidranks(values), n1: n1)
            let fourier = RankSumFourier(groups: distribution.groups, n1: n1)
            let (low, high) = distribution.range
            let mean = n1 * (n + 1)
            for fraction in [0.0, 0.02, 0.1, 0.3, 0.45, 0.5, 0.7, 0.99] {
                let b = low + Int(Double(mean - low) * fraction * 2)
                guard b <= high else { continue }
                let want = distribution.lowerTail(b)
                let got = try #require(fourier.lowerTail(b))
                #expect(agrees(got, want, relative: 1e-11, absolute: 1e-300), "levels \(levels) n \(n) n1 \(n1) S ≤ \(b): \(got) vs \(want)")
            }
        }
    }

    @Test("the coin reference file reads: 20 tied sample pairs of 60 to 500 per group")
    func fixtureReads() throws {
        let reference = try #require(RankSumLargeReference.loaded)
        #expect(reference.cases.count == 20)
        #expect(reference.cases.allSatisfy { (60...500).contains($0.x.count) && (60...500).contains($0.y.count) })
    }

    /// coin 1.4.2 wilcox_test(distribution = "exact") on tied samples of 130 to 500 per group
    /// (Fixtures/reference/compare_ranksum_large.R).
    @Test("p-values agree with coin wilcox_test exact to 1e-9 (up to 500 + 500, ties)", arguments: RankSumLargeReference.cases)
    func matchesCoin(_ c: RankSumLargeReference.Case) throws {
        let alt = alternative(fromR: c.alternative)
        let got = try rankSumTest(c.x, c.y, options: RankSumOptions(method: .exact, alternative: alt))
        #expect(got.method == .exactConditional)
        #expect(agrees(got.pValue, c.coinP, relative: 1e-9), "\(c.name) \(alt): \(got.pValue) vs \(c.coinP)")
    }
}

