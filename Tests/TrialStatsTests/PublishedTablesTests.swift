import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Real published tables (Fixtures/published-tables, provenance in its README): every cell read,
/// nothing called impossible that is not.
@Suite("Verifying real published tables")
struct PublishedTablesTests {
    static func cells(_ name: String) throws -> [PublishedCell] {
        let url = ReferenceFixtures.root.appendingPathComponent("published-tables/\(name)")
        return try VerifierTests.readCSV(try String(contentsOf: url, encoding: .utf8))
    }

    @Test("every cell read and no finding", arguments: ["pmc8245327-table1.csv", "pmc8579417-table1.csv", "pmc4551392-table4.csv"])
    func clean(name: String) throws {
        let cells = try Self.cells(name)
        let report = Verifier.verify(cells)
        #expect(report.unparsed.isEmpty && report.parsed == cells.count, "\(report.unparsed.map(\.text))")
        #expect(report.findings.isEmpty, "\(report.findings.map(\.detail))")
    }

    /// A finding as (check, severity, row, column), the cell it blames.
    struct Pinned: Hashable, CustomStringConvertible {
        var check: Check, severity: Severity, row: String, column: String
        init(_ check: Check, _ severity: Severity, _ row: String, _ column: String) {
            (self.check, self.severity, self.row, self.column) = (check, severity, row, column)
        }
        var description: String { "\(check.rawValue) \(severity.rawValue) \(row) | \(column)" }
    }

    /// PMC6998370 Table 3 (in `file`): every cell read, and the findings exactly one count-p-value
    /// note per adverse-event row; the cells, the report and the notes' details.
    static func fisherNotes(_ file: String) throws -> (cells: [PublishedCell], report: VerificationReport, notes: [CountPValueComparison]) {
        let cells = try Self.cells(file)
        let report = Verifier.verify(cells)
        #expect(report.unparsed.isEmpty && report.parsed == cells.count, "\(report.unparsed.map(\.text))")
        let rows = ["Upper respiratory infection", "Diarrhea", "Fever", "Vomiting", "Constipation"]
        #expect(Self.pinned(report) == Set(rows.map { Pinned(.countPValue, .note, $0, "P value") }), "\(Self.pinned(report))")
        return (cells, report, report.findings.compactMap { f in
            guard case let .countPValue(c) = f.detail else { Issue.record("\(f.detail)"); return nil }
            return c
        })
    }

    static func pinned(_ report: VerificationReport) -> Set<Pinned> {
        Set(report.findings.map { Pinned($0.check, $0.severity, $0.cell.row, $0.cell.column) })
    }

