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

    /// Parses "63.0 [52.8; 74.8]" and the other accepted forms; nil if the text is not one.
    public init?(_ raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard let open = text.firstIndex(where: { $0 == "[" || $0 == "(" }) else { return nil }
        let closing: Character = text[open] == "[" ? "]" : ")"
        guard text.last == closing else { return nil }
        guard let median = PrintedNumber(String(text[..<open])) else { return nil }
        var inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        for separator in [";", " to ", "–", "—"] { inner = inner.replacingOccurrences(of: separator, with: "|") }
        var parts = inner.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            // "52.8, 74.8" (a comma and a space) or "52.8-74.8" (a hyphen after a digit).
            if let comma = inner.range(of: ", ") {
                parts = [String(inner[..<comma.lowerBound]), String(inner[comma.upperBound...])]
            } else if let hyphen = hyphenBetweenNumbers(inner) {
                parts = [String(inner[..<hyphen]), String(inner[inner.index(after: hyphen)...])]
            }
        }
        guard parts.count == 2, let q1 = PrintedNumber(parts[0]), let q3 = PrintedNumber(parts[1]) else { return nil }
        self.init(median: median, lowerQuartile: q1, upperQuartile: q3)
    }

    /// "63.0 [52.8; 74.8]".
    public var description: String { "\(median.text) [\(lowerQuartile.text); \(upperQuartile.text)]" }

    /// The three numbers with their names, in the order Q1, median, Q3.
    var named: [(name: String, p: Double, printed: PrintedNumber)] {
        [("Q1", 0.25, lowerQuartile), ("median", 0.5, median), ("Q3", 0.75, upperQuartile)]
    }
}

/// The index of a hyphen that separates two numbers ("52.8-74.8", "-3--1"): one preceded by a digit.
private func hyphenBetweenNumbers(_ text: String) -> String.Index? {
    var previous: Character?
    for i in text.indices {
        let c = text[i]
        if c == "-", let previous, previous.isNumber { return i }
        if c != " " { previous = c }
    }
    return nil
}
