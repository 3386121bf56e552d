import Foundation

/// What a printed cell says, once read.
public enum ParsedCell: Equatable, Sendable {
    /// "-", "—", "NA", "n/a" or empty: not applicable.
    case notApplicable
    /// "17 (71)", "18 (75%)", "six (67%)", "3": a count, with its percentage when printed.
    case count(Int, percent: PrintedNumber?)
    /// "9/10 (90%)", "9/10", "9 of 10", "one (6%) of 18": a count with its own denominator.
    case fraction(Int, of: Int, percent: PrintedNumber?)
    /// "39 (26–53)", "63.0 [52.8; 74.8]": a median with its first and third quartiles.
    case medianIQR(median: PrintedNumber, q1: PrintedNumber, q3: PrintedNumber)
    /// "44 (18–70)" in a row labelled "median (range)": a median with the minimum and maximum.
    case medianRange(median: PrintedNumber, min: PrintedNumber, max: PrintedNumber)
    /// "12.3 ± 4.5", or "12.3 (4.5)" in a "mean (SD)" row.
    case meanSD(mean: PrintedNumber, sd: PrintedNumber)
    /// "mean 5 days (IQR 4–15)": a mean printed with quartiles.
    case meanIQR(mean: PrintedNumber, q1: PrintedNumber, q3: PrintedNumber)
    /// "mean 12 (range 3–40)": a mean with the minimum and maximum.
    case meanRange(mean: PrintedNumber, min: PrintedNumber, max: PrintedNumber)
    /// "18 – 64", "range 2–9": a bare range (minimum and maximum).
    case range(min: PrintedNumber, max: PrintedNumber)
    /// "0.75 (95% CI 0.44–1.25)", "0·75 [0·44; 1·25]" in an HR row, "12.5% (95% CI 3.5–29.0)",
    /// "−34.0 (−45.0 to −23.5 [95.1%])": an estimate with its confidence interval; `level` when
    /// printed (0.95; an achieved level in brackets after the bounds, 0.951), `percent` for a rate in %.
    case estimateCI(estimate: PrintedNumber, lower: PrintedNumber, upper: PrintedNumber, level: Double?, percent: Bool)
    /// "9/10 (90.0%) [55.5–99.7]", "3 (33%) [7.5–70.1]", "9/10 [55.5–99.7]": a count (with its own
    /// denominator when printed) and its percentage, then a confidence interval for the rate (in %
    /// when a bound is above 1); `level` when printed in the brackets ("[95% CI 55.5–99.7]").
    case rateCI(Int, of: Int?, percent: PrintedNumber?, lower: PrintedNumber, upper: PrintedNumber, level: Double?)
    /// "not reached (9.9–NR)", "NR (NR–NR)", "14.2 (9.9–NR)", "not reached": an estimate whose value
    /// or interval bound is not reached (printed NR, NE, "not reached", "not estimable": a
    /// Kaplan–Meier median, or a bound of its interval, that the curve does not reach); nil stands
    /// for not reached. `interval` says whether an interval was printed; `level` when printed.
    case notReached(estimate: PrintedNumber?, lower: PrintedNumber?, upper: PrintedNumber?, interval: Bool, level: Double?)
    /// "P < 0.0001", "P = 0.0030", "p=.03", or a bare number in a p-value column.
    case pValue(PrintedPValue)
    /// A p-value printed outside [0, 1] ("P = 1.5", or `105` in a p-value column).
    case invalidPValue(PrintedNumber)
    /// A single number that is not a count ("4.0", "12.5").
    case number(PrintedNumber)
    /// Could not be read; the reason says why.
    case unparsed(reason: UnreadableReason)

