import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// verify's `count-p-value` check: a p-value beside two or more groups' counts against Fisher,
/// mid-p, chi-square with and without Yates, the G-test, Boschloo and Barnard. Reference p-values:
/// `Fixtures/reference/count_pvalue_check.R` (R 4.2.2, `fisher.test`, `chisq.test`) and
/// `count_pvalue_check.py` (SciPy 1.17.1 `boschloo_exact`, `barnard_exact`).
@Suite("verify: two-group p-values from printed counts")
struct CountPValueCheckTests {
    struct Case: Sendable, CustomStringConvertible {
        var x: [Int]
        var n: [Int]
        var p: [CountPValueTest: Double]
        var description: String { "\(x) of \(n)" }
    }

    /// count_pvalue_check_r.json, typed: R's p-values per case and the case printed with the wrong N.
    struct ReferenceR: Decodable, Sendable {
        var cases: [Row]
        var otherN: OtherN
        enum CodingKeys: String, CodingKey { case cases, otherN = "other_n" }

        struct Row: Decodable, Sendable {
            var x: [Int]
            var n: [Int]
            var fisher: Double?
            var fisherMidP: Double?
            var chisq: Double?
            var chisqYates: Double?
            var gTest: Double?
            enum CodingKeys: String, CodingKey {
                case x, n, fisher, fisherMidP = "fisher_mid_p", chisq, chisqYates = "chisq_yates", gTest = "g_test"
            }
        }

        struct OtherN: Decodable, Sendable {
            var x: [Int]
            var printedN: [Int]
            var trueN: [Int]
            var fisherTrueN: Double
            enum CodingKeys: String, CodingKey { case x, printedN = "printed_n", trueN = "true_n", fisherTrueN = "fisher_true_n" }
        }
    }

    /// count_pvalue_check_scipy.json, typed: SciPy's unconditional exact p-values per case.
    struct ReferenceSciPy: Decodable, Sendable {
        var cases: [Row]
        struct Row: Decodable, Sendable { var x: [Int]; var n: [Int]; var boschloo: Double?; var barnard: Double? }
    }

    static let referenceR: ReferenceR? = try? ReferenceFixtures.decode(ReferenceR.self, "reference/count_pvalue_check_r.json")
    static let referenceSciPy: ReferenceSciPy? = try? ReferenceFixtures.decode(ReferenceSciPy.self, "reference/count_pvalue_check_scipy.json")

    static let cases: [Case] = (referenceR?.cases ?? []).map { row in
        var p: [CountPValueTest: Double] = [:]
        p[.fisher] = row.fisher
        p[.fisherMidP] = row.fisherMidP
        p[.chisq] = row.chisq
        p[.chisqYates] = row.chisqYates
        p[.gTest] = row.gTest
        if let u = referenceSciPy?.cases.first(where: { $0.x == row.x && $0.n == row.n }) {
            p[.boschloo] = u.boschloo
            p[.barnard] = u.barnard
        }
        return Case(x: row.x, n: row.n, p: p)
    }

    @Test("the reference files read: 12 R cases, 8 SciPy cases")
    func fixturesRead() throws {
        #expect(try #require(Self.referenceR).cases.count == 12)
        #expect(try #require(Self.referenceSciPy).cases.count == 8)
    }

    static func cells(_ x: [Int], _ n: [Int], p: String, test: String? = nil, extra: [PublishedCell] = []) -> [PublishedCell] {
        let groups = ["SLE", "SSc", "IIM"]
        var cells = x.indices.map { i in
            PublishedCell(table: "T2", row: "Response, n (%)", column: groups[i], columnN: n[i],
                          text: "\(x[i]) (\(String(format: "%.1f", 100 * Double(x[i]) / Double(n[i]))))")
        }
        cells += extra
        cells.append(PublishedCell(table: "T2", row: "Response, n (%)", column: "P value", columnN: nil, text: p, test: test))
        return cells
    }

    static func comparison(_ report: VerificationReport) -> (Finding, CountPValueComparison)? {
        for f in report.findings { if case let .countPValue(c) = f.detail { return (f, c) } }
        return nil
    }

