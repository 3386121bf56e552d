import Foundation

/// A median with its interquartile range as a table prints it: "63.0 [52.8; 74.8]".
///
/// Accepted forms: the median, then the lower and upper quartiles in square brackets or
/// parentheses, separated by ";", ",", "–", "—", " to " or a hyphen between two numbers:
/// "63.0 [52.8; 74.8]", "63.0 (52.8–74.8)", "1.1 [0.1, 2.0]", "25.5 (13.3 to 38.3)". Each number
/// keeps its printed decimals (see ``PrintedNumber``), which is what the reconstruction matches.
public struct PrintedMedianIQR: Equatable, Sendable, CustomStringConvertible {
    /// The printed median.
    public var median: PrintedNumber
    /// The printed lower quartile (Q1).
    public var lowerQuartile: PrintedNumber
    /// The printed upper quartile (Q3).
    public var upperQuartile: PrintedNumber

    /// A summary from its three printed numbers.
    public init(median: PrintedNumber, lowerQuartile: PrintedNumber, upperQuartile: PrintedNumber) {
        self.median = median
        self.lowerQuartile = lowerQuartile
        self.upperQuartile = upperQuartile
    }

    /// Parses "63.0 [52.8; 74.8]" and the other shapes ``CellParser`` reads as a median with its
    /// quartiles; nil if the text is not one.
    public init?(_ raw: String) {
        guard case let .medianIQR(median, q1, q3) = CellParser.parse(raw) else { return nil }
        self.init(median: median, lowerQuartile: q1, upperQuartile: q3)
    }

    /// "63.0 [52.8; 74.8]".
    public var description: String { "\(median.text) [\(lowerQuartile.text); \(upperQuartile.text)]" }

    /// The three numbers with their names, in the order Q1, median, Q3.
    var named: [(name: String, p: Double, printed: PrintedNumber)] {
        [("Q1", 0.25, lowerQuartile), ("median", 0.5, median), ("Q3", 0.75, upperQuartile)]
    }
}
