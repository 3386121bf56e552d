import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/signed_rank_*.json: R 4.2.2 wilcox.test, coin 1.4.2 wilcoxsign_test and
/// SciPy 1.17.1 wilcoxon on the shared cases of signed_rank_cases.json (d = after − before,
/// rounded to 10 decimals there, i.e. ties on the decimal values).
@Suite("Wilcoxon signed-rank test")
struct SignedRankTests {
    nonisolated(unsafe) static let r: [String: Any] = (try? ReferenceFixtures.json("reference/signed_rank_r.json")) ?? [:]
    nonisolated(unsafe) static let scipy: [String: Any] = (try? ReferenceFixtures.json("reference/signed_rank_scipy.json")) ?? [:]

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

    @Test("R wilcox.test: V, p-values, exact intervals and Hodges–Lehmann estimates")
    func matchesRWilcoxTest() throws {
        let cases = try #require(Self.r["cases"] as? [[String: Any]])
        var compared = 0
        for c in cases {
            let d = c.doubles("d")
            for result in c["results"] as? [[String: Any]] ?? [] {
                let mu = result.double("mu")!
                for w in result["wilcox_test"] as? [[String: Any]] ?? [] {
                    guard let p = w.double("p_value") else { continue }
                    let methodText = w["method"] as? String ?? ""
                    let isExact = methodText.contains("exact")
                    let correct = methodText.contains("continuity correction")
                    var options = SignedRankTestOptions(method: isExact ? .exact : .normal, correct: correct,
                                                        alternative: Self.alternative(w["alternative"] as! String), mu: mu,
                                                        confLevel: w.double("conf_level") ?? 0.95)
                    options.zeroMethod = .wilcox
                    let got = try Self.run(d, options)
                    let label = "\(c["name"]!) mu \(mu) \(methodText) \(w["alternative"]!)"
                    #expect(got.statisticV == w.double("statistic")!, "\(label): V")
                    #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
                    let interval = w["conf_int"] as? [Any] ?? []
                    if interval.count == 2 {
                        let lo = exactDouble(interval[0]), hi = exactDouble(interval[1])
                        // Exact intervals agree exactly; asymptotic ones to R's uniroot tolerance (1e-4).
                        let tol = isExact ? 1e-12 : 2e-4
                        if let lo { #expect(got.confLow.map { abs($0 - lo) <= tol * max(1, abs(lo)) } ?? false, "\(label): low \(String(describing: got.confLow)) vs \(lo)") }
                        if let hi { #expect(got.confHigh.map { abs($0 - hi) <= tol * max(1, abs(hi)) } ?? false, "\(label): high \(String(describing: got.confHigh)) vs \(hi)") }
                        if isExact, let estimate = w.double("estimate") {
                            #expect(agrees(got.estimate, estimate, relative: 1e-12, absolute: 1e-12), "\(label): estimate")
                        }
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 400)
    }

    @Test("coin wilcoxsign_test: exact conditional and asymptotic p-values, both zero methods")
    func matchesCoin() throws {
        let cases = try #require(Self.r["cases"] as? [[String: Any]])
        var compared = 0
        for c in cases {
            let d = c.doubles("d")
            for result in c["results"] as? [[String: Any]] ?? [] {
                let mu = result.double("mu")!
                for w in result["coin_wilcoxsign_test"] as? [[String: Any]] ?? [] {
                    guard let p = w.double("p_value") else { continue }
                    let exact = (w["distribution"] as? String) == "exact"
                    let zeroMethod: ZeroMethod = (w["zero_method"] as? String) == "Pratt" ? .pratt : .wilcox
                    let options = SignedRankTestOptions(method: exact ? .exact : .normal, correct: false, zeroMethod: zeroMethod,
                                                        alternative: Self.alternative(w["alternative"] as! String), mu: mu)
                    let got = try Self.run(d, options)
                    let label = "\(c["name"]!) mu \(mu) coin \(w["distribution"]!) \(zeroMethod) \(w["alternative"]!)"
                    // coin's asymptotic p-values go through mvtnorm and are accurate to about 1e-7
                    // relative far in the tail; its z agrees to 1e-9 and R's pnorm of that z gives
                    // ours exactly (R 4.2.2: pnorm(6.444410387809769, lower.tail = FALSE) =
                    // 5.8025338846495935e-11 vs coin 5.8025362292823957e-11).
                    #expect(agrees(got.pValue, p, relative: exact ? 1e-9 : 1e-6, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
                    if let z = w.double("statistic_standardized") {
                        #expect(got.z.map { agrees($0, z, relative: 1e-9, absolute: 1e-12) } ?? false, "\(label): z \(String(describing: got.z)) vs \(z)")
                    }
                    compared += 1
                }
                for s in result["sign_test"] as? [[String: Any]] ?? [] {
                    guard let p = s.double("p_value") else { continue }
                    let got = try Self.run(d, SignedRankTestOptions(alternative: Self.alternative(s["alternative"] as! String), mu: mu))
                    #expect(agrees(got.signTestPValue, p, relative: 1e-10), "\(c["name"]!) sign test")
                }
                if let summary = result["summary"] as? [String: Any], let hl = summary.double("hodges_lehmann_nonzero") {
                    let got = try Self.run(d, SignedRankTestOptions(mu: mu))
                    // The summary's estimate is of d − μ; the result adds μ back.
                    #expect(agrees(got.estimate - mu, hl, relative: 1e-12, absolute: 1e-12), "\(c["name"]!) HL \(got.estimate) vs \(hl)")
                }
            }
        }
        #expect(compared > 200)
    }

    @Test("SciPy wilcoxon: every zero method, correction, method and alternative")
    func matchesSciPy() throws {
        let cases = try #require(Self.scipy["cases"] as? [[String: Any]])
        var compared = 0
        for c in cases {
            let d = c.doubles("d")
            for result in c["results"] as? [[String: Any]] ?? [] {
                let mu = result.double("mu")!
                let summary = result["summary"] as? [String: Any] ?? [:]
                let clean = (summary.int("n_zero") ?? 0) == 0 && !((summary["ties_among_nonzero"] as? Bool) ?? false)
                for w in result["wilcoxon"] as? [[String: Any]] ?? [] {
                    guard let p = w.double("pvalue") else { continue }
                    let zeroMethod = ZeroMethod(rawValue: w["zero_method"] as! String)!
                    let requested = w["method"] as! String
                    let resolved = (w["auto_resolved"] as? String) ?? requested
                    // SciPy's "exact" ignores ties and zeros (it uses the untied distribution with a
                    // rounded statistic); only clean data are compared for it.
                    if resolved == "exact" && !clean { continue }
                    let method: SignedRankMethod = (resolved == "asymptotic" || resolved == "approx") ? .normal : .exact
                    let options = SignedRankTestOptions(method: method, correct: (w["correction"] as? Bool) ?? false,
                                                        zeroMethod: zeroMethod, alternative: Self.alternative(w["alternative"] as! String), mu: mu)
                    let got = try Self.run(d, options)
                    if d.allSatisfy({ $0 == mu }) {
                        // Every difference zero: TrialStats reports p = 1 by definition (the exact
                        // distribution is degenerate); SciPy gives NaN, or 0.5 one-sided for zsplit.
                        #expect(got.pValue == 1)
                        continue
                    }
                    let label = "\(c["name"]!) mu \(mu) scipy \(zeroMethod) \(requested)→\(resolved) corr \(w["correction"]!) \(w["alternative"]!)"
                    #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
                    let statistic = options.alternative == .twoSided ? min(got.statisticV, got.negativeRankSum) : got.statisticV
                    #expect(agrees(statistic, w.double("statistic")!, relative: 1e-12), "\(label): statistic \(statistic) vs \(w.double("statistic")!)")
                    compared += 1
                }
            }
        }
        #expect(compared > 500)
    }
}