    /// A short name of the statistic, for messages and the `read_as` field.
    public var kind: String {
        switch self {
        case .notApplicable: return "not applicable"
        case .count(_, let percent): return percent == nil ? "count" : "n (%)"
        case .fraction(_, _, let percent): return percent == nil ? "x/n" : "x/n (%)"
        case .medianIQR: return "median (IQR)"
        case .medianRange: return "median (range)"
        case .meanSD: return "mean ± SD"
        case .meanIQR: return "mean (IQR)"
        case .meanRange: return "mean (range)"
        case .range: return "range"
        case .estimateCI: return "estimate (CI)"
        case let .rateCI(_, of, percent, _, _, _): return (of == nil ? "n" : "x/n") + (percent == nil ? "" : " (%)") + " [CI]"
        case let .notReached(estimate, _, _, interval, _):
            if estimate != nil { return "estimate (CI, not reached)" }
            return interval ? "not reached (CI)" : "not reached"
        case .pValue, .invalidPValue: return "p-value"
        case .number: return "number"
        case .unparsed: return "unparsed"
        }
    }
}

/// The statistic a row label (or column heading) announces ("Age (years), median (IQR)",
/// "Sex, N (%)", "HR (95% CI)", "p value").
public enum LabelStatistic: String, Sendable {
    case countPercent = "n (%)"
    case medianIQR = "median (IQR)"
    case medianRange = "median (range)"
    case meanSD = "mean (SD)"
    case range = "range"
    case ratioCI = "estimate (CI)"
    case pValue = "p-value"
    case none = "unstated"

    /// Reads the hint in a row label, case-insensitively.
    public init(label: String) {
        let l = " " + label.lowercased().replacingOccurrences(of: "s.d.", with: "sd").replacingOccurrences(of: "s.e.", with: "se") + " "
        func word(_ w: String) -> Bool {
            guard let r = l.range(of: w) else { return false }
            let before = l[..<r.lowerBound].last, after = l[r.upperBound...].first
            return !(before?.isLetter ?? false) && !(after?.isLetter ?? false)
        }
        if l.contains("(range)") || l.contains("median (min") || l.contains("[range]") || l.contains("median, range") { self = .medianRange }
        else if l.contains("iqr") || l.contains("interquartile") { self = .medianIQR }
        else if l.contains("± sd") || l.contains("(±sd)") || l.contains("mean (sd)") || l.contains("mean ± ") || l.contains("(sd)") || l.contains("mean, sd") || l.contains("mean sd") { self = .meanSD }
        else if l.contains("(%)") || l.contains("n (%") || l.contains("no. (%") || l.contains("n/n (%)") { self = .countPercent }
        else if word("hr") || word("rr") || word("irr") || word("ratio") || word("ratios") || l.contains(" or (") || l.contains(" or,") || l.trimmingCharacters(in: .whitespaces) == "or" || l.contains("95% ci") || l.contains("confidence interval") { self = .ratioCI }
        else if word("p") || l.contains("p value") || l.contains("p-value") || l.contains("p-wert") { self = .pValue }
        else if word("range") || l.contains("min–max") || l.contains("min-max") { self = .range }
        else { self = .none }
    }

    /// The hint of a row label, else of the column heading.
    public init(label: String, column: String) {
        let fromLabel = LabelStatistic(label: label)
        self = fromLabel != .none ? fromLabel : LabelStatistic(label: column)
    }
}

/// How a table writes decimals, decided per table from all its cells (never from one cell).
public enum DecimalMark: String, Sendable, Equatable {
    /// "7.6"; a comma between digit groups of three is a thousands separator.
    case period
    /// "7,6" (continental European journals).
    case comma

