import Testing
import TestSupport
@testable import TrialStats

@Suite("Descriptive summary")
struct SummaryTests {
    @Test("hand-worked summary of 1…10")
    func handWorked() throws {
        let s = try summarize((1...10).map(Double.init).reversed(), missing: 2, probs: [0.1])
        #expect(s.n == 10 && s.missing == 2)
        #expect(s.min == 1 && s.max == 10)
        #expect(s.q1 == 3.25 && s.median == 5.5 && s.q3 == 7.75 && s.iqr == 4.5)
        #expect(s.mean == 5.5)
        // var = 82.5 / 9.
        #expect(abs(s.sd! - (82.5 / 9).squareRoot()) < 1e-15)
        #expect(s.quantiles == [QuantileValue(prob: 0.1, value: 1.9)])
        #expect(s.medianCI.lower == 2 && s.medianCI.upper == 9)
    }

    @Test("quartiles follow the requested type; n = 1 has no SD")
    func typeAndSingleValue() throws {
        let data: [Double] = [10, 20, 30, 40]
        let s6 = try summarize(data, quantileType: .type6)
        #expect(s6.q1 == 12.5 && s6.q3 == 37.5)
        let one = try summarize([4.2])
        #expect(one.sd == nil && one.median == 4.2 && one.mean == 4.2)
    }

    @Test("mean is accurate for large offsets")
    func meanAccuracy() throws {
        let s = try summarize([1e9 + 0.1, 1e9 + 0.2, 1e9 + 0.3])
        #expect(abs(s.mean - (1e9 + 0.2)) < 1e-6)
        #expect(abs(s.sd! - 0.1) < 1e-6)
    }
}

/// Issue 13, silent wrong values in `describe`: sums that overflowed turned a mean of 1e308s and
/// the SD of ±1e200 into "not estimable".
@Suite("Summary at the ends of the double range")
struct SummaryExtremeTests {
    @Test("issue 13: the mean of three values of 1e308 is 1e308")
    func meanNearLargest() throws {
        let s = try summarize([1e308, 1e308, 1e308])
        #expect(s.mean == 1e308)
        #expect(s.sd == 0)
    }

    /// 1e200 · sqrt(4/3) = 1.1547005383792515e200 (the two-pass SD of 1, −1, 1 times 1e200).
    @Test("issue 13: the SD of 1e200, −1e200, 1e200 is finite")
    func sdNearLargest() throws {
        let s = try summarize([1e200, -1e200, 1e200])
        #expect(agrees(s.mean, 1e200 / 3, relative: 1e-15))
        #expect(agrees(s.sd!, 1.1547005383792515e200, relative: 1e-15))
        #expect(s.median == 1e200 && s.q1 == 0)
    }

    @Test("scaling leaves ordinary results bit for bit unchanged", arguments: [
        [1.0, 2, 3, 4], [0.1, 0.2, 0.3], [-5.5, 3.25, 1e-3, 7], [0.3, 0.1, 100, 2.5e-7],
    ])
    func unchanged(_ unsorted: [Double]) throws {
        let s = try summarize(unsorted)
        let data = unsorted.sorted()
        let n = Double(data.count)
        var mean = data.reduce(0, +) / n
        mean += data.reduce(0) { $0 + ($1 - mean) } / n
        let ss = data.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        #expect(s.mean == mean)
        #expect(s.sd == (ss / (n - 1)).squareRoot())
    }

    /// Unscaled, the squares of 1e-300 underflow to 0 and the SD would print as 0.
    @Test("the SD of values near the smallest normal double does not underflow")
    func sdNearSmallest() throws {
        let s = try summarize([1e-300, 2e-300, 5e-300])
        #expect(agrees(s.sd!, 1e-300 * (13.0 / 3).squareRoot(), relative: 1e-14))
    }

    @Test("the SD beyond the largest double is infinite, never NaN")
    func sdOverflow() throws {
        let s = try summarize([1.7e308, -1.7e308])
        #expect(s.mean == 0)
        #expect(s.sd == .infinity)
    }
}