    /// The reference values were read (a missing file must fail, not skip).
    @Test func referenceFilesRead() {
        #expect(Self.cases.count == 12)
        #expect(Self.cases.filter { $0.p[.boschloo] != nil }.count == 8)
    }

    /// Every test's p-value agrees with R or SciPy, and printed to three decimals it is named.
    @Test(arguments: cases)
    func printedPValueNamesItsTest(_ c: Case) throws {
        for (test, reference) in c.p {
            let printed = reference < 0.001 ? "P < 0.001" : "P = \(String(format: "%.3f", reference))"
            let report = Verifier.verify(Self.cells(c.x, c.n, p: printed))
            let (finding, comparison) = try #require(Self.comparison(report), "\(test) \(printed)")
            let computed = try #require(comparison.computed.first { $0.test == test }, "\(test) not computed")
            // Boschloo and Barnard: SciPy's maximum over a 1000-point grid is a lower bound of the supremum.
            let tolerance = (test == .boschloo || test == .barnard) ? 1e-6 : 1e-9
            #expect(abs(computed.pValue - reference) <= tolerance * max(reference, 1e-300), "\(test): \(computed.pValue) vs \(reference)")
            #expect(comparison.matching.contains(test), "\(test) \(printed): matching \(comparison.matching)")
            #expect(finding.severity == .note)
            #expect(comparison.otherNs == nil)
        }
    }

    /// A p-value no test of the counts prints is a warning listing what each test gives.
    @Test func unreproducedPValueIsAWarning() throws {
        let report = Verifier.verify(Self.cells([3, 9], [12, 12], p: "P = 0.500"))
        let (finding, comparison) = try #require(Self.comparison(report))
        #expect(finding.severity == .warning)
        #expect(comparison.matching.isEmpty)
        #expect(comparison.computed.count == 7)
        #expect(comparison.otherNs == nil)
    }

    /// R: fisher.test(rbind(c(8, 4), c(1, 6)))$p.value = 0.05727554179566563 (8 of 9 vs 4 of 10);
    /// printed beside N = 10 and 10, no test gives 0.057 and the check names N = 9.
    @Test func reproducedOnlyWithAnotherN() throws {
        let other = try #require(Self.referenceR).otherN
        let p = other.fisherTrueN
        let cells = [PublishedCell(table: "T2", row: "Response, n (%)", column: "A", columnN: 10, text: "8"),
                     PublishedCell(table: "T2", row: "Response, n (%)", column: "B", columnN: 10, text: "4"),
                     PublishedCell(table: "T2", row: "Response, n (%)", column: "p", columnN: nil, text: "P = \(String(format: "%.3f", p))")]
        let (finding, comparison) = try #require(Self.comparison(Verifier.verify(cells)))
        #expect(finding.severity == .warning)
        #expect(comparison.matching.isEmpty)
        #expect(comparison.otherNs?.map(\.value) == other.trueN)
        let fisher = try #require(comparison.otherMatching.first { $0.test == .fisher })
        #expect(abs(fisher.pValue - p) <= 1e-9 * p)
        #expect(comparison.computed.first { $0.test == .fisher }.map { abs($0.pValue - 0.1698023338890213) < 1e-12 } == true)
    }

    /// The test column names the test: reproduced by another test only is a warning.
    @Test func namedTestMustReproduce() throws {
        // 3/12 vs 9/12: Fisher 0.0391, Yates 0.0412, Pearson 0.0143.
        let report = Verifier.verify(Self.cells([3, 9], [12, 12], p: "P = 0.014", test: "fisher"))
        let (finding, comparison) = try #require(Self.comparison(report))
        #expect(comparison.named == .fisher)
        #expect(comparison.matching == [.chisq])
        #expect(finding.severity == .warning)
        let named = Verifier.verify(Self.cells([3, 9], [12, 12], p: "P = 0.039", test: "fisher"))
        #expect(Self.comparison(named)?.0.severity == .note)
    }