    /// The table's mark: comma when some cell has a comma followed by other than three digits
    /// ("7,6", "12,25") and no cell has a period between digits; period otherwise. Mid-dots
    /// ("0·75", The Lancet) are read as decimal points under either mark.
    public static func decide(_ texts: [String]) -> DecimalMark {
        var commaDecimals = 0, periodDecimals = 0
        for text in texts {
            let chars = Array(text)
            for i in chars.indices where i > 0 && i + 1 < chars.count && chars[i - 1].isASCII && chars[i - 1].isNumber {
                if chars[i] == "." && chars[i + 1].isNumber { periodDecimals += 1 }
                if chars[i] == "," && chars[i + 1].isNumber {
                    var digits = 0
                    var j = i + 1
                    while j < chars.count && chars[j].isASCII && chars[j].isNumber { digits += 1; j += 1 }
                    if digits != 3 { commaDecimals += 1 }
                }
            }
        }
        return commaDecimals > 0 && periodDecimals == 0 ? .comma : .period
    }
}

/// Reads printed cells of every shape found in published clinical tables.
///
/// Shapes: `17 (71)`, `18 (75%)`, `9/10 (90%)`, `9 of 10`, `one (6%) of 18`, `six (67%)`,
/// `39 (26–53)`, `63.0 [52.8; 74.8]`, `117 [75.5–138]`, `1,051 (780–1,252)`, `1 (1-6)`, `18 – 64`,
/// `12.3 ± 4.5`, `mean 10 days (IQR 9–21 days)`, `0.75 (95% CI 0.44–1.25)`, `0·75 [0·44; 1·25]`,
/// `−34.0 (−45.0 to −23.5 [95.1%])` (an interval with its achieved level), `9/10 (90.0%) [55.5–99.7]`
/// (a rate with its interval), `not reached (9.9–NR)`, `14.2 (9.9–NR)` (values not reached),
/// `8 (1 missing)`, `P < 0.0001`, `P = 0.0030`, `p=.03`, `-`. The two bounds inside brackets may be separated by an
/// en or em dash (spaced or not), a hyphen, a semicolon, a comma followed by a space, or "to"; a
/// comma between digits that leaves groups of three is a thousands separator unless the table
/// writes decimal commas (``DecimalMark``). Number words up to twenty are read as numbers. A
/// leading word (`mean`, `median`, `range`, `IQR`) and a word inside the brackets (`IQR`,
/// `range`, `SD`, `95% CI`) name the statistic; units after a number (`days`, `years`) are
/// ignored. Otherwise the row label decides (``LabelStatistic``), else the shape: `a (b–c)` is a
/// median (IQR), `x (y)` with a whole x a count with its percentage.
public enum CellParser {
    /// The largest count or N the checks accept (10¹²): sums of counts and N stay exact in
    /// `Double` and far from `Int` overflow.
    public static let maximumCount = 1_000_000_000_000

