import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("t-tests")
struct TTestTests {
    @Test("Student, Welch and paired agree with R t.test to 1e-9")
    func matchesR() throws {
        let cases = try #require(RankSumTestTests.reference["t_test"] as? [[String: Any]])
        #expect(cases.count > 100)
        for c in cases {
            var (x, y, name) = RankSumTestTests.dataset(c.int("dataset")!)
            x = Array(x.prefix(c.int("n_x")!)); y = Array(y.prefix(c.int("n_y")!))
            let kind = TTestKind(rawValue: c["kind"] as! String)!
            let alt = alternative(fromR: c["alternative"] as! String)
            let label = "\(name) \(kind) \(alt)"
            let got: TTestResult
            do { got = try tTest(x, y, kind: kind, alternative: alt, mu: c.double("mu")!, confLevel: c.double("conf_level")!) } catch {
                // Constant paired differences: R returns t = ±Inf or NaN; TrialStats refuses them.
                #expect(name == "all-tied" && error as? ComparisonError == .constantData, "\(label): \(error)")
                continue
            }
            #expect(agrees(got.statistic, c.double("statistic")!, relative: 1e-9), "\(label): t \(got.statistic) vs \(c["statistic"]!)")
            #expect(agrees(got.df, c.double("df")!, relative: 1e-9), "\(label): df")
            #expect(agrees(got.pValue, c.double("p_value")!, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(c["p_value"]!)")
            if let lo = jsonNumber(c["conf_low"]), lo.isFinite { #expect(agrees(got.confLow!, lo, relative: 1e-9, absolute: 1e-12), "\(label): low \(got.confLow!) vs \(lo)") }
            if let hi = jsonNumber(c["conf_high"]), hi.isFinite { #expect(agrees(got.confHigh!, hi, relative: 1e-9, absolute: 1e-12), "\(label): high \(got.confHigh!) vs \(hi)") }
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
    /// ±1e308 has a variance beyond the largest double: the test says so, and does not call the
    /// data constant.
    @Test("an overflowing variance is reported as such, not as constant data", arguments: [TTestKind.student, .welch])
    func overflow(kind: TTestKind) {
        let x = [1e308, 1e308, 1e308], y = [1e-320, -1e308, 1e200]
        do {
            let r = try tTest(x, y, kind: kind)
            Issue.record("\(kind): no error but \(r)")
        } catch {
            if case let .invalid(.numeric(.notFinite(function, _))) = error {
                #expect(function.hasPrefix("the t statistic"))
            } else {
                Issue.record("\(kind): \(error)")
            }
        }
        // Constant data are still constant data, for every kind.
        #expect(throws: ComparisonError.constantData) { try tTest([2, 2, 2], [2, 2, 2], kind: kind) }
    }
}
