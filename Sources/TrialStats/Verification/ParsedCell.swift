import Foundation

/// What a printed cell says, once read.
public enum ParsedCell: Equatable, Sendable {
    /// "-", "—", "NA", "n/a" or empty: not applicable.
    case notApplicable
    /// "17 (71)", "18 (75%)", "3": a count, with its percentage when printed.
    case count(Int, percent: PrintedNumber?)
    /// "9/10 (90%)", "9/10": a count with its own denominator.
    case fraction(Int, of: Int, percent: PrintedNumber?)
    /// "39 (26–53)", "63.0 [52.8; 74.8]": a median with its first and third quartiles.
    case medianIQR(median: PrintedNumber, q1: PrintedNumber, q3: PrintedNumber)
    /// "44 (18–70)" in a row labelled "median (range)": a median with the minimum and maximum.
    case medianRange(median: PrintedNumber, min: PrintedNumber, max: PrintedNumber)
    /// "12.3 ± 4.5" or "12.3 (4.5)" in a "mean (SD)" row.
    case meanSD(mean: PrintedNumber, sd: PrintedNumber)
    /// "P < 0.0001", "P = 0.0030", "p=.03".
    case pValue(PrintedPValue)
    /// A single number that is not a count ("4.0", "12.5").
    case number(PrintedNumber)
    /// Could not be read; the reason says why.
    case unparsed(reason: String)

    /// A short name of the statistic, for messages.
    public var kind: String {
        switch self {
        case .notApplicable: return "not applicable"
        case .count(_, let percent): return percent == nil ? "count" : "n (%)"
        case .fraction(_, _, let percent): return percent == nil ? "x/n" : "x/n (%)"
        case .medianIQR: return "median (IQR)"
        case .medianRange: return "median (range)"
        case .meanSD: return "mean ± SD"
        case .pValue: return "p-value"
        case .number: return "number"
        case .unparsed: return "unparsed"
        }
    }
}

/// The statistic a row label announces ("Age (years), median (IQR)", "Sex, N (%)").
public enum LabelStatistic: String, Sendable {
    case countPercent = "n (%)"
    case medianIQR = "median (IQR)"
    case medianRange = "median (range)"
    case meanSD = "mean (SD)"
    case none = "unstated"

    /// Reads the hint in a row label, case-insensitively.
    public init(label: String) {
        let l = label.lowercased()
        if l.contains("(range)") || l.contains("median (min") || l.contains("[range]") { self = .medianRange }
        else if l.contains("iqr") || l.contains("interquartile") { self = .medianIQR }
        else if l.contains("± sd") || l.contains("mean (sd)") || l.contains("mean ± ") || l.contains("(sd)") { self = .meanSD }
        else if l.contains("(%)") || l.contains("n (%") || l.contains("no. (%") { self = .countPercent }
        else { self = .none }
    }
}