    /// Parses a cell's text, given the statistic its row label announces, its column's N and the
    /// table's decimal mark.
    public static func parse(_ text: String, label: LabelStatistic = .none, columnN: Int? = nil, decimalMark: DecimalMark = .period) -> ParsedCell {
        var t = normalize(text, decimalMark: decimalMark)
        if t.isEmpty || ["-", "—", "–", "na", "n/a", "n.a.", "nr", ".", "..", "…", "ne", "nd"].contains(t.lowercased()) { return .notApplicable }
        // Significance stars are footnote marks: "0.69* (1.31)" is 0.69 (1.31); "***" alone is no number.
        if t.allSatisfy({ $0 == "*" || $0 == "†" || $0 == "‡" }) { return .notApplicable }
        t = t.replacingOccurrences(of: "*", with: "")
        if ["reference", "ref", "ref.", "1 (reference)", "1.00 (reference)", "1.0 (reference)", "1 (ref)", "1.00 (ref)", "1.0 (ref)"].contains(t.lowercased()) { return .notApplicable }
        if let p = parsePValue(t, label: label) { return p }
        if let (mean, sd) = parsePlusMinus(stripLeadingWord(t).rest) { return .meanSD(mean: mean, sd: sd) }
        // "x of n" and "x (p%) of n".
        if let fraction = parseOf(t) { return fraction }
        let (leading, rest) = stripLeadingWord(t)
        t = rest
        if let unreached = parseNotReached(t) { return unreached }
        if let (first, inner, closing) = splitBracket(t) {
            // "9/10 (90.0%) [55.5–99.7]", "3 (33%) [7.5–70.1]": a count with its percentage, then the rate's interval.
            if let rate = parseRateCI(head: first, inner: inner, decimalMark: decimalMark) { return rate }
            // "8 (1 missing)": the number of missing values beside a count is a remark, not a percentage.
            if isMissingRemark(inner) { return parse(first, label: label, columnN: columnN, decimalMark: decimalMark) }
            let head = stripUnit(first)
            if let (x, n) = parseFraction(head) {
                guard let percent = parsePercent(inner) else { return .unparsed(reason: .notAPercentage(inner: inner, after: first)) }
                return .fraction(x, of: n, percent: percent)
            }
            let headPercent = head.hasSuffix("%")
            guard let headNumber = PrintedNumber(headPercent ? String(head.dropLast()) : head) else { return .unparsed(reason: .headNotNumber(first)) }
            let (innerWord, innerRest) = stripInnerWord(inner)
            // "28.33 (±1.37)": the SD in brackets after its sign (Frontiers style).
            let signed = innerRest.trimmingCharacters(in: .whitespaces)
            if signed.first == "±", !headPercent,
               let sd = PrintedNumber(stripUnit(String(signed.dropFirst()).trimmingCharacters(in: .whitespaces))) {
                return .meanSD(mean: headNumber, sd: sd)
            }
            // "−34.0 (−45.0 to −23.5 [95.1%])": bounds followed by their (achieved) confidence level.
            let (bounds, achieved) = splitTrailingLevel(innerRest)
            if let (a, b) = splitRange(stripUnit(bounds)) {
                guard let lo = PrintedNumber(stripUnit(a)), let hi = PrintedNumber(stripUnit(b)) else {
                    return .unparsed(reason: .boundsNotNumbers(inner))
                }
                if let achieved {
                    switch innerWord {
                    case .none, .ci: return .estimateCI(estimate: headNumber, lower: lo, upper: hi, level: achieved, percent: headPercent)
                    case .iqr, .range, .sd: return .unparsed(reason: .boundsNotNumbers(inner))
                    }
                }
                let isMean = leading == "mean"
                switch innerWord {
                case .ci(let level):
                    return .estimateCI(estimate: headNumber, lower: lo, upper: hi, level: level, percent: headPercent)
                case .iqr: return isMean ? .meanIQR(mean: headNumber, q1: lo, q3: hi) : .medianIQR(median: headNumber, q1: lo, q3: hi)
                case .range: return isMean ? .meanRange(mean: headNumber, min: lo, max: hi) : .medianRange(median: headNumber, min: lo, max: hi)
                case .sd, .none:
                    if label == .ratioCI { return .estimateCI(estimate: headNumber, lower: lo, upper: hi, level: nil, percent: headPercent) }
                    if label == .medianRange || label == .range { return isMean ? .meanRange(mean: headNumber, min: lo, max: hi) : .medianRange(median: headNumber, min: lo, max: hi) }
                    return isMean ? .meanIQR(mean: headNumber, q1: lo, q3: hi) : .medianIQR(median: headNumber, q1: lo, q3: hi)
                }
            }
            if innerRest.trimmingCharacters(in: .whitespaces).hasPrefix("<"), headNumber.decimals == 0, !headPercent,
               let bound = parsePercent(innerRest), let count = countValue(headNumber) {
                return .count(count, percent: bound)
            }
            var innerText = stripUnit(innerRest)
            let hasPercent = innerText.hasSuffix("%")
            if hasPercent { innerText = String(innerText.dropLast()).trimmingCharacters(in: .whitespaces) }
            guard let second = PrintedNumber(innerText) else {
                return .unparsed(reason: .neitherNumberNorRange(inner: inner, squareBrackets: closing == "]"))
            }
            if !hasPercent && (label == .meanSD || leading == "mean" || innerWord == .sd) { return .meanSD(mean: headNumber, sd: second) }
            // "60.6 (13.9)", "−2 (2.32)": a number with decimals, or below zero, cannot be a count, so it is a mean with its SD.
            if !hasPercent && !headPercent && (headNumber.decimals > 0 || headNumber.value < 0) && label != .countPercent { return .meanSD(mean: headNumber, sd: second) }
            if headNumber.decimals == 0, headNumber.value >= 0, !headPercent {
                guard let count = countValue(headNumber) else { return .unparsed(reason: .countTooLarge(headNumber.text)) }
                return .count(count, percent: second)
            }
            return .unparsed(reason: .notCountWithPercent(t))
        }
        if let (x, n) = parseFraction(t) { return .fraction(x, of: n, percent: nil) }
        if let (a, b) = splitBareRange(t), let lo = PrintedNumber(stripUnit(a)), let hi = PrintedNumber(stripUnit(b)) {
            return .range(min: lo, max: hi)
        }
        if t.hasSuffix("%"), let n = PrintedNumber(String(t.dropLast()).trimmingCharacters(in: .whitespaces)) { return .number(n) }
        if let n = PrintedNumber(stripUnit(t)) {
            if n.decimals == 0, n.value >= 0, label == .countPercent {
                guard let count = countValue(n) else { return .unparsed(reason: .countTooLarge(n.text)) }
                return .count(count, percent: nil)
            }
            return .number(n)
        }
        return .unparsed(reason: .noKnownShape(t))
    }

