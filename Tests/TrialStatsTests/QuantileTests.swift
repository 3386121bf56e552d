import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/quantiles.json (R `quantile(x, probs, type = k)`), typed.
struct QuantileReference: Decodable, Sendable {
    var cases: [Case]

    /// One data set and type: R's value for each probability, and whether n·p was "fuzzy"
    /// (just off an integer, where R ≤ 4.3 and exact arithmetic differ).
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var type: Int
        var x: [Double]
        var probs: [Double]
        var expected: [Double]
        var fuzzy: [Bool]
        var testDescription: String { "\(name) type \(type)" }
    }

    static let loaded: QuantileReference? = try? ReferenceFixtures.decode(QuantileReference.self, "reference/quantiles.json")
    static var cases: [Case] { loaded?.cases ?? [] }
}

@Suite("Sample quantiles (Hyndman–Fan types 1–9)")
struct QuantileTests {
    @Test("the reference file reads: 180 cases of 26 probabilities, 6 flagged fuzzy")
    func fixtureReads() throws {
        let reference = try #require(QuantileReference.loaded)
        #expect(reference.cases.count == 180)
        #expect(reference.cases.allSatisfy { $0.probs.count == 26 && $0.expected.count == 26 })
        #expect(reference.cases.filter { $0.fuzzy.contains(true) }.count == 6)
    }

    /// Every case of Fixtures/reference/quantiles.json.
    @Test("agrees with R quantile(type = 1...9) to 1e-12 relative", arguments: QuantileReference.cases)
    func matchesR(_ c: QuantileReference.Case) throws {
        let type = try #require(QuantileType(rawValue: c.type))
        let got = try quantiles(c.x, probs: c.probs, type: type)
        for i in c.probs.indices {
            #expect(agrees(got[i], c.expected[i], relative: 1e-12),
                    "\(c.name) type \(type.rawValue) p = \(c.probs[i]): \(got[i]) vs R \(c.expected[i])")
        }
    }

    /// The cases where R ≤ 4.3 differs (n·p just off an integer) follow exact decimal arithmetic.
    @Test("fuzzy probabilities for types 1–3 follow exact arithmetic")
    func fuzzyCasesFollowExactArithmetic() throws {
        // n = 10, p = 0.1 * 3 = 0.30000000000000004: exactly 3 in decimal, so type 1 is x(3).
        let x = Array(1...10).map(Double.init)
        #expect(try quantiles(x, probs: [0.1 * 3], type: .type1) == [3])
        #expect(try quantiles(x, probs: [0.1 * 3], type: .type2) == [3.5])
    }

    @Test("hand-worked values")
    func handWorked() throws {
        let x: [Double] = [10, 20, 30, 40]
        // Type 7: 1 + 3p → p = 0.25 gives 1.75 → 10 + 0.75·10.
        #expect(try quantiles(x, probs: [0.25, 0.5, 0.75], type: .type7) == [17.5, 25, 32.5])
        // Type 6: (n + 1)p = 1.25 → 12.5; 3.75 → 37.5.
        #expect(try quantiles(x, probs: [0.25, 0.75], type: .type6) == [12.5, 37.5])
        // Type 2: np = 1 integer → average of x(1), x(2).
        #expect(try quantiles(x, probs: [0.25, 0.5], type: .type2) == [15, 25])
        // Type 1: np = 1 → x(1); np = 2 → x(2).
        #expect(try quantiles(x, probs: [0.25, 0.5], type: .type1) == [10, 20])
        // Type 3: np − 1/2 = 0.5 → j = 0, g > 0 → x(1); np = 2 → 1.5 → x(2).
        #expect(try quantiles(x, probs: [0.25, 0.5], type: .type3) == [10, 20])
        // n = 1: every type and probability gives the single value.
        for type in QuantileType.allCases {
            #expect(try quantiles([-3.5], probs: [0, 0.3, 1], type: type) == [-3.5, -3.5, -3.5])
        }
        // The CASTLE-like VAS: median of 24 values is the mean of x(12) and x(13) for types 2, 5–9.
        let vas: [Double] = [63, 52, 75, 80, 45, 66, 71, 58, 90, 33, 61, 64, 70, 49, 55, 77, 82, 60, 68, 74, 53, 47, 59, 72]
        for type in [QuantileType.type2, .type5, .type6, .type7, .type8, .type9] {
            #expect(try quantiles(vas, probs: [0.5], type: type) == [63.5])
        }
    }

    /// An independent implementation from Hyndman & Fan's plotting positions
    /// p(k) = (k − α)/(n + 1 − α − β), interpolating linearly between them (types 4–9), and from
    /// the inverse empirical distribution function (types 1–3), on random data.
    @Test("agrees with a plotting-position implementation", arguments: QuantileType.allCases)
    func matchesPlottingPositions(type: QuantileType) throws {
        var generator = SeededGenerator(seed: UInt64(type.rawValue))
        for _ in 0..<200 {
            let n = Int.random(in: 1...40, using: &generator)
            let x = (0..<n).map { _ in Double(Int.random(in: -20...20, using: &generator)) / 4 }
            let sorted = x.sorted()
            let probs = (0...40).map { Double($0) / 40 }
            let got = try quantiles(x, probs: probs, type: type)
            for (p, value) in zip(probs, got) {
                let expected = plottingPositionQuantile(sorted, p: p, type: type)
                #expect(abs(value - expected) <= 1e-12 * max(1, abs(expected)), "n \(n) p \(p): \(value) vs \(expected)")
            }
        }
    }

    @Test("properties: within the range, non-decreasing in p, independent of order")
    func properties() throws {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<100 {
            let n = Int.random(in: 1...30, using: &generator)
            let x = (0..<n).map { _ in Double.random(in: -100...100, using: &generator) }
            let probs = (0...100).map { Double($0) / 100 }
            for type in QuantileType.allCases {
                let q = try quantiles(x, probs: probs, type: type)
                #expect(q.allSatisfy { $0 >= x.min()! && $0 <= x.max()! })
                #expect(zip(q, q.dropFirst()).allSatisfy { $0 <= $1 })
                #expect(try quantiles(x.reversed(), probs: probs, type: type) == q)
                #expect(q.first == x.min() && q.last == x.max())
            }
        }
    }

    @Test("rejects empty data, non-finite values and probabilities outside [0, 1]")
    func rejectsBadInput() {
        #expect(throws: StatisticsError.emptySample) { try quantiles([], probs: [0.5]) }
        #expect(throws: StatisticsError.nonFiniteValue(index: 1, value: .infinity)) { try quantiles([1, .infinity], probs: [0.5]) }
        #expect(throws: StatisticsError.probabilityOutOfRange(1.5)) { try quantiles([1, 2], probs: [1.5]) }
        #expect(throws: StatisticsError.self) { try quantiles([1, 2], probs: [.nan]) }
    }
}

