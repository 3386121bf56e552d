import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// One case of signed_rank_cases.json (the differences d) with a reference program's results
/// for each μ.
struct SignedRankReferenceCase<Result: Decodable & Sendable>: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var d: [Double]
    var results: [Result]
    var testDescription: String { "\(name) (n = \(d.count))" }
}

/// Fixtures/reference/signed_rank_r.json, typed: R 4.2.2 `wilcox.test`, coin 1.4.2
/// `wilcoxsign_test` and the sign test on the shared cases of signed_rank_cases.json, for each μ.
struct SignedRankReferenceR: Decodable, Sendable {
    typealias Case = SignedRankReferenceCase<Result>
    var cases: [Case]

    struct Result: Decodable, Sendable {
        var mu: Double
        var summary: Summary?
        var wilcoxTest: [WilcoxTest]
        var coinWilcoxsignTest: [Coin]
        var signTest: [SignTest]
        enum CodingKeys: String, CodingKey { case mu, summary, wilcoxTest = "wilcox_test", coinWilcoxsignTest = "coin_wilcoxsign_test", signTest = "sign_test" }
    }

    struct Summary: Decodable, Sendable {
        var hodgesLehmannNonzero: Double?
        enum CodingKeys: String, CodingKey { case hodgesLehmannNonzero = "hodges_lehmann_nonzero" }
    }

    /// One `wilcox.test` call; p-value null where R gives NaN, a bound null or ±Inf where it gives none.
    struct WilcoxTest: Decodable, Sendable {
        var alternative: String
        var confLevel: Double?
        var method: String
        var statistic: Double
        var pValue: Double?
        var estimate: Double?
        var confInt: [RNumber]
        enum CodingKeys: String, CodingKey { case alternative, confLevel = "conf_level", method, statistic, pValue = "p_value", estimate, confInt = "conf_int" }
    }

    /// One `wilcoxsign_test` call (no p-value where coin refused the data).
    struct Coin: Decodable, Sendable {
        var distribution: String
        var zeroMethod: String
        var alternative: String
        var pValue: Double?
        var statisticStandardized: Double?
        enum CodingKeys: String, CodingKey {
            case distribution, zeroMethod = "zero_method", alternative, pValue = "p_value", statisticStandardized = "statistic_standardized"
        }
    }

    struct SignTest: Decodable, Sendable {
        var alternative: String
        var pValue: Double?
        enum CodingKeys: String, CodingKey { case alternative, pValue = "p_value" }
    }

    static let loaded: SignedRankReferenceR? = try? ReferenceFixtures.decode(SignedRankReferenceR.self, "reference/signed_rank_r.json")
    static var cases: [Case] { loaded?.cases ?? [] }
}

/// Fixtures/reference/signed_rank_scipy.json, typed: SciPy 1.17.1 `wilcoxon` on the same cases.
struct SignedRankReferenceSciPy: Decodable, Sendable {
    typealias Case = SignedRankReferenceCase<Result>
    var cases: [Case]

    struct Result: Decodable, Sendable {
        var mu: Double
        var summary: Summary
        var wilcoxon: [Wilcoxon]
    }

    struct Summary: Decodable, Sendable {
        var nZero: Int?
        var tiesAmongNonzero: Bool?
        enum CodingKeys: String, CodingKey { case nZero = "n_zero", tiesAmongNonzero = "ties_among_nonzero" }
    }

    /// One `wilcoxon` call; no statistic or p-value where SciPy raised an error.
    struct Wilcoxon: Decodable, Sendable {
        var zeroMethod: String
        var correction: Bool?
        var method: String
        var alternative: String
        var statistic: Double?
        var pvalue: Double?
        var autoResolved: String?
        enum CodingKeys: String, CodingKey {
            case zeroMethod = "zero_method", correction, method, alternative, statistic, pvalue, autoResolved = "auto_resolved"
        }
    }

    static let loaded: SignedRankReferenceSciPy? = try? ReferenceFixtures.decode(SignedRankReferenceSciPy.self, "reference/signed_rank_scipy.json")
    static var cases: [Case] { loaded?.cases ?? [] }
}

