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

    /// The document as text, each line ended by `\n`. Cells are written as UTF-8 bytes into one
    /// buffer (no String per cell, no joining): 10⁵ rows of `binom --counts` spent a fifth of
    /// their time appending cell texts to a String.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 * (rows.count + 1))
        for (k, name) in header.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendText(name, to: &out)
        }
        out.append(UInt8(ascii: "\n"))
        for (r, row) in rows.enumerated() {
            // Room for all rows at the length of the first ones, so the buffer is rarely copied.
            if r == 64 { out.reserveCapacity(out.count / 64 * (rows.count + 1) * 9 / 8) }
            for (k, cell) in row.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                switch cell {
                case let .text(s): appendText(s, to: &out)
                case let .int(i): appendInteger(i, to: &out)
                case let .number(d?) where d.isFinite: appendNumber(d, to: &out)
                case .number: break
                case let .bool(b): out.append(contentsOf: (b ? "TRUE" : "FALSE").utf8)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A text cell as `escapeCSVField(neutralisingFormula(s))` writes it; the text itself, without
/// a copy, when it needs neither (almost every cell).
private func appendText(_ s: String, to out: inout [UInt8]) {
    let utf8 = s.utf8
    if let first = utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "@") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "\r") {
        out.append(contentsOf: escapeCSVField(neutralisingFormula(s)).utf8)
    } else if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
        out.append(contentsOf: escapeCSVField(s).utf8)
    } else {
        out.append(contentsOf: utf8)
    }
}

/// `String(i)`'s digits.
private func appendInteger(_ i: Int, to out: inout [UInt8]) {
    if i < 0 { out.append(UInt8(ascii: "-")) }
    appendDigits(i.magnitude, to: &out)
}

/// The decimal digits of a whole number, most significant first.
private func appendDigits(_ value: UInt, to out: inout [UInt8]) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits
    withUnsafeMutableBytes(of: &digits) { buffer in
        var v = value, k = buffer.count
        repeat {
            k -= 1
            buffer[k] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        } while v > 0
        out.append(contentsOf: buffer[k...])
    }
}

/// `formatJSONNumber(d)` for a finite `d`: "0" for ±0, whole numbers below 10¹⁵ as integers, else
/// the shortest round-trip form.
private func appendNumber(_ d: Double, to out: inout [UInt8]) {
    if d == 0 {
        out.append(UInt8(ascii: "0"))
    } else if d == d.rounded(), abs(d) < 1e15 {
        appendInteger(Int(d), to: &out)
    } else {
        out.append(contentsOf: formatRoundTrip(d).utf8)
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
