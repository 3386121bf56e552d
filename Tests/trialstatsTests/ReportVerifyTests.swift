import Foundation
import Testing
import TestSupport
import TrialStatsIO

/// `verify` on the cells of the project's own `report.html` (issue 11.2): the report's printing
/// and the verifier's reading of printed numbers are one policy, so the verifier, given the
/// patient-level data, finds every median [IQR], n (%) and p-value of the report printed by one
/// setting — the plan's quantile type under half-up rounding. Under C `printf` rounding (ties to
/// even on the binary value) six cells of the CASTLE report were printed by no setting at all:
/// disease duration "5.2 [2.5; 9.3]" (5.15 rounded up, 2.55 down), the IIM p-values "0.062"
/// (0.0625 rounded down), and so on.
@Suite("verify on the report's own cells")
struct ReportVerifyTests {
    static let cohort = CLI.fixture("castle/cohort.csv")
    static let plan = CLI.fixture("castle/plan.yaml")

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The cohort with, for each paired outcome, its two columns kept only where both are present
    /// (`X_paired`): the paired table summarises complete pairs.
    static func pairedCohort(_ plan: AnalysisPlan, in folder: URL) throws -> String {
        let table = try DataTable.read(path: cohort, missingValues: [])
        var header = table.header
        var rows = table.rows
        for outcome in plan.paired {
            let b = try #require(header.firstIndex(of: outcome.before.value)), a = try #require(header.firstIndex(of: outcome.after.value))
            header += [outcome.before.value + "_paired", outcome.after.value + "_paired"]
            rows = rows.map { row in
                let complete = !plan.missingValues.contains(row[b]) && !plan.missingValues.contains(row[a])
                return row + (complete ? [row[b], row[a]] : ["", ""])
            }
        }
        return try CLI.write(csv([header] + rows), named: "cohort-paired.csv", in: folder)
    }

    /// A map from every median [IQR], binary n (%) and paired p-value cell that `cells` reads
    /// from the report to the data behind it.
    static func map(cells: DataTable, plan: AnalysisPlan) throws -> [[String]] {
        let t = try cells.columnIndex("table"), s = try cells.columnIndex("section"), r = try cells.columnIndex("row"), c = try cells.columnIndex("column")
        var out = [["table", "section", "row", "column", "data_column", "after_column", "group_column", "group_value"]]
        func group(_ g: String) -> [String] { g == "All" ? ["", ""] : [plan.basket.value, g] }
        for cell in cells.rows {
            let (table, section, row, column) = (cell[t], cell[s], cell[r], cell[c])
            if table.hasPrefix("Table 1") {
                // The P column compares the baskets (Kruskal–Wallis, Fisher): verify --data
                // recomputes paired p-values only; the count rows' P is checked from the printed
                // counts (count-p-value), see reportAloneVerifies.
                guard column != "P" else { continue }
                for variable in plan.baseline where row.hasPrefix(variable.label + ",") {
                    switch variable.kind {
                    case .continuous, .binary: out.append([table, section, row, column, variable.column.value, ""] + group(column))
                    case .categorical: break
                    }
                }
            } else if table.hasPrefix("Table 2") {
                guard let outcome = plan.paired.first(where: { section.hasPrefix($0.label + " (") }) else { continue }
                let before = outcome.before.value + "_paired", after = outcome.after.value + "_paired"
                if column.hasPrefix(plan.beforeLabel + " median") { out.append([table, section, row, column, before, ""] + group(row)) }
                if column.hasPrefix(plan.afterLabel + " median") { out.append([table, section, row, column, after, ""] + group(row)) }
                if column == "P" { out.append([table, section, row, column, before, after] + group(row)) }
            }
        }
        return out
    }

    /// The bundled cohort analysed under the bundled plan into `folder`/out; the path of its report.html.
    static func analyzedReport(in folder: URL) throws -> String {
        let out = folder.appendingPathComponent("out")
        let analyze = try CLI.run(["analyze", cohort, "--plan", plan, "--out", out.path])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        return out.appendingPathComponent("report.html").path
    }

    @Test("every median [IQR], n (%) and p-value of report.html is printed by the plan's setting under half-up rounding (issue 11.2)")
    func reportPassesVerify() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Self.analyzedReport(in: folder)

