import CSV
import Foundation

/// A CSV file read whole: a header and rows of text cells.
///
/// Follows the conventions every `trialstats` command shares: a header row, RFC 4180 quoting
/// (parsed by CSV.swift), UTF-8 with an optional byte-order mark, a path or `-` for standard
/// input, and missing values spelled `""`, `NA`, `NaN` or `.` unless configured otherwise.
public struct DataTable: Sendable {
    /// The name used in messages: the path as given, or `<stdin>`.
    public var source: String
    /// Column names from the header row.
    public var header: [String]
    /// Data rows; each has exactly `header.count` cells.
    public var rows: [[String]]
    /// Cell texts that mean "missing" (compared after trimming surrounding spaces).
    public var missingValues: Set<String>

    /// The default spellings of a missing value.
    public static let defaultMissingValues: Set<String> = ["", "NA", "NaN", "."]

    /// Creates a table from parsed parts.
    public init(source: String, header: [String], rows: [[String]], missingValues: Set<String> = DataTable.defaultMissingValues) {
        self.source = source
        self.header = header
        self.rows = rows
        self.missingValues = missingValues
    }

    /// Reads a CSV file (`-` for standard input).
    public static func read(path: String, missingValues: Set<String> = defaultMissingValues) throws(InputError) -> DataTable {
        let source = path == "-" ? "<stdin>" : path
        let data = try readInputFile(path == "-" ? nil : path, source: source)
        let text = try decodeUTF8(data, source: source)
        return try parse(text, source: source, missingValues: missingValues)
    }

    /// Parses CSV text. A leading byte-order mark is dropped; blank lines at the end are ignored.
    public static func parse(_ text: String, source: String, missingValues: Set<String> = defaultMissingValues) throws(InputError) -> DataTable {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        try checkQuotesClosed(body, source: source)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: String(body), hasHeaderRow: false)
        } catch {
            throw InputError.unreadable(file: source, reason: "\(error)")
        }
        var records: [[String]] = []
        while let row = reader.next() {
            records.append(row)
        }
        if let error = reader.error { throw InputError.malformed(file: source, reason: "\(error)") }
        // A final line break makes no row; blank lines at the end are not data either.
        while let last = records.last, last == [""] { records.removeLast() }
        guard let header = records.first, header != [""] else { throw InputError.noHeader(file: source) }
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw InputError.duplicateColumn(file: source, column: name)
        }
        let rows = Array(records.dropFirst())
        for (i, row) in rows.enumerated() where row.count != header.count {
            throw InputError.raggedRow(file: source, row: i + 2, expected: header.count, found: row.count)
        }
        return DataTable(source: source, header: header, rows: rows, missingValues: missingValues)
    }

    /// CSV.swift reads an unclosed quote to the end of the file; this finds it first, so the
    /// message names the row where the field starts.
    private static func checkQuotesClosed(_ text: Substring, source: String) throws(InputError) {
        var inQuotes = false
        var row = 1
        var startRow = 1
        var fieldStart = true
        var previousWasQuote = false
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" {
                    if previousWasQuote { previousWasQuote = false } else { previousWasQuote = true }
                    continue
                }
                if previousWasQuote {
                    // The quote closed the field.
                    inQuotes = false
                    previousWasQuote = false
                } else {
                    if scalar == "\n" { row += 1 }
                    continue
                }
            }
            switch scalar {
            case "\"" where fieldStart:
                inQuotes = true
                startRow = row
                fieldStart = false
            case ",":
                fieldStart = true
            case "\n":
                row += 1
                fieldStart = true
            case "\r":
                fieldStart = true
            default:
                fieldStart = false
            }
        }
        if inQuotes && !previousWasQuote { throw InputError.unterminatedQuote(file: source, row: startRow) }
    }

    /// The index of a column, or an error listing the columns that exist.
    public func columnIndex(_ name: String) throws(InputError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw InputError.unknownColumn(file: source, column: name, available: header)
        }
        return index
    }

    /// Whether a cell's text means "missing".
    public func isMissing(_ text: String) -> Bool {
        missingValues.contains(trimmingWhitespace(text))
    }

    /// A numeric column: `nil` for missing cells, an error naming the row for anything that is
    /// not a finite decimal number.
    public func numericColumn(_ name: String) throws(InputError) -> [Double?] {
        let index = try columnIndex(name)
        var values: [Double?] = []
        values.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            let text = row[index]
            if isMissing(text) {
                values.append(nil)
                continue
            }
            guard let value = parseDecimal(text) else {
                throw InputError.notNumeric(file: source, row: i + 2, column: name, value: text)
            }
            values.append(value)
        }
        return values
    }

    /// A text column with surrounding spaces trimmed; `nil` for missing cells.
    public func textColumn(_ name: String) throws(InputError) -> [String?] {
        let index = try columnIndex(name)
        return rows.map { row in
            let text = trimmingWhitespace(row[index])
            return missingValues.contains(text) ? nil : text
        }
    }
}

