import Testing
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
