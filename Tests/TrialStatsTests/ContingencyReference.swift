import Foundation
import TestSupport
@testable import TrialStats

/// Fixtures/reference/compare_contingency.json (R `fisher.test`, `chisq.test`, `mcnemar.test`;
/// written by compare_contingency.R), typed.
struct ContingencyReferenceR: Decodable, Sendable {
    var fisher2x2: [Fisher2x2]
    var fisherRxC: [FisherRxC]
    var chisq: [ChiSquare]
    var mcnemar: [McNemar]
    enum CodingKeys: String, CodingKey { case fisher2x2 = "fisher_2x2", fisherRxC = "fisher_rxc", chisq, mcnemar }

    /// `fisher.test` on a 2×2 table: p, mid-p, and the odds ratio with its interval both as
    /// printed (uniroot's tolerance) and as the precise roots of its equations.
    struct Fisher2x2: Decodable, Sendable {
        var table: [[Int]]
        var alternative: String
        var confLevel: Double
        var pValue: Double
        var midP: Double
        var estimate: RNumber
        var confLow: RNumber
        var confHigh: RNumber
        var estimatePrecise: RNumber
        var confLowPrecise: RNumber
        var confHighPrecise: RNumber
        enum CodingKeys: String, CodingKey {
            case table, alternative, confLevel = "conf_level", pValue = "p_value", midP = "mid_p", estimate, confLow = "conf_low",
                 confHigh = "conf_high", estimatePrecise = "estimate_precise", confLowPrecise = "conf_low_precise", confHighPrecise = "conf_high_precise"
        }
    }

    /// `fisher.test` (FEXACT) on an r×c table.
    struct FisherRxC: Decodable, Sendable {
        var table: [[Int]]
        var rows: Int
        var columns: Int
        var pValue: Double
        enum CodingKeys: String, CodingKey { case table, rows, columns, pValue = "p_value" }
    }

    /// `chisq.test(correct =)` with its "approximation may be incorrect" warning.
    struct ChiSquare: Decodable, Sendable {
        var table: [[Int]]
        var correct: Bool
        var statistic: Double
        var df: Int
        var pValue: Double
        var warning: Bool
        enum CodingKeys: String, CodingKey { case table, correct, statistic, df, pValue = "p_value", warning }
    }

    /// `mcnemar.test(correct =)` (null when no pair is discordant) and the exact `binom.test`.
    struct McNemar: Decodable, Sendable {
        var table: [[Int]]
        var correct: Bool
        var statistic: Double?
        var pValue: Double?
        var exactPValue: Double?
        enum CodingKeys: String, CodingKey { case table, correct, statistic, pValue = "p_value", exactPValue = "exact_p_value" }
    }

    static let loaded: ContingencyReferenceR? = try? ReferenceFixtures.decode(ContingencyReferenceR.self, "reference/compare_contingency.json")
}

/// Fixtures/reference/compare_scipy_contingency.json (SciPy 1.17 `boschloo_exact`,
/// `barnard_exact`, `fisher_exact`, `chi2_contingency`; written by compare_scipy_contingency.py).
struct ContingencyReferenceSciPy: Decodable, Sendable {
    var unconditional: [Unconditional]
    var fisherExact: [FisherExact]
    var chi2Contingency: [Chi2Contingency]
    enum CodingKeys: String, CodingKey { case unconditional, fisherExact = "fisher_exact", chi2Contingency = "chi2_contingency" }

    /// Boschloo's or Barnard's test: SciPy's p-value, the precise supremum of its objective
    /// (null for an empty column), and whether SciPy's search found that maximum.
    struct Unconditional: Decodable, Sendable {
        var test: String
        var table: [[Int]]
        var alternative: String
        var pooled: Bool?
        var statistic: RNumber?
        var pValue: Double?
        var pValuePrecise: Double?
        var shgoAtMax: Bool?
        enum CodingKeys: String, CodingKey {
            case test, table, alternative, pooled, statistic, pValue = "p_value", pValuePrecise = "p_value_precise", shgoAtMax = "shgo_at_max"
        }
    }

    /// `fisher_exact(table, alternative)`.
    struct FisherExact: Decodable, Sendable {
        var table: [[Int]]
        var alternative: String
        var pValue: Double
        enum CodingKeys: String, CodingKey { case table, alternative, pValue = "p_value" }
    }

    /// `chi2_contingency(table, correction, lambda_)`.
    struct Chi2Contingency: Decodable, Sendable {
        var table: [[Int]]
        var correction: Bool
        var lambda: String
        var statistic: Double
        var df: Int
        var pValue: Double
        enum CodingKeys: String, CodingKey { case table, correction, lambda, statistic, df, pValue = "p_value" }
    }

    static let loaded: ContingencyReferenceSciPy? = try? ReferenceFixtures.decode(ContingencyReferenceSciPy.self, "reference/compare_scipy_contingency.json")
}
