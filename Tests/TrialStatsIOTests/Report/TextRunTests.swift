import Testing
@testable import TrialStatsIO

/// The pieces of a report cell as the page prints them (`TextRun`): intervals are not broken
/// after their en dash, and the pieces give the cell's text back.
@Suite("report cells in unbreakable pieces")
struct TextRunTests {
    @Test("words with an en dash stand alone and unbreakable; the pieces join to the text", arguments: [
        "9/10 (90.0%) [55.5–99.7]", "13.0 (7.5–18.0)", "— [3.0–18.0]", "0/0 (—)", "", " ", "a  b", "–", " – ", "1–2 3–4",
        "38 [31–45]", "−2.5 (−4.0–−1.0) ", "x–y–z", "12.5 [10.0; 15.0]", "change ≤ −10.0", "≥", "< 0.0001", "a ≥ ", "= 1–2",
    ])
    func pieces(text: String) {
        let runs = TextRun.runs(of: text)
        #expect(runs.map(\.text).joined() == text)
        for run in runs {
            let relation = TextRun.relations.contains { run.text.hasPrefix($0 + " ") }
            #expect(run.nowrap == (run.text.contains("–") || relation), "\(run.text)")
            if run.nowrap && !relation { #expect(!run.text.contains(" ")) }
            if run.nowrap && relation { #expect(run.text.split(separator: " ").count == 2) }
        }
        #expect(!runs.isEmpty)
        if !text.contains("–") && !TextRun.relations.contains(where: { text.contains($0 + " ") }) {
            #expect(runs.count == 1 && !runs[0].nowrap)
        }
    }

    @Test("a threshold keeps its sign with its number")
    func threshold() {
        #expect(TextRun.runs(of: "VAS, change ≤ −10.0").map(\.text) == ["VAS, change ", "≤ −10.0"])
        #expect(TextRun.runs(of: "< 0.0001").map(\.nowrap) == [true])
    }

    @Test("an interval cell: the count and percentage wrap, the interval does not")
    func responseCell() {
        let runs = TextRun.runs(of: "7/10 (70.0%) [34.8–93.3]")
        #expect(runs.map(\.text) == ["7/10 (70.0%) ", "[34.8–93.3]"])
        #expect(runs.map(\.nowrap) == [false, true])
    }
}
