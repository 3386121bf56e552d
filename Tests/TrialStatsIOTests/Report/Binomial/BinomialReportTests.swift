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

    /// Rows made to fail (index, x, n), and the counts of the error expected: across blocks; within
    /// a block, and across a repeated count.
    @Test("the error is that of the first failing row, as one after another", arguments: [
        (6000, [(4500, 9, 2), (3001, 7, 5)], 7, 5),
        (3000, [(10, 4, 3), (11, 5, 1), (2999, 4, 3)], 4, 3),
    ])
    func firstError(size: Int, failing: [(Int, Int, Int)], x: Int, n: Int) {
        var counts = Self.counts(size)
        for (index, x, n) in failing { counts[index] = GroupCount(group: "row \(index)", x: x, n: n, missing: 0) }
        #expect(throws: StatisticsError.invalidCounts(successes: x, trials: n)) {
            try BinomialReport(counts: counts, settings: BinomialSettings(), patientLevel: false)
        }
    }

    @Test("distinct counts are numbered in order of first appearance, as a dictionary numbers them")
    func distinctNumbering() {
        var generator = SystemRandomNumberGenerator()
        let extremes = [Int.min, Int.min + 1, -1, 0, 1, 2, 1 << 32, (1 << 32) + 1, Int.max - 1, Int.max]
        for size in [0, 1, 7, 100, 5000, 40_000] {
            let pairs: [(Int, Int)] = (0..<size).map { _ in
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: return (Int.random(in: 0...20, using: &generator), Int.random(in: 0...20, using: &generator))
                case 1: return (extremes.randomElement(using: &generator)!, extremes.randomElement(using: &generator)!)
                default: return (Int.random(in: Int.min...Int.max, using: &generator), Int.random(in: 0...1_000_000_000, using: &generator))
                }
            }
            var table = DistinctCounts(capacity: pairs.count)
            var seen: [[Int]: Int] = [:]
            for (x, n) in pairs {
                let before = seen.count
                let isNew = seen[[x, n]] == nil
                let expected = seen[[x, n]] ?? before
                if isNew { seen[[x, n]] = before }
                let got = table.number(x: x, n: n, next: before)
                #expect(got.number == expected && got.isNew == isNew, "\(x) \(n)")
            }
        }
    }

    @Test("the CSV written straight into bytes equals the CSV of collected rows", arguments: [
        BinomialSettings(), BinomialSettings(methods: BinomialIntervalMethod.allCases, confLevel: 0.9, alternative: .greater, p0: 0.25),
    ])
    func csvTextEqualsRows(settings: BinomialSettings) throws {
        var counts = Self.counts(settings.methods.count > 1 ? 300 : 3000)
        counts[0].group = "=cmd, \"quoted\""
        counts[1] = GroupCount(group: "empty", x: 0, n: 0, missing: 2)
        let report = try BinomialReport(counts: counts, settings: settings, patientLevel: false)
        let text = report.csvText()
        #expect(text == report.csv().serialized())
        #expect(text.split(separator: "\n").count == 1 + counts.count * settings.methods.count)
        #expect(report.text(format: "csv") == text)
    }
}

