/// Why an input file could not be used. Every case names the file and, where there is one, the
/// row, column and value at fault, so the message can point a user at the cell to fix.
///
/// Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is
/// row 2.
public enum InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist.
    case notFound(file: String)
    /// The file exists but cannot be read.
    case unreadable(file: String, reason: String)
    /// The bytes are not valid UTF-8: the first bad byte, at `byteOffset` (from 0) on `row`.
    case notUTF8(file: String, row: Int, byteOffset: Int)
    /// The CSV reader refused the text for a reason of its own.
    case malformed(file: String, reason: String)
    /// No header row.
    case noHeader(file: String)
    /// The header names a column twice.
    case duplicateColumn(file: String, column: String)
    /// A row has more or fewer fields than the header.
    case raggedRow(file: String, row: Int, expected: Int, found: Int)
    /// A quoted field is never closed.
    case unterminatedQuote(file: String, row: Int)
    /// A column that the command needs is not in the header.
    case unknownColumn(file: String, column: String, available: [String])
    /// A cell that should be a number is not one.
    case notNumeric(file: String, row: Int, column: String, value: String)
    /// A column (or a group within it) has no non-missing values.
    case emptyColumn(file: String, column: String, group: String?)
    /// A cell holds a value outside what the column allows (for example a negative time).
    case invalidValue(file: String, row: Int, column: String, value: String, expected: String)

    /// The process exit status for this error: 66 when the file is missing or unreadable,
    /// 65 (bad input data) otherwise.
    public var exitCode: Int32 {
        switch self {
        case .notFound, .unreadable: return 66
        default: return 65
        }
    }

    public var description: String {
        switch self {
        case let .notFound(file):
            return "\(messageValue(file, limit: 120)): no such file"
        case let .unreadable(file, reason):
            return "\(messageValue(file, limit: 120)): cannot be read (\(reason))"
        case let .notUTF8(file, row, byteOffset):
            return "\(messageValue(file, limit: 120)), row \(row): is not UTF-8 text (byte offset \(byteOffset) is not part of a UTF-8 character)"
        case let .malformed(file, reason):
            return "\(messageValue(file, limit: 120)): is not CSV (\(messageValue(reason)))"
        case let .noHeader(file):
            return "\(messageValue(file, limit: 120)): is empty; expected a header row naming the columns"
        case let .duplicateColumn(file, column):
            return "\(messageValue(file, limit: 120)): the header names column \(quoted(column)) more than once"
        case let .raggedRow(file, row, expected, found):
            return "\(messageValue(file, limit: 120)), row \(row): has \(found) fields, expected \(expected) as in the header"
        case let .unterminatedQuote(file, row):
            return "\(messageValue(file, limit: 120)), row \(row): a quoted field is not closed"
        case let .unknownColumn(file, column, available):
            return "\(messageValue(file, limit: 120)): no column \(quoted(column)); the columns are \(columnList(available))"
        case let .notNumeric(file, row, column, value):
            return "\(messageValue(file, limit: 120)), row \(row), column \(quoted(column)): value \(quoted(value)) is not a number"
        case let .emptyColumn(file, column, group):
            if let group {
                return "\(messageValue(file, limit: 120)), column \(quoted(column)): group \(quoted(group)) has no non-missing values"
            }
            return "\(messageValue(file, limit: 120)), column \(quoted(column)): has no non-missing values"
        case let .invalidValue(file, row, column, value, expected):
            return "\(messageValue(file, limit: 120)), row \(row), column \(quoted(column)): value \(quoted(value)) is not allowed; expected \(expected)"
        }
    }
}

/// A value in double quotes, for messages (escaped and shortened by ``messageValue(_:limit:)``).
func quoted(_ s: String) -> String { "\"\(messageValue(s))\"" }

/// At most five column names, then how many there are in all.
func columnList(_ names: [String]) -> String {
    let shown = names.prefix(5).map { "\"\(messageValue($0, limit: 30))\"" }.joined(separator: ", ")
    return names.count > 5 ? "\(shown), … (\(names.count) in all)" : shown
}

/// The longest value echoed in an error message, in characters.
public let messageValueLimit = 60

/// A text from the user (a cell, a column name, a path) as it may appear inside a one-line
/// error message: control characters — line breaks, tabs, NUL, the ESC of terminal escape
/// sequences — are written as Swift escapes (`\n`, `\t`, `\0`, `\u{1B}`), and a text that
/// would be longer than `limit` characters so written is cut there and ended with "…". (A backslash already in the text is
/// left as it is: the message is for people, not for parsing back.)
public func messageValue(_ s: String, limit: Int = messageValueLimit) -> String {
    var out = ""
    var count = 0
    for character in s {
        var piece = String(character)
        if character.unicodeScalars.contains(where: isControl) {
            piece = character.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\n": return "\\n"
                case "\r": return "\\r"
                case "\t": return "\\t"
                case "\0": return "\\0"
                default: return isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
                }
            }.joined()
        }
        let length = piece.count
        if count + length > limit {
            out += "…"
            break
        }
        out += piece
        count += length
    }
    return out
}

/// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
private func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
}
