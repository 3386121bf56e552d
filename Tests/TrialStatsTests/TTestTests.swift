import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("t-tests")
struct TTestTests {
    @Test("Student, Welch and paired agree with R t.test to 1e-9")
    func matchesR() throws {
        let reference = try #require(LocationReference.loaded)
        let cases = reference.tTest
        #expect(cases.count > 100)
        for c in cases {
            let data = reference.datasets[c.dataset]
            let x = Array(data.x.prefix(c.nX)), y = Array(data.y.prefix(c.nY)), name = data.name
            let kind = TTestKind(rawValue: c.kind)!
            let alt = alternative(fromR: c.alternative)
            let label = "\(name) \(kind) \(alt)"
            let got: TTestResult
            do { got = try tTest(x, y, kind: kind, alternative: alt, mu: c.mu, confLevel: c.confLevel) } catch {
                // Constant paired differences: R returns t = ±Inf or NaN; TrialStats refuses them.
                #expect(name == "all-tied" && error as? ComparisonError == .constantData, "\(label): \(error)")
                continue
            }
            let statistic = try #require(c.statistic?.value), p = try #require(c.pValue)
            #expect(agrees(got.statistic, statistic, relative: 1e-9), "\(label): t \(got.statistic) vs \(statistic)")
            #expect(agrees(got.df, c.df, relative: 1e-9), "\(label): df")
            #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
            if let lo = c.confLow?.finite { #expect(agrees(got.confLow!, lo, relative: 1e-9, absolute: 1e-12), "\(label): low \(got.confLow!) vs \(lo)") }
            if let hi = c.confHigh?.finite { #expect(agrees(got.confHigh!, hi, relative: 1e-9, absolute: 1e-12), "\(label): high \(got.confHigh!) vs \(hi)") }
        }
    }

    /// Student's sleep data (R `sleep`, Student 1908): paired t = −4.0621, df = 9, p = 0.002833.
    @Test("hand-worked: Student's sleep data")
    func sleep() throws {
        let a = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0], b = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
        let got = try tTest(a, b, kind: .paired)
        #expect((got.statistic * 10_000).rounded() / 10_000 == -4.0621 && got.df == 9)
        #expect((got.pValue * 1_000_000).rounded() / 1_000_000 == 0.002833)
        #expect(throws: ComparisonError.constantData) { try tTest([1, 1, 1], [1, 1, 1], kind: .student) }
    }
}

@Suite("t-tests at the edge of the double range")
struct TTestRangeTests {
    /// Three values of 1e308 average to 1e308 (their sum overflows); a second group spanning
    /// ±1e308: t, df and p are computed on the data scaled by a power of two, but the interval's
    /// upper end is beyond the largest double: the test says so, and does not call the data constant.
    @Test("an interval beyond the largest double is reported as such, not as constant data", arguments: [TTestKind.student, .welch])
    func overflow(kind: TTestKind) {
        let x = [1e308, 1e308, 1e308], y = [1e-320, -1e308, 1e200]
        do {
            let r = try tTest(x, y, kind: kind)
            Issue.record("\(kind): no error but \(r)")
        } catch {
            if case let .invalid(.numeric(.notFinite(function, _))) = error {
                #expect(function.hasPrefix("the t-test's interval"), "\(function)")
            } else {
                Issue.record("\(kind): \(error)")
            }
        }
        // Constant data are still constant data, for every kind.
        #expect(throws: ComparisonError.constantData) { try tTest([2, 2, 2], [2, 2, 2], kind: kind) }
    }
}

@Suite("t-tests on data of any magnitude")
struct TTestScaleTests {
    /// Multiplying data and μ by a power of two is exact, and t, df and p do not depend on the
    /// scale: at 2^±600 (squared deviations would overflow or underflow unscaled) every kind and
    /// alternative gives the same t, df and p to the last bit as at scale 1, and the estimate, SE
    /// and interval times the factor.
    @Test("scaled by 2^600 or 2^-600: the same t, df and p, the estimate and interval scaled",
          arguments: [TTestKind.student, .welch, .paired], [600, -600, 1000, -1000])
    func powerOfTwo(kind: TTestKind, exponent: Int) throws {
        var generator = SeededGenerator(seed: 20261207)
        let factor = Double(sign: .plus, exponent: exponent, significand: 1)
        for trial in 0..<40 {
            let n = 2 + trial % 9
            let x = (0..<n).map { _ in Double(Int.random(in: -500...500, using: &generator)) / 7 }
            let y = (0..<(kind == .paired ? n : 3 + trial % 5)).map { _ in Double(Int.random(in: -400...600, using: &generator)) / 3 }
            let mu = Double(trial % 3) - 1
            for alternative in Alternative.allCases {
                let plain = try tTest(x, y, kind: kind, alternative: alternative, mu: mu, confLevel: 0.9)
                let scaled = try tTest(x.map { $0 * factor }, y.map { $0 * factor }, kind: kind, alternative: alternative, mu: mu * factor, confLevel: 0.9)
                let label = "\(kind) 2^\(exponent) #\(trial) \(alternative)"
                #expect(scaled.statistic == plain.statistic && scaled.df == plain.df && scaled.pValue == plain.pValue, "\(label)")
                #expect(scaled.estimate == plain.estimate * factor && scaled.standardError == plain.standardError * factor, "\(label)")
                #expect(scaled.confLow == plain.confLow.map { $0 * factor } && scaled.confHigh == plain.confHigh.map { $0 * factor }, "\(label)")
                #expect(scaled.mu == mu * factor)
            }
        }
    }

    /// Deviations of 1e200 (squares beyond the largest double) and of 1e-200 (squares below the
    /// smallest): R's t.test gives t = −3.1623, df = 4, p = 0.03411 for c(1, 2, −1) vs c(3, 5, 4)
    /// with var.equal = TRUE, at any scale; the estimate is −3.3333 times the scale.
    @Test("deviations of 1e200 and 1e-200 give R's t, df and p for the unscaled data")
    func hugeAndTiny() throws {
        for scale in [1e200, 1e-200, 1e300] {
            let r = try tTest([1, 2, -1].map { $0 * scale }, [3, 5, 4].map { $0 * scale }, kind: .student)
            #expect(agrees(r.statistic, -3.16227766016838, relative: 1e-12) && r.df == 4, "\(scale)")
            #expect(agrees(r.pValue, 0.0341094231674096, relative: 1e-12), "\(scale)")
            #expect(agrees(r.estimate, -3.3333333333333335 * scale, relative: 1e-12), "\(scale)")
            #expect(agrees(r.confLow!, -6.259963443616941 * scale, relative: 1e-12) && agrees(r.confHigh!, -0.4067032230497256 * scale, relative: 1e-12), "\(scale)")
        }
    }
}

