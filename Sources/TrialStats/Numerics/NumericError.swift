/// A numeric routine could not produce a trustworthy finite result.
///
/// Thrown by the library's numeric primitives instead of returning NaN or aborting; the
/// statistical methods pass it on, so a caller never sees NaN or infinity as a result.
public enum NumericError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The routine returned NaN or infinity for these arguments.
    case notFinite(function: String, arguments: [Double])
    /// The arguments lie outside the routine's domain.
    case outOfDomain(function: String, arguments: [Double])

    public var description: String {
        switch self {
        case let .notFinite(function, arguments):
            return "numeric routine \(function) gave no finite result for arguments \(arguments)"
        case let .outOfDomain(function, arguments):
            return "numeric routine \(function) called outside its domain with arguments \(arguments)"
        }
    }
}
