import Foundation

/// A plain-text table for a terminal: a title line, a header, and columns padded to line up,
/// text left-aligned and numbers right-aligned.
///
/// ## Fitting a width
/// ``rendered(width:)`` prints the table unchanged when it fits. A wider table is laid out in
/// blocks, one under the other, each repeating the first (label) column: the columns not listed in
/// ``optionalColumns`` stay in the first block, in order (and spill into the next blocks only when
/// they alone are too wide); each optional group goes, whole and in order, into the first block
/// with room for it, or else into a new block. Title and footer lines longer than the width wrap at spaces. Lengths are
/// counted in characters (Unicode grapheme clusters), which is what a terminal shows for the
/// Latin, Greek and symbol characters the tables print.
public struct TextTable: Sendable {
    /// Lines printed above the table.
    public var title: [String]
    /// Column headings.
    public var header: [String]
    /// Rows of cell texts.
    public var rows: [[String]]
    /// Which columns are right-aligned (numbers).
    public var rightAligned: Set<Int>
    /// Lines printed below the table.
    public var footer: [String]
    /// Groups of columns that may move to a later block when the table is too wide, each group
    /// moving as a whole (mean with SD); never column 0.
    public var optionalColumns: [[Int]]

    /// Creates a table; by default every column but the first is right-aligned.
    public init(title: [String] = [], header: [String], rows: [[String]], rightAligned: Set<Int>? = nil, footer: [String] = [],
                optionalColumns: [[Int]] = []) {
        self.title = title
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned ?? Set(1..<max(header.count, 1))
        self.footer = footer
        self.optionalColumns = optionalColumns.map { $0.filter { $0 > 0 && $0 < header.count } }.filter { !$0.isEmpty }
    }

    /// The width of each column: its widest cell or heading.
    var columnWidths: [Int] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        return widths
    }

    /// The table as text ending in a line break; with a `width`, no wider than it where the
    /// columns allow (see the type's documentation), and unchanged when it already fits.
    public func rendered(width: Int? = nil) -> String {
        let widths = columnWidths
        let blocks = width.map { layout(widths: widths, width: $0) } ?? [Array(header.indices)]
        func line(_ cells: [String], _ columns: [Int]) -> String {
            columns.map { i in
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").droppingTrailingWhitespace()
        }
        let wrap = { (text: String, indent: String) in width.map { wrapWords(text, width: $0, indent: indent) } ?? [text] }
        var out = title.flatMap { wrap($0, "") }.map { $0 + "\n" }.joined()
        for (k, columns) in blocks.enumerated() {
            if k > 0 { out += "\n" }
            out += line(header, columns) + "\n"
            out += columns.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ") + "\n"
            for row in rows { out += line(row, columns) + "\n" }
        }
        out += footer.flatMap { wrap($0, "  ") }.map { $0 + "\n" }.joined()
        return out
    }

    /// The columns of each block: one block of every column when the table fits `width`.
    func layout(widths: [Int], width: Int) -> [[Int]] {
        let all = Array(widths.indices)
        func span(_ columns: [Int]) -> Int { columns.reduce(0) { $0 + widths[$1] } + 2 * max(0, columns.count - 1) }
        guard widths.count > 1, span(all) > width else { return [all] }
        let optional = Set(optionalColumns.joined())
        // The label column and the required columns, in order; a new block only when they alone overflow.
        var blocks: [[Int]] = [[0]]
        for c in all.dropFirst() where !optional.contains(c) {
            if blocks[blocks.count - 1].count > 1, span(blocks[blocks.count - 1] + [c]) > width { blocks.append([0]) }
            blocks[blocks.count - 1].append(c)
        }
        // Each optional group whole into the first block with room, else into new blocks (split
        // only when the group alone is wider than the width).
        for group in optionalColumns {
            if let k = blocks.indices.first(where: { span(blocks[$0] + group) <= width }) {
                blocks[k] += group
                continue
            }
            blocks.append([0])
            for c in group {
                if blocks[blocks.count - 1].count > 1, span(blocks[blocks.count - 1] + [c]) > width { blocks.append([0]) }
                blocks[blocks.count - 1].append(c)
            }
        }
        return blocks.map { [0] + $0.dropFirst().sorted() }
    }
}

/// Breaks `text` into lines no longer than `width` characters at spaces, the first line keeping
/// the text's leading spaces, continuation lines starting with `indent`; a word longer than the
/// width stays whole on its own line. Text that fits is returned as it is.
public func wrapWords(_ text: String, width: Int, indent: String = "") -> [String] {
    guard text.count > width, width > indent.count + 10 else { return [text] }
    let lead = String(text.prefix { $0 == " " })
    var lines: [String] = []
    var current = lead
    var started = false
    for word in text.dropFirst(lead.count).split(separator: " ") {
        if !started {
            current += word
            started = true
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = indent + word
        }
    }
    lines.append(current)
    return lines
}

/// Wraps every line of `text` longer than `width` at spaces (``wrapWords(_:width:indent:)``);
/// a continuation line starts with the line's own leading spaces plus `extraIndent(line)` more.
public func wrapLines(_ text: String, width: Int, extraIndent: (Substring) -> Int = { _ in 2 }) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
        let leading = line.prefix { $0 == " " }.count
        return wrapWords(String(line), width: width, indent: String(repeating: " ", count: leading + extraIndent(line)))
    }.joined(separator: "\n")
}

extension String {
    /// The text without trailing white space (Unicode's White_Space property, what a regular
    /// expression's `\s` matches): a line without the padding of its last cells.
    ///
    /// A regular expression here compiled ICU's pattern tables on every run, about a tenth of the
    /// time of `trialstats binom X N`.
    func droppingTrailingWhitespace() -> String {
        let scalars = unicodeScalars
        var end = scalars.endIndex
        while end > scalars.startIndex {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        return end == scalars.endIndex ? self : String(scalars[..<end])
    }
}