/// R 4.2.2 wilcox.test, coin 1.4.2 wilcoxsign_test and SciPy 1.17.1 wilcoxon on the shared cases
/// of signed_rank_cases.json (d = after − before, rounded to 10 decimals there, i.e. ties on the
/// decimal values).
@Suite("Wilcoxon signed-rank test")
struct SignedRankTests {
    static func alternative(_ text: String) -> Alternative {
        switch text {
        case "two.sided", "two-sided": return .twoSided
        case "less": return .less
        default: return .greater
        }
    }

    static func run(_ d: [Double], _ options: SignedRankTestOptions) throws -> SignedRankResult {
        try signedRankTest(before: [Double](repeating: 0, count: d.count), after: d, options: options)
    }

    /// The wilcox.test calls of a case that are compared: those with a p-value.
    static func wilcoxCalls(_ c: SignedRankReferenceR.Case) -> [(mu: Double, call: SignedRankReferenceR.WilcoxTest)] {
        c.results.flatMap { result in result.wilcoxTest.filter { $0.pValue != nil }.map { (result.mu, $0) } }
    }

    /// The coin calls of a case that are compared: those with a p-value.
    static func coinCalls(_ c: SignedRankReferenceR.Case) -> [(mu: Double, call: SignedRankReferenceR.Coin)] {
        c.results.flatMap { result in result.coinWilcoxsignTest.filter { $0.pValue != nil }.map { (result.mu, $0) } }
    }

    /// The SciPy calls of a case that are compared: those with a p-value, leaving out SciPy's
    /// "exact" on data with ties or zeros (it uses the untied distribution with a rounded
    /// statistic).
    static func scipyCalls(_ c: SignedRankReferenceSciPy.Case) -> [(mu: Double, call: SignedRankReferenceSciPy.Wilcoxon)] {
        c.results.flatMap { result -> [(mu: Double, call: SignedRankReferenceSciPy.Wilcoxon)] in
            let clean = (result.summary.nZero ?? 0) == 0 && !(result.summary.tiesAmongNonzero ?? false)
            return result.wilcoxon.filter { w in
                w.pvalue != nil && (clean || (w.autoResolved ?? w.method) != "exact")
            }.map { (result.mu, $0) }
        }
    }

    @Test("the reference files read: 25 cases each; 510 wilcox.test, 336 coin, 84 sign-test and 1,875 SciPy calls compared")
    func fixturesRead() throws {
        let r = try #require(SignedRankReferenceR.loaded), scipy = try #require(SignedRankReferenceSciPy.loaded)
        #expect(r.cases.count == 25 && scipy.cases.count == 25)
        #expect(r.cases.map { Self.wilcoxCalls($0).count }.reduce(0, +) == 510)
        #expect(r.cases.map { Self.coinCalls($0).count }.reduce(0, +) == 336)
        #expect(r.cases.flatMap(\.results).flatMap(\.signTest).filter { $0.pValue != nil }.count == 84)
        #expect(r.cases.flatMap(\.results).filter { $0.summary?.hodgesLehmannNonzero != nil }.count == 28)
        #expect(scipy.cases.map { Self.scipyCalls($0).count }.reduce(0, +) == 1875)
    }

