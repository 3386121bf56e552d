import Foundation
import Testing
@testable import TrialStats

@Suite("Verifying published tables")
struct VerifierTests {
    static func cell(_ table: String = "T1", _ row: String, _ column: String, _ n: Int?, _ text: String, section: String = "") -> PublishedCell {
        PublishedCell(table: table, section: section, row: row, column: column, columnN: n, text: text)
    }

    /// Every shape the issue names, read as the right statistic.
    @Test("cell shapes", arguments: [
        ("17 (71)", "Sex, N (%)", "n (%)"), ("18 (75%)", "CRS, N (%)", "n (%)"), ("39 (26–53)", "Age, median (IQR)", "median (IQR)"),
        ("63.0 [52.8; 74.8]", "VAS, median [IQR]", "median (IQR)"), ("117 [75.5–138]", "MMT-8", "median (IQR)"),
        ("1,051 (780–1,252)", "IgG", "median (IQR)"), ("1 (1-6)", "Time", "median (IQR)"), ("P < 0.0001", "p", "p-value"),
        ("P = 0.0030", "p", "p-value"), ("p=.03", "p", "p-value"), ("-", "x", "not applicable"), ("12.3 ± 4.5", "Age, mean ± SD", "mean ± SD"),
        ("44 (18–70)", "Age, median (range)", "median (range)"), ("9/10 (90%)", "Response", "x/n (%)"), ("22/24", "Response", "x/n"), ("2.5 (0.9, 5.0)", "Duration", "median (IQR)"), ("5 (2 to 9)", "Visits", "median (IQR)"),
    ])
    func shapes(text: String, label: String, kind: String) {
        #expect(CellParser.parse(text, label: LabelStatistic(label: label)).kind == kind, "\(text)")
    }

    @Test("values are read with their decimals")
    func values() throws {
        guard case let .medianIQR(m, q1, q3) = CellParser.parse("1,051 (780–1,252)") else { Issue.record("not a median"); return }
        #expect(m.value == 1051 && q1.value == 780 && q3.value == 1252)
        guard case let .count(x, p) = CellParser.parse("17 (70.8%)") else { Issue.record("not a count"); return }
        #expect(x == 17 && p?.value == 70.8 && p?.decimals == 1)
        if case .unparsed = CellParser.parse("see text") {} else { Issue.record("should not parse") }
    }

