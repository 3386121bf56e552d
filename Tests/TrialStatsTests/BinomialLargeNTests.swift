import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// One row of `Fixtures/reference/binomial_large.csv` (R 4.2.2; see the script beside it).
struct LargeBinomialCase: Sendable, CustomTestStringConvertible {
    var kind: String
    var x: Int
    var n: Int
    var levelOrP0: Double
    var alternative: Alternative
    var lower: Double?
    var upper: Double?
    var pValue: Double?
    var testDescription: String { "\(kind) \(x)/\(n) \(levelOrP0) \(alternative.rawValue)" }

    static let all: [LargeBinomialCase] = {
        let url = ReferenceFixtures.root.appendingPathComponent("reference/binomial_large.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst(2).compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 9, let x = Int(f[1]), let n = Int(f[2]), let level = Double(f[3]),
                  let alternative = Alternative(rawValue: f[4]) else { return nil }
            return LargeBinomialCase(kind: f[0], x: x, n: n, levelOrP0: level, alternative: alternative,
                                     lower: Double(f[5]), upper: Double(f[6]), pValue: Double(f[7]))
        }
    }()

    static func of(_ kind: String) -> [LargeBinomialCase] { all.filter { $0.kind == kind } }
}

/// Issue 12.5 and the binomial part of issue 13: intervals and tests at any n up to 10⁹, where
/// GSL's incomplete beta gave no finite result and its inverse did not return.
@Suite("Binomial at large n (issue 12.5)")
struct BinomialLargeNTests {
    @Test("the reference file is read whole")
    func fixtureRead() {
        #expect(LargeBinomialCase.of("cp").count == 1215)
        #expect(LargeBinomialCase.of("jeffreys").count == 1215)
        #expect(LargeBinomialCase.of("midp").count == 216)
        #expect(LargeBinomialCase.of("test").count == 660)
    }

    @Test("issue 12.5: Clopper–Pearson limits match R binom.test/qbeta for n up to 10^9", arguments: LargeBinomialCase.of("cp"))
    func clopperPearson(_ c: LargeBinomialCase) throws {
        let ci = try binomialInterval(successes: c.x, trials: c.n, method: .clopperPearson, confLevel: c.levelOrP0, alternative: c.alternative)
        #expect(agrees(ci.lower, c.lower!, relative: 1e-10), "lower \(ci.lower) vs R \(c.lower!)")
        #expect(agrees(ci.upper, c.upper!, relative: 1e-10), "upper \(ci.upper) vs R \(c.upper!)")
    }

    @Test("issue 12.5: Jeffreys limits match R qbeta for n up to 10^9", arguments: LargeBinomialCase.of("jeffreys"))
    func jeffreys(_ c: LargeBinomialCase) throws {
        let ci = try binomialInterval(successes: c.x, trials: c.n, method: .jeffreys, confLevel: c.levelOrP0, alternative: c.alternative)
        // A one-sided Jeffreys bound on the far side of x/n is reported as x/n (documented).
        let estimate = Double(c.x) / Double(c.n)
        let lower = c.alternative == .twoSided ? c.lower! : min(c.lower!, estimate)
        let upper = c.alternative == .twoSided ? c.upper! : max(c.upper!, estimate)
        #expect(agrees(ci.lower, lower, relative: 1e-10), "lower \(ci.lower) vs R \(lower)")
        #expect(agrees(ci.upper, upper, relative: 1e-10), "upper \(ci.upper) vs R \(upper)")
    }

    @Test("issue 12.5: mid-p limits match R uniroot on pbinom/dbinom for n up to 10^8", arguments: LargeBinomialCase.of("midp"))
    func midP(_ c: LargeBinomialCase) throws {
        let ci = try binomialInterval(successes: c.x, trials: c.n, method: .midP, confLevel: c.levelOrP0, alternative: c.alternative)
        #expect(agrees(ci.lower, c.lower!, relative: 1e-9), "lower \(ci.lower) vs R \(c.lower!)")
        #expect(agrees(ci.upper, c.upper!, relative: 1e-9), "upper \(ci.upper) vs R \(c.upper!)")
    }

