/// Why a between-group comparison could not run. Each case carries the offending values so that a
/// front end can name them.
public enum ComparisonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A count is negative.
    case negativeCount(row: Int, column: Int, value: Int)
    /// The rows of a table have different lengths.
    case raggedTable(row: Int, expected: Int, found: Int)
    /// The test needs a table of this shape (for example 2×2) and got another.
    case wrongShape(test: String, expected: String, rows: Int, columns: Int)
    /// After dropping empty rows and columns fewer than two rows or two columns remain.
    case degenerateTable(rows: Int, columns: Int)
    /// The table's total exceeds the stated limit of a method.
    case tooLarge(test: String, limit: String)
    /// An exact computation would exceed the stated limit of a method.
    case tooCostly(test: String, limit: String)
    /// A group has fewer observations than the test needs.
    case tooFewObservations(group: Int, count: Int, needed: Int)
    /// Fewer groups than the test needs.
    case tooFewGroups(found: Int, needed: Int)
    /// Every observation has the same value, so the statistic is not defined.
    case constantData
    /// A value is NaN or infinite (group, index within it).
    case nonFinite(group: Int, index: Int)
    /// A setting is out of range, or a numeric routine failed.
    case invalid(StatisticsError)

    public var description: String {
        switch self {
        case let .negativeCount(r, c, v): return "count \(v) in row \(r + 1), column \(c + 1) is negative"
        case let .raggedTable(r, e, f): return "row \(r + 1) has \(f) counts, the first row \(e)"
        case let .wrongShape(test, expected, r, c): return "\(test) needs a \(expected) table; got \(r)×\(c)"
        case let .degenerateTable(r, c):
            return "after dropping empty rows and columns the table is \(r)×\(c); a comparison needs at least 2×2"
        case let .tooLarge(test, limit): return "\(test): the table exceeds the limit of \(limit)"
        case let .tooCostly(test, limit): return "\(test): the data exceed the limit of \(limit)"
        case let .tooFewObservations(g, n, needed): return "group \(g + 1) has \(n) observations; the test needs at least \(needed)"
        case let .tooFewGroups(found, needed): return "\(found) groups with data; the test needs at least \(needed)"
        case .constantData: return "every observation has the same value: the statistic is not defined"
        case let .nonFinite(g, i): return "value \(i + 1) of group \(g + 1) is not a finite number"
        case let .invalid(error): return error.description
        }
    }
}
