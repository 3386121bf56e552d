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

/// A number for people: at most `significant` significant digits, no trailing zeros,
/// plain notation between 1e-4 and 1e9; "—" for not available.
public func formatForPeople(_ value: Double?, significant: Int = 6) -> String {
    guard let value, value.isFinite else { return "—" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e-4 && magnitude < 1e9 {
        let decimals = max(0, significant - 1 - Int((magnitude).log10Floor))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
    return String(format: "%.\(significant - 1)e", value)
}

/// A p-value for people: four significant digits, "< 1e-300"-style below the smallest positive double shown.
public func formatPValue(_ p: Double?) -> String {
    guard let p, p.isFinite else { return "—" }
    if p >= 1e-4 { return formatForPeople(p, significant: 4) }
    return String(format: "%.3e", p)
}

extension Double {
    fileprivate var log10Floor: Double {
        Foundation.log10(self).rounded(.down)
    }
}