    /// The words that print a value not reached (a Kaplan–Meier median or bound).
    static let notReachedWords: Set<String> = ["nr", "ne", "n.r.", "n.e.", "not reached", "not yet reached", "not estimable", "na"]

    /// "not reached (9.9–NR)", "NR (NR–NR)", "14.2 (9.9–NR)", "not reached (95% CI 5.3–NR)",
    /// "not reached": nil unless the estimate or a bound is printed as not reached ("NR" alone
    /// stays not applicable: it also means not reported).
    static func parseNotReached(_ t: String) -> ParsedCell? {
        let lower = t.lowercased()
        if ["not reached", "not yet reached", "not estimable"].contains(lower) {
            return .notReached(estimate: nil, lower: nil, upper: nil, interval: false, level: nil)
        }
        guard let (head, inner, _) = splitBracket(t) else { return nil }
        enum Value { case number(PrintedNumber), notReached }
        func value(_ s: String) -> Value? {
            let v = s.trimmingCharacters(in: .whitespaces)
            if notReachedWords.contains(v.lowercased()) { return .notReached }
            return PrintedNumber(stripUnit(v)).map { .number($0) }
        }
        guard let (bounds, level) = intervalBounds(inner) else { return nil }
        guard let estimate = value(head), let (a, b) = splitRange(bounds), let lo = value(a), let hi = value(b) else { return nil }
        func number(_ v: Value) -> PrintedNumber? { if case let .number(n) = v { return n } else { return nil } }
        guard [estimate, lo, hi].contains(where: { number($0) == nil }) else { return nil }
        return .notReached(estimate: number(estimate), lower: number(lo), upper: number(hi), interval: true, level: level)
    }

