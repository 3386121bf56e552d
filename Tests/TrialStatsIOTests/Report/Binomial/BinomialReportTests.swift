import Testing
import TrialStats
@testable import TrialStatsIO

@Suite("Binomial report from many counts")
struct BinomialReportTests {
    static func counts(_ count: Int) -> [GroupCount] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { i in
            let n = Int.random(in: 0...3000, using: &generator)
            return GroupCount(group: "r\(i)", x: Int.random(in: 0...n, using: &generator), n: n, missing: 0)
        }
    }

    @Test("rows computed side by side equal the rows computed one after another", arguments: [
        BinomialSettings(), BinomialSettings(methods: BinomialIntervalMethod.allCases, confLevel: 0.9, alternative: .less, p0: 0.3),
    ])
    func sameRows(settings: BinomialSettings) throws {
        let counts = Self.counts(settings.methods.count > 1 ? 2500 : 10_000)
        let report = try BinomialReport(counts: counts, settings: settings, patientLevel: true)
        let expected = try counts.map { c in
            try BinomialRow(label: c.group, x: c.x, n: c.n, settings: settings, note: c.n == 0 ? emptyGroupNote : nil)
        }
        #expect(report.rows.count == expected.count)
        #expect(report.rows == expected)
    }

    @Test("the error is that of the first failing row, as one after another")
    func firstError() {
        var counts = Self.counts(6000)
        counts[4500] = GroupCount(group: "late", x: 9, n: 2, missing: 0)
        counts[3001] = GroupCount(group: "early", x: 7, n: 5, missing: 0)
        #expect(throws: StatisticsError.invalidCounts(successes: 7, trials: 5)) {
            try BinomialReport(counts: counts, settings: BinomialSettings(), patientLevel: false)
        }
    }
}
