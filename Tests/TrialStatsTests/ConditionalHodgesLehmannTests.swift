import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/compare_ranksum_hl_r46.json (compare_ranksum_hl_r46.R), typed: R ≥ 4.6
/// `wilcox.test(x, y, exact = TRUE, conf.int = TRUE)` (wilcox.test.R of r-devel/r-svn b5b3719
/// sourced into R 4.2.2) and the installed R 4.2.2 on tied samples.
struct ConditionalIntervalReference: Decodable, Sendable {
    var cases: [Case]

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var x: [Double]
        var y: [Double]
        var mu: Double
        var confLevel: Double
        var alternative: String
        var r46: Result
        var r42: Result
        enum CodingKeys: String, CodingKey { case name, x, y, mu, confLevel = "conf_level", alternative, r46, r42 }
        var testDescription: String { "\(name) (\(x.count) + \(y.count)) \(alternative) \(confLevel) mu=\(mu)" }
    }

    /// `wilcox.test`'s result; `error` where R stopped. `conf_level` is the achieved level.
    struct Result: Decodable, Sendable {
        var error: String?
        var statistic: Double?
        var pValue: Double?
        var method: String?
        var estimate: Double?
        var confInt: [RNumber]?
        var confLevel: Double?
        enum CodingKeys: String, CodingKey {
            case error, statistic, pValue = "p_value", method, estimate, confInt = "conf_int", confLevel = "conf_level"
        }
    }

    static let loaded: ConditionalIntervalReference? = try? ReferenceFixtures.decode(ConditionalIntervalReference.self, "reference/compare_ranksum_hl_r46.json")
    static var cases: [Case] { loaded?.cases ?? [] }
}

/// The exact conditional Hodges–Lehmann interval for the two-sample shift under ties (issue 14).
@Suite("Two-sample Hodges–Lehmann interval, exact conditional under ties")
struct ConditionalHodgesLehmannTests {
    typealias Case = ConditionalIntervalReference.Case

    static func run(_ x: [Double], _ y: [Double], _ alternative: Alternative = .twoSided, level: Double = 0.95, mu: Double = 0) throws -> RankSumResult {
        try rankSumTest(x, y, options: RankSumOptions(method: .exact, alternative: alternative, mu: mu, confLevel: level))
    }

    @Test("the reference file reads: 29 cases from 1 to 50 per group, every one answered by R ≥ 4.6")
    func fixtureReads() throws {
        let reference = try #require(ConditionalIntervalReference.loaded)
        #expect(reference.cases.count == 29)
        #expect(reference.cases.allSatisfy { $0.r46.error == nil && $0.r46.confInt?.count == 2 })
        // R 4.2.2 stops on two groups each entirely tied ("missing value where TRUE/FALSE needed").
        #expect(reference.cases.filter { $0.r42.error != nil }.map(\.name) == ["both-all-tied-apart"])
        #expect(reference.cases.contains { $0.x.count == 1 } && reference.cases.contains { $0.y.count == 1 })
        #expect(reference.cases.contains { $0.x.count == 50 && $0.y.count == 50 })
        #expect(Set(reference.cases.map(\.alternative)) == ["two.sided", "less", "greater"])
    }

