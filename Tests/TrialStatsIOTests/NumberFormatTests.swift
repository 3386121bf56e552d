import Foundation
import Testing
import TrialStats
@testable import TrialStatsIO

@Suite("Numbers as a paper prints them")
struct PaperFormatTests {
    @Test("fixed decimals: half-up on the decimal value, typographic minus, no negative zero")
    func fixed() {
        #expect(PaperFormat.fixed(32.25, decimals: 1) == "32.3")  // a tie: away from zero (printf: 32.2, to even)
        #expect(PaperFormat.fixed(50.75, decimals: 1) == "50.8")
        #expect(PaperFormat.fixed(2.55, decimals: 1) == "2.6")  // binary 2.5499999999999998…: still the decimal tie 2.55
        #expect(PaperFormat.fixed(5.15, decimals: 1) == "5.2")  // binary 5.1500000000000003…
        #expect(PaperFormat.fixed(-0.625, decimals: 2) == "\u{2212}0.63")
        #expect(PaperFormat.fixed(-0.004, decimals: 2) == "0.00")
        #expect(PaperFormat.fixed(nil, decimals: 2) == "—")
        #expect(PaperFormat.medianIQR(median: 38, q1: 32.25, q3: 50.75, decimals: 0) == "38 [32; 51]")
        #expect(PaperFormat.medianIQR(median: 32.5, q1: 24.5, q3: 53.75, decimals: 0) == "33 [25; 54]")
    }

    @Test("n (%) with whole percentages of the non-missing values")
    func countPercent() {
        #expect(PaperFormat.countPercent(7, of: 10) == "7 (70%)")
        #expect(PaperFormat.countPercent(2, of: 3) == "2 (67%)")
        #expect(PaperFormat.countPercent(1, of: 8) == "1 (13%)")  // 12.5%
        #expect(PaperFormat.countPercent(0, of: 0) == "—")
    }

    @Test("p-values with two significant digits, < 0.0001 below", arguments: [
        (0.7, "0.70"), (1.0, "1.00"), (0.0625, "0.063"), (0.00390625, "0.0039"), (0.00048, "0.00048"),
        (0.0001, "0.00010"), (0.0000999, "< 0.0001"), (0.049999, "0.050"), (0.1875, "0.19"), (0.0009999, "0.00100"),
    ])
    func pValue(_ p: Double, _ text: String) {
        #expect(PaperFormat.pValue(p) == text)
    }

    @Test("ranges use an en dash, or 'to' when a bound is negative")
    func range() {
        #expect(PaperFormat.range("55.5", "99.7") == "55.5–99.7")
        #expect(PaperFormat.range("\u{2212}1.3", "\u{2212}0.3") == "\u{2212}1.3 to \u{2212}0.3")
    }
}

@Suite("Numbers for people and for machines")
struct NumberFormatTests {
    @Test("for people: six significant digits, no trailing zeros, exponent form outside 1e-4…1e9", arguments: [
        (40.625, 4, "40.63"), (32.25, 6, "32.25"), (0.0078125, 4, "0.007813"), (1.0 / 3, 6, "0.333333"), (2.0 / 3, 6, "0.666667"),
        (-0.5, 6, "-0.5"), (999_999.5, 6, "1000000"), (1e-5, 6, "1.00000e-05"), (1_234_567_890, 6, "1.23457e+09"),
        (0.1 + 0.2, 6, "0.3"), (95, 4, "95"), (-1e-12, 6, "-1.00000e-12"),
    ] as [(Double, Int, String)])
    func people(_ value: Double, _ significant: Int, _ text: String) {
        #expect(formatForPeople(value, significant: significant) == text)
    }

    @Test("for people: not available is a dash")
    func notAvailable() {
        #expect(formatForPeople(nil) == "—" && formatForPeople(.nan) == "—" && formatForPeople(.infinity) == "—" && formatPValue(nil) == "—")
        #expect(formatForPeople(-0.0) == "0")
    }

    @Test("p-values for people: four significant digits, exponent form below 1e-4", arguments: [
        (0.0625, "0.0625"), (0.001953125, "0.001953"), (0.00048828125, "0.0004883"), (1.0468750000000001e-05, "1.047e-05"), (1.0465e-05, "1.047e-05"), (1, "1"),
    ])
    func pValue(_ p: Double, _ text: String) {
        #expect(formatPValue(p) == text)
    }

    @Test("for machines: the shortest text that reads back to the same Double")
    func machines() {
        for value in [0.1, 1.0 / 3, 63.5, 1e-5, 2.675, 5e-324, 1.7976931348623157e308, -0.125] {
            #expect(Double(formatRoundTrip(value)) == value)
        }
        #expect(formatJSONNumber(63) == "63" && formatJSONNumber(-0.0) == "0" && formatJSONNumber(.nan) == "null" && formatJSONNumber(2.675) == "2.675")
        #expect(formatCoordinate(12.5) == "12.5" && formatCoordinate(3) == "3" && formatCoordinate(-0.25) == "-0.25" && formatCoordinate(760) == "760")
    }

    /// The printing and the verifier's reading agree: a number printed at d decimals is read back
    /// by `verify` as printed from the same value under half-up rounding, for every tie.
    @Test("every printed number is what verify calls half-up rounding of its value")
    func agreesWithVerify() {
        for k in -2000...2000 {
            let value = Double(k) / 8  // ties at one and two decimals: 0.125, 0.375, 0.625, …
            for decimals in 0...3 {
                let text = PaperFormat.fixed(value, decimals: decimals).replacingOccurrences(of: "\u{2212}", with: "-")
                let printed = PrintedNumber(text)!
                #expect(printed.isPrinted(from: value, rule: .halfUp), "\(value) at \(decimals): \(text)")
            }
        }
        for text in ["2.675", "1.005", "0.145", "53.25", "-1.45", "1.4250000000000003"] {
            let value = Double(text)!
            let printed = PrintedNumber(PaperFormat.fixed(value, decimals: 2).replacingOccurrences(of: "\u{2212}", with: "-"))!
            #expect(printed.isPrinted(from: value, rule: .halfUp), "\(text)")
        }
    }
}
