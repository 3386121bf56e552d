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

    /// The document as text, each line ended by `\n`, written by ``CSVWriter``.
    public func serialized() -> String {
        var writer = CSVWriter(header: header, expectedRows: rows.count)
        for row in rows {
            for cell in row { writer.append(cell) }
            writer.endRow()
        }
        return writer.text
    }
}

/// Where rows of CSV cells go, one cell at a time: collected into ``CSVOutput/rows``
/// (``CSVRowCollector``) or written straight into bytes (``CSVWriter``). A report that can be
/// large produces its rows once, through this, for both.
public protocol CSVRowSink {
    /// The next cell of the current row.
    mutating func append(_ cell: CSVOutput.Cell)
    /// Ends the current row.
    mutating func endRow()
}

/// Collects rows of cells, for a ``CSVOutput``.
public struct CSVRowCollector: CSVRowSink {
    /// The rows ended so far.
    public private(set) var rows: [[CSVOutput.Cell]] = []
    private var current: [CSVOutput.Cell] = []

    /// An empty collection, with room for `expectedRows` rows.
    public init(expectedRows: Int = 0) { rows.reserveCapacity(expectedRows) }

    public mutating func append(_ cell: CSVOutput.Cell) { current.append(cell) }

    public mutating func endRow() {
        rows.append(current)
        current.removeAll(keepingCapacity: true)
    }
}

/// Writes CSV as ``CSVOutput`` describes it, cell by cell, as UTF-8 bytes into one buffer: no
/// String per cell and no row arrays. (10⁵ rows of `binom --counts` spent a fifth of their time
/// appending cell texts to a String, and later 50 MB on arrays of cells written once.)
public struct CSVWriter: CSVRowSink {
    private var bytes: [UInt8] = []
    private var cellsInRow = 0
    private var rowsWritten = 0
    private let expectedRows: Int

    /// A document with the `header` row written; `expectedRows` (when known) sizes the buffer.
    public init(header: [String], expectedRows: Int = 0) {
        self.expectedRows = expectedRows
        bytes.reserveCapacity(64 * (expectedRows + 1))
        for name in header { append(.text(name)) }
        endRow()
        rowsWritten = 0
    }

    public mutating func append(_ cell: CSVOutput.Cell) {
        if cellsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
        cellsInRow += 1
        switch cell {
        case let .text(s): appendText(s, to: &bytes)
        case let .int(i): appendInteger(i, to: &bytes)
        case let .number(d?) where d.isFinite: appendNumber(d, to: &bytes)
        case .number: break
        case let .bool(b): bytes.append(contentsOf: (b ? "TRUE" : "FALSE").utf8)
        }
    }

    public mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        cellsInRow = 0
        rowsWritten += 1
        // Room for all rows at the length of the first ones, so the buffer is rarely copied.
        if rowsWritten == 64, expectedRows > 64 { bytes.reserveCapacity(bytes.count / 64 * (expectedRows + 1) * 9 / 8) }
    }

    /// The document so far, each line ended by `\n`.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
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
        appendRoundTrip(d, to: &out)
    }
}

/// The bytes of ``formatRoundTrip(_:)`` (`d.description`), written straight into `out`: the
/// standard library hands a `TextOutputStream` the digits it formats on the stack, with no String
/// made per number (half the time of `description` on 3 × 10⁵ numbers; `CSVOutputTests` checks
/// the bytes equal `description`'s). A NaN, which the stream gets with its payload
/// (`nan(0x…)`), takes `description`.
func appendRoundTrip(_ d: Double, to out: inout [UInt8]) {
    guard !d.isNaN else { return out.append(contentsOf: d.description.utf8) }
    var sink = ByteSink(bytes: [])
    swap(&sink.bytes, &out)  // the buffer moves into the stream and back, never copied
    d.write(to: &sink)
    swap(&sink.bytes, &out)
}

/// A `TextOutputStream` that appends to a byte array; the standard library's numbers arrive
/// through `_writeASCII`, the stream's entry point for ASCII digits.
private struct ByteSink: TextOutputStream {
    var bytes: [UInt8]

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
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