    /// R ≥ 4.6: the interval's bounds (the same differences, so equal as doubles), its achieved
    /// level and the estimate; the one-sided p-values (R's two-sided rule, twice the smaller
    /// tail, differs from coin's that the test follows). R 4.2.2 gives the normal approximation's
    /// interval with continuity correction for the same call (and stops when both groups are
    /// entirely tied): TrialStats' normal interval, to R's `uniroot` tolerance.
    @Test("agrees with R ≥ 4.6 wilcox.test(exact = TRUE, conf.int = TRUE) under ties", arguments: ConditionalIntervalReference.cases)
    func matchesR46(_ c: Case) throws {
        let alternative = alternative(fromR: c.alternative)
        let got = try Self.run(c.x, c.y, alternative, level: c.confLevel, mu: c.mu)
        let r46 = c.r46
        let interval = try #require(r46.confInt)
        #expect(got.method == .exactConditional && got.intervalMethod == .exactConditional)
        #expect(got.statisticW == r46.statistic)
        #expect(agrees(got.estimate, try #require(r46.estimate), relative: 1e-12, absolute: 1e-12), "estimate \(got.estimate)")
        #expect(got.confLow == interval[0].finite, "low \(String(describing: got.confLow)) vs \(String(describing: interval[0].value))")
        #expect(got.confHigh == interval[1].finite, "high \(String(describing: got.confHigh)) vs \(String(describing: interval[1].value))")
        let achieved = try #require(r46.confLevel)
        #expect(agrees(got.achievedConfLevel ?? .nan, achieved, relative: 1e-9), "achieved \(String(describing: got.achievedConfLevel)) vs \(achieved)")
        if alternative != .twoSided {
            #expect(agrees(got.pValue, try #require(r46.pValue), relative: 1e-9, absolute: 1e-12), "p \(got.pValue) vs \(String(describing: r46.pValue))")
        }
        let normal = try rankSumTest(c.x, c.y, options: RankSumOptions(method: .normal, alternative: alternative, mu: c.mu, confLevel: c.confLevel))
        guard let legacy = c.r42.confInt else { return }
        let slack = 2e-4 * max(1, (c.x + c.y).max()! - (c.x + c.y).min()!)
        #expect(c.r42.method?.contains("continuity correction") == true)
        if let lo = legacy[0].finite { #expect(abs((normal.confLow ?? .nan) - lo) <= slack, "R 4.2 low \(lo) vs \(String(describing: normal.confLow))") }
        if let hi = legacy[1].finite { #expect(abs((normal.confHigh ?? .nan) - hi) <= slack, "R 4.2 high \(hi) vs \(String(describing: normal.confHigh))") }
    }

    /// Brute force: the conditional p-values by enumerating every assignment of the pooled values
    /// to the groups (midranks counted directly), at each candidate shift — every midpoint of two
    /// consecutive sorted differences, and beyond both ends — and the interval as the shifts not
    /// rejected: its lower end the smallest difference whose following midpoint the upper-tail
    /// test does not reject at α/2, its upper end the largest likewise.
    @Test("equals the set of shifts not rejected by enumeration (N ≤ 12)", arguments: [
        ([1.0, 2, 2, 3], [2.0, 3, 4]), ([0.0, 0, 1, 1, 1], [1.0, 2, 2, 0]), ([5.0, 5, 5], [1.0, 5, 9, 9, 9]),
        ([3.0], [1.0, 2, 3, 3, 5, 6, 7]), ([1.0, 2, 2, 4, 4, 4, 6, 8], [4.0]), ([2.0, 2, 2, 2], [1.0, 2, 3, 3, 4]),
        ([2.0, 2, 2], [5.0, 5, 5, 5]), ([0.5, 1, 1, 1.5, 2.5, 3], [1.0, 1, 2, 2.5, 4, 4]),
    ])
    func bruteForce(x: [Double], y: [Double]) throws {
        let n1 = x.count, pooledCount = x.count + y.count
        func midranks(_ v: [Double]) -> [Double] {
            v.map { a in Double(v.filter { $0 < a }.count) + Double(v.filter { $0 == a }.count + 1) / 2 }
        }
        // (P(W ≥ w), P(W ≤ w)) at shift δ over all C(N, n₁) subsets.
        func tails(_ shift: Double) -> (upper: Double, lower: Double) {
            let ranks = midranks(x.map { $0 - shift } + y)
            let observed = ranks[..<n1].reduce(0, +)
            var above = 0, below = 0, total = 0
            for mask in 0..<(1 << pooledCount) where mask.nonzeroBitCount == n1 {
                let s = (0..<pooledCount).filter { mask & (1 << $0) != 0 }.map { ranks[$0] }.reduce(0, +)
                total += 1
                if s >= observed - 1e-9 { above += 1 }
                if s <= observed + 1e-9 { below += 1 }
            }
            return (Double(above) / Double(total), Double(below) / Double(total))
        }
        let d = x.flatMap { a in y.map { a - $0 } }.sorted()
        let m = d.count
        let midpoints = (0..<(m - 1)).map { (d[$0] + d[$0 + 1]) / 2 }
        let atMid = midpoints.map(tails)
        for level in [0.5, 0.8, 0.9, 0.95] {
            for alternative in Alternative.allCases {
                let alpha = (alternative == .twoSided ? (1 - level) / 2 : 1 - level) + 10 * Double.ulpOfOne
                var low: Double?, high: Double?, outside = 0.0
                if alternative != .less && tails(d[0] - 1).upper <= alpha {
                    let first = atMid.firstIndex { $0.upper > alpha }
                    low = first.map { d[$0] } ?? d[m - 1]
                    outside += first.map { $0 > 0 ? atMid[$0 - 1].upper : 0 } ?? atMid.last?.upper ?? 0
                }
                if alternative != .greater && tails(d[m - 1] + 1).lower <= alpha {
                    let last = atMid.lastIndex { $0.lower > alpha }
                    high = last.map { d[$0 + 1] } ?? d[0]
                    outside += last.map { $0 < m - 2 ? atMid[$0 + 1].lower : 0 } ?? atMid.first?.lower ?? 0
                }
                let got = try Self.run(x, y, alternative, level: level)
                let label = "\(x) \(y) \(alternative) \(level)"
                #expect(got.intervalMethod == .exactConditional, "\(label)")
                #expect(got.confLow == low && got.confHigh == high, "\(label): (\(String(describing: got.confLow)), \(String(describing: got.confHigh))) vs (\(String(describing: low)), \(String(describing: high)))")
                #expect(agrees(got.achievedConfLevel ?? .nan, 1 - outside, relative: 1e-12), "\(label): achieved \(String(describing: got.achievedConfLevel)) vs \(1 - outside)")
                // The shifts strictly inside are not rejected by either one-sided test.
                for (k, p) in atMid.enumerated() where midpoints[k] > (low ?? -.infinity) && midpoints[k] < (high ?? .infinity) {
                    if alternative != .less { #expect(p.upper > alpha, "\(label): rejected inside at \(midpoints[k])") }
                    if alternative != .greater { #expect(p.lower > alpha, "\(label): rejected inside at \(midpoints[k])") }
                }
            }
        }
    }

    /// Tied integer samples from 1 to 50 per group on short scales: the interval contains the
    /// estimate, widens with the level, reaches at least the level asked for, mirrors when the
    /// groups are swapped, and a one-sided bound at α is the two-sided bound at 2α.
    @Test("properties: contains the estimate, nested in the level, mirrored by swapping, one-sided = two-sided at 2α",
          arguments: [(1, 6, 3), (4, 1, 4), (3, 5, 2), (6, 7, 5), (10, 12, 4), (15, 9, 3), (20, 25, 5), (35, 30, 7), (50, 50, 5)])
    func properties(n1: Int, n2: Int, levels: Int) throws {
        var generator = SeededGenerator(seed: UInt64(1000 * n1 + n2))
        let x = (0..<n1).map { _ in Double(Int.random(in: 1...levels, using: &generator)) }
        let y = (0..<n2).map { _ in Double(Int.random(in: 1...levels, using: &generator)) }
        var previous: RankSumResult?
        for level in [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] {
            let r = try Self.run(x, y, level: level)
            let label = "\(x) \(y) \(level)"
            #expect(r.method == .exactConditional && r.intervalMethod == .exactConditional, "\(label)")
            #expect((r.confLow ?? -.infinity) <= r.estimate && r.estimate <= (r.confHigh ?? .infinity), "\(label)")
            #expect((r.achievedConfLevel ?? 0) >= level - 1e-12, "\(label): achieved \(String(describing: r.achievedConfLevel))")
            if let previous {
                #expect((r.confLow ?? -.infinity) <= (previous.confLow ?? -.infinity) && (r.confHigh ?? .infinity) >= (previous.confHigh ?? .infinity), "\(label) narrows")
            }
            previous = r
            let swapped = try Self.run(y, x, level: level)
            #expect(swapped.confLow == r.confHigh.map { -$0 } && swapped.confHigh == r.confLow.map { -$0 }, "\(label) swapped")
            #expect(agrees(swapped.achievedConfLevel ?? .nan, r.achievedConfLevel ?? .nan, relative: 1e-12) && swapped.estimate == -r.estimate)
            let greater = try Self.run(x, y, .greater, level: 1 - (1 - level) / 2)
            let less = try Self.run(x, y, .less, level: 1 - (1 - level) / 2)
            #expect(greater.confLow == r.confLow && greater.confHigh == nil && less.confHigh == r.confHigh && less.confLow == nil, "\(label) one-sided")
        }
    }

    /// One group entirely tied, both entirely tied (apart, or all observations equal).
    @Test("all-tied groups")
    func allTied() throws {
        let same = try Self.run([2, 2, 2], [2, 2, 2, 2])
        #expect(same.pValue == 1 && same.estimate == 0 && same.intervalMethod == .exactConditional)
        #expect((same.confLow ?? -.infinity) <= 0 && 0 <= (same.confHigh ?? .infinity))
        let apart = try Self.run([2, 2, 2], [5, 5, 5, 5], level: 0.9)
        #expect(apart.estimate == -3 && apart.confLow == -3 && apart.confHigh == -3)
    }

    /// Beyond the scan's limit the interval is the normal approximation's, and the result says
    /// so: 500 + 500 on a 0–100 scale (the exact conditional p-value is still computed).
    @Test("beyond the limit: the normal interval, recorded in the result")
    func fallback() throws {
        var generator = SeededGenerator(seed: 14)
        let x = (0..<500).map { _ in Double(Int.random(in: 0...100, using: &generator)) }
        let y = (0..<500).map { _ in Double(Int.random(in: 0...100, using: &generator)) }
        // Judged before any difference is formed (the p-value, not the interval, costs the time here).
        #expect(!conditionalIntervalAffordable(x, y, tail: 0.025, sides: 2))
        let r = try Self.run(x, y)
        #expect(r.method == .exactConditional && r.intervalMethod == .normal)
        let normal = try rankSumTest(x, y, options: RankSumOptions(method: .normal))
        #expect(r.confLow == normal.confLow && r.confHigh == normal.confHigh && r.achievedConfLevel == nil)
    }
}
