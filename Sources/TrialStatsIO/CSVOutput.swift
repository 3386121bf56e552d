/// Writes rows as RFC 4180 CSV that R `read.csv` and pandas `read_csv` read without options:
/// a header row, comma separators, fields quoted only when they contain a comma, quote or line
/// break, numbers in shortest round-trip form, and an empty field for "not available".
public struct CSVOutput: Sendable {
    /// Column names.
    public var header: [String]
    /// Rows of cells; each has `header.count` cells.
    public var rows: [[Cell]]

    /// One CSV cell.
    public enum Cell: Equatable, Sendable {
        case text(String)
        case int(Int)
        case number(Double?)
        case bool(Bool)
    }

    /// Creates a CSV document.
    public init(header: [String], rows: [[Cell]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The document as text, each line ended by `\n`.
    public func serialized() -> String {
        var out = header.map(escapeCSVField).joined(separator: ",") + "\n"
        for row in rows {
            out += row.map { cell -> String in
                switch cell {
                case let .text(s): return escapeCSVField(s)
                case let .int(i): return String(i)
                case let .number(d): return d.map(formatJSONNumber).map { $0 == "null" ? "" : $0 } ?? ""
                case let .bool(b): return b ? "TRUE" : "FALSE"
                }
            }.joined(separator: ",") + "\n"
        }
        return out
    }
}

/// Quotes a CSV field when it needs it.
func escapeCSVField(_ s: String) -> String {
    if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
