import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/signed_rank_r46.json (signed_rank_r46.R), typed: each case's one-sample
/// `wilcox.test` by R ≥ 4.6 (wilcox.test.R of r-devel/r-svn b5b3719, sourced into R 4.2.2) and
/// by the installed R 4.2.2 (`r42`; `r42_tight` with tol.root = 1e-12).
struct SignedRankR46Reference: Decodable, Sendable {
    var cases: [Case]

    /// One call: the differences, the options and the three results. `exact` is null where the
    /// call left it at R's default.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var d: RVector
        var mu: Double
        var exact: Bool?
        var correct: Bool
        var confLevel: Double
        var alternative: String
        var r46: Result
        var r42: Result
        var r42Tight: Result
        enum CodingKeys: String, CodingKey {
            case name, d, mu, exact, correct, confLevel = "conf_level", alternative, r46, r42, r42Tight = "r42_tight"
        }
        var testDescription: String { "\(name) \(alternative) \(confLevel) mu=\(mu) exact=\(exact.map(String.init) ?? "default") correct=\(correct)" }
    }

    /// `wilcox.test(conf.int = TRUE)`'s statistic, p-value, estimate and interval (a bound is
    /// null or ±Inf where R gives none).
    struct Result: Decodable, Sendable {
        var statistic: Double
        var pValue: Double
        var method: String
        var estimate: Double
        var confInt: [RNumber]
        var confLevel: Double
        enum CodingKeys: String, CodingKey { case statistic, pValue = "p_value", method, estimate, confInt = "conf_int", confLevel = "conf_level" }
    }

    static let loaded: SignedRankR46Reference? = try? ReferenceFixtures.decode(SignedRankR46Reference.self, "reference/signed_rank_r46.json")
    static var cases: [Case] { loaded?.cases ?? [] }

    /// The normal-approximation calls without continuity correction on SciPy's test_onesided data.
    static var onesidedUncorrected: [Case] { cases.filter { $0.name == "onesided" && $0.exact == false && !$0.correct } }
    /// The calls with continuity correction that R 4.2.2 answers by the normal approximation.
    static var legacyNormal: [Case] { cases.filter { $0.correct && !$0.r42.method.contains("exact") } }
    /// The calls at R's default `exact` with continuity correction, for R ≥ 4.6.
    static var defaultExact: [Case] { cases.filter { $0.exact == nil && $0.correct } }
}

/// The Hodges–Lehmann interval's constructions against Fixtures/reference/signed_rank_r46.json.
@Suite("Hodges–Lehmann interval: set of shifts not rejected, R's root-finding, R ≥ 4.6")
struct HodgesLehmannTests {
    typealias Case = SignedRankR46Reference.Case

    static func run(_ c: Case, _ options: SignedRankTestOptions) throws -> SignedRankResult {
        let d = c.d.values
        return try signedRankTest(before: [Double](repeating: 0, count: d.count), after: d, options: options)
    }

    static func options(_ c: Case, method: SignedRankMethod = .auto, profile: SignedRankProfile? = nil) -> SignedRankTestOptions {
        SignedRankTestOptions(method: method, correct: c.correct, alternative: SignedRankTests.alternative(c.alternative),
                              mu: c.mu, confLevel: c.confLevel, profile: profile)
    }

    @Test("the reference file reads: 22 cases (2 uncorrected onesided, 15 normal in R 4.2.2, 18 at R's default exact)")
    func fixtureReads() throws {
        let reference = try #require(SignedRankR46Reference.loaded)
        #expect(reference.cases.count == 22)
        #expect(SignedRankR46Reference.onesidedUncorrected.count == 2)
        #expect(SignedRankR46Reference.legacyNormal.count == 15)
        #expect(SignedRankR46Reference.defaultExact.count == 18)
        #expect(reference.cases.allSatisfy { $0.r46.confInt.count == 2 && $0.r42.confInt.count == 2 && $0.r42Tight.confInt.count == 2 })
    }