    @Test("issue 12.5: exact test p-values match R binom.test for n up to 10^9", arguments: LargeBinomialCase.of("test"))
    func exactTest(_ c: LargeBinomialCase) throws {
        let r = try binomialTest(successes: c.x, trials: c.n, p0: c.levelOrP0, alternative: c.alternative)
        #expect(agrees(r.pValue, c.pValue!, relative: 1e-9, absolute: 1e-300), "p \(r.pValue) vs R \(c.pValue!)")
    }

    /// SciPy's `TestBinomTest.test_two_sided_pvalues1` (scipy/stats/tests/test_morestats.py),
    /// whose expected values are R `binom.test` output quoted there.
    @Test("issue 12.5: SciPy TestBinomTest cases at n = 2.1e7", arguments: [
        (10_079_999, 1.0), (10_079_990, 0.9966892187965), (10_080_009, 0.9970377203856), (10_080_017, 0.9940754817328),
    ])
    func scipyCases(_ x: Int, _ expected: Double) throws {
        let r = try binomialTest(successes: x, trials: 21_000_000, p0: 0.48)
        #expect(agrees(r.pValue, expected, relative: 1e-9))
    }

    @Test("Blaker limits at large n lie inside Clopper–Pearson and contain x/n", arguments: [2_000_000, 21_000_000, 1_000_000_000])
    func blakerLarge(_ n: Int) throws {
        for x in [1, n / 100, n / 2, n - 1] {
            let b = try binomialInterval(successes: x, trials: n, method: .blaker)
            let cp = try binomialInterval(successes: x, trials: n, method: .clopperPearson)
            #expect(b.lower >= cp.lower * (1 - 1e-12) && b.upper <= cp.upper * (1 + 1e-12), "\(x)/\(n)")
            #expect(b.lower <= Double(x) / Double(n) && Double(x) / Double(n) <= b.upper)
        }
    }
}

/// The incomplete beta function against R pbeta values and its own inverse.
@Suite("Incomplete beta")
struct IncompleteBetaTests {
    /// I_{1/2}(a, a) = 1/2 by symmetry; at a = 5 × 10⁸ the continued fraction needs about 10⁴
    /// terms, and the documented accuracy there is 1e-11.
    @Test("symmetric large parameters give one half at the centre")
    func symmetricCentre() throws {
        for a in [1.0, 10, 1e3, 1e6, 5e8] {
            let e = try IncompleteBeta.evaluate(0.5, a, a)
            #expect(abs(e.lower - 0.5) < 1e-11 && abs(e.upper - 0.5) < 1e-11, "a = \(a): \(e.lower) \(e.upper)")
        }
    }

    /// The Newton inverse returns the root that bisection on the same distribution function
    /// finds (to adjacent doubles), to 1e-11 of min(x, 1 − x): the limits print to that accuracy
    /// many times over.
    @Test("the inverse agrees with bisection in both tails", arguments: [0.5, 1, 3, 30, 1e4, 1e7, 1e9])
    func inverseAgreesWithBisection(_ a: Double) throws {
        for b in [0.5, 2, 1e3, 1e9] {
            for target in [1e-12, 5e-5, 0.025, 0.5, 0.975] {
                for upper in [false, true] {
                    let x = try IncompleteBeta.inverse(target, a, b, upper: upper)
                    let reference = try GSL.bisectBeta(target: target, a: a, b: b, upper: upper)
                    let scale = min(reference, 1 - reference)
                    #expect(abs(x - reference) <= 1e-11 * scale + 4 * reference.ulp,
                            "a \(a) b \(b) target \(target) upper \(upper): \(x) vs bisection \(reference)")
                }
            }
        }
    }

    @Test("I_x(a, b) rises with x and the two tails add to one")
    func monotone() throws {
        for (a, b) in [(2.0, 3.0), (1e6, 1e6 + 1), (0.5, 1e9 + 0.5)] {
            var previous = 0.0
            for i in 1..<200 {
                let x = Double(i) / 200
                let e = try IncompleteBeta.evaluate(x, a, b)
                #expect(e.lower >= previous)
                #expect(abs(e.lower + e.upper - 1) < 1e-14)
                previous = e.lower
            }
        }
    }
}