    /// PMC6998370 Table 3: adverse events, All (n = 39), Control 20, hUC-MSC 19; the footnote names
    /// Fisher's exact test. Every percentage is x/N (14/20 = 70.0%, 10/19 = 52.63%, 24/39 = 61.54%),
    /// Control + hUC-MSC = All in every row, and every P value is Fisher's two-sided p, so the only
    /// findings are the five notes that say so, one per P value.
    @Test("PMC6998370: every P value is Fisher's exact test, as the footnote says")
    func stemCellAdverseEvents() throws {
        // R: fisher.test(matrix(c(14,6,10,9),2))$p.value = 0.3332 (0.333); c(9,11,6,13): 0.5145 (0.514);
        // c(4,16,7,12): 0.3008 (0.301); c(3,17,5,14): 0.4506 (0.451); c(3,17,1,18): 0.6050 (0.605).
        for c in try Self.fisherNotes("pmc6998370-table3.csv").notes { #expect(c.named == .fisher && c.matching.contains(.fisher)) }
    }

    /// PMC7223905 Table 3: methylnaltrexone (N = 39) vs placebo (N = 43); p-values carry footnote
    /// letters (a Pearson's chi-square, b Wilcoxon, c Fisher's exact test).
    @Test("PMC7223905: two percentages of another N, a one-sided Fisher p, p-values with footnote letters")
    func methylnaltrexone() throws {
        let cells = try Self.cells("pmc7223905-table3.csv")
        let report = Verifier.verify(cells)
        #expect(report.unparsed.isEmpty && report.parsed == cells.count, "\(report.unparsed.map(\.text))")
        let pv = "p value", m = "Methylnaltrexone (N = 39)", pl = "Placebo (N = 43)"
        let expected: Set<Pinned> = [
            // 8/39 = 20.51%, never 20.0% (R: 100*8/39 = 20.51); 8/40 = 20.0%.
            Pinned(.percentRounding, .error, "Diarrhoea reported as adverse event [N (%)]", m),
            // 13/43 = 30.23%, never 31.7% (R: 100*13/43 = 30.23); 13/41 = 31.71%.
            Pinned(.percentRounding, .error, "Number of patients (%) experiencing adverse events", pl),
            // Footnote c (Fisher), but R: fisher.test(matrix(c(2,37,2,41),2))$p.value = 1; 0.65 is the
            // one-sided p (alternative = "greater": 0.6543). chisq.test(correct = FALSE) 0.9202, mid-p 0.8087.
            Pinned(.countPValue, .warning, "Number of patients (%) experiencing serious adverse events", pv),
            // Footnote a (Pearson's chi-square), yet chisq.test(matrix(c(17,22,17,26),2), correct = FALSE)
            // gives 0.7097 and with Yates 0.8825; what prints 0.74 is Fisher's mid-p (0.7403, R via dhyper),
            // Boschloo 0.7421 and Barnard 0.7360 (SciPy 1.17.1). No test is named, so a note naming those.
            Pinned(.countPValue, .note, "Number of patients requiring rescue laxatives (at least once) [N (%)]", pv),
            // fisher.test(matrix(c(8,31,11,32),2))$p.value = 0.6120 (0.61c).
            Pinned(.countPValue, .note, "Diarrhoea reported as adverse event [N (%)]", pv),
            // 23/39 vs 36/43: fisher.test 0.01525 and chisq.test (Yates) 0.02477 print 0.02 (0.02a).
            Pinned(.countPValue, .note, "Number (proportion) of patients with diarrhoea at least once", pv),
            // fisher.test(matrix(c(3,36,7,36),2))$p.value = 0.3183 (0.32c).
            Pinned(.countPValue, .note, "Number of patients (%) with clostridium difficile infection (PCR or toxin-positive)", pv),
            // fisher.test(matrix(c(19,20,27,16),2))$p.value = 0.2659 (0.27c).
            Pinned(.countPValue, .note, "Number of patients (%) with positive microbiology blood cultures", pv),
            // fisher.test(matrix(c(9,30,13,30),2))$p.value = 0.6185 (0.62c).
            Pinned(.countPValue, .note, "Number of patients (%) experiencing adverse events", pv),
        ]
        #expect(Self.pinned(report) == expected, "\(Self.pinned(report).symmetricDifference(expected))")
        let oneSided = try #require(report.findings.first { $0.severity == .warning })
        guard case let .countPValue(c) = oneSided.detail else { Issue.record("\(oneSided.detail)"); return }
        #expect(c.named == .fisher && c.matching.isEmpty)
        let wrongN = report.findings.compactMap { f -> Int? in
            if case let .percentMismatch(_, _, _, _, nearest) = f.detail { return nearest }
            return nil
        }
        #expect(Set(wrongN) == [40, 41])
        // The medians with comma-separated quartiles are read as such.
        #expect(report.coverage.filter { $0.readAs.kind == "median (IQR)" }.count == 4)
    }

    /// A p-value with a footnote letter ("0.74a") is a p-value: before, it was read as a plain
    /// number and the count-p-value check of its row did not run, with nothing said.
    @Test("a footnote mark after a p-value is not part of it")
    func footnoteMarkedPValue() throws {
        for text in ["0.74a", "0.74c", "0.74#", "0.74†"] {
            #expect(CellParser.parse(text, label: .pValue) == .pValue(try #require(PrintedPValue("0.74"))), "\(text)")
        }
        #expect(CellParser.parse("P = 0.03b", label: .none) == .pValue(try #require(PrintedPValue("0.03"))))
        // Outside a p-value column the letter is a unit as before, and a word stays a word.
        #expect(CellParser.parse("0.74a", label: .none) == .number(try #require(PrintedNumber("0.74"))))
        // A planted row: 17/39 vs 17/43 with "0.74a" is now checked (Fisher's mid-p prints 0.74).
        let t = "T", r = "Rescue laxatives, n (%)"
        let cells = [PublishedCell(table: t, row: r, column: "A", columnN: 39, text: "17 (43.6)"),
                     PublishedCell(table: t, row: r, column: "B", columnN: 43, text: "17 (39.5)"),
                     PublishedCell(table: t, row: r, column: "p value", columnN: nil, text: "0.74a")]
        let findings = Verifier.verify(cells).findings
        #expect(findings.map(\.check) == [.countPValue])
        // With the placebo count changed to 12 of 43 (27.9%), no test prints 0.74: a warning.
        var planted = cells
        planted[1].text = "12 (27.9)"
        #expect(Verifier.verify(planted).findings.map(\.severity) == [.warning])
    }

    /// Frontiers style "mean (±SD)": PMC5882834 Table 3 prints "100.25 (±3.86)" with its range
    /// "87 to 103" in the next column; "(±3.86)" was not read. Here its control IDN rows are laid
    /// out as rows (sd-bounds pairs a range row in the same column), with n = 4: the control means
    /// are all multiples of 1/4 (MMSE 28.75 ± 0.5 within 28–29 is {28, 29, 29, 29}).
    @Test("a mean with its SD after a ± inside the brackets")
    func plusMinusInBrackets() throws {
        #expect(CellParser.parse("28.33 (±1.37)") == .meanSD(mean: try #require(PrintedNumber("28.33")), sd: try #require(PrintedNumber("1.37"))))
        #expect(CellParser.parse("13 (± 1.63)") == .meanSD(mean: try #require(PrintedNumber("13")), sd: try #require(PrintedNumber("1.63"))))
        let t = "Table 3"
        let cells = [PublishedCell(table: t, section: "IDN control", row: "Baseline mean (±SD)", column: "Control", columnN: 4, text: "100.25 (±3.86)"),
                     PublishedCell(table: t, section: "IDN control", row: "Baseline range", column: "Control", columnN: 4, text: "87 to 103"),
                     PublishedCell(table: t, section: "IDN control, follow-up", row: "Follow-up mean (±SD)", column: "Control", columnN: 4, text: "96.75 (±8.77)"),
                     PublishedCell(table: t, section: "IDN control, follow-up", row: "Follow-up range", column: "Control", columnN: 4, text: "95 to 108")]
        let report = Verifier.verify(cells)
        #expect(report.unparsed.isEmpty && report.parsed == 4)
        // Four values from 87 to 103: the mean is at most (87 + 3·103)/4 = 99.0 (99.5 over the
        // rounding of the range), not 100.25. From 95 to 108: at least (3·95 + 108)/4 = 98.25, not 96.75.
        #expect(Set(report.findings.map { "\($0.check.rawValue) \($0.severity.rawValue) \($0.cell.section)" })
                == ["mean-bounds error IDN control", "mean-bounds error IDN control, follow-up"], "\(report.findings.map(\.detail))")
    }