    @Test("R wilcox.test: V, p-values, exact intervals and Hodges–Lehmann estimates", arguments: SignedRankReferenceR.cases)
    func matchesRWilcoxTest(_ c: SignedRankReferenceR.Case) throws {
        for (mu, w) in Self.wilcoxCalls(c) {
            let p = try #require(w.pValue)
            let isExact = w.method.contains("exact")
            let correct = w.method.contains("continuity correction")
            var options = SignedRankTestOptions(method: isExact ? .exact : .normal, correct: correct,
                                                alternative: Self.alternative(w.alternative), mu: mu,
                                                confLevel: w.confLevel ?? 0.95)
            options.zeroMethod = .wilcox
            let got = try Self.run(c.d, options)
            let label = "\(c.name) mu \(mu) \(w.method) \(w.alternative)"
            #expect(got.statisticV == w.statistic, "\(label): V")
            #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
            if w.confInt.count == 2 {
                let lo = w.confInt[0].finite, hi = w.confInt[1].finite
                // Exact intervals agree exactly; asymptotic ones to R's uniroot tolerance (1e-4).
                let tol = isExact ? 1e-12 : 2e-4
                if let lo { #expect(got.confLow.map { abs($0 - lo) <= tol * max(1, abs(lo)) } ?? false, "\(label): low \(String(describing: got.confLow)) vs \(lo)") }
                if let hi { #expect(got.confHigh.map { abs($0 - hi) <= tol * max(1, abs(hi)) } ?? false, "\(label): high \(String(describing: got.confHigh)) vs \(hi)") }
                if isExact, let estimate = w.estimate {
                    #expect(agrees(got.estimate, estimate, relative: 1e-12, absolute: 1e-12), "\(label): estimate")
                }
            }
        }
    }

    @Test("coin wilcoxsign_test: exact conditional and asymptotic p-values, both zero methods", arguments: SignedRankReferenceR.cases)
    func matchesCoin(_ c: SignedRankReferenceR.Case) throws {
        for (mu, w) in Self.coinCalls(c) {
            let p = try #require(w.pValue)
            let exact = w.distribution == "exact"
            let zeroMethod: ZeroMethod = w.zeroMethod == "Pratt" ? .pratt : .wilcox
            let options = SignedRankTestOptions(method: exact ? .exact : .normal, correct: false, zeroMethod: zeroMethod,
                                                alternative: Self.alternative(w.alternative), mu: mu)
            let got = try Self.run(c.d, options)
            let label = "\(c.name) mu \(mu) coin \(w.distribution) \(zeroMethod) \(w.alternative)"
            // coin's asymptotic p-values go through mvtnorm and are accurate to about 1e-7
            // relative far in the tail; its z agrees to 1e-9 and R's pnorm of that z gives
            // ours exactly (R 4.2.2: pnorm(6.444410387809769, lower.tail = FALSE) =
            // 5.8025338846495935e-11 vs coin 5.8025362292823957e-11).
            #expect(agrees(got.pValue, p, relative: exact ? 1e-9 : 1e-6, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
            if let z = w.statisticStandardized {
                #expect(got.z.map { agrees($0, z, relative: 1e-9, absolute: 1e-12) } ?? false, "\(label): z \(String(describing: got.z)) vs \(z)")
            }
        }
        for result in c.results {
            let mu = result.mu
            for s in result.signTest {
                guard let p = s.pValue else { continue }
                let got = try Self.run(c.d, SignedRankTestOptions(alternative: Self.alternative(s.alternative), mu: mu))
                #expect(agrees(got.signTestPValue, p, relative: 1e-10), "\(c.name) sign test")
            }
            if let hl = result.summary?.hodgesLehmannNonzero {
                let got = try Self.run(c.d, SignedRankTestOptions(mu: mu))
                // The summary's estimate is of d − μ; the result adds μ back.
                #expect(agrees(got.estimate - mu, hl, relative: 1e-12, absolute: 1e-12), "\(c.name) HL \(got.estimate) vs \(hl)")
            }
        }
    }

    @Test("SciPy wilcoxon: every zero method, correction, method and alternative", arguments: SignedRankReferenceSciPy.cases)
    func matchesSciPy(_ c: SignedRankReferenceSciPy.Case) throws {
        for (mu, w) in Self.scipyCalls(c) {
            let p = try #require(w.pvalue)
            let zeroMethod = try #require(ZeroMethod(rawValue: w.zeroMethod))
            let resolved = w.autoResolved ?? w.method
            let method: SignedRankMethod = (resolved == "asymptotic" || resolved == "approx") ? .normal : .exact
            let options = SignedRankTestOptions(method: method, correct: w.correction ?? false,
                                                zeroMethod: zeroMethod, alternative: Self.alternative(w.alternative), mu: mu)
            let got = try Self.run(c.d, options)
            if c.d.allSatisfy({ $0 == mu }) {
                // Every difference zero: TrialStats reports p = 1 by definition (the exact
                // distribution is degenerate); SciPy gives NaN, or 0.5 one-sided for zsplit.
                #expect(got.pValue == 1)
                continue
            }
            let label = "\(c.name) mu \(mu) scipy \(zeroMethod) \(w.method)→\(resolved) corr \(String(describing: w.correction)) \(w.alternative)"
            #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
            let statistic = options.alternative == .twoSided ? min(got.statisticV, got.negativeRankSum) : got.statisticV
            let want = try #require(w.statistic)
            #expect(agrees(statistic, want, relative: 1e-12), "\(label): statistic \(statistic) vs \(want)")
        }
    }
}
