import Foundation
import Testing
@testable import TrialStatsIO

/// ``TextTable/rendered(width:)``: blocks under a width, label column repeated, optional groups
/// kept whole; ``wrapWords(_:width:indent:)`` at spaces (issue 18).
@Suite("text tables fit a width")
struct TextTableTests {
    /// Columns of widths 5 (label), 10, 10, 10, 10, 10: 5 + 5 × 12 = 65 characters.
    static let table = TextTable(
        title: ["A title line that is rather long and has to wrap at the width"],
        header: ["group", "a", "b", "c", "d", "e"],
        rows: [["SLE", "1234567890", "bbbbbbbbbb", "cccccccccc", "dddddddddd", "eeeeeeeeee"], ["All", "1", "2", "3", "4", "5"]],
        footer: ["* a footnote that is long enough to wrap at the width given here"],
        optionalColumns: [[2, 3], [5]])

    @Test("a table that fits is printed exactly as without a width")
    func fits() {
        #expect(Self.table.rendered(width: 65) == Self.table.rendered())
        let plain = TextTable(header: ["group", "n"], rows: [["SLE", "10"]])
        #expect(plain.rendered(width: 40) == plain.rendered())
    }

    @Test("too wide: required columns first, optional groups whole, the label column in every block")
    func blocks() {
        #expect(Self.table.layout(widths: Self.table.columnWidths, width: 64) == [[0, 1, 2, 3, 4], [0, 5]])
        #expect(Self.table.layout(widths: Self.table.columnWidths, width: 40) == [[0, 1, 4], [0, 2, 3], [0, 5]])
        let text = Self.table.rendered(width: 40)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 40, "\(line)") }
        #expect(lines.filter { $0.hasPrefix("group") }.count == 3)
        #expect(text.contains("group           a           d\n-----  ----------  ----------\nSLE    1234567890  dddddddddd\nAll             1           4\n\ngroup           b           c"))
        #expect(lines.last == "")
        #expect(lines[lines.count - 3] == "* a footnote that is long enough to wrap")
        #expect(lines[lines.count - 2] == "  at the width given here")
    }

    @Test("required columns wider than the width spill, in order, into further blocks")
    func requiredSpill() {
        let t = TextTable(header: ["g", "aaaaaaaaaa", "bbbbbbbbbb", "cccccccccc"], rows: [])
        #expect(t.layout(widths: t.columnWidths, width: 24) == [[0, 1], [0, 2], [0, 3]])
    }

    @Test("words wrap at spaces, keep leading spaces, never split a word", arguments: [20, 30, 45])
    func wrap(_ width: Int) {
        let text = "      The median 63.0 [52.8; 74.8] cannot be the median of 24 values on a 0–100 scale with step 1."
        let lines = wrapWords(text, width: width, indent: "      ")
        #expect(lines.allSatisfy { $0.count <= width || !$0.trimmingCharacters(in: .whitespaces).contains(" ") })
        #expect(lines.allSatisfy { $0.hasPrefix("      ") })
        #expect(lines.joined(separator: " ").split(separator: " ") == text.split(separator: " "))
        #expect(wrapWords("short", width: width) == ["short"])
    }
}
