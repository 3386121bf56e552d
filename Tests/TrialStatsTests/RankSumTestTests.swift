import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("Wilcoxon–Mann–Whitney rank-sum test")
struct RankSumTestTests {
    @Test("the reference file reads: 25 data sets, 75 rank-sum settings (62 with coin's exact p), 16 Kruskal–Wallis, 198 t-tests")
    func fixtureReads() throws {
        let reference = try #require(LocationReference.loaded)
        #expect(reference.datasets.count == 25 && reference.rankSum.count == 75 && reference.kruskal.count == 16 && reference.tTest.count == 198)
        #expect(reference.rankSum.filter { $0.coinP != nil }.count == 62)
        #expect(LocationReference.rankSumSets.allSatisfy { $0.cases.count == 3 })
    }

    /// Every dataset of Fixtures/reference/compare_location.json (n from 1 to 10⁴ per group, ties,
    /// all-tied groups), three alternatives, μ and levels: W and p-values as R wilcox.test (exact
    /// without ties; normal with and without correction) and coin's exact conditional p-value.
    @Test("p-values agree with R wilcox.test and coin wilcox_test to 1e-9", arguments: LocationReference.rankSumSets)
    func matchesR(_ set: LocationReference.RankSumSet) throws {
        let x = set.dataset.x, y = set.dataset.y, name = set.dataset.name
        for c in set.cases {
            let alt = alternative(fromR: c.alternative)
            let mu = c.mu, level = c.confLevel
            let label = "\(name) \(alt) mu \(mu)"
            // The exact distribution by dynamic programming is costly beyond about 60 + 60 in the
            // middle of the distribution (see RankSumOptions.exactWorkLimit): compared up to N = 120.
            if let p = c.exactP, x.count + y.count <= 120 {
                let got = try rankSumTest(x, y, options: RankSumOptions(method: .exact, alternative: alt, mu: mu, confLevel: level))
                #expect(got.method == .exact)
                #expect(got.statisticW == (try #require(c.w)), "\(label): W")
                #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): exact p \(got.pValue) vs \(p)")
                #expect(agrees(got.estimate, try #require(c.exactEstimate), relative: 1e-12), "\(label): estimate")
                if let lo = c.exactLow?.finite { #expect(got.confLow == lo, "\(label): low \(String(describing: got.confLow)) vs \(lo)") }
                if let hi = c.exactHigh?.finite { #expect(got.confHigh == hi, "\(label): high \(String(describing: got.confHigh)) vs \(hi)") }
            }
            for (tag, correct, normal) in [("normal_cc", true, c.normalCC), ("normal", false, c.normal)] {
                guard let p = normal.p else { continue }
                let got = try rankSumTest(x, y, options: RankSumOptions(method: .normal, correct: correct, alternative: alt, mu: mu, confLevel: level))
                #expect(got.statisticW == (try #require(c.w)), "\(label): W")
                #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): \(tag) p \(got.pValue) vs \(p)")
                if let est = normal.estimate {
                    let spread = (x + y).max()! - (x + y).min()!
                    // R's asymptotic estimate is a uniroot root of W(d) = n₁n₂/2: any point of the flat
                    // stretch between the two middle differences (within its 1e-4 tolerance).
                    let diffs = PairwiseDifferences(x, y)
                    let m = diffs.count
                    let lowMiddle = diffs.kth(max(1, m / 2)), highMiddle = diffs.kth(min(m, m / 2 + 1))
                    let slack = 2e-4 * max(spread, 1)
                    #expect(est >= lowMiddle - slack && est <= highMiddle + slack, "\(label): \(tag) estimate \(est) outside [\(lowMiddle), \(highMiddle)]")
                    #expect(got.estimate >= lowMiddle && got.estimate <= highMiddle, "\(label): \(tag) estimate \(got.estimate)")
                    if let lo = normal.low?.finite {
                        #expect(abs(got.confLow! - lo) <= 2e-4 * max(spread, 1), "\(label): \(tag) low \(got.confLow!) vs \(lo)")
                    }
                    if let hi = normal.high?.finite {
                        #expect(abs(got.confHigh! - hi) <= 2e-4 * max(spread, 1), "\(label): \(tag) high \(got.confHigh!) vs \(hi)")
                    }
                }
            }
            if let p = c.coinP {
                let got = try rankSumTest(x, y, options: RankSumOptions(method: .exact, alternative: alt, mu: mu, confLevel: level))
                #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): coin exact p \(got.pValue) vs \(p) (\(got.method))")
                let normal = try rankSumTest(x, y, options: RankSumOptions(method: .normal, correct: false, alternative: alt, mu: mu))
                // coin standardises through its own expectation and covariance: the ninth digit of tiny
                // p-values differs (R's wilcox.test normal p above agrees to 1e-9).
                #expect(agrees(normal.pValue, try #require(c.coinPNormal), relative: 1e-8, absolute: 1e-300), "\(label): coin asymptotic")
            }
        }
    }

    /// Brute force: all C(N, n₁) subsets of the pooled doubled midranks for small tied samples.
    @Test("exact conditional p equals enumeration of every split", arguments: [
        ([1.0, 2, 2, 3], [2.0, 3, 4]), ([0.0, 0, 1, 1, 1], [1.0, 2, 2, 0]), ([5.0, 5, 5], [1.0, 5, 9, 9, 9]), ([1.0, 2, 3, 4, 5], [6.0, 7, 8]),
    ])
    func bruteForce(x: [Double], y: [Double]) throws {
        let ranks = doubledMidranks(x + y)
        let n = ranks.count, n1 = x.count
        let observed = ranks[..<n1].reduce(0, +)
        var sums: [Int] = []
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == n1 {
            sums.append((0..<n).filter { mask & (1 << $0) != 0 }.map { ranks[$0] }.reduce(0, +))
        }
        let total = Double(sums.count)
        let expected = Double(n1 * (n + 1))
        let d = abs(Double(observed) - expected)
        let two = Double(sums.filter { abs(Double($0) - expected) >= d }.count) / total
        let less = Double(sums.filter { $0 <= observed }.count) / total
        let greater = Double(sums.filter { $0 >= observed }.count) / total
        for (alt, want) in [(Alternative.twoSided, two), (.less, less), (.greater, greater)] {
            let got = try rankSumTest(x, y, options: RankSumOptions(method: .exact, alternative: alt))
            #expect(agrees(got.pValue, want, relative: 1e-12), "\(alt): \(got.pValue) vs \(want)")
        }
    }

    /// Hollander, Wolfe & Chicken (2014), Example 4.1 (the data of R's wilcox.test help page):
    /// W = 35, exact two-sided p = 0.2544 (R prints p-value = 0.2544).
    @Test("hand-worked: Hollander & Wolfe's permeability data")
    func hollanderWolfe() throws {
        let x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46], y = [1.15, 0.88, 0.90, 0.74, 1.21]
        let got = try rankSumTest(x, y)
        #expect(got.statisticW == 35 && got.rankSumX == 90 && got.method == .exact)
        #expect((got.pValue * 10_000).rounded() / 10_000 == 0.2544)
    }

    @Test("properties: swapping samples mirrors W and keeps the two-sided p; every value tied gives p = 1")
    func properties() throws {
        let x = [1.0, 4, 4, 6, 9, 2], y = [3.0, 4, 5, 8, 8]
        let a = try rankSumTest(x, y), b = try rankSumTest(y, x)
        #expect(a.statisticW + b.statisticW == Double(x.count * y.count))
        #expect(agrees(a.pValue, b.pValue, relative: 1e-12))
        #expect(abs(a.estimate + b.estimate) < 1e-12)
        let tied = try rankSumTest([2, 2, 2], [2, 2])
        #expect(tied.pValue == 1 && tied.z == nil)
        #expect(throws: ComparisonError.tooFewObservations(group: 1, count: 0, needed: 1)) { try rankSumTest([1], []) }
        #expect(throws: ComparisonError.nonFinite(group: 0, index: 1)) { try rankSumTest([1, .nan], [2]) }
    }
}