    /// A consistent table raises nothing: counts and percentages agree, subgroups sum, grades sum,
    /// quartiles are ordered and the pooled quartiles are possible.
    @Test("a consistent table has no findings")
    func consistent() {
        let cells = [
            Self.cell("T1", "Female, N (%)", "All", 24, "17 (71%)"), Self.cell("T1", "Female, N (%)", "A", 10, "7 (70%)"),
            Self.cell("T1", "Female, N (%)", "B", 14, "10 (71%)"),
            Self.cell("T1", "Age, median (IQR)", "All", 24, "40 (30–50)"), Self.cell("T1", "Age, median (IQR)", "A", 10, "38 (29–49)"),
            Self.cell("T1", "Age, median (IQR)", "B", 14, "42 (31–52)"),
            Self.cell("T3", "CRS (any grade), N (%)", "All", 24, "18 (75%)"), Self.cell("T3", "CRS (grade 1), N (%)", "All", 24, "17 (71%)"),
            Self.cell("T3", "CRS (grade 2), N (%)", "All", 24, "1 (4%)"), Self.cell("T3", "CRS (grade 3), N (%)", "All", 24, "0 (0%)"),
            Self.cell("T3", "CRS (grade 4), N (%)", "All", 24, "0 (0%)"),
            Self.cell("T4", "VAS, median [IQR]", "Baseline", 24, "63.0 [52.8; 74.8]"), Self.cell("T4", "VAS, median [IQR]", "6 months", 24, "19.0 [7.3; 48.8]"),
            Self.cell("T4", "VAS, median [IQR]", "p", nil, "P < 0.0001"),
        ]
        let report = Verifier.verify(cells)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.message))")
        #expect(report.parsed == cells.count && report.intervals.count == 8)
    }

    /// Planted errors of every kind, each found with the right check and severity.
    @Test("planted errors are found", arguments: [
        ([cell("T", "X, N (%)", "A", 10, "11 (100%)")], "count-bounds", Severity.error),
        ([cell("T", "X, N (%)", "A", 10, "3 (33%)")], "percent-rounding", Severity.error),
        ([cell("T", "X, N (%)", "A", 9, "6 (66%)")], "percent-rounding", Severity.note),
        ([cell("T", "X, N (%)", "All", 19, "5 (26%)"), cell("T", "X, N (%)", "A", 10, "3 (30%)"), cell("T", "X, N (%)", "B", 9, "3 (33%)")], "subgroup-sum", Severity.error),
        ([cell("T", "AE (any grade), N (%)", "All", 24, "10 (42%)"), cell("T", "AE (grade 1), N (%)", "All", 24, "8 (33%)"),
          cell("T", "AE (grade 2), N (%)", "All", 24, "3 (13%)")], "grade-sum", Severity.error),
        ([cell("T", "Age, median (IQR)", "A", 5, "44 (45–69)")], "quantile-order", Severity.error),
        ([cell("T", "Age, median (IQR)", "All", 20, "10 (9–11)"), cell("T", "Age, median (IQR)", "A", 10, "50 (40–60)"),
          cell("T", "Age, median (IQR)", "B", 10, "52 (45–61)")], "pooled-quantile", Severity.error),
        ([cell("T", "Organs, N (%)", "A", 10, "4.0 (3.0–4.0)")], "label-shape", Severity.warning),
        ([cell("T", "V, median [IQR]", "Baseline", 5, "63 [50; 70]"), cell("T", "V, median [IQR]", "6 months", 5, "19 [7; 40]"),
          cell("T", "V, median [IQR]", "p", nil, "P = 0.001")], "p-value", Severity.error),
        ([cell("T", "X, N (%)", "A", 10, "see text")], "unparsed", Severity.note),
        ([cell("T", "Response", "A", nil, "12/10 (120%)")], "count-bounds", Severity.error),
        ([cell("T", "Response", "A", nil, "4/9 (40%)")], "percent-rounding", Severity.error),
        ([cell("T", "Response", "A", 10, "4/9 (44%)")], "count-bounds", Severity.note),
        ([cell("T", "X, N (%)", "A", 9, "6 (67%)"), cell("T", "Y, N (%)", "A", 24, "9 (37%)")], "rounding-convention", Severity.note),
    ])
    func planted(cells: [PublishedCell], check: String, severity: Severity) {
        let report = Verifier.verify(cells)
        #expect(report.findings.contains { $0.check == check && $0.severity == severity },
                "\(check): \(report.findings.map { "\($0.check) \($0.severity): \($0.message)" })")
    }

    @Test("the same variable in two tables must agree after rounding")
    func crossTable() {
        var a = Self.cell("Table 1", "FACIT, median (IQR)", "All", 24, "26 (13–48)")
        a.variable = "FACIT at baseline"
        var b = Self.cell("PRO", "FACIT, median [IQR]", "Baseline", 24, "25.5 [13.3; 38.3]")
        b.variable = "FACIT at baseline"; b.population = "All"
        let report = Verifier.verify([a, b])
        #expect(report.findings.map(\.check) == ["cross-table"])
        #expect(report.findings[0].message.contains("38.3") && report.findings[0].message.contains("48"))
        b.text = "25.5 [13.3; 48.3]"
        #expect(Verifier.verify([a, b]).findings.isEmpty)
    }

    /// The pooled check reasons correctly: the type 7 third quartile of 24 values is
    /// x(18) + ¼(x(19) − x(18)); subgroups of 10, 9 and 5 with third quartiles 55, 56 and 69 allow
    /// at most 7 + 6 + 3 values ≤ 53 — fewer than 18 — while SPSS's type 6 puts Q3 lower.
    @Test("pooled quartile possible only under some definitions")
    func pooledTypes() {
        let cells = [Self.cell("T", "Age, median (IQR)", "All", 24, "39 (26–53)"), Self.cell("T", "Age, median (IQR)", "SLE", 10, "31 (24–55)"),
                     Self.cell("T", "Age, median (IQR)", "SSc", 9, "36 (27–56)"), Self.cell("T", "Age, median (IQR)", "IIM", 5, "44 (44–69)")]
        let findings = Verifier.verify(cells).findings
        #expect(findings.count == 1 && findings[0].severity == .warning && findings[0].check == "pooled-quantile")
        #expect(findings[0].message.contains("at most 16") && findings[0].message.contains("types 5, 6, 8, 9"))
    }

    /// Regression test named after the published table: CASTLE's four tables (Nat Med 2026).
    @Test("CASTLE tables: every cell read, the real inconsistencies found")
    func castle() throws {
        let text = try String(contentsOf: ReferenceFixtures.root.appendingPathComponent("castle/castle-cells-annotated.csv"), encoding: .utf8)
        let cells = try Self.readCSV(text)
        #expect(cells.count == 328)
        let report = Verifier.verify(cells)
        #expect(report.parsed == 328 && report.unparsed.isEmpty)
        let errors = report.findings.filter { $0.severity == .error }
        #expect(Set(errors.map { "\($0.check) \($0.cell.row) \($0.cell.column)" }) == [
            "quantile-order Age (years), median (IQR) IIM",
            "subgroup-sum Tocilizumab, N (%) All",
            "percent-rounding Glucocorticoids, N (%) SLE",
            "subgroup-sum Patients <1,000 cells/ μ l (grade 4), N (%) All",
            "count-bounds Patients <1,000 cells/ μ l (grade 4), N (%) SSc",
        ])
        #expect(report.findings.contains { $0.check == "cross-table" && $0.text == "25.5 [13.3; 38.3]" })
        #expect(report.intervals.count == 159)
    }

    /// A minimal RFC 4180 reader for the fixture (the library has no I/O).
    static func readCSV(_ text: String) throws -> [PublishedCell] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        var chars = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() { if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        let header = records.removeFirst()
        func i(_ name: String) -> Int { header.firstIndex(of: name)! }
        return records.map { r in
            PublishedCell(table: r[i("table")], section: r[i("section")], row: r[i("row")], column: r[i("column")],
                          columnN: Int(r[i("column_n")]), text: r[i("text")],
                          variable: r[i("variable")].isEmpty ? nil : r[i("variable")], population: r[i("population")].isEmpty ? nil : r[i("population")],
                          test: r[i("test")].isEmpty ? nil : r[i("test")])
        }
    }
}
