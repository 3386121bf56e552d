import Foundation
import Testing
@testable import TrialStats

/// verify's `sd-bounds` check and the mean against a range printed in another row: hand-worked
/// cases, and a brute-force property that real samples never trip it.
@Suite("verify: SD and mean against the range")
struct SpreadCheckTests {
    static func cells(_ meanSD: String, _ range: String, n: Int, meanRow: String = "Age, mean (SD)", rangeRow: String = "Age, range",
                      section: String = "") -> [PublishedCell] {
        [PublishedCell(table: "T1", section: section, row: meanRow, column: "All", columnN: n, text: meanSD),
         PublishedCell(table: "T1", section: section, row: rangeRow, column: "All", columnN: n, text: range)]
    }

    static func findings(_ cells: [PublishedCell], _ check: Check) -> [Finding] {
        Verifier.verify(cells).findings.filter { $0.check == check }
    }

    /// 10 values in [20, 60] with mean 40: SD ≤ √(10/9 · 20 · 20) = 21.08 (five at each end);
    /// with 20 and 60 among them, SD ≥ 40/√18 = 9.43 (the other eight at 40). Over the true values
    /// behind the printed numbers (whole numbers: 20 is [19.5, 21) under rounding or truncation,
    /// 60 is [59.5, 61); 40.0 is [39.95, 40.05]): SD ≤ √(10/9 · (61 − 40.05)(40.05 − 19.5)) = 21.87
    /// and SD ≥ (59.5 − 21)/√18 = 9.07.
    @Test(arguments: [("40.0 (30.0)", true), ("40.0 (21.0)", false), ("40.0 (15.0)", false), ("40.0 (9.5)", false), ("40.0 (5.0)", true)])
    func sdAgainstRange(_ text: String, _ impossible: Bool) throws {
        let found = Self.findings(Self.cells(text, "20–60", n: 10), .sdBounds)
        #expect(found.count == (impossible ? 1 : 0), "\(text): \(found)")
        if let f = found.first, case let .sdBounds(_, _, n, smallest, largest, from) = f.detail {
            #expect(n == 10 && from == "range")
            #expect(abs(largest - (10.0 / 9 * (61 - 40.05) * (40.05 - 19.5)).squareRoot()) < 1e-9)
            #expect(abs(smallest - 38.5 / 18.0.squareRoot()) < 1e-9)
            #expect(f.related.count == 1)
        }
    }

    /// An off-centre mean narrows the largest SD: mean 25 in [20, 60], n = 10:
    /// √(10/9 · (61 − 25.05)(25.05 − 19.5)) = 14.89.
    @Test func offCentreMean() {
        #expect(Self.findings(Self.cells("25.0 (15.5)", "20–60", n: 10), .sdBounds).count == 1)
        #expect(Self.findings(Self.cells("25.0 (14.5)", "20–60", n: 10), .sdBounds).isEmpty)
    }

    /// The range in its own row: layouts with the variable in the section, and different variables.
    @Test func pairing() {
        let sectioned = Self.cells("40.0 (30.0)", "20–60", n: 10, meanRow: "Mean (SD)", rangeRow: "Range", section: "Age (years)")
        #expect(Self.findings(sectioned, .sdBounds).count == 1)
        let other = Self.cells("40.0 (30.0)", "20–60", n: 10, meanRow: "Age, mean (SD)", rangeRow: "Weight, range")
        #expect(Self.findings(other, .sdBounds).isEmpty)
        let coverage = Verifier.verify(other).coverage
        #expect(coverage.allSatisfy { !$0.checks.contains { $0.check == .sdBounds } })
    }

    /// A mean outside what the range allows: 10 values in [20, 60] have a mean of at most
    /// (20 + 9·60)/10 = 56, (21 + 9·61)/10 = 57 over the true values behind the printed range.
    @Test func meanAgainstRangeRow() throws {
        let found = Self.findings(Self.cells("58.0 (5.0)", "20–60", n: 10), .meanBounds)
        let f = try #require(found.first)
        guard case let .meanBounds(_, n, _, largest, from) = f.detail else { Issue.record("detail"); return }
        #expect(n == 10 && from == "range")
        #expect(abs((largest ?? 0) - 57) < 1e-9)
        #expect(Self.findings(Self.cells("55.0 (5.0)", "20–60", n: 10), .meanBounds).isEmpty)
    }

    /// The instrument's scale bounds the SD: HAQ 0–3, 20 patients, mean 2.9: SD ≤ √(20/19 ·
    /// (3 − 2.85)(2.85 − 0)) = 0.671.
    @Test func sdAgainstScale() {
        func cell(_ text: String) -> [PublishedCell] {
            [PublishedCell(table: "T", row: "HAQ, mean ± SD", column: "All", columnN: 20, text: text, scaleMin: 0, scaleMax: 3, scaleStep: 0.125)]
        }
        let high = Self.findings(cell("2.9 ± 1.2"), .sdBounds)
        #expect(high.count == 1)
        if case let .sdBounds(_, _, _, _, largest, from)? = high.first?.detail {
            #expect(from == "scale")
            #expect(abs(largest - (20.0 / 19 * 0.15 * 2.85).squareRoot()) < 1e-9)
        }
        #expect(Self.findings(cell("2.9 ± 0.6"), .sdBounds).isEmpty)
        #expect(Self.findings(cell("3.4 ± 0.6"), .meanBounds).count == 1)
    }

    /// No N: not run, with the reason.
    @Test func noColumnN() throws {
        let cells = [PublishedCell(table: "T1", row: "Age, mean (SD)", column: "All", columnN: nil, text: "40.0 (30.0)"),
                     PublishedCell(table: "T1", row: "Age, range", column: "All", columnN: nil, text: "20–60")]
        let c = try #require(Verifier.verify(cells).coverage.first)
        #expect(c.checks.contains(CheckOutcome(check: .sdBounds, status: .notRun, reason: .noColumnN)))
    }

    /// Brute force: samples of 2–12 whole numbers in [0, 10] — random ones and the extremes (half
    /// at each end; the ends and the rest at the midpoint) — printed with one decimal never trip
    /// the checks.
    @Test func realSamplesPass() {
        var generator = SeededGenerator(seed: 20261206)
        var samples: [[Double]] = []
        for n in 2...12 {
            samples.append((0..<n).map { $0 < n / 2 ? 0 : 10 })
            samples.append([0, 10] + Array(repeating: 5, count: n - 2))
            for _ in 0..<40 { samples.append((0..<n).map { _ in Double(generator.next() % 11) }) }
        }
        var tripped: [String] = []
        for sample in samples {
            let n = Double(sample.count)
            let mean = sample.reduce(0, +) / n
            let sd = (sample.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
            let text = "\(PrintedNumber.fixed(mean, decimals: 1)) (\(PrintedNumber.fixed(sd, decimals: 1)))"
            let range = "\(Int(sample.min()!))–\(Int(sample.max()!))"
            let cells = Self.cells(text, range, n: sample.count)
            let found = Verifier.verify(cells).findings.filter { $0.check == .sdBounds || $0.check == .meanBounds }
            if !found.isEmpty { tripped.append("\(sample) → \(text) \(range)") }
        }
        #expect(tripped.isEmpty, "\(tripped.prefix(5))")
    }
}
