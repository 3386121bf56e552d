import Foundation
import Testing
import TestSupport

/// Fixtures/reference/compare_location.json (compare_location.R: R 4.2.2 `wilcox.test`,
/// `kruskal.test`, `t.test`; coin 1.4.2 `wilcox_test`), typed. A bound is a number, or ±Inf as
/// a string where R's interval is open on that side.
struct LocationReference: Decodable, Sendable {
    var datasets: [Dataset]
    var rankSum: [RankSum]
    var kruskal: [Kruskal]
    var tTest: [TTest]
    enum CodingKeys: String, CodingKey { case datasets, rankSum = "rank_sum", kruskal, tTest = "t_test" }

    /// Two samples; the cases refer to them by position (from 0).
    struct Dataset: Decodable, Sendable {
        var name: String
        var x: [Double]
        var y: [Double]
    }

    /// One `wilcox.test(x, y, alternative, mu, conf.level, conf.int = TRUE)` setting: the exact
    /// (R's, without ties), corrected and uncorrected normal results, and coin's exact conditional
    /// and asymptotic p-values. A method R did not run is absent.
    struct RankSum: Decodable, Sendable {
        var dataset: Int
        var alternative: String
        var mu: Double
        var confLevel: Double
        var w: Double?
        var exactP: Double?
        var exactEstimate: Double?
        var exactLow: RNumber?
        var exactHigh: RNumber?
        var normalCC: Normal
        var normal: Normal
        var coinP: Double?
        var coinPNormal: Double?

        /// The normal approximation's p-value, estimate and bounds (with or without continuity correction).
        struct Normal: Sendable {
            var p: Double?
            var estimate: Double?
            var low: RNumber?
            var high: RNumber?
        }

        enum CodingKeys: String, CodingKey {
            case dataset, alternative, mu, confLevel = "conf_level", w, exactP = "exact_p", exactEstimate = "exact_estimate",
                 exactLow = "exact_low", exactHigh = "exact_high", coinP = "coin_p", coinPNormal = "coin_p_normal",
                 normalCCP = "normal_cc_p", normalCCEstimate = "normal_cc_estimate", normalCCLow = "normal_cc_low", normalCCHigh = "normal_cc_high",
                 normalP = "normal_p", normalEstimate = "normal_estimate", normalLow = "normal_low", normalHigh = "normal_high"
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            dataset = try c.decode(Int.self, forKey: .dataset)
            alternative = try c.decode(String.self, forKey: .alternative)
            mu = try c.decode(Double.self, forKey: .mu)
            confLevel = try c.decode(Double.self, forKey: .confLevel)
            w = try c.decodeIfPresent(Double.self, forKey: .w)
            exactP = try c.decodeIfPresent(Double.self, forKey: .exactP)
            exactEstimate = try c.decodeIfPresent(Double.self, forKey: .exactEstimate)
            exactLow = try c.decodeIfPresent(RNumber.self, forKey: .exactLow)
            exactHigh = try c.decodeIfPresent(RNumber.self, forKey: .exactHigh)
            coinP = try c.decodeIfPresent(Double.self, forKey: .coinP)
            coinPNormal = try c.decodeIfPresent(Double.self, forKey: .coinPNormal)
            normalCC = Normal(p: try c.decodeIfPresent(Double.self, forKey: .normalCCP),
                              estimate: try c.decodeIfPresent(Double.self, forKey: .normalCCEstimate),
                              low: try c.decodeIfPresent(RNumber.self, forKey: .normalCCLow),
                              high: try c.decodeIfPresent(RNumber.self, forKey: .normalCCHigh))
            normal = Normal(p: try c.decodeIfPresent(Double.self, forKey: .normalP),
                            estimate: try c.decodeIfPresent(Double.self, forKey: .normalEstimate),
                            low: try c.decodeIfPresent(RNumber.self, forKey: .normalLow),
                            high: try c.decodeIfPresent(RNumber.self, forKey: .normalHigh))
        }
    }

    /// `kruskal.test(groups)`.
    struct Kruskal: Decodable, Sendable {
        var groups: [[Double]]
        var statistic: Double?
        var df: Int
        var pValue: Double
        enum CodingKeys: String, CodingKey { case groups, statistic, df, pValue = "p_value" }
    }

    /// `t.test` on the first `n_x` and `n_y` values of a data set (null or ±Inf where R gives NaN
    /// or an infinite t).
    struct TTest: Decodable, Sendable {
        var dataset: Int
        var kind: String
        var nX: Int
        var nY: Int
        var alternative: String
        var mu: Double
        var confLevel: Double
        var statistic: RNumber?
        var df: Double
        var pValue: Double?
        var confLow: RNumber?
        var confHigh: RNumber?
        enum CodingKeys: String, CodingKey {
            case dataset, kind, nX = "n_x", nY = "n_y", alternative, mu, confLevel = "conf_level", statistic, df, pValue = "p_value",
                 confLow = "conf_low", confHigh = "conf_high"
        }
    }

    /// A data set with its rank-sum settings: the argument of the parameterized rank-sum test.
    struct RankSumSet: Sendable, CustomTestStringConvertible {
        var index: Int
        var dataset: Dataset
        var cases: [RankSum]
        var testDescription: String { "\(dataset.name) (\(dataset.x.count) + \(dataset.y.count))" }
    }

    static let loaded: LocationReference? = try? ReferenceFixtures.decode(LocationReference.self, "reference/compare_location.json")

    /// Every data set with the rank-sum settings that use it.
    static var rankSumSets: [RankSumSet] {
        guard let loaded else { return [] }
        return loaded.datasets.enumerated().map { i, d in RankSumSet(index: i, dataset: d, cases: loaded.rankSum.filter { $0.dataset == i }) }
    }
}