    /// A p-value the check does not compute, a row with a ratio, an unreadable group cell, a bare
    /// count column and a missing N are reported as not run, with the reason.
    @Test(arguments: [
        (cells([3, 9], [12, 12], p: "P = 0.04", test: "signed-rank"), NotRunReason.otherTest),
        (cells([3, 9], [12, 12], p: "P = 0.04", extra: [PublishedCell(table: "T2", row: "Response, n (%)", column: "HR (95% CI)",
                                                                       columnN: nil, text: "0.90 (0.78–1.04)")]), .notACountRow),
        (cells([3, 9], [12, 12], p: "P = 0.04", extra: [PublishedCell(table: "T2", row: "Response, n (%)", column: "Other",
                                                                       columnN: 5, text: "see text")]), .unreadableNeighbour),
        // A bare count beside the n (%) cells that no heading places under a group: which
        // columns the p compares is not known (before, the reason said a ratio or rate was printed).
        (cells([3, 9], [12, 12], p: "P = 0.04", extra: [PublishedCell(table: "T2", row: "Response, n (%)", column: "Onset within 24 h",
                                                                       columnN: 12, text: "2")]), .bareCountColumns),
        ([PublishedCell(table: "T2", row: "Response, n (%)", column: "A", columnN: nil, text: "3"),
          PublishedCell(table: "T2", row: "Response, n (%)", column: "B", columnN: 12, text: "9"),
          PublishedCell(table: "T2", row: "Response, n (%)", column: "p", columnN: nil, text: "0.04")], .noColumnN),
    ])
    func notRunWithReason(_ cells: [PublishedCell], _ reason: NotRunReason) throws {
        let report = Verifier.verify(cells)
        #expect(Self.comparison(report) == nil)
        let pCell = try #require(report.coverage.first { if case .pValue = $0.readAs { return true } else { return false } })
        #expect(pCell.checks.contains(CheckOutcome(check: .countPValue, status: .notRun, reason: reason)), "\(pCell.checks)")
    }

    /// A total column is not a group, and counts with a cell's own denominator (x/n) use it.
    @Test func totalColumnAndOwnDenominators() throws {
        let cells = [PublishedCell(table: "T", row: "Female", column: "All", columnN: 24, text: "12 (50%)"),
                     PublishedCell(table: "T", row: "Female", column: "A", columnN: 12, text: "3/12"),
                     PublishedCell(table: "T", row: "Female", column: "B", columnN: 13, text: "9/12"),
                     PublishedCell(table: "T", row: "Female", column: "p", columnN: nil, text: "0.039")]
        let (_, comparison) = try #require(Self.comparison(Verifier.verify(cells)))
        #expect(comparison.ns.map(\.value) == [12, 12])
        #expect(comparison.counts.map(\.label) == ["A", "B"])
        #expect(comparison.matching.contains(.fisher))
    }

    /// Rows of numbers (medians by group) are not this check's: no outcome is recorded for it.
    @Test func numericRowsAreNotCountRows() {
        let cells = [PublishedCell(table: "T", row: "Age, median (IQR)", column: "A", columnN: 10, text: "31 (24–55)"),
                     PublishedCell(table: "T", row: "Age, median (IQR)", column: "B", columnN: 9, text: "36 (27–56)"),
                     PublishedCell(table: "T", row: "Age, median (IQR)", column: "p", columnN: nil, text: "0.52")]
        let report = Verifier.verify(cells)
        #expect(report.coverage.allSatisfy { !$0.checks.contains { $0.check == .countPValue } })
    }

    /// Large groups: the unconditional tests are left out above their limit and the rest run
    /// (SPRINT-sized rows, 352 of 5,128 vs 371 of 5,123: R fisher.test p = 0.4543).
    @Test func largeGroupsRunTheConditionalTests() throws {
        let big = try #require(Self.cases.first { $0.n == [5128, 5123] })
        let fisher = try #require(big.p[.fisher])
        let (_, comparison) = try #require(Self.comparison(Verifier.verify(Self.cells(big.x, big.n, p: String(format: "%.2f", fisher)))))
        #expect(!comparison.computed.contains { $0.test == .boschloo || $0.test == .barnard })
        #expect(comparison.matching.contains(.fisher))
    }
}
