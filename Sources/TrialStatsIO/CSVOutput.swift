/// Writes rows as RFC 4180 CSV that R `read.csv` and pandas `read_csv` read without options:
/// a header row, comma separators, fields quoted only when they contain a comma, quote or line
/// break, numbers in shortest round-trip form, and an empty field for "not available".
///
/// Text cells are labels (group names, column names, printed cells) that may come from the
/// user's data. A spreadsheet opening the file would run a label beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return as a formula ("CSV injection"), so such a text cell is written
/// with a leading apostrophe (`'=HYPERLINK(…)`), which spreadsheets show as text. A text cell that
/// is a plain decimal number (`-1.5`, as ``parseDecimal(_:)`` reads it) is left as it is, and
/// number cells are never changed.
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

    /// The document as text, each line ended by `\n`. Cells are appended to one string (no
    /// array of cell texts per row, no joining): 10⁵ rows of `binom --counts` spent a fifth of
    /// their input-and-output time building and joining those arrays.
    public func serialized() -> String {
        var out = ""
        out.reserveCapacity(64 * (rows.count + 1))
        for (k, name) in header.enumerated() {
            if k > 0 { out.append(",") }
            out.append(escapeCSVField(neutralisingFormula(name)))
        }
        out.append("\n")
        for row in rows {
            for (k, cell) in row.enumerated() {
                if k > 0 { out.append(",") }
                switch cell {
                case let .text(s): out.append(escapeCSVField(neutralisingFormula(s)))
                case let .int(i): out.append(String(i))
                case let .number(d?) where d.isFinite: out.append(formatJSONNumber(d))
                case .number: break
                case let .bool(b): out.append(b ? "TRUE" : "FALSE")
                }
            }
            out.append("\n")
        }
        return out
    }
}

/// A text that a spreadsheet would read as a formula, made inert with a leading apostrophe;
/// any other text unchanged (see ``CSVOutput``).
func neutralisingFormula(_ s: String) -> String {
    guard let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return s }
    return parseDecimal(s) != nil ? s : "'" + s
}

/// Quotes a CSV field when it needs it: when any of its bytes is a comma, quote, line feed or
/// carriage return. (Compared byte by byte, as a CSV reader splits: a comparison of Characters
/// passed over a CR LF pair, which is one Character, and a comma followed by a combining mark.)
func escapeCSVField(_ s: String) -> String {
    if s.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}