/// Quantile by interpolating between plotting positions (Hyndman & Fan 1996, §2), written
/// independently of the library's index arithmetic and in exact rational steps for these grids.
func plottingPositionQuantile(_ x: [Double], p: Double, type: QuantileType) -> Double {
    let n = x.count
    let nd = Double(n)
    switch type {
    case .type1, .type2, .type3:
        // Inverse of the empirical distribution function F̂(x(k)) = k/n.
        let np = (nd * p * 1e9).rounded() / 1e9  // exact for these grids (p = k/40)
        if type == .type3 {
            // Nearest order statistic to np, ties to the even one; at least x(1).
            let target = np
            var k = Int(target.rounded(.toNearestOrEven))
            if k < 1 { k = 1 }
            return x[min(k, n) - 1]
        }
        let lowRank = Int(np.rounded(.up))  // smallest k with k/n ≥ p
        let k = min(max(lowRank, 1), n)
        if np == np.rounded(), np >= 1, np < nd, type == .type2 {
            return (x[Int(np) - 1] + x[Int(np)]) / 2
        }
        return x[k - 1]
    default:
        let (a, b): (Double, Double) = {
            switch type {
            case .type4: return (0, 1)
            case .type5: return (0.5, 0.5)
            case .type6: return (0, 0)
            case .type7: return (1, 1)
            case .type8: return (1.0 / 3, 1.0 / 3)
            default: return (3.0 / 8, 3.0 / 8)
            }
        }()
        if n == 1 { return x[0] }
        func position(_ k: Int) -> Double { (Double(k) - a) / (nd + 1 - a - b) }
        if p <= position(1) { return x[0] }
        if p >= position(n) { return x[n - 1] }
        var k = 1
        while position(k + 1) < p { k += 1 }
        let t = (p - position(k)) / (position(k + 1) - position(k))
        return x[k - 1] + t * (x[k] - x[k - 1])
    }
}

@Suite("Quantile positions")
struct QuantilePositionTests {
    /// The position reproduces the quantile itself on random data, for every type.
    @Test("quantilePosition agrees with the quantile", arguments: QuantileType.allCases)
    func agrees(type: QuantileType) throws {
        var generator = SeededGenerator(seed: 77)
        for _ in 0..<200 {
            let n = Int.random(in: 1...30, using: &generator)
            let x = (0..<n).map { _ in Double(Int.random(in: 0...100, using: &generator)) }.sorted()
            for p in [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1] {
                let (j, h) = quantilePosition(n: n, p: p, type: type)
                let upper = x[min(j + 1, n) - 1]
                let value = h == 0 ? x[j - 1] : (1 - h) * x[j - 1] + h * upper
                #expect(abs(value - sortedQuantile(x, p: p, type: type)) < 1e-9)
            }
        }
    }
}
