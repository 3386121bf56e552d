import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("Kruskal–Wallis test")
struct KruskalWallisTests {
    @Test("statistic and p agree with R kruskal.test to 1e-9")
    func matchesR() throws {
        let cases = try #require(LocationReference.loaded).kruskal
        #expect(cases.count >= 14)
        for c in cases {
            let groups = c.groups
            guard let h = c.statistic else {
                #expect(throws: ComparisonError.constantData) { try kruskalWallisTest(groups) }
                continue
            }
            let got = try kruskalWallisTest(groups)
            #expect(agrees(got.statistic, h, relative: 1e-9), "\(groups.map(\.count)): H \(got.statistic) vs \(h)")
            #expect(got.df == c.df)
            #expect(agrees(got.pValue, c.pValue, relative: 1e-9, absolute: 1e-300), "p \(got.pValue) vs \(c.pValue)")
        }
    }

    /// Brute force: every relabelling of up to 10 observations into the groups.
    @Test("exact p equals enumeration of every relabelling", arguments: [
        [[1.0, 2, 2], [2.0, 3], [3.0, 3, 4]], [[1.0, 5], [2.0, 6, 7], [3.0, 4]], [[1.0, 1, 2], [2.0, 2, 3], [3.0, 3, 3]],
    ])
    func bruteForce(groups: [[Double]]) throws {
        let sizes = groups.map(\.count)
        let pooled = groups.flatMap { $0 }
        let observed = try kruskalWallisTest(groups).statistic
        var labels = [Int](repeating: 0, count: pooled.count)
        var hits = 0, total = 0
        func assign(_ i: Int, _ left: [Int]) {
            if i == pooled.count {
                var g: [[Double]] = Array(repeating: [], count: sizes.count)
                for (k, l) in labels.enumerated() { g[l].append(pooled[k]) }
                total += 1
                if (try? kruskalWallisTest(g).statistic) ?? 0 >= observed * (1 - 1e-12) { hits += 1 }
                return
            }
            for l in left.indices where left[l] > 0 {
                labels[i] = l
                var next = left; next[l] -= 1
                assign(i + 1, next)
            }
        }
        assign(0, sizes)
        let got = try kruskalWallisTest(groups, method: .exact)
        #expect(agrees(got.pValue, Double(hits) / Double(total), relative: 1e-12), "\(got.pValue) vs \(hits)/\(total)")
        let mc = try kruskalWallisTest(groups, method: .monteCarlo, resamples: 20_000, seed: 7)
        #expect(abs(mc.pValue - got.pValue) < 5 * mc.monteCarloStandardError! + 1e-3)
        #expect(try kruskalWallisTest(groups, method: .monteCarlo, resamples: 2_000, seed: 7) == (try kruskalWallisTest(groups, method: .monteCarlo, resamples: 2_000, seed: 7)))
    }

    /// Hollander, Wolfe & Chicken (2014), Example 6.1 (R's kruskal.test help page): H = 0.77143,
    /// df = 2, p = 0.68.
    @Test("hand-worked: Hollander & Wolfe's mucociliary clearance data")
    func hollanderWolfe() throws {
        let got = try kruskalWallisTest([[2.9, 3.0, 2.5, 2.6, 3.2], [3.8, 2.7, 4.0, 2.4], [2.8, 3.4, 3.7, 2.2, 2.0]])
        #expect((got.statistic * 100_000).rounded() / 100_000 == 0.77143 && got.df == 2)
        #expect((got.pValue * 100).rounded() / 100 == 0.68)
    }
}

