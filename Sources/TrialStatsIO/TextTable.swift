import Foundation

/// A plain-text table for a terminal: a title line, a header, and columns padded to line up,
/// text left-aligned and numbers right-aligned.
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

    /// Creates a table; by default every column but the first is right-aligned.
    public init(title: [String] = [], header: [String], rows: [[String]], rightAligned: Set<Int>? = nil, footer: [String] = []) {
        self.title = title
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned ?? Set(1..<max(header.count, 1))
        self.footer = footer
    }

    /// The table as text ending in a line break.
    public func rendered() -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = title.map { $0 + "\n" }.joined()
        out += line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        out += footer.map { $0 + "\n" }.joined()
        return out
    }
}