    /// "9/10 (90.0%)" or "3 (33%)" (or "9/10") before brackets holding two bounds ("55.5–99.7",
    /// "95% CI 7.5–70.1"): a rate with its interval. Nil for any other shape (a bare count before
    /// bounds is a median with its quartiles).
    static func parseRateCI(head: String, inner: String, decimalMark: DecimalMark) -> ParsedCell? {
        let x: Int, n: Int?, percent: PrintedNumber?
        if let (a, b) = parseFraction(head) {
            (x, n, percent) = (a, b, nil)
        } else if let (a, b) = parseFraction(stripUnit(splitBracket(head)?.0 ?? "")), let p = splitBracket(head).flatMap({ parsePercent($0.1) }) {
            (x, n, percent) = (a, b, p)
        } else if let (countText, percentText, _) = splitBracket(head), let count = PrintedNumber(countText), count.decimals == 0, count.value >= 0,
                  let c = countValue(count), percentText.trimmingCharacters(in: .whitespaces).hasSuffix("%"), let p = parsePercent(percentText) {
            (x, n, percent) = (c, nil, p)
        } else { return nil }
        guard let (bounds, level) = intervalBounds(inner) else { return nil }
        func bound(_ s: String) -> PrintedNumber? {
            var v = stripUnit(s)
            if v.hasSuffix("%") { v = String(v.dropLast()).trimmingCharacters(in: .whitespaces) }
            return PrintedNumber(v)
        }
        guard let (a, b) = splitRange(bounds), let lo = bound(a), let hi = bound(b) else { return nil }
        return .rateCI(x, of: n, percent: percent, lower: lo, upper: hi, level: level)
    }

    /// An interval's bracket content ("95% CI 7.5–70.1", "9.9–NR [95.1%]", "5.3–NR"): the bounds
    /// and the level, the one the "CI" word names, else the trailing achieved one; nil when the
    /// content opens with another word (IQR, range, SD).
    static func intervalBounds(_ inner: String) -> (bounds: String, level: Double?)? {
        let (word, rest) = stripInnerWord(inner)
        var level: Double?
        switch word {
        case .none: break
        case .ci(let l): level = l
        default: return nil
        }
        let (bounds, achieved) = splitTrailingLevel(rest)
        return (bounds, level ?? achieved)
    }

    /// "1 missing", "2 unknown": the number of missing values printed in brackets beside a count.
    static func isMissingRemark(_ inner: String) -> Bool {
        let words = inner.lowercased().split(separator: " ").map(String.init)
        guard words.count >= 2, Int(words[0]) != nil else { return false }
        return ["missing", "missing)", "unknown", "not known", "not available", "n/a"].contains(words.dropFirst().joined(separator: " "))
    }

    /// "−45.0 to −23.5 [95.1%]" → ("−45.0 to −23.5", 0.951): bounds followed by the interval's
    /// (achieved) confidence level in brackets; the level is nil when there is none.
    static func splitTrailingLevel(_ inner: String) -> (String, Double?) {
        let s = inner.trimmingCharacters(in: .whitespaces)
        guard let close = s.last, close == "]" || close == ")" else { return (s, nil) }
        let open: Character = close == "]" ? "[" : "("
        guard let openIndex = s.lastIndex(of: open) else { return (s, nil) }
        var content = s[s.index(after: openIndex)..<s.index(before: s.endIndex)].trimmingCharacters(in: .whitespaces)
        guard content.hasSuffix("%") else { return (s, nil) }
        content = String(content.dropLast()).trimmingCharacters(in: .whitespaces)
        guard let value = Double(content), value > 0, value < 100 else { return (s, nil) }
        let before = s[..<openIndex].trimmingCharacters(in: .whitespaces)
        guard !before.isEmpty else { return (s, nil) }
        return (before, value / 100)
    }

    /// A printed whole number as a count, nil above ``maximumCount``.
    static func countValue(_ number: PrintedNumber) -> Int? {
        guard number.value <= Double(maximumCount) else { return nil }
        return Int(number.value)
    }

    /// Number words zero to twenty, for "one (6%) of 18".
    static let numberWords = ["zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                              "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20]