        let cellsRun = try CLI.run(["cells", report])
        #expect(cellsRun.status == 0, "\(cellsRun.stderr)")
        let cellsPath = try CLI.write(cellsRun.stdout, named: "cells.csv", in: folder)
        let cells = try DataTable.read(path: cellsPath, missingValues: [])
        let plan = try AnalysisPlan.read(path: Self.plan)
        let map = try Self.map(cells: cells, plan: plan)
        // Table 1: 5 continuous and 2 binary variables × 4 columns; Table 2: 3 outcomes × 4 groups × (before, after, P).
        #expect(map.count - 1 == 7 * 4 + 3 * 4 * 3)
        let mapPath = try CLI.write(Self.csv(map), named: "map.csv", in: folder)
        let data = try Self.pairedCohort(plan, in: folder)

        let verify = try CLI.run(["verify", report, "--data", data, "--map", mapPath, "--format", "json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let json = try jsonObject(verify.stdout)
        let findings = try #require(json["findings"] as? [[String: Any]])
        // No cell the data do not reproduce, and no error of any check.
        for finding in findings where finding["severity"] as? String == "error" || finding["check"] as? String == "recompute" {
            Issue.record("\(finding["check"] ?? "") \(finding["row"] ?? "") \(finding["column"] ?? ""): \(finding["text"] ?? "") — \(finding["message"] ?? "")")
        }
        let recomputed = try #require(json["recomputed"] as? [[String: Any]])
        #expect(recomputed.count == map.count - 1)
        for cell in recomputed {
            let settings = cell["settings"] as? [String] ?? []
            let text = cell["text"] as? String ?? ""
            let label = "\(cell["row"] ?? "") \(cell["column"] ?? ""): \(text) (\(cell["recomputed"] ?? ""))"
            if cell["column"] as? String == "P" {
                #expect(!settings.isEmpty, "\(label)")
            } else if text.contains("[") {
                #expect(settings.contains("type \(plan.quantileType.rawValue), half-up"), "\(label): \(settings)")
            } else {
                #expect(settings.contains { $0.contains("half-up") }, "\(label): \(settings)")
            }
        }

        // The checks that read printed digits ran on the report's cells and passed.
        let coverage = try #require(json["coverage"] as? [[String: Any]])
        let checks = coverage.flatMap { $0["checks"] as? [[String: Any]] ?? [] }
        for name in ["quantile-order", "pooled-quantile", "percent-rounding", "count-bounds", "subgroup-sum"] {
            let ran = checks.filter { $0["check"] as? String == name && $0["status"] as? String != "not_run" }
            #expect(ran.count > 0, "\(name) ran on no cell")
            #expect(ran.allSatisfy { $0["status"] as? String == "passed" }, "\(name) failed on a cell")
        }
    }

    /// `verify` on report.html alone, without the patient-level data (issue 11.2): every cell is
    /// read — the responders' and response rates' `x/n (p%) [lo–hi]`, the Hodges–Lehmann changes
    /// `est (lo to hi [achieved%])`, the Kaplan–Meier medians `not reached (9.9–NR)` — and nothing
    /// is found but what the tables say on purpose. The Kaplan–Meier survival percentages
    /// "90.0 (47.3–98.5)" are survival probabilities, not ratios: their intervals (log-log) are not
    /// log-symmetric and were ten ratio-consistency warnings before. What cannot be checked
    /// without the data is listed, check by check, with its reason.
    @Test("verify on report.html without the data: every cell read, no error or warning, the notes and what was not checked listed (issue 11.2)")
    func reportAloneVerifies() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try Self.analyzedReport(in: folder)

        let verify = try CLI.run(["verify", report, "--format", "json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let json = try jsonObject(verify.stdout)
        #expect((json["cells"] as? NSNumber)?.intValue == 160 && (json["parsed"] as? NSNumber)?.intValue == 160)
        #expect((json["unparsed"] as? [Any])?.isEmpty == true)
        #expect((json["warnings"] as? [String]) == [], "\(json["warnings"] ?? "")")
        let findings = try #require(json["findings"] as? [[String: Any]])
        for f in findings where f["severity"] as? String != "note" {
            Issue.record("\(f["severity"] ?? "") \(f["check"] ?? "") \(f["row"] ?? "") | \(f["column"] ?? ""): \(f["text"] ?? "") — \(f["message"] ?? "")")
        }
        // The only notes: Table 1's p-values of the n (%) rows are printed by the
        // Fisher–Freeman–Halton test of the printed counts (the test its footnote names); Table
        // 3's FACIT responders are counted among the patients with both values (8 of SSc's 9, 23
        // of 24), as the table's footnote says; the cells print their own denominators, which
        // differ from the column's N.
        let notes = findings.filter { $0["severity"] as? String == "note" }.map { "\($0["check"] ?? "") \($0["row"] ?? "") | \($0["column"] ?? ""): \($0["text"] ?? "")" }
        let fisherNotes = findings.filter { $0["check"] as? String == "count-p-value" }.compactMap { $0["message"] as? String }
        #expect(fisherNotes.count == 3 && fisherNotes.allSatisfy { $0.contains("is printed by Fisher–Freeman–Halton test") }, "\(fisherNotes)")
        #expect(notes == [
            "count-p-value Sex: female, n (%) | P: 1.00",
            "count-p-value Kidney involvement, n (%) | P: < 0.0001",
            "count-p-value Lung involvement, n (%) | P: 0.0025",
            "count-bounds FACIT-Fatigue, change ≥ 3.0 | SSc: 6/8 (75.0%) [34.9–96.8]",
            "count-bounds FACIT-Fatigue, change ≥ 3.0 | All: 18/23 (78.3%) [56.3–92.5]",
            "count-bounds FACIT-Fatigue, change ≥ 4.0 | SSc: 6/8 (75.0%) [34.9–96.8]",
            "count-bounds FACIT-Fatigue, change ≥ 4.0 | All: 18/23 (78.3%) [56.3–92.5]",
        ], "\(notes)")

        let coverage = try #require(json["coverage"] as? [[String: Any]])
        func statistic(_ c: [String: Any]) -> String { (c["read_as"] as? [String: Any])?["statistic"] as? String ?? "" }
        func outcomes(_ c: [String: Any]) -> [String] {
            (c["checks"] as? [[String: Any]] ?? []).map { "\($0["check"] ?? "") \($0["status"] ?? "")\(($0["reason"] as? String).map { " " + $0 } ?? "")" }
        }
        // Responders and response rates: count, percentage, subgroup sums, the rate within its
        // interval, and the interval is the exact (Clopper–Pearson) one at 95%.
        let rates = coverage.filter { ($0["table"] as? String)?.hasPrefix("Table 3") == true || ($0["table"] as? String)?.hasPrefix("Table 4") == true }
        #expect(rates.count == 20 && rates.allSatisfy { statistic($0) == "x/n (%) [CI]" })
        for c in rates {
            #expect(Set(outcomes(c)) == ["count-bounds passed", "percent-rounding passed", "subgroup-sum passed", "range passed", "rate-interval passed"],
                    "\(c["text"] ?? ""): \(outcomes(c))")
        }
        // The Hodges–Lehmann changes with their achieved level; the p-values against the pairs the row prints.
        let changes = coverage.filter { ($0["column"] as? String)?.hasPrefix("Change") == true }
        #expect(changes.count == 12 && changes.allSatisfy { statistic($0) == "estimate (CI)" && outcomes($0) == ["range passed"] })
        let level = try #require(((changes.first?["read_as"] as? [String: Any])?["values"] as? [[String: Any]])?.first { $0["name"] as? String == "level" })
        #expect(exactDouble(level["value"]) == 0.951)
        let pValues = coverage.filter { $0["column"] as? String == "P" && ($0["table"] as? String)?.hasPrefix("Table 2") == true }
        #expect(pValues.count == 12 && pValues.allSatisfy { outcomes($0).contains("p-value passed") })
        // Table 1's p-values across the baskets: every one read as a p-value. An n (%) row's is
        // recomputed from the printed counts (count-p-value); a median row's cannot be (the
        // Kruskal–Wallis p needs the data), and a cell of report.html does not carry its test, so
        // verify applies the paired signed-rank bound, which these p-values pass; the cells file
        // with a `test` column says it did not check them (reportCellsWithTestsVerify).
        let baselineP = coverage.filter { $0["column"] as? String == "P" && ($0["table"] as? String)?.hasPrefix("Table 1") == true }
        #expect(baselineP.count == 8 && baselineP.allSatisfy { statistic($0) == "p-value" })
        for c in baselineP {
            let expected = (c["row"] as? String ?? "").hasSuffix("n (%)")
                ? ["label-shape passed", "range passed", "p-value not_run not_a_paired_row", "count-p-value passed", "reconstruction not_run not_a_paired_row"]
                : ["label-shape passed", "range passed", "p-value passed", "reconstruction not_run not_a_paired_row"]
            #expect(outcomes(c) == expected, "\(c["row"] ?? ""): \(outcomes(c))")
        }
        // Kaplan–Meier: medians not reached with their intervals; survival probabilities.
        let medians = coverage.filter { ($0["column"] as? String)?.hasPrefix("Median, months") == true }
        #expect(medians.count == 4 && medians.allSatisfy { statistic($0) == "not reached (CI)" && outcomes($0) == ["range passed"] })
        let survival = coverage.filter { ($0["column"] as? String)?.hasPrefix("Survival, %") == true }
        #expect(survival.count == 12 && survival.allSatisfy { outcomes($0) == ["range passed", "rate-interval not_run survival_estimate"] })

