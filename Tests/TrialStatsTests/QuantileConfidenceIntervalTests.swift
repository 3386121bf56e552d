import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/quantile_ci.json: ranks found in R by enumerating every rank, typed.
struct QuantileIntervalReference: Decodable, Sendable {
    var cases: [Case]

    /// The interval's ranks and achieved level for n, p and the requested level.
    struct Case: Decodable, Sendable {
        var n: Int
        var prob: Double
        var confLevel: Double
        var lowerRank: Int
        var upperRank: Int
        var achievedLevel: Double
        enum CodingKeys: String, CodingKey {
            case n, prob, confLevel = "conf_level", lowerRank = "lower_rank", upperRank = "upper_rank", achievedLevel = "achieved_level"
        }
    }

    static let loaded: QuantileIntervalReference? = try? ReferenceFixtures.decode(QuantileIntervalReference.self, "reference/quantile_ci.json")
    /// The sample sizes, one test argument each.
    static var sizes: [Int] { Array(Set((loaded?.cases ?? []).map(\.n))).sorted() }
}

@Suite("Order-statistic confidence interval for a quantile")
struct QuantileConfidenceIntervalTests {
    @Test("the reference file reads: 2,275 cases")
    func fixtureReads() throws {
        let reference = try #require(QuantileIntervalReference.loaded)
        #expect(reference.cases.count == 2275)
        #expect(QuantileIntervalReference.sizes.count > 10)
    }

    /// Every probability and level for sample size n.
    @Test("ranks and achieved level agree with the R enumeration", arguments: QuantileIntervalReference.sizes)
    func matchesReference(n: Int) throws {
        let cases = try #require(QuantileIntervalReference.loaded).cases.filter { $0.n == n }
        let data = (1...n).map(Double.init)  // x(k) = k, so bounds equal ranks
        for c in cases {
            let ci = try quantileConfidenceInterval(data, prob: c.prob, confLevel: c.confLevel)
            #expect(ci.lowerRank == c.lowerRank && ci.upperRank == c.upperRank,
                    "n \(n) p \(c.prob) level \(c.confLevel): ranks \(ci.lowerRank), \(ci.upperRank)")
            #expect(ci.lower == Double(ci.lowerRank) && ci.upper == Double(ci.upperRank))
            #expect(agrees(ci.achievedLevel, c.achievedLevel, relative: 1e-9, absolute: 1e-15))
        }
    }

    /// Campbell & Gardner (1988), in Altman et al., *Statistics with Confidence*, 2nd ed.,
    /// Table 18.4: ranks of the 95% interval for a median and the exact level.
    @Test("published ranks for the median", arguments: [
        (10, 2, 9, 0.979), (20, 6, 15, 0.959), (24, 7, 18, 0.977), (30, 10, 21, 0.957), (9, 2, 8, 0.961),
    ])
    func publishedMedianRanks(n: Int, lower: Int, upper: Int, level: Double) throws {
        let ci = try quantileConfidenceInterval((1...n).map(Double.init), prob: 0.5, confLevel: 0.95)
        #expect(ci.lowerRank == lower && ci.upperRank == upper)
        #expect(abs(ci.achievedLevel - level) < 0.0005)
    }

    @Test("hand-worked: n = 5 cannot reach 95%, gives [min, max] at 1 − 2/32")
    func tooSmall() throws {
        let ci = try quantileConfidenceInterval([5, 1, 4, 2, 3], prob: 0.5, confLevel: 0.95)
        #expect(ci.lower == 1 && ci.upper == 5)
        #expect(abs(ci.achievedLevel - 0.9375) < 1e-15)
        #expect(ci.belowNominal)
        let single = try quantileConfidenceInterval([7], confLevel: 0.95)
        #expect(single.lower == 7 && single.upper == 7 && single.achievedLevel == 0)
    }

    @Test("properties: contains the median, widens with the level, symmetric ranks for the median")
    func properties() throws {
        for n in [6, 11, 24, 57, 200] {
            let data = (1...n).map { Double($0 * 3 % 17) }
            let median = try quantiles(data, probs: [0.5]).first!
            var previous: QuantileConfidenceInterval?
            for level in [0.5, 0.8, 0.9, 0.95, 0.99, 0.999] {
                let ci = try quantileConfidenceInterval(data, prob: 0.5, confLevel: level)
                #expect(ci.lower <= median && median <= ci.upper)
                #expect(ci.lowerRank + ci.upperRank == n + 1)
                #expect(ci.achievedLevel >= level || ci.lowerRank == 1)
                if let previous {
                    #expect(ci.lowerRank <= previous.lowerRank && ci.upperRank >= previous.upperRank)
                }
                previous = ci
            }
        }
    }

    @Test("rejects a level outside (0, 1) and p outside (0, 1)")
    func rejectsBadArguments() {
        #expect(throws: StatisticsError.confidenceLevelOutOfRange(1.5)) { try quantileConfidenceInterval([1, 2, 3], confLevel: 1.5) }
        #expect(throws: StatisticsError.confidenceLevelOutOfRange(1)) { try quantileConfidenceInterval([1, 2, 3], confLevel: 1) }
        #expect(throws: StatisticsError.probabilityOutOfRange(0)) { try quantileConfidenceInterval([1, 2, 3], prob: 0) }
    }
}
