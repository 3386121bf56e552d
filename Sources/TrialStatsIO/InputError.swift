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
    /// The bytes are not valid UTF-8.
    case notUTF8(file: String)
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
            return "\(file): no such file"
        case let .unreadable(file, reason):
            return "\(file): cannot be read (\(reason))"
        case let .notUTF8(file):
            return "\(file): is not UTF-8 text"
        case let .noHeader(file):
            return "\(file): is empty; expected a header row naming the columns"
        case let .duplicateColumn(file, column):
            return "\(file): the header names column \(quoted(column)) more than once"
        case let .raggedRow(file, row, expected, found):
            return "\(file), row \(row): has \(found) fields, expected \(expected) as in the header"
        case let .unterminatedQuote(file, row):
            return "\(file), row \(row): a quoted field is not closed"
        case let .unknownColumn(file, column, available):
            return "\(file): no column \(quoted(column)); the columns are \(available.map(quoted).joined(separator: ", "))"
        case let .notNumeric(file, row, column, value):
            return "\(file), row \(row), column \(quoted(column)): value \(quoted(value)) is not a number"
        case let .emptyColumn(file, column, group):
            if let group {
                return "\(file), column \(quoted(column)): group \(quoted(group)) has no non-missing values"
            }
            return "\(file), column \(quoted(column)): has no non-missing values"
        case let .invalidValue(file, row, column, value, expected):
            return "\(file), row \(row), column \(quoted(column)): value \(quoted(value)) is not allowed; expected \(expected)"
        }
    }
}

/// A value in double quotes, for messages.
func quoted(_ s: String) -> String { "\"\(s)\"" }
