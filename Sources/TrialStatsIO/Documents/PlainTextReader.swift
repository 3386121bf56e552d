import Foundation

/// Finds the tables in text pasted from a PDF or a web page.
///
/// A table is a run of at least two lines that hold tab characters (cells separated by tabs),
/// or of at least three lines whose cells are separated by runs of two or more spaces (a line
/// with a single cell between such lines is a section heading). The first line is the header.
/// A caption (`Table 1 | Baseline characteristics`, `Table 2. …`, `Extended Data Table 1: …`)
/// within the four non-blank lines above names the table; without one, the nearest heading above
/// (a short line that is not a sentence or a bullet, past a panel letter such as `E.`) names it
/// with its line: `患者報告アウトカム (table at line 366)`; other prose is ignored.
public enum PlainTextReader {
    public static func read(_ text: String) -> [TableGrid] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var grids: [TableGrid] = []
        var i = 0
        while i < lines.count {
            if let (end, rows) = tabBlock(lines, from: i) ?? spaceBlock(lines, from: i) {
                let (label, caption) = captionAbove(lines, before: i)
                let fallback = headingAbove(lines, before: i).map { "\($0) (table at line \(i + 1))" } ?? "Untitled table at line \(i + 1)"
                let header = [rows[0].map { GridCell(raw: $0) }]
                let body = rows.dropFirst().map { $0.map { GridCell(raw: $0) } }
                grids.append(TableGrid(label: label, caption: caption, fallbackName: fallback,
                                       header: header, body: Array(body)))
                i = end
            } else {
                i += 1
            }
        }
        return grids
    }

    /// Lines holding tabs, from `start`: the end index and the rows split at tabs.
    static func tabBlock(_ lines: [String], from start: Int) -> (Int, [[String]])? {
        var end = start
        while end < lines.count, lines[end].contains("\t") { end += 1 }
        guard end - start >= 2 else { return nil }
        let rows = lines[start..<end].map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard rows.contains(where: { $0.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count >= 2 }) else { return nil }
        return (end, rows)
    }

    /// Cells of a space-aligned line: runs of two or more spaces separate them.
    static func spaceCells(_ line: String) -> [String] {
        let trimmed = line.replacingOccurrences(of: "\u{00A0}", with: " ")
        guard trimmed.trimmingCharacters(in: .whitespaces).count > 0 else { return [] }
        var cells: [String] = []
        var current = ""
        var spaces = 0
        for ch in trimmed {
            if ch == " " {
                spaces += 1
                continue
            }
            if spaces >= 2, !current.isEmpty { cells.append(current); current = "" } else if spaces == 1, !current.isEmpty { current += " " }
            spaces = 0
            current.append(ch)
        }
        if !current.isEmpty { cells.append(current) }
        return cells
    }

    /// Space-aligned lines from `start`: at least three lines of two or more cells (single-cell
    /// lines between them are section headings). Rows with fewer cells than the header fill the
    /// columns from the right, after the label.
    static func spaceBlock(_ lines: [String], from start: Int) -> (Int, [[String]])? {
        let first = spaceCells(lines[start])
        guard first.count >= 2 else { return nil }
        var end = start + 1
        var multi = 1
        while end < lines.count {
            let cells = spaceCells(lines[end])
            if cells.count >= 2 { multi += 1; end += 1; continue }
            if cells.count == 1, end + 1 < lines.count, spaceCells(lines[end + 1]).count >= 2 { end += 1; continue }
            break
        }
        guard multi >= 3 else { return nil }
        let leadingBlank = lines[start].hasPrefix("  ") || lines[start].hasPrefix("\t")
        let width = max(first.count + (leadingBlank ? 1 : 0), lines[start..<end].map { spaceCells($0).count }.max() ?? 0)
        let rows = lines[start..<end].map { line -> [String] in
            let cells = spaceCells(line)
            if cells.count == 1 { return cells + Array(repeating: "", count: width - 1) }
            return [cells[0]] + Array(repeating: "", count: width - cells.count) + cells.dropFirst()
        }
        var header = rows[0]
        if header.count == width, leadingBlank || first.count < width { header = [""] + first + Array(repeating: "", count: max(0, width - 1 - first.count)) }
        return (end, [header] + rows.dropFirst())
    }

    /// A caption line within the four non-blank lines above the table: its label and title.
    static func captionAbove(_ lines: [String], before start: Int) -> (String, String) {
        var seen = 0
        var k = start - 1
        let pattern = #"^\s*((?:Extended Data |Supplementary |Supplemental |Appendix )?Table\s+[A-Z]?[0-9]+[A-Za-z]?)\s*[|.:—–-]?\s*(.*)$"#
        let regex = try? NSRegularExpression(pattern: pattern)
        while k >= 0, seen < 4 {
            let line = lines[k].trimmingCharacters(in: .whitespaces)
            k -= 1
            guard !line.isEmpty else { continue }
            seen += 1
            if let regex, let match = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
               let label = Range(match.range(at: 1), in: line), let title = Range(match.range(at: 2), in: line) {
                return (collapseWhiteSpace(String(line[label])), collapseWhiteSpace(String(line[title])))
            }
        }
        return ("", "")
    }

    /// The nearest heading within the four non-blank lines above a table that no caption names: a
    /// line of at most 60 characters that is not a bullet and does not end a sentence; a panel
    /// letter (`E.`, `(B)`) is passed over. Nil when the nearest other line is prose.
    static func headingAbove(_ lines: [String], before start: Int) -> String? {
        var seen = 0
        var k = start - 1
        while k >= 0, seen < 4 {
            let line = collapseWhiteSpace(lines[k].trimmingCharacters(in: .whitespaces))
            k -= 1
            guard !line.isEmpty else { continue }
            seen += 1
            if isPanelLetter(line) { continue }
            let bullet = ["-", "•", "*", "・"].contains { line.hasPrefix($0) }
            let sentence = [".", "。", ";", "；", ","].contains { line.hasSuffix($0) }
            guard line.count <= 60, !bullet, !sentence, line.contains(where: \.isLetter), !line.contains("\t") else { return nil }
            return line
        }
        return nil
    }

    /// `E.`, `E`, `(E)`, `E)`: a figure or table panel's letter.
    static func isPanelLetter(_ line: String) -> Bool {
        let core = line.trimmingCharacters(in: CharacterSet(charactersIn: "().: "))
        return core.count == 1 && core.first?.isLetter == true && line.count <= 4
    }
}
