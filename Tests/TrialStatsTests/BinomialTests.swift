import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/binomial.json (binomial.R, R 4.2.2), typed.
struct BinomialReference: Decodable, Sendable {
    var intervals: [Interval]
    var tests: [TestCase]
    var published: [Published]

    /// One interval: R's bounds for x of n at a level and alternative.
    struct Interval: Decodable, Sendable {
        var x: Int
        var n: Int
        var confLevel: Double
        var alternative: Alternative
        var method: String
        var lower: Double
        var upper: Double
        enum CodingKeys: String, CodingKey { case x, n, confLevel = "conf_level", alternative, method, lower, upper }
    }

    /// `binom.test` and the mid-p value.
    struct TestCase: Decodable, Sendable {
        var x: Int
        var n: Int
        var p0: Double
        var alternative: Alternative
        var pValue: Double
        var midPValue: Double
        enum CodingKeys: String, CodingKey { case x, n, p0, alternative, pValue = "p_value", midPValue = "mid_p_value" }
    }

    /// An interval printed in the literature, at its printed precision.
    struct Published: Decodable, Sendable, CustomTestStringConvertible {
        var x: Int
        var n: Int
        var confLevel: Double
        var method: String
        var printedLower: Double
        var printedUpper: Double
        var decimals: Int
        var source: String
        enum CodingKeys: String, CodingKey {
            case x, n, confLevel = "conf_level", method, printedLower = "printed_lower", printedUpper = "printed_upper", decimals, source
        }
        var testDescription: String { "\(method) \(x)/\(n) at \(confLevel) (\(source))" }
    }

    static let loaded: BinomialReference? = try? ReferenceFixtures.decode(BinomialReference.self, "reference/binomial.json")
}

@Suite("Binomial intervals and exact test")
struct BinomialTests {
    static var reference: BinomialReference { BinomialReference.loaded ?? BinomialReference(intervals: [], tests: [], published: []) }

    @Test("the reference file reads: 8,932 intervals (1,218 per method, 406 Blaker), 933 tests, 4 published")
    func fixtureReads() throws {
        let reference = try #require(BinomialReference.loaded)
        #expect(reference.intervals.count == 8932 && reference.tests.count == 933 && reference.published.count == 4)
        for method in BinomialIntervalMethod.allCases {
            #expect(reference.intervals.filter { $0.method == method.rawValue }.count == (method == .blaker ? 406 : 1218), "\(method)")
        }
        #expect(Alternative.allCases.map { a in reference.tests.filter { $0.alternative == a }.count } == [299, 320, 314])
    }

    /// Every interval of Fixtures/reference/binomial.json: Clopper–Pearson (binom.test), Wilson
    /// (prop.test), Wilson-cc (Newcombe), Jeffreys (qbeta), mid-p and Blaker (the script's own
    /// exact solutions), Agresti–Coull and Wald, for n from 1 to 10^5 and levels 0.5–0.9999.
    @Test("intervals agree with the R reference to 1e-10 relative", arguments: BinomialIntervalMethod.allCases)
    func intervalsMatchReference(method: BinomialIntervalMethod) throws {
        let cases = Self.reference.intervals.filter { $0.method == method.rawValue }
        #expect(cases.count >= 400)
        for c in cases {
            var lower = c.lower, upper = c.upper
            // One-sided bounds that cross the estimate are reported at x/n (documented rule).
            let estimate = Double(c.x) / Double(c.n)
            if c.alternative != .twoSided { lower = min(lower, estimate); upper = max(upper, estimate) }
            let got = try binomialInterval(successes: c.x, trials: c.n, method: method, confLevel: c.confLevel, alternative: c.alternative)
            let label = "\(method.rawValue) \(c.x)/\(c.n) level \(c.confLevel) \(c.alternative.rawValue)"
            #expect(agrees(got.lower, lower, relative: 1e-10, absolute: 1e-300), "\(label): lower \(got.lower) vs \(lower)")
            #expect(agrees(got.upper, upper, relative: 1e-10, absolute: 1e-300), "\(label): upper \(got.upper) vs \(upper)")
        }
    }