/// Reads a whole input file — a regular file, a pipe or FIFO (`<(…)`, `/dev/stdin`), a device —
/// or standard input when `path` is nil, as bytes.
/// - Throws: ``InputError/notFound(file:)`` or ``InputError/unreadable(file:reason:)`` (exit 66).
public func readInputFile(_ path: String?, source: String) throws(InputError) -> Data {
    let fd: Int32
    if let path {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw InputError.notFound(file: source) }
            throw InputError.unreadable(file: source, reason: String(cString: strerror(errno)))
        }
    } else {
        fd = STDIN_FILENO
    }
    defer { if path != nil { close(fd) } }
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
        throw InputError.unreadable(file: source, reason: "it is a directory")
    }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count == 0 { break }
        if count < 0 {
            if errno == EINTR { continue }
            throw InputError.unreadable(file: source, reason: String(cString: strerror(errno)))
        }
        data.append(contentsOf: buffer[..<count])
    }
    return data
}

/// Decodes UTF-8 text.
/// - Throws: ``InputError/notUTF8(file:row:byteOffset:)`` naming the row (line) and the byte
///   offset (from 0) of the first byte that is not part of a well-formed UTF-8 character.
public func decodeUTF8(_ data: Data, source: String) throws(InputError) -> String {
    if let text = String(data: data, encoding: .utf8) { return text }
    let bytes = [UInt8](data)
    let offset = firstInvalidUTF8Offset(bytes) ?? 0
    let row = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    throw InputError.notUTF8(file: source, row: row, byteOffset: offset)
}

/// The offset of the first byte that does not begin a well-formed UTF-8 sequence
/// (Unicode Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF), or nil.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var i = 0
    while i < bytes.count {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: i += 1; continue
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return i
        }
        for k in 1..<length {
            guard i + k < bytes.count else { return i }
            let byte = bytes[i + k]
            let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
            guard byte >= lo, byte <= hi else { return i }
        }
        i += length
    }
    return nil
}

/// Parses a plain decimal number: optional sign, digits with an optional decimal point, an
/// optional exponent; surrounding spaces allowed. Rejects `inf`, `nan`, hexadecimal and
/// thousands separators, which `Double(_:)` alone would accept or misread.
public func parseDecimal(_ text: String) -> Double? {
    let trimmed = trimmingWhitespace(text)
    var digitsSeen = false
    var state = 0  // 0 sign/integer, 1 fraction, 2 exponent sign, 3 exponent digits
    var exponentDigits = false
    for (i, c) in trimmed.unicodeScalars.enumerated() {
        switch c {
        case "+", "-":
            guard (state == 0 && i == 0) || (state == 2 && !exponentDigits) else { return nil }
        case "0"..."9":
            if state >= 2 { exponentDigits = true; state = 3 } else { digitsSeen = true }
        case ".":
            guard state == 0 else { return nil }
            state = 1
        case "e", "E":
            guard state <= 1, digitsSeen else { return nil }
            state = 2
        default:
            return nil
        }
    }
    guard digitsSeen, state < 2 || exponentDigits else { return nil }
    guard let value = Double(trimmed), value.isFinite else { return nil }
    return value
}
