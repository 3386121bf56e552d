import Foundation
import Testing
import TestSupport

@Suite("trialstats cells, and verify reading documents")
struct CellsCommandTests {
    /// The findings without the table name (the PRO table is unnamed in the summary as published;
    /// the cross-table message names it).
    private func findings(_ json: String) throws -> [String] {
        let object = try jsonObject(json)
        let list = try #require(object["findings"] as? [[String: Any]])
        return list.map { f in ["severity", "check", "section", "row", "column", "text"].map { "\(f[$0] ?? "")" }.joined(separator: "|") }.sorted()
    }

    @Test("verify on the CASTLE summary as published reports what it reports on the transcription")
    func castleSummary() throws {
        let summary = try CLI.run(["verify", CLI.fixture("castle/castle-summary-as-published.txt"), "--format", "json"])
        let transcription = try CLI.run(["verify", CLI.fixture("castle/castle-published-cells.csv"), "--format", "json"])
        #expect(summary.status == 0 && transcription.status == 0, "\(summary.stderr)")
        let object = try jsonObject(summary.stdout)
        #expect((object["cells"] as? NSNumber)?.intValue == 328 && (object["parsed"] as? NSNumber)?.intValue == 328)
        let got = try findings(summary.stdout)
        #expect(got.count == 11)
        #expect(got == (try findings(transcription.stdout)))
        // On a terminal wide enough for the long lines (the table output wraps at the width).
        let text = try CLI.run(["verify", CLI.fixture("castle/castle-summary-as-published.txt")], environment: ["COLUMNS": "1000"])
        #expect(text.stdout.hasPrefix("Verification of \(CLI.fixture("castle/castle-summary-as-published.txt")) (text; tables: Table 1: Baseline characteristics of the patients; Table 3: Toxicity analysis;"))
        #expect(text.stdout.contains("[quantile-order] Table 1: Baseline characteristics of the patients | Demographic characteristics | Age (years), median (IQR) | IIM: \"44 (45–69)\""))
    }

    @Test("cells prints the extracted cells as CSV and JSON; a cells CSV passes through")
    func cellsOutput() throws {
        let csv = try CLI.run(["cells", CLI.fixture("castle/castle-summary-as-published.txt")])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 329)
        #expect(lines[0] == "table,section,row,column,column_n,text,footnotes")
        #expect(lines[1] == "Table 1: Baseline characteristics of the patients,Demographic characteristics,\"Age (years), median (IQR)\",All,24,39 (26–53),")
        let json = try CLI.run(["cells", "-", "--format", "json"], stdin: "| | A (n = 3) | p |\n|---|---|---|\n| Female, n (%) | 2 (67%) | 0.5 |\n")
        let object = try jsonObject(json.stdout)
        #expect(object["kind"] as? String == "markdown")
        let cells = try #require(object["cells"] as? [[String: Any]])
        #expect(cells.count == 2 && cells[0]["column"] as? String == "A" && (cells[0]["column_n"] as? NSNumber)?.intValue == 3)
        #expect(cells[1]["column_n"] is NSNull)
        let passthrough = try CLI.run(["cells", CLI.fixture("castle/castle-published-cells.csv")])
        #expect(passthrough.stdout.split(separator: "\n").count == 329)
    }

    @Test("a document without tables, or missing, is an error naming it")
    func errors() throws {
        let none = try CLI.run(["cells", "-"], stdin: "Only prose here.\n")
        #expect(none.status == 65 && none.stderr == "trialstats: error: <stdin>: no table found (read as text)\n")
        let missing = try CLI.run(["verify", "no-such-paper.html"])
        #expect(missing.status == 66)
    }
}
