import Foundation

/// Why a reconstruction request was refused before any search: it asks for something that no
/// data set can satisfy, or is malformed. (A request that is well formed but has no solution on
/// the grid is not an error: it is reported as infeasible, with the reason.)
public enum ReconstructionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of pairs is below 1 or above ``PairedReconstructionRequest/maximumPairs``.
    case invalidPairs(Int)
    /// The scale grid is malformed (see ``ScaleGrid/init(minimum:maximum:step:)``).
    case invalidScale(String)
    /// Printed quartiles out of order (Q1 > median or median > Q3); rounding is monotone, so no
    /// data set can print them.
    case quartilesOutOfOrder(which: String, summary: String)
    /// A printed value no value on the scale can round to.
    case outsideScale(which: String, name: String, printed: String, scale: String)
    /// The printed p-value is below the smallest two-sided p-value any data set of n pairs can give.
    case pValueBelowAttainable(printed: String, pairs: Int, smallest: Double, settings: String)

    public var description: String {
        switch self {
        case let .invalidPairs(n):
            return n < 1 ? "the number of pairs must be at least 1; got \(n)"
                : "the number of pairs must be at most \(PairedReconstructionRequest.maximumPairs); got \(n)"
        case let .invalidScale(reason):
            return "invalid scale: \(reason)"
        case let .quartilesOutOfOrder(which, summary):
            return "\(which) \(summary): the quartiles must satisfy Q1 ≤ median ≤ Q3"
        case let .outsideScale(which, name, printed, scale):
            return "\(which) \(name) \(printed) lies outside the scale \(scale)"
        case let .pValueBelowAttainable(printed, pairs, smallest, settings):
            return "\(printed) is impossible with \(pairs) pairs: the smallest attainable two-sided p-value is "
                + "\(smallestText(smallest)) (\(settings))"
        }
    }
}

/// A p-value bound for messages, four significant digits (as C's `%.4g`, rounded half-up).
func smallestText(_ p: Double) -> String {
    DecimalText.general(p, significant: 4)
}
