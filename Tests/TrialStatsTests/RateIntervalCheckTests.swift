import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// verify's `rate-interval` on `x/n (p%) [lo–hi]` cells, against R `binom.test`
/// (Fixtures/reference/rate_interval_check.R and .json, R 4.2.2): the exact Clopper–Pearson
/// interval is recomputed from the printed count and denominator at the stated level.
@Suite("verify: a rate's printed interval against R binom.test")
struct RateIntervalCheckTests {
    /// One count and denominator at a level, with R's interval.
    struct Case: Decodable, Sendable, CustomStringConvertible {
        var x: Int, n: Int, level: Double, lower: Double, upper: Double
        enum CodingKeys: String, CodingKey { case x, n, level = "conf_level", lower, upper }
        var description: String { "\(x)/\(n) at \(level)" }
    }

    /// Fixtures/reference/rate_interval_check.json, typed.
    struct Reference: Decodable, Sendable {
        var cases: [Case]
    }

    static let loaded: Reference? = try? ReferenceFixtures.decode(Reference.self, "reference/rate_interval_check.json")
    static var cases: [Case] { loaded?.cases ?? [] }

    /// The cell as `trialstats analyze` prints it: percentages at one decimal, half-up on the
    /// decimal value; the level inside the brackets when it is not 95%.
    static func text(_ c: Case, lower: Double? = nil, upper: Double? = nil, printLevel: Bool? = nil) -> String {
        let p = DecimalText.fixed(100 * Double(c.x) / Double(c.n), decimals: 1)
        let lo = DecimalText.fixed(100 * (lower ?? c.lower), decimals: 1), hi = DecimalText.fixed(100 * (upper ?? c.upper), decimals: 1)
        let level = (printLevel ?? (c.level != 0.95)) ? DecimalText.fixed(100 * c.level, decimals: 0) + "% CI " : ""
        return "\(c.x)/\(c.n) (\(p)%) [\(level)\(lo)–\(hi)]"
    }

    static func verify(_ text: String, n: Int) -> VerificationReport {
        Verifier.verify([PublishedCell(table: "T", row: "Response", column: "A", columnN: n, text: text)])
    }

    @Test("the reference file reads: 22 cases") func fixtureReads() throws {
        let reference = try #require(Self.loaded)
        #expect(reference.cases.count == 22)
    }

    /// The library's Clopper–Pearson interval is R's to 1e-9, and verify reads the printed cell,
    /// recomputes it at the printed level (95% when none is printed) and passes it silently.
    @Test("printed exact intervals pass", arguments: cases)
    func exactPasses(_ c: Case) throws {
        let ci = try binomialInterval(successes: c.x, trials: c.n, method: .clopperPearson, confLevel: c.level)
        #expect(agrees(ci.lower, c.lower, relative: 1e-9, absolute: 1e-15) && agrees(ci.upper, c.upper, relative: 1e-9), "\(ci)")
        let text = Self.text(c)
        guard case let .rateCI(x, of, percent, _, _, level) = CellParser.parse(text) else { Issue.record("\(text) not read as a rate with its interval"); return }
        #expect(x == c.x && of == c.n && percent?.decimals == 1 && level == (c.level == 0.95 ? nil : c.level))
        let report = Self.verify(text, n: c.n)
        #expect(report.findings.isEmpty, "\(text): \(report.findings.map(\.detail))")
        #expect(report.coverage[0].checks.contains(CheckOutcome(check: .rateInterval, status: .passed)), "\(text): \(report.coverage[0].checks)")
    }

    /// Printed without its level, a 90% or 99% interval is not the 95% exact one: never passed
    /// in silence, and the finding says that 95% was assumed.
    @Test("a level other than 95% not printed is not passed silently", arguments: cases.filter { $0.level != 0.95 })
    func unprintedLevel(_ c: Case) throws {
        let text = Self.text(c, printLevel: false)
        let finding = try #require(Self.verify(text, n: c.n).findings.first { $0.check == .rateInterval }, "\(text)")
        guard case let .rateInterval(_, _, _, _, level, levelPrinted, methods) = finding.detail else { Issue.record("\(finding.detail)"); return }
        #expect(level == 0.95 && !levelPrinted && !methods.contains("clopper-pearson"))
    }

    /// A lower bound moved up by 0.15% prints at least 0.1 above what any rounding of the exact bound prints.
    @Test("a planted bound is found", arguments: cases.filter { $0.x > 0 && $0.x < $0.n })
    func plantedBound(_ c: Case) throws {
        let text = Self.text(c, lower: c.lower + 0.0015)
        let report = Self.verify(text, n: c.n)
        let finding = try #require(report.findings.first { $0.check == .rateInterval }, "\(text)")
        guard case let .rateInterval(count, n, _, _, _, _, methods) = finding.detail else { Issue.record("\(finding.detail)"); return }
        #expect(count == c.x && n == c.n && !methods.contains("clopper-pearson"), "\(text): \(methods)")
        #expect(finding.severity == (methods.isEmpty ? .warning : .note))
    }

    /// A rate outside its own interval is impossible whatever the method: 7/10 = 70% with
    /// 34.8–63.3.
    @Test("the rate outside its interval") func outside() {
        let report = Self.verify("7/10 (70.0%) [34.8–63.3]", n: 10)
        #expect(report.findings.contains { $0.check == .range && $0.severity == .error })
    }
}