    /// PMC7462457 Table 4 (ACTIVATE): placebo (N = 78) vs BCG (N = 72). No test is named; every
    /// p-value is Fisher's two-sided p but one: Hip fracture, 2/78 vs 0/72, printed 0.490 where
    /// fisher.test(matrix(c(2,76,0,72),2))$p.value is 0.4974 (0.497); chisq.test 0.1713 (Yates 0.5122),
    /// mid-p 0.3631, G-test 0.1042, Boschloo 0.4511 and Barnard 0.2226 (SciPy 1.17.1) do not print
    /// 0.490 either: a warning. The other 28 p-values are notes naming Fisher (e.g. 30/78 vs 17/72:
    /// fisher.test 0.05489 → 0.055; 0/78 vs 1/72: 0.48 → 0.480; 4/78 vs 11/72: 0.05511 → 0.055).
    @Test("PMC7462457: 28 Fisher p-values and one that no test prints")
    func bcgAdverseEvents() throws {
        let cells = try Self.cells("pmc7462457-table4.csv")
        let report = Verifier.verify(cells)
        #expect(report.unparsed.isEmpty && report.parsed == cells.count, "\(report.unparsed.map(\.text))")
        let pValueRows = Set(cells.filter { $0.column == "p value" }.map(\.row))
        let notes = Set(pValueRows.subtracting(["Hip fracture"]).map { Pinned(.countPValue, .note, $0, "p value") })
        #expect(Self.pinned(report) == notes.union([Pinned(.countPValue, .warning, "Hip fracture", "p value")]))
        // Rows repeat across sections ("Stroke", "Anemia"): 29 p-values, 29 findings.
        #expect(report.findings.count == 29)
        for f in report.findings where f.severity == .note {
            guard case let .countPValue(c) = f.detail else { Issue.record("\(f.detail)"); continue }
            #expect(c.matching.contains(.fisher), "\(f.cell.row)")
        }
    }

