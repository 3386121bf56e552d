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

    @Test("the first failing row wins within a block and across a repeated count")
    func firstErrorWithinBlock() {
        var counts = Self.counts(3000)
        counts[10] = GroupCount(group: "first", x: 4, n: 3, missing: 0)
        counts[11] = GroupCount(group: "second", x: 5, n: 1, missing: 0)
        counts[2999] = GroupCount(group: "again", x: 4, n: 3, missing: 0)
        #expect(throws: StatisticsError.invalidCounts(successes: 4, trials: 3)) {
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

