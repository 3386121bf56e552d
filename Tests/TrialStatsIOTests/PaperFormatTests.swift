import Testing
@testable import TrialStatsIO

@Suite("Numbers as a paper prints them")
struct PaperFormatTests {
    @Test("fixed decimals: C printf rounding, typographic minus, no negative zero")
    func fixed() {
        #expect(PaperFormat.fixed(32.25, decimals: 1) == "32.2")  // binary 32.25 is a tie: to even, as R sprintf
        #expect(PaperFormat.fixed(50.75, decimals: 1) == "50.8")
        #expect(PaperFormat.fixed(-0.625, decimals: 2) == "\u{2212}0.62")
        #expect(PaperFormat.fixed(-0.004, decimals: 2) == "0.00")
        #expect(PaperFormat.fixed(nil, decimals: 2) == "—")
        #expect(PaperFormat.medianIQR(median: 38, q1: 32.25, q3: 50.75, decimals: 0) == "38 [32; 51]")
    }

    @Test("n (%) with whole percentages of the non-missing values")
    func countPercent() {
        #expect(PaperFormat.countPercent(7, of: 10) == "7 (70%)")
        #expect(PaperFormat.countPercent(2, of: 3) == "2 (67%)")
        #expect(PaperFormat.countPercent(0, of: 0) == "—")
    }

    @Test("p-values with two significant digits, < 0.0001 below", arguments: [
        (0.7, "0.70"), (1.0, "1.00"), (0.0625, "0.062"), (0.00390625, "0.0039"), (0.00048, "0.00048"),
        (0.0001, "0.00010"), (0.0000999, "< 0.0001"), (0.049999, "0.050"),
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