    /// The real PMC tables the document readers extract (Fixtures/documents/expected, provenance in
    /// its README): stars as footnote marks, "Reference", bare CIs "29.7, 49.5", IQRs "38-128",
    /// "Mean (s.d.)" rows. Every cell read and no error; in PMC4172848 the arms are rows under one
    /// column N, so the percentages imply half of it: one warning per column, not 20 errors.
    @Test("the document fixtures: every cell read, nothing impossible", arguments: [
        ("PMC1626454_002_00.csv", 0), ("PMC4172848_007_00.csv", 6), ("PMC4517499_004_00.csv", 0), ("PMC4840965_004_00.csv", 0),
        ("PMC5198506_004_00.csv", 0), ("PMC5402779_004_00.csv", 0), ("annonc-2013-stage-deprivation.csv", 0), ("bjc-2010-epic-colorectal.csv", 0),
        ("bmc-microbiol-2011-lysis-time.csv", 0), ("bmc-oral-health-2008-ohip-nl.csv", 0), ("pntd-2013-rvf-mozambique.csv", 0),
    ])
    func documentFixtures(name: String, warnings: Int) throws {
        let url = ReferenceFixtures.root.appendingPathComponent("documents/expected/\(name)")
        let cells = try VerifierTests.readCSV(try String(contentsOf: url, encoding: .utf8))
        let report = Verifier.verify(cells)
        #expect(report.unparsed.isEmpty, "\(report.unparsed.map(\.text))")
        #expect(!report.findings.contains { $0.severity == .error }, "\(report.findings.map(\.detail))")
        let other = report.findings.filter { $0.severity == .warning }
        #expect(other.count == warnings && other.allSatisfy { if case .columnNNotDenominator = $0.detail { return true } else { return false } })
    }

    /// Lancet style: "0·75"-style decimals and mean (SD) in a column of medians (IQR).
    @Test("PMC8245327: mid-dot decimals and a mean (SD) read as such")
    func midDot() throws {
        let report = Verifier.verify(try Self.cells("pmc8245327-table1.csv"))
        let kinds = report.coverage.map { $0.readAs.kind }
        #expect(kinds.filter { $0 == "median (IQR)" }.count == 8 && kinds.filter { $0 == "mean ± SD" }.count == 1)
        #expect(kinds.filter { $0 == "not applicable" }.count == 10 && kinds.filter { $0 == "n (%)" }.count == 16)
    }