/// Reads printed cells of every shape found in published clinical tables.
///
/// Shapes: `17 (71)`, `18 (75%)`, `9/10 (90%)`, `39 (26–53)`, `63.0 [52.8; 74.8]`, `117 [75.5–138]`,
/// `1,051 (780–1,252)`, `1 (1-6)`, `12.3 ± 4.5`, `P < 0.0001`, `P = 0.0030`, `p=.03`, `-`. The two
/// bounds inside brackets may be separated by an en or em dash, a hyphen, a semicolon, a comma
/// followed by a space, or "to"; a comma between digits that leaves groups of three is a thousands
/// separator. The statistic is inferred from the label when it states one, otherwise from the
/// shape: `a (b–c)` is a median (IQR), `x (y)` with y ≈ 100x/N a count with its percentage.
public enum CellParser {
    /// Parses a cell's text, given the statistic its row label announces and its column's N.
    public static func parse(_ text: String, label: LabelStatistic = .none, columnN: Int? = nil) -> ParsedCell {
        let t = normalize(text)
        if t.isEmpty || ["-", "—", "–", "na", "n/a", "n.a.", "nr", "."].contains(t.lowercased()) { return .notApplicable }
        if let p = parsePValue(t) { return .pValue(p) }
        if let (mean, sd) = parsePlusMinus(t) { return .meanSD(mean: mean, sd: sd) }
        if let (first, inner, closing) = splitBracket(t) {
            if let (x, n) = parseFraction(first) {
                var innerText = inner.trimmingCharacters(in: .whitespaces)
                if innerText.hasSuffix("%") { innerText = String(innerText.dropLast()).trimmingCharacters(in: .whitespaces) }
                guard let percent = PrintedNumber(innerText) else {
                    return .unparsed(reason: "\"\(inner)\" after \(first) is not a percentage")
                }
                return .fraction(x, of: n, percent: percent)
            }
            guard let head = PrintedNumber(first) else { return .unparsed(reason: "\"\(first)\" before the bracket is not a number") }
            if let (a, b) = splitRange(inner) {
                guard let lo = PrintedNumber(a), let hi = PrintedNumber(b) else {
                    return .unparsed(reason: "the bounds \"\(inner)\" are not two numbers")
                }
                if label == .medianRange { return .medianRange(median: head, min: lo, max: hi) }
                return .medianIQR(median: head, q1: lo, q3: hi)
            }
            var innerText = inner.trimmingCharacters(in: .whitespaces)
            let hasPercent = innerText.hasSuffix("%")
            if hasPercent { innerText = String(innerText.dropLast()).trimmingCharacters(in: .whitespaces) }
            guard let second = PrintedNumber(innerText) else {
                return .unparsed(reason: "\"\(inner)\" in the \(closing == "]" ? "square brackets" : "brackets") is neither a number nor a range")
            }
            if label == .meanSD && !hasPercent { return .meanSD(mean: head, sd: second) }
            if head.decimals == 0, head.value >= 0, head.value == head.value.rounded() {
                return .count(Int(head.value), percent: second)
            }
            return .unparsed(reason: "\"\(t)\" is a number with a bracketed value but not a whole count with a percentage")
        }
        if let (x, n) = parseFraction(t) { return .fraction(x, of: n, percent: nil) }
        if let n = PrintedNumber(t) {
            if n.decimals == 0, n.value >= 0, label == .countPercent { return .count(Int(n.value), percent: nil) }
            return .number(n)
        }
        return .unparsed(reason: "\"\(t)\" matches no known cell shape")
    }

    /// Unifies spaces (non-breaking, thin) and trims.
    static func normalize(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{2009}", with: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ")
        while t.contains("  ") { t = t.replacingOccurrences(of: "  ", with: " ") }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// "9/10" → (9, 10): two whole numbers separated by a slash.
    static func parseFraction(_ t: String) -> (Int, Int)? {
        let parts = t.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let x = Int(parts[0]), let n = Int(parts[1]), x >= 0, n >= 0 else { return nil }
        return (x, n)
    }

    static func parsePValue(_ t: String) -> PrintedPValue? {
        guard let first = t.first, first == "P" || first == "p" else { return nil }
        return PrintedPValue(t)
    }

    static func parsePlusMinus(_ t: String) -> (PrintedNumber, PrintedNumber)? {
        for symbol in ["±", "+/-", "+-"] where t.contains(symbol) {
            let parts = t.components(separatedBy: symbol)
            guard parts.count == 2, let a = PrintedNumber(parts[0]), let b = PrintedNumber(parts[1]) else { return nil }
            return (a, b)
        }
        return nil
    }

    /// "a (inner)" or "a [inner]" → (a, inner, closing bracket).
    static func splitBracket(_ t: String) -> (String, String, Character)? {
        guard let close = t.last, close == ")" || close == "]" else { return nil }
        let open: Character = close == ")" ? "(" : "["
        guard let openIndex = t.firstIndex(of: open) else { return nil }
        let head = String(t[..<openIndex]).trimmingCharacters(in: .whitespaces)
        let inner = String(t[t.index(after: openIndex)..<t.index(before: t.endIndex)])
        guard !head.isEmpty else { return nil }
        return (head, inner, close)
    }

    /// Splits "26–53", "52.8; 74.8", "1-6", "780–1,252", "2, 5", "3 to 7" into two parts.
    static func splitRange(_ inner: String) -> (String, String)? {
        let s = inner.trimmingCharacters(in: .whitespaces)
        for separator in ["–", "—", ";", " to ", ", "] {
            let parts = s.components(separatedBy: separator)
            if parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty {
                return (parts[0], parts[1])
            }
        }
        // A hyphen between two numbers (not a leading minus sign).
        let chars = Array(s)
        for i in chars.indices where chars[i] == "-" && i > 0 {
            let before = chars[..<i].last { $0 != " " }
            if let before, before.isNumber {
                return (String(chars[..<i]), String(chars[(i + 1)...]))
            }
        }
        // A comma without a space that does not leave thousands groups: "2,5" → 2 and 5.
        let commaParts = s.components(separatedBy: ",")
        if commaParts.count == 2, PrintedNumber(s) == nil, PrintedNumber(commaParts[0]) != nil, PrintedNumber(commaParts[1]) != nil {
            return (commaParts[0], commaParts[1])
        }
        return nil
    }
}