    /// SciPy's test_onesided data (one zero, ties), normal approximation without continuity
    /// correction. R 4.2.2 `wilcox.test(x, y, paired = TRUE, correct = FALSE, conf.int = TRUE)`
    /// gives (−9.499981, 14.999931) at 95% and (−7.999966, 11.000063) at 90%: uniroot's
    /// approximations of −9.5, 15, −8 and 11, which `tol.root = 1e-12` confirms. The statistic is
    /// not monotone at the data points −9 and −7, where a difference is zero and dropped: a
    /// search that stops there gives (−9, 15) and (−7, 11), as TrialStats did.
    @Test("issue 12.6: normal interval with --no-correct, ties and a zero is the set of shifts not rejected",
          arguments: SignedRankR46Reference.onesidedUncorrected)
    func issue12_6SetOfShiftsNotRejected(_ c: Case) throws {
        let wanted: [Double: (Double, Double)] = [0.95: (-9.5, 15), 0.90: (-8, 11)]
        let r = try Self.run(c, Self.options(c, method: .normal))
        let tight = [try #require(c.r42Tight.confInt[0].value), try #require(c.r42Tight.confInt[1].value)]
        let expected = try #require(wanted[(c.confLevel * 100).rounded() / 100])
        #expect(r.confLow == expected.0 && r.confHigh == expected.1, "\(c.confLevel): \(String(describing: r.confLow)), \(String(describing: r.confHigh))")
        #expect(abs(tight[0] - expected.0) < 1e-10 && abs(tight[1] - expected.1) < 1e-10)
    }

    /// `--profile r-legacy` reproduces R 4.2.2's root-finding itself (Brent's method as `uniroot`),
    /// bound and estimate, on every normal-path case of the fixture with continuity correction.
    @Test("issue 12.6: --profile r-legacy reproduces R's uniroot bounds and estimate", arguments: SignedRankR46Reference.legacyNormal)
    func issue12_6ProfileReproducesRoots(_ c: Case) throws {
        let r42 = c.r42
        let r = try Self.run(c, Self.options(c, profile: .rLegacy))
        #expect(r.method == .normal)
        #expect(agrees(r.estimate, r42.estimate, relative: 1e-12, absolute: 1e-12), "\(c.name) estimate")
        if let low = r42.confInt[0].finite { #expect(agrees(r.confLow ?? .nan, low, relative: 1e-12, absolute: 1e-12), "\(c.name) low") }
        if let high = r42.confInt[1].finite { #expect(agrees(r.confHigh ?? .nan, high, relative: 1e-12, absolute: 1e-12), "\(c.name) high") }
        #expect(agrees(r.pValue, r42.pValue, relative: 1e-12))
    }

    /// `--profile r` against R ≥ 4.6 (sourced from r-devel): the exact conditional interval's
    /// scan (strict upper tail, zeros' ranks permuted, duplicates of Walsh averages evaluated
    /// at themselves), the normal path with zeros kept (Pratt) and its root-found estimate, and
    /// n ≤ 2, where R ≥ 4.6 reports (−∞, ∞) at level 1.
    @Test("issue 12.7: --profile r reproduces R ≥ 4.6 (exact conditional tails, zeros in the normal path, n ≤ 2)",
          arguments: SignedRankR46Reference.defaultExact)
    func issue12_7ProfileR(_ c: Case) throws {
        let r46 = c.r46
        let r = try Self.run(c, Self.options(c, profile: .r))
        let label = c.testDescription
        #expect(r.statisticV == r46.statistic, "\(label) V")
        #expect(agrees(r.pValue, r46.pValue, relative: 1e-9), "\(label) p \(r.pValue) vs \(r46.pValue)")
        #expect(agrees(r.estimate, r46.estimate, relative: 1e-12, absolute: 1e-12), "\(label) estimate \(r.estimate)")
        let low = r46.confInt[0].finite, high = r46.confInt[1].finite
        #expect((r.confLow == nil) == (low == nil) && (r.confHigh == nil) == (high == nil), "\(label) sides")
        if let low { #expect(agrees(r.confLow ?? .nan, low, relative: 1e-12, absolute: 1e-12), "\(label) low \(String(describing: r.confLow)) vs \(low)") }
        if let high { #expect(agrees(r.confHigh ?? .nan, high, relative: 1e-12, absolute: 1e-12), "\(label) high \(String(describing: r.confHigh)) vs \(high)") }
        #expect(agrees(r.achievedConfLevel ?? r.confLevel, r46.confLevel, relative: 1e-9), "\(label) level \(String(describing: r.achievedConfLevel)) vs \(r46.confLevel)")
    }
}
