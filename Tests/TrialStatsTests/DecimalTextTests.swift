import Testing
@testable import TrialStats

/// The one decimal formatter and the one decimal-scaling helper of the library (issue 11.5).
@Suite("Decimal text and decimal scaling")
struct DecimalTextTests {
    @Test("fixed decimals: half-up on the decimal value, ties judged as verify judges them", arguments: [
        (2.675, 2, "2.68"), (1.005, 2, "1.01"), (53.25, 1, "53.3"), (-0.125, 2, "-0.13"), (-1.45, 1, "-1.5"), (2.55, 1, "2.6"),
        (5.15, 1, "5.2"), (0.0625, 3, "0.063"), (-0.004, 2, "0.00"), (0, 0, "0"), (12.5, 0, "13"), (-12.5, 0, "-13"), (0.5, 0, "1"),
        (1.4250000000000003, 1, "1.4"), (9.995, 2, "10.00"), (1e20, 2, "100000000000000000000.00"), (123456789012.3456, 5, "123456789012.34560"),
        (12345678901.231, 2, "12345678901.23"), (50000000000.45, 0, "50000000000"), (999999999.5, 0, "1000000000"), (-2.5e9, 0, "-2500000000"),
        (1e-7, 3, "0.000"), (-7.5e-7, 6, "-0.000001"), (63, 1, "63.0"),
    ] as [(Double, Int, String)])
    func fixed(_ value: Double, _ decimals: Int, _ text: String) {
        #expect(DecimalText.fixed(value, decimals: decimals) == text)
    }

    @Test("exponent form and %g form, rounded half-up", arguments: [
        (1.0465e-05, 4, "1.047e-05", "1.047e-05"), (1e-05, 6, "1.00000e-05", "1e-05"), (1_234_567_890, 6, "1.23457e+09", "1.23457e+09"),
        (0.25, 4, "2.500e-01", "0.25"), (9.9995, 4, "1.000e+01", "10"), (-3, 1, "-3e+00", "-3"), (0, 3, "0.00e+00", "0"),
        (1.5e300, 2, "1.5e+300", "1.5e+300"), (5e-324, 1, "5e-324", "5e-324"), (0.5, 4, "5.000e-01", "0.5"), (123456.5, 6, "1.23457e+05", "123457"),
    ] as [(Double, Int, String, String)])
    func exponentForms(_ value: Double, _ significant: Int, _ scientific: String, _ general: String) {
        #expect(DecimalText.scientific(value, significant: significant) == scientific)
        #expect(DecimalText.general(value, significant: significant) == general)
    }

    @Test("the exponent of the leading digit, exactly", arguments: [
        (1.0, 0), (9.999999999999998, 0), (10, 1), (0.001, -3), (0.09999999999999999, -2), (-250, 2), (5e-324, -324), (1.7976931348623157e308, 308),
    ] as [(Double, Int)])
    func leadingExponent(_ value: Double, _ exponent: Int) {
        #expect(DecimalText.leadingExponent(value) == exponent)
    }

    @Test("printed numbers built from their parts print half-up")
    func printedNumberText() {
        #expect(PrintedNumber(value: 2.675, decimals: 2).text == "2.68")
        #expect(PrintedNumber(value: -1.45, decimals: 1).text == "-1.5")
        #expect(PrintedNumber(value: -0.001, decimals: 1).text == "0.0")
    }

    @Test("pow10: exact powers, and 10^-k the same Double as the literal", arguments: Array(-22...22))
    func powersOfTen(_ k: Int) {
        let literal = Double("1e\(k)")!
        #expect(pow10(k) == literal)
    }

    @Test("decimal places of the shortest form")
    func places() {
        #expect(decimalPlaces(0.125) == 3 && decimalPlaces(1e-5) == 5 && decimalPlaces(63) == 0 && decimalPlaces(2.5e-7) == 8 && decimalPlaces(-1.45) == 2)
    }

    /// Hand-worked intervals of true values behind negative printed numbers (issue 11.5): under
    /// half-up −1.5 covers (−1.55, −1.45], symmetric in magnitude to 1.5's [1.45, 1.55).
    @Test("true values behind negative printed numbers, under each rule")
    func negativeIntervals() throws {
        let n = try #require(PrintedNumber("\u{2212}1.5"))
        let up = n.interval(rule: .halfUp)
        #expect(abs(up.lower - -1.55) < 1e-15 && abs(up.upper - -1.45) < 1e-15 && !up.lowerIncluded && up.upperIncluded)
        let even = n.interval(rule: .halfEven)  // last digit 5 is odd: neither tie rounds to it
        #expect(abs(even.lower - -1.55) < 1e-15 && abs(even.upper - -1.45) < 1e-15 && !even.lowerIncluded && !even.upperIncluded)
        let truncated = n.interval(rule: .truncate)  // toward zero: −1.59… prints −1.5
        #expect(abs(truncated.lower - -1.6) < 1e-15 && truncated.upper == -1.5 && !truncated.lowerIncluded && truncated.upperIncluded)
        // Under every rule the printed text comes back from the interval's ends as hand-worked.
        for (value, rule, text) in [(-1.55, RoundingRule.halfUp, "-1.6"), (-1.45, .halfUp, "-1.5"), (-1.45, .halfEven, "-1.4"),
                                    (-1.55, .halfEven, "-1.6"), (-1.5999, .truncate, "-1.5"), (-1.6, .truncate, "-1.6")] {
            #expect(PrintedNumber(text)!.isPrinted(from: value, rule: rule), "\(value) under \(rule) prints \(text)")
        }
        // The union over the rules, as the lenient checks use it: [−1.6, −1.45], not (−1.55, −1.4).
        let all = n.trueValues
        #expect(abs(all.lowerBound - -1.6) < 1e-9 && abs(all.upperBound - -1.45) < 1e-9)
        #expect(!all.contains(-1.42))
    }

    @Test("quartile order with negative printed numbers: Q1 −1.4 above a median −1.5 is impossible under every rule")
    func negativeOrder() throws {
        let q1 = try #require(PrintedNumber("-1.4")), median = try #require(PrintedNumber("-1.5")), q1Tied = try #require(PrintedNumber("-1.50"))
        #expect(!Verifier.canBeOrdered(q1, median))
        #expect(Verifier.canBeOrdered(median, q1))
        #expect(Verifier.canBeOrdered(q1Tied, median) && Verifier.canBeOrdered(median, q1Tied))
        // −1.4 covers (−1.45, −1.35] and −1.45 covers (−1.455, −1.445] under half-up: one value can print as both.
        #expect(Verifier.canBeOrdered(try #require(PrintedNumber("-1.4")), try #require(PrintedNumber("-1.45"))))
    }
}