    /// Unifies spaces (non-breaking, thin), reads mid-dot decimals and number words, applies the
    /// table's decimal mark, and trims.
    static func normalize(_ text: String, decimalMark: DecimalMark = .period) -> String {
        var t = text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{2009}", with: " ")
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{2212}", with: "-")
        while t.contains("  ") { t = t.replacingOccurrences(of: "  ", with: " ") }
        t = t.trimmingCharacters(in: .whitespaces)
        var chars = Array(t)
        for i in chars.indices where i > 0 && i + 1 < chars.count && chars[i - 1].isASCII && chars[i - 1].isNumber && chars[i + 1].isASCII && chars[i + 1].isNumber {
            if chars[i] == "·" || chars[i] == "\u{22C5}" { chars[i] = "." }
            if decimalMark == .comma && chars[i] == "," { chars[i] = "." }
        }
        t = String(chars)
        // A leading number word ("one (6%) of 18", "Six (67%)").
        let firstWord = t.prefix { $0.isLetter }
        if let value = numberWords[firstWord.lowercased()] {
            let rest = t.dropFirst(firstWord.count)
            if rest.isEmpty || rest.first == " " || rest.first == "(" { t = String(value) + rest }
        }
        return t
    }

    /// A leading `mean`, `median`, `range` or `IQR` word, lowercased, and the rest.
    static func stripLeadingWord(_ t: String) -> (word: String?, rest: String) {
        let word = t.prefix { $0.isLetter }.lowercased()
        guard ["mean", "median", "range", "iqr"].contains(word) else { return (nil, t) }
        var rest = t.dropFirst(word.count).drop { $0 == " " || $0 == ":" || $0 == "," }
        if rest.hasPrefix("=") { rest = rest.dropFirst().drop { $0 == " " } }
        return (word, String(rest))
    }

    /// The word at the start of a bracket's content.
    enum InnerWord: Equatable {
        case none, iqr, range, sd
        case ci(level: Double?)
    }

    static func stripInnerWord(_ inner: String) -> (InnerWord, String) {
        var s = inner.trimmingCharacters(in: .whitespaces)
        let lower = s.lowercased()
        for (word, kind) in [("iqr", InnerWord.iqr), ("range", .range), ("sd", .sd)] where lower.hasPrefix(word) {
            let after = s.dropFirst(word.count)
            if after.first.map({ !$0.isLetter }) ?? true {
                return (kind, String(after.drop { $0 == " " || $0 == ":" || $0 == "," || $0 == "=" }))
            }
        }
        // "95% CI 0.44–1.25", "95% CI: 0.44 to 1.25", "CI 0.44–1.25".
        var level: Double?
        var probe = s
        if let percentIndex = s.firstIndex(of: "%"), let value = Double(s[..<percentIndex].trimmingCharacters(in: .whitespaces)) {
            level = value / 100
            probe = String(s[s.index(after: percentIndex)...]).trimmingCharacters(in: .whitespaces)
        }
        if probe.lowercased().hasPrefix("ci") {
            s = String(probe.dropFirst(2).drop { $0 == " " || $0 == ":" || $0 == "," || $0 == "=" })
            return (.ci(level: level), s)
        }
        return (.none, inner)
    }

    /// Drops a unit or word after a number ("5 days", "21 days", "12.5 %" stays a percentage).
    static func stripUnit(_ t: String) -> String {
        var s = t.trimmingCharacters(in: .whitespaces)
        guard let lastDigit = s.lastIndex(where: { $0.isNumber }) else { return s }
        let tail = s[s.index(after: lastDigit)...].trimmingCharacters(in: .whitespaces)
        if tail.isEmpty || tail == "%" { return s }
        if tail.allSatisfy({ $0.isLetter || $0 == " " || $0 == "/" || $0 == "." || $0 == "μ" || $0 == "²" }) {
            s = String(s[...lastDigit])
        }
        return s
    }

    /// "4%", "4" → the percentage as printed; "<0.1" → 0.1 with its text, a bound.
    static func parsePercent(_ inner: String) -> PrintedNumber? {
        var innerText = inner.trimmingCharacters(in: .whitespaces)
        if innerText.hasPrefix("<") {
            let bound = parsePercent(String(innerText.dropFirst()))
            return bound.map { PrintedNumber(value: $0.value, decimals: $0.decimals, text: "<" + $0.text) }
        }
        if innerText.hasSuffix("%") { innerText = String(innerText.dropLast()).trimmingCharacters(in: .whitespaces) }
        return PrintedNumber(innerText)
    }