    @Test("exact test and mid-p agree with R binom.test to 1e-10 relative", arguments: Alternative.allCases)
    func testsMatchReference(alternative: Alternative) throws {
        let cases = Self.reference.tests.filter { $0.alternative == alternative }
        #expect(cases.count >= 250)
        for c in cases {
            let got = try binomialTest(successes: c.x, trials: c.n, p0: c.p0, alternative: c.alternative)
            let label = "\(c.x)/\(c.n) p0 \(c.p0) \(c.alternative.rawValue)"
            #expect(agrees(got.pValue, c.pValue, relative: 1e-10, absolute: 1e-300), "\(label): p \(got.pValue) vs \(c.pValue)")
            #expect(agrees(got.midPValue, c.midPValue, relative: 1e-10, absolute: 1e-300), "\(label): mid-p \(got.midPValue) vs \(c.midPValue)")
        }
    }

    /// Values printed in the literature (see the reference file's "published" entries).
    @Test("published examples at their printed precision", arguments: BinomialTests.reference.published)
    func published(_ c: BinomialReference.Published) throws {
        let method = try #require(BinomialIntervalMethod(rawValue: c.method))
        let got = try binomialInterval(successes: c.x, trials: c.n, method: method, confLevel: c.confLevel)
        let scale = pow(10, Double(c.decimals))
        #expect((got.lower * scale).rounded() / scale == c.printedLower, "\(c)")
        #expect((got.upper * scale).rounded() / scale == c.printedUpper, "\(c)")
    }

    /// Hand-worked: 9 of 10 SLE patients (CASTLE); binom.test(9, 10) prints 0.5549839 0.9974714
    /// and p-value = 0.02148; the two-sided p is 2 · 11/1024 and its mid-p subtracts 10/1024.
    @Test("hand-worked: 9 of 10")
    func nineOfTen() throws {
        let cp = try binomialInterval(successes: 9, trials: 10)
        #expect(abs(cp.lower - 0.5549839) < 5e-8 && abs(cp.upper - 0.9974714) < 5e-8)
        // Upper Clopper–Pearson bound for 9/10 solves p^10 + 10 p^9 (1 − p) = 0.025... its
        // complement: lower for x = n solves p^n = α/2.
        let all = try binomialInterval(successes: 10, trials: 10)
        #expect(abs(all.lower - pow(0.025, 0.1)) < 1e-14)
        let test = try binomialTest(successes: 9, trials: 10, p0: 0.5)
        #expect(abs(test.pValue - 22.0 / 1024) < 1e-15)
        #expect(abs(test.midPValue - 12.0 / 1024) < 1e-15)
        // Wilson for 0/n has closed form upper z²/(n + z²).
        let z = 1.959963984540054
        let wilson = try binomialInterval(successes: 0, trials: 24, method: .wilson)
        #expect(wilson.lower == 0 && abs(wilson.upper - z * z / (24 + z * z)) < 1e-15)
    }