    /// With the heading's N instead of the footnote's, the check names the footnote's denominator.
    @Test("PMC8579417: with the heading's N, the finding names the footnote's denominator")
    func footnoteDenominator() throws {
        var cells = try Self.cells("pmc8579417-table1.csv")
        for i in cells.indices where cells[i].row == "Mortality at day 28" { cells[i].columnN = cells[i].column.hasSuffix("12 mg") ? 497 : 485 }
        let findings = Verifier.verify(cells).findings.filter { $0.severity == .error }
        #expect(findings.count == 2)
        guard case let .percentMismatch(_, _, _, _, nearest) = findings.first?.detail else { Issue.record("no finding"); return }
        #expect(nearest == 491)
    }

    /// NEJM style: hazard ratios with CIs and a P value column; "1 (<0.1)" is a count below 0.1%.
    @Test("PMC4551392: hazard ratios, P values and a percentage bound")
    func sprint() throws {
        let report = Verifier.verify(try Self.cells("pmc4551392-table4.csv"))
        let kinds = report.coverage.map { $0.readAs.kind }
        #expect(kinds.filter { $0 == "estimate (CI)" }.count == 7 && kinds.filter { $0 == "p-value" }.count == 7)
        let bound = try #require(report.coverage.first { $0.text == "1 (<0.1)" })
        #expect(bound.checks.contains(CheckOutcome(check: .percentRounding, status: .passed)))
        // Planted: 6 patients of 5,128 are 0.12%, not below 0.1%.
        var cells = try Self.cells("pmc4551392-table4.csv")
        let i = try #require(cells.firstIndex { $0.text == "1 (<0.1)" })
        cells[i].text = "6 (<0.1)"
        #expect(Verifier.verify(cells).findings.map(\.check) == [.percentRounding])
    }

