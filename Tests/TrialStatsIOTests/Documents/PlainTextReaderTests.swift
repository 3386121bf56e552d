import Foundation
import Testing
@testable import TrialStatsIO

@Suite("Plain-text tables")
struct PlainTextReaderTests {
    /// The CASTLE summary as published (Japanese prose, four tab-separated tables) gives the
    /// 328 cells of the transcription, cell by cell; only the PRO table, which no caption names
    /// in the summary, is named differently: by the heading above it, 患者報告アウトカム
    /// ("patient-reported outcomes"), past the panel letter "E.".
    @Test("CASTLE summary as published: the four tables, 328 cells, as transcribed")
    func castleSummary() throws {
        let document = try DocumentReader.read(try DocumentFixtures.data("castle/castle-summary-as-published.txt"), kind: .text)
        #expect(document.tables.map(\.name) == ["Table 1: Baseline characteristics of the patients", "Table 3: Toxicity analysis",
                                               "Table 2: Dynamics of CAR-T cell expansion and leukocyte changes", "患者報告アウトカム (table at line 366)"])
        let expected = try DocumentFixtures.cellRows("castle/castle-published-cells.csv")
        var got = DocumentFixtures.rows(document)
        for i in got.indices where got[i][0] == "患者報告アウトカム (table at line 366)" { got[i][0] = "Patient-reported outcomes (Baseline vs 6 months)" }
        #expect(got.count == 328 && expected.count == 328)
        for (g, e) in zip(got, expected) { #expect(g == e) }
        #expect(document.tables[0].columns == ["All", "SLE", "SSc", "IIM"] && document.tables[0].columnN == [24, 10, 9, 5])
        #expect(document.tables[3].columns == ["Baseline", "6 months", "p"] && document.tables[3].columnN == [24, 24, nil])
    }

    /// Without a caption: the heading above names the table; prose or a bullet above does not.
    @Test("a table without a caption is named by the heading above it, not by prose")
    func headingNamesUntitledTable() throws {
        func name(_ above: String) throws -> String? {
            let text = above + "\n\n\tA\tB\nx, n (%)\t1 (50%)\t2 (100%)\ny, n (%)\t1 (50%)\t0 (0%)\n"
            return try DocumentReader.read(Data(text.utf8), kind: .text).tables.first?.name
        }
        let line = { (above: String) in above.split(separator: "\n", omittingEmptySubsequences: false).count + 2 }
        #expect(try name("Safety outcomes") == "Safety outcomes (table at line \(line("Safety outcomes")))")
        #expect(try name("Adverse events\n\nB.") == "Adverse events (table at line \(line("Adverse events\n\nB.")))")
        #expect(try name("The patients were followed for a year.") == "Untitled table at line 3")
        #expect(try name("- a bullet point") == "Untitled table at line 3")
        #expect(try name("Table 4. Safety\nSafety outcomes") == "Table 4: Safety")
    }

    @Test("space-aligned columns with a caption, prose ignored, N in the headers, a section line")
    func spaceAligned() throws {
        let text = """
            Some prose before the table, with  two spaces once.

            Table 2. Response at week 24
                              Vitamin D3 (n = 52)    Placebo (N=50)    P value
            Responders, n (%)     20 (38%)             10 (20%)         0.04
            Safety
            Any adverse event     12 (23%)             14 (28%)         0.55
            Serious               2 (4%)               1 (2%)           1.00

            More prose.
            """
        let document = try DocumentReader.read(Data(text.utf8), kind: .text)
        #expect(document.tables.count == 1)
        let rows = DocumentFixtures.rows(document)
        #expect(rows == [
            ["Table 2: Response at week 24", "", "Responders, n (%)", "Vitamin D3", "52", "20 (38%)"],
            ["Table 2: Response at week 24", "", "Responders, n (%)", "Placebo", "50", "10 (20%)"],
            ["Table 2: Response at week 24", "", "Responders, n (%)", "P value", "", "0.04"],
            ["Table 2: Response at week 24", "Safety", "Any adverse event", "Vitamin D3", "52", "12 (23%)"],
            ["Table 2: Response at week 24", "Safety", "Any adverse event", "Placebo", "50", "14 (28%)"],
            ["Table 2: Response at week 24", "Safety", "Any adverse event", "P value", "", "0.55"],
            ["Table 2: Response at week 24", "Safety", "Serious", "Vitamin D3", "52", "2 (4%)"],
            ["Table 2: Response at week 24", "Safety", "Serious", "Placebo", "50", "1 (2%)"],
            ["Table 2: Response at week 24", "Safety", "Serious", "P value", "", "1.00"],
        ])
    }

    @Test("prose alone holds no table")
    func proseOnly() {
        #expect(throws: DocumentError.noTables(kind: .text)) {
            try DocumentReader.read(Data("Just a sentence.\n\nAnother one.\n".utf8), kind: .text)
        }
    }
}