    /// The properties the issue asks for, on a dense grid: bounds ordered and in [0, 1], the
    /// interval contains x/n, widens as the level rises, and Blaker ⊆ Clopper–Pearson.
    @Test("properties on a dense grid", arguments: [1, 2, 3, 7, 10, 24, 61, 250])
    func properties(n: Int) throws {
        let levels = [0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999]
        for x in 0...n {
            for method in BinomialIntervalMethod.allCases {
                for alternative in Alternative.allCases {
                    var previous: ProportionInterval?
                    for level in levels {
                        let i = try binomialInterval(successes: x, trials: n, method: method, confLevel: level, alternative: alternative)
                        let estimate = Double(x) / Double(n)
                        #expect(0 <= i.lower && i.lower <= estimate && estimate <= i.upper && i.upper <= 1)
                        if let previous {
                            #expect(i.lower <= previous.lower + 1e-15 && i.upper >= previous.upper - 1e-15,
                                    "\(method.rawValue) \(x)/\(n) \(alternative.rawValue) narrows at \(level)")
                        }
                        previous = i
                    }
                }
            }
            for level in levels {
                let blaker = try binomialInterval(successes: x, trials: n, method: .blaker, confLevel: level)
                let cp = try binomialInterval(successes: x, trials: n, method: .clopperPearson, confLevel: level)
                #expect(cp.lower <= blaker.lower * (1 + 1e-12) && blaker.upper <= cp.upper * (1 + 1e-12))
                // The Blaker bound is where acceptability reaches α: accepted at the bound, not just below.
                if x > 0 {
                    let alpha = 1 - level
                    #expect(try blakerAcceptability(x, n, blaker.lower * (1 + 1e-9)) >= alpha)
                    #expect(try blakerAcceptability(x, n, blaker.lower * (1 - 1e-6)) < alpha)
                }
            }
        }
    }

    /// Large n and extreme levels: finite, ordered bounds for every method, and the
    /// one-sided Clopper–Pearson bound at x = 0 is 1 − α^(1/n).
    @Test("large n and extreme levels", arguments: [100_000, 1_000_000])
    func largeN(n: Int) throws {
        for x in [0, 1, 2, n / 1000, n / 2, n - 1, n] {
            for method in BinomialIntervalMethod.allCases {
                for level in [0.5, 0.9999] {
                    let i = try binomialInterval(successes: x, trials: n, method: method, confLevel: level)
                    #expect(i.lower.isFinite && i.upper.isFinite && i.lower <= i.upper)
                }
            }
        }
        let bound = try binomialInterval(successes: 0, trials: n, confLevel: 0.95, alternative: .less)
        #expect(agrees(bound.upper, -expm1(log(0.05) / Double(n)), relative: 1e-12))
    }

    @Test("bad counts and levels are refused")
    func badInput() {
        #expect(throws: StatisticsError.invalidCounts(successes: 11, trials: 10)) { try binomialInterval(successes: 11, trials: 10) }
        #expect(throws: StatisticsError.invalidCounts(successes: -1, trials: 10)) { try binomialInterval(successes: -1, trials: 10) }
        #expect(throws: StatisticsError.invalidCounts(successes: 0, trials: 0)) { try binomialInterval(successes: 0, trials: 0) }
        #expect(throws: StatisticsError.confidenceLevelOutOfRange(1)) { try binomialInterval(successes: 1, trials: 2, confLevel: 1) }
        #expect(throws: StatisticsError.nullProportionOutOfRange(1.5)) { try binomialTest(successes: 1, trials: 2, p0: 1.5) }
    }
}

/// Issue 13: valid levels near 0 gave "no finite result" for mid-p and Jeffreys, whose limits
/// there fall on the far side of x/n; they are reported as x/n (documented on binomialInterval).
@Suite("Binomial intervals at levels near 0")
struct BinomialLowLevelTests {
    @Test("issue 13: mid-p and Jeffreys at --conf-level 0.01 and 1e-9 give an interval around x/n",
          arguments: [BinomialIntervalMethod.midP, .jeffreys, .clopperPearson, .blaker, .wilson, .wilsonCC, .agrestiCoull, .wald])
    func lowLevels(_ method: BinomialIntervalMethod) throws {
        for level in [0.01, 1e-9] {
            for (x, n) in [(3, 10), (0, 5), (5, 5), (1, 1_000_000)] {
                let ci = try binomialInterval(successes: x, trials: n, method: method, confLevel: level)
                let estimate = Double(x) / Double(n)
                #expect(ci.lower <= estimate && estimate <= ci.upper && ci.lower >= 0 && ci.upper <= 1)
            }
        }
    }

    /// R 4.2.2: the mid-p upper limit for 3/10 at level 0.01 solves
    /// pbinom(2, 10, p) + dbinom(3, 10, p)/2 = 0.495: `uniroot(tol = 1e-14)` gives
    /// 0.30797715988056901; the lower limit (0.30420508919179939) lies above 3/10 and is
    /// reported as 0.3.
    @Test("issue 13: binom 3 10 --method mid-p --conf-level 0.01")
    func midPCase() throws {
        let ci = try binomialInterval(successes: 3, trials: 10, method: .midP, confLevel: 0.01)
        #expect(ci.lower == 0.3)
        #expect(agrees(ci.upper, 0.30797715988056901, relative: 1e-9))
    }
}