    /// PMC5882834 Table 3 (Frontiers in Aging Neuroscience 2018), transcribed whole: each row an
    /// arm of one test, with "Basline mean (±SD)" [sic] followed by "Baseline range", then
    /// "Follow-up mean (±SD)" and "Follow-up range" in the same row (issue 15). The range in the
    /// next column is the mean's partner ("Basline" is the table's typo: the column just after
    /// the mean, headed as a range, is taken when no heading names the same thing). The table
    /// prints no n, so as printed every mean's checks say so (`no_column_n`). With the arms' sizes
    /// the means imply — every control mean is a multiple of 1/4 and every intervention mean of
    /// 1/6 (28.75 = 115/4, 28.33 = 170/6), except FAB control's 13.7 and GDS intervention's 4.12 —
    /// three cells cannot be true: IDN control's baseline mean 100.25 with its range 87 to 103
    /// (four values: at most (87 + 3·103)/4 = 99.25, 100 over every reading of the rounding) and
    /// its follow-up 96.75 with 95 to 108 (at least (3·95 + 108)/4 = 98.25, 97.75), and FAB
    /// control's follow-up SD 2.04 with the range 9 to 17 (four values including 9 and 17 have an
    /// SD of at least 8/√6 = 3.27; 2.65 over the rounding).
    @Test("PMC5882834: a mean ± SD column paired with the range column beside it")
    func rangeInTheNextColumn() throws {
        var cells = try Self.cells("pmc5882834-table3.csv")
        let asPrinted = Verifier.verify(cells)
        #expect(asPrinted.unparsed.isEmpty && asPrinted.parsed == cells.count, "\(asPrinted.unparsed.map(\.text))")
        #expect(asPrinted.findings.isEmpty, "\(asPrinted.findings.map(\.detail))")
        let means = asPrinted.coverage.filter { $0.cell.column.hasSuffix("mean (±SD)") }
        #expect(means.count == 36 && means.allSatisfy { $0.checks.contains(CheckOutcome(check: .sdBounds, status: .notRun, reason: .noColumnN)) })

        for i in cells.indices { cells[i].columnN = cells[i].row.hasSuffix("intervention") ? 6 : 4 }
        let report = Verifier.verify(cells)
        let b = "Basline mean (±SD)", f = "Follow-up mean (±SD)"
        #expect(Self.pinned(report) == [Pinned(.meanBounds, .error, "IDN control", b), Pinned(.meanBounds, .error, "IDN control", f),
                                        Pinned(.sdBounds, .error, "FAB control", f)], "\(Self.pinned(report))")
        for finding in report.findings {
            #expect(finding.related.count == 1 && finding.related[0].column.hasSuffix("range") && finding.related[0].row == finding.cell.row)
        }
        // Every mean of both visits was checked against its range, and the ranges say so.
        let checked = report.coverage.filter { $0.cell.column.hasSuffix("mean (±SD)") && $0.checks.contains { $0.check == .sdBounds && $0.status != .notRun } }
        #expect(checked.count == 36)
        #expect(report.coverage.filter { $0.cell.column.hasSuffix("range") }.allSatisfy { $0.checks.contains { $0.check == .sdBounds } })
    }

    /// Two range columns that could both be a mean's (the same heading stem): neither is
    /// guessed, and the check says why.
    @Test("a mean with two candidate range columns is not checked, with the reason")
    func ambiguousRangeColumns() {
        let cells = [PublishedCell(table: "T", row: "Age", column: "Mean (SD)", columnN: 10, text: "40.0 (30.0)"),
                     PublishedCell(table: "T", row: "Age", column: "Range", columnN: 10, text: "20–60"),
                     PublishedCell(table: "T", row: "Age", column: "Range (min–max)", columnN: 10, text: "20–60")]
        let report = Verifier.verify(cells)
        #expect(report.findings.isEmpty)
        #expect(report.coverage[0].checks.contains(CheckOutcome(check: .sdBounds, status: .notRun, reason: .ambiguousPartner)))
        // One of them: 10 values in 20–60 with mean 40.0 have an SD of at most 21.9, not 30.0.
        #expect(Self.pinned(Verifier.verify(Array(cells.prefix(2)))) == [Pinned(.sdBounds, .error, "Age", "Mean (SD)")])
    }

    /// PMC6998370 Table 3 with the onset-time sub-columns the first transcription left out, as
    /// `trialstats cells` flattens the table's three heading rows ("Control (n = 20): Onset time
    /// post-treatment: 24 h"). The bare onset counts stand under their arm's heading, beside the
    /// arm's "Number (%)", so the P value still compares the two arms' counts: the same five
    /// Fisher notes as without them. "All (n = 39): Number (%)" is the total column, so the arms
    /// add up to it in every row. The onset counts themselves add up to each arm's count
    /// (0 + 1 + 3 + 10 = 14), which no check claims. With headings that do not place the bare
    /// counts under an arm, which columns the P value compares is not known: not run, with that
    /// reason — no longer `not_a_count_row`, which said a ratio or a rate was printed.
    @Test("PMC6998370 with its onset sub-columns: the same Fisher p-values; bare columns it cannot place are named")
    func onsetSubColumns() throws {
        let (cells, report, notes) = try Self.fisherNotes("pmc6998370-table3-onset.csv")
        for c in notes {
            #expect(c.named == .fisher && c.matching.contains(.fisher) && c.counts.map(\.label) == ["Control (n = 20): Number (%)", "hUC-MSC (n = 19): Number (%)"])
        }
        let totals = report.coverage.filter { $0.cell.column.hasPrefix("All") }
        #expect(totals.count == 5 && totals.allSatisfy { $0.checks.contains(CheckOutcome(check: .subgroupSum, status: .passed)) })

        var flat = cells
        for i in flat.indices {
            let parts = flat[i].column.components(separatedBy: ": ")
            if parts.count == 3 { flat[i].column = parts[2] + (parts[0].hasPrefix("Control") ? ", control" : ", hUC-MSC") }
            if parts.count == 2 { flat[i].column = parts[0] }
        }
        let unplaced = Verifier.verify(flat)
        #expect(unplaced.findings.isEmpty, "\(unplaced.findings.map(\.detail))")
        let pCells = unplaced.coverage.filter { $0.cell.column == "P value" }
        #expect(pCells.count == 5 && pCells.allSatisfy { $0.checks.contains(CheckOutcome(check: .countPValue, status: .notRun, reason: .bareCountColumns)) })
    }
}