    /// "9 of 10", "9 of 10 (90%)", "1 (6%) of 18".
    static func parseOf(_ t: String) -> ParsedCell? {
        let parts = t.components(separatedBy: " of ")
        guard parts.count == 2 else { return nil }
        var first = parts[0].trimmingCharacters(in: .whitespaces), second = parts[1].trimmingCharacters(in: .whitespaces)
        var percent: PrintedNumber?
        if let (head, inner, _) = splitBracket(first) {
            guard let p = parsePercent(inner) else { return nil }
            percent = p
            first = head
        } else if let (head, inner, _) = splitBracket(second) {
            guard let p = parsePercent(inner) else { return nil }
            percent = p
            second = head
        }
        guard let (x, n) = parseFraction(first + "/" + stripUnit(second)) else { return nil }
        return .fraction(x, of: n, percent: percent)
    }

    /// "9/10" → (9, 10): two whole numbers separated by a slash, each at most ``maximumCount``.
    static func parseFraction(_ t: String) -> (Int, Int)? {
        let parts = t.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let x = Int(parts[0]), let n = Int(parts[1]), x >= 0, n >= 0,
              x <= maximumCount, n <= maximumCount else { return nil }
        return (x, n)
    }

    /// "P < 0.0001", "p=.03", "<0.001", or a bare number in a p-value column; a footnote mark
    /// after the number ("0.74a", "0.5#", "0.02†": the test named in a footnote) is not part of it.
    static func parsePValue(_ text: String, label: LabelStatistic) -> ParsedCell? {
        guard let first = text.first else { return nil }
        let prefixed = first == "P" || first == "p"
        guard prefixed || "<≤>".contains(first) || label == .pValue else { return nil }
        var t = text
        if t.count > 1, let mark = t.last, ("a"..."z").contains(mark) || "†‡§¶#".contains(mark),
           let before = t.dropLast().last, before.isNumber {
            t.removeLast()
        }
        if let p = PrintedPValue(t) { return .pValue(p) }
        // A number outside [0, 1] where a p-value stands.
        var body = Substring(t)
        if prefixed { body = body.dropFirst().drop { $0 == " " } }
        body = body.drop { "=<>≤ ".contains($0) }
        if let n = PrintedNumber(String(body)), prefixed || label == .pValue, body.count < t.count || label == .pValue {
            return .invalidPValue(n)
        }
        return nil
    }

    static func parsePlusMinus(_ t: String) -> (PrintedNumber, PrintedNumber)? {
        for symbol in ["±", "+/-", "+-"] where t.contains(symbol) {
            let parts = t.components(separatedBy: symbol)
            guard parts.count == 2, let a = PrintedNumber(stripUnit(parts[0])), let b = PrintedNumber(stripUnit(parts[1])) else { return nil }
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

    /// A bare range: "18 – 64", "11.1 – 27.1", "2–9", "3 to 7" (both sides numbers).
    static func splitBareRange(_ t: String) -> (String, String)? {
        for separator in [" – ", " — ", " - ", "–", "—", " to ", ", ", "; "] {
            let parts = t.components(separatedBy: separator)
            if parts.count == 2, PrintedNumber(stripUnit(parts[0])) != nil, PrintedNumber(stripUnit(parts[1])) != nil { return (parts[0], parts[1]) }
        }
        // "38-128": a hyphen between digits (not a leading minus).
        let chars = Array(t)
        if let i = chars.indices.first(where: { chars[$0] == "-" && $0 > 0 && chars[$0 - 1].isNumber }),
           PrintedNumber(String(chars[..<i])) != nil, PrintedNumber(String(chars[(i + 1)...])) != nil {
            return (String(chars[..<i]), String(chars[(i + 1)...]))
        }
        return nil
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