        // What was not checked, by check and reason, nothing else.
        var notRun: [String: Int] = [:]
        for c in coverage { for o in outcomes(c) where o.contains(" not_run ") { notRun[o, default: 0] += 1 } }
        #expect(notRun == [
            "quantile-granularity not_run no_scale": 48,    // the report prints no instrument scale
            "pooled-quantile not_run no_partner_column": 24, // Table 2's groups are rows, not columns beside a total
            "reconstruction not_run no_scale": 12,
            "rate-interval not_run survival_estimate": 12,
            "reconstruction not_run not_a_paired_row": 8,  // Table 1's P: a comparison of baskets, not of two time points
            "p-value not_run not_a_paired_row": 3,          // Table 1's P beside counts: checked by count-p-value
        ], "\(notRun)")
    }

    /// Table 1's p-values with the test each one used (`analysis.json`) in the cells file's
    /// `test` column (issue 14): verify checks the Fisher p-values of the n (%) rows from the
    /// printed counts and says, cell by cell, that it did not check the Kruskal–Wallis p-values of
    /// the median rows (other_test), with no error or warning.
    @Test("verify on the report's cells with Table 1's tests named: Fisher p-values checked from the counts, Kruskal–Wallis ones listed as not checked (issue 14)")
    func reportCellsWithTestsVerify() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let analyze = try CLI.run(["analyze", Self.cohort, "--plan", Self.plan, "--out", out.path])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let analysis = try jsonObject(String(decoding: try Data(contentsOf: out.appendingPathComponent("analysis.json")), as: UTF8.self))
        let baseline = try #require(analysis["baseline"] as? [[String: Any]])
        let tests = baseline.map { ($0["label"] as? String ?? "", ($0["comparison"] as? [String: Any])?["test"] as? String ?? "") }

        let cellsRun = try CLI.run(["cells", out.appendingPathComponent("report.html").path])
        #expect(cellsRun.status == 0, "\(cellsRun.stderr)")
        let cells = try DataTable.read(path: try CLI.write(cellsRun.stdout, named: "cells.csv", in: folder), missingValues: [])
        let t = try cells.columnIndex("table"), r = try cells.columnIndex("row"), c = try cells.columnIndex("column")
        var named = 0
        let rows = cells.rows.map { row -> [String] in
            guard row[t].hasPrefix("Table 1"), row[c] == "P", let test = tests.first(where: { row[r].hasPrefix($0.0 + ",") || row[r].hasPrefix($0.0 + ":") })?.1 else {
                return row + [""]
            }
            named += 1
            return row + [test]
        }
        #expect(named == 8)
        let withTests = try CLI.write(Self.csv([cells.header + ["test"]] + rows), named: "cells-tests.csv", in: folder)
        let verify = try CLI.run(["verify", withTests, "--format", "json"])
        #expect(verify.status == 0, "\(verify.stderr)")
        let json = try jsonObject(verify.stdout)
        for f in try #require(json["findings"] as? [[String: Any]]) where f["severity"] as? String != "note" {
            Issue.record("\(f["severity"] ?? "") \(f["check"] ?? "") \(f["row"] ?? "") | \(f["column"] ?? ""): \(f["text"] ?? "") — \(f["message"] ?? "")")
        }
        let coverage = try #require(json["coverage"] as? [[String: Any]])
        let baselineP = coverage.filter { $0["column"] as? String == "P" && ($0["table"] as? String)?.hasPrefix("Table 1") == true }
        #expect(baselineP.count == 8)
        for cell in baselineP {
            let checks = (cell["checks"] as? [[String: Any]] ?? []).map { "\($0["check"] ?? "") \($0["status"] ?? "")\(($0["reason"] as? String).map { " " + $0 } ?? "")" }
            let counts = (cell["row"] as? String ?? "").hasSuffix("n (%)")
            #expect(checks.contains("p-value not_run other_test"), "\(cell["row"] ?? ""): \(checks)")
            #expect(checks.contains("count-p-value passed") == counts, "\(cell["row"] ?? ""): \(checks)")
        }
    }
}
