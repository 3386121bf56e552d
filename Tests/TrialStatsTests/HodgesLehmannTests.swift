import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// The Hodges–Lehmann interval's constructions against Fixtures/reference/signed_rank_r46.json:
/// R ≥ 4.6 (wilcox.test.R of r-devel/r-svn b5b3719, sourced into R 4.2.2 by signed_rank_r46.R)
/// and the installed R 4.2.2 (`r42`; `r42_tight` with tol.root = 1e-12).
@Suite("Hodges–Lehmann interval: set of shifts not rejected, R's root-finding, R ≥ 4.6")
struct HodgesLehmannTests {
    nonisolated(unsafe) static let cases: [[String: Any]] =
        ((try? ReferenceFixtures.json("reference/signed_rank_r46.json"))?["cases"] as? [[String: Any]]) ?? []

    static func run(_ c: [String: Any], _ options: SignedRankTestOptions) throws -> SignedRankResult {
        let d = c.double("d").map { [$0] } ?? c.doubles("d")  // R writes a single value without brackets
        return try signedRankTest(before: [Double](repeating: 0, count: d.count), after: d, options: options)
    }

    static func options(_ c: [String: Any], method: SignedRankMethod = .auto, profile: SignedRankProfile? = nil) -> SignedRankTestOptions {
        SignedRankTestOptions(method: method, correct: (c["correct"] as? Bool) ?? true,
                              alternative: SignedRankTests.alternative(c["alternative"] as! String),
                              mu: c.double("mu")!, confLevel: c.double("conf_level")!, profile: profile)
    }

    /// R's bound: a number, or ±Inf (then TrialStats reports nil).
    static func bound(_ value: Any?) -> Double? {
        if let text = value as? String { return text.hasSuffix("Inf") ? nil : Double(text) }
        return exactDouble(value)
    }

    /// SciPy's test_onesided data (one zero, ties), normal approximation without continuity
    /// correction. R 4.2.2 `wilcox.test(x, y, paired = TRUE, correct = FALSE, conf.int = TRUE)`
    /// gives (−9.499981, 14.999931) at 95% and (−7.999966, 11.000063) at 90%: uniroot's
    /// approximations of −9.5, 15, −8 and 11, which `tol.root = 1e-12` confirms. The statistic is
    /// not monotone at the data points −9 and −7, where a difference is zero and dropped: a
    /// search that stops there gives (−9, 15) and (−7, 11), as TrialStats did.
    @Test("issue 12.6: normal interval with --no-correct, ties and a zero is the set of shifts not rejected")
    func issue12_6SetOfShiftsNotRejected() throws {
        let wanted: [Double: (Double, Double)] = [0.95: (-9.5, 15), 0.90: (-8, 11)]
        var compared = 0
        for c in Self.cases where c["name"] as? String == "onesided" && c["exact"] as? Bool == false && c["correct"] as? Bool == false {
            let level = c.double("conf_level")!
            let r = try Self.run(c, Self.options(c, method: .normal))
            let tight = try #require((c["r42_tight"] as? [String: Any])?.doubles("conf_int"))
            let expected = try #require(wanted[(level * 100).rounded() / 100])
            #expect(r.confLow == expected.0 && r.confHigh == expected.1, "\(level): \(String(describing: r.confLow)), \(String(describing: r.confHigh))")
            #expect(abs(tight[0] - expected.0) < 1e-10 && abs(tight[1] - expected.1) < 1e-10)
            compared += 1
        }
        #expect(compared == 2)
    }

    /// `--profile r-legacy` reproduces R 4.2.2's root-finding itself (Brent's method as `uniroot`),
    /// bound and estimate, on every normal-path case of the fixture with continuity correction.
    @Test("issue 12.6: --profile r-legacy reproduces R's uniroot bounds and estimate")
    func issue12_6ProfileReproducesRoots() throws {
        var compared = 0
        for c in Self.cases where c["correct"] as? Bool == true {
            let r42 = try #require(c["r42"] as? [String: Any])
            guard (r42["method"] as? String)?.contains("exact") == false else { continue }
            let r = try Self.run(c, Self.options(c, profile: .rLegacy))
            #expect(r.method == .normal)
            let interval = r42["conf_int"] as? [Any] ?? []
            #expect(agrees(r.estimate, r42.double("estimate")!, relative: 1e-12, absolute: 1e-12), "\(c["name"]!) estimate")
            if let low = Self.bound(interval[0]) { #expect(agrees(r.confLow ?? .nan, low, relative: 1e-12, absolute: 1e-12), "\(c["name"]!) low") }
            if let high = Self.bound(interval[1]) { #expect(agrees(r.confHigh ?? .nan, high, relative: 1e-12, absolute: 1e-12), "\(c["name"]!) high") }
            #expect(agrees(r.pValue, r42.double("p_value")!, relative: 1e-12))
            compared += 1
        }
        #expect(compared >= 6)
    }

    /// `--profile r` against R ≥ 4.6 (sourced from r-devel): the exact conditional interval's
    /// scan (strict upper tail, zeros' ranks permuted, duplicates of Walsh averages evaluated
    /// at themselves), the normal path with zeros kept (Pratt) and its root-found estimate, and
    /// n ≤ 2, where R ≥ 4.6 reports (−∞, ∞) at level 1.
    @Test("issue 12.7: --profile r reproduces R ≥ 4.6 (exact conditional tails, zeros in the normal path, n ≤ 2)")
    func issue12_7ProfileR() throws {
        var compared = 0
        for c in Self.cases where c["exact"] is NSNull && c["correct"] as? Bool == true {
            let r46 = try #require(c["r46"] as? [String: Any])
            let r = try Self.run(c, Self.options(c, profile: .r))
            let label = "\(c["name"]!) \(c["alternative"]!) \(c.double("conf_level")!) mu=\(c.double("mu")!)"
            #expect(r.statisticV == r46.double("statistic")!, "\(label) V")
            #expect(agrees(r.pValue, r46.double("p_value")!, relative: 1e-9), "\(label) p \(r.pValue) vs \(r46.double("p_value")!)")
            #expect(agrees(r.estimate, r46.double("estimate")!, relative: 1e-12, absolute: 1e-12), "\(label) estimate \(r.estimate)")
            let interval = r46["conf_int"] as? [Any] ?? []
            let low = Self.bound(interval[0]), high = Self.bound(interval[1])
            #expect((r.confLow == nil) == (low == nil) && (r.confHigh == nil) == (high == nil), "\(label) sides")
            if let low { #expect(agrees(r.confLow ?? .nan, low, relative: 1e-12, absolute: 1e-12), "\(label) low \(String(describing: r.confLow)) vs \(low)") }
            if let high { #expect(agrees(r.confHigh ?? .nan, high, relative: 1e-12, absolute: 1e-12), "\(label) high \(String(describing: r.confHigh)) vs \(high)") }
            let level = r46.double("conf_level")!
            #expect(agrees(r.achievedConfLevel ?? r.confLevel, level, relative: 1e-9), "\(label) level \(String(describing: r.achievedConfLevel)) vs \(level)")
            compared += 1
        }
        #expect(compared >= 15)
    }
}
