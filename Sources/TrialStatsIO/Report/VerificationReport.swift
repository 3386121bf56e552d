import TrialStats

// The verification report for people (text), for programs (JSON) and for spreadsheets (CSV).
// `verify` and `reproduce` both render with these; the library's findings carry numbers only and
// the sentences are written here.

/// Something about the cells file itself that limits what can be checked, said at the top of the
/// report.
public enum CellsFileWarning: Equatable, Sendable {
    /// A column the program does not know (it is ignored); `suggestion` when it looks like a known one.
    case unknownColumn(String, suggestion: String?)
    /// No `column_n` column: no count or percentage can be checked against its N.
    case missingColumnN

    /// One sentence.
    public var sentence: String {
        switch self {
        case let .unknownColumn(name, suggestion?):
            return "The column \"\(name)\" is not known and was ignored (did you mean \"\(suggestion)\"?)."
        case let .unknownColumn(name, nil):
            return "The column \"\(name)\" is not known and was ignored."
        case .missingColumnN:
            return "There is no column_n column: no count, percentage, sum or quantile can be checked against its N."
        }
    }
}

/// The columns a cells file may have.
public let publishedCellsColumns = ["table", "section", "row", "column", "column_n", "text", "variable", "population",
                                    "scale_min", "scale_max", "scale_step", "test", "footnotes"]

/// Warnings about a cells file's header: unknown columns and a missing `column_n`.
public func cellsFileWarnings(_ table: DataTable) -> [CellsFileWarning] {
    var warnings: [CellsFileWarning] = []
    let hasN = table.header.contains("column_n")
    for name in table.header where !publishedCellsColumns.contains(name) {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        var suggestion = publishedCellsColumns.first { $0 == lower.replacingOccurrences(of: " ", with: "_") }
        if suggestion == nil && !hasN && ["n", "column n", "columnn", "n_column", "denominator", "total_n", "col_n"].contains(lower) { suggestion = "column_n" }
        warnings.append(.unknownColumn(name, suggestion: suggestion))
    }
    if !hasN { warnings.append(.missingColumnN) }
    return warnings
}

extension Statistic {
    var name: String { rawValue }
}

private func number(_ x: Double) -> String { formatForPeople(x, significant: 4) }

private func place(_ r: CellReference) -> String { "\(r.row), \(r.column)" }

private func list(_ range: ClosedRange<Int>) -> String {
    if range.count == 1 { return String(range.lowerBound) }
    if range.count <= 5 { return range.map(String.init).joined(separator: ", ").replacingLastComma(with: " or") }
    return "any of \(range.lowerBound) to \(range.upperBound) (\(range.count) counts)"
}

private extension String {
    func replacingLastComma(with word: String) -> String {
        guard let r = range(of: ",", options: .backwards) else { return self }
        return replacingCharacters(in: r, with: word)
    }
}

private func rules(_ rules: [RoundingRule]) -> String { rules.map(\.rawValue).joined(separator: "/") }

/// The sentence for a reason a cell could not be read.
public func unreadableSentence(_ reason: UnreadableReason) -> String {
    switch reason {
    case let .notAPercentage(inner, after): return "\"\(inner)\" after \(after) is not a percentage"
    case let .headNotNumber(head): return "\"\(head)\" before the bracket is not a number"
    case let .boundsNotNumbers(inner): return "the bounds \"\(inner)\" are not two numbers"
    case let .neitherNumberNorRange(inner, square): return "\"\(inner)\" in the \(square ? "square brackets" : "brackets") is neither a number nor a range"
    case let .notCountWithPercent(text): return "\"\(text)\" is a number with a bracketed value but not a whole count with a percentage"
    case let .noKnownShape(text): return "\"\(text)\" matches no known cell shape"
    case let .countTooLarge(text): return "the count \(text) is above the largest count checked (10^12)"
    case let .pValueOutOfRange(text): return "\(text) is not a p-value between 0 and 1"
    }
}

/// The sentence for a finding: what was found, with the numbers a reader can check by hand.
public func findingSentence(_ f: Finding) -> String {
    switch f.detail {
    case let .unreadable(reason):
        return "This cell could not be read: \(unreadableSentence(reason)); it is left out of every check."
    case let .denominatorDiffers(cellN, columnN):
        return "The cell's denominator \(cellN) differs from the column's N = \(columnN); the checks use \(cellN)."
    case let .labelShape(label, shape):
        return "The row label announces \(label.rawValue), but \"\(f.text)\" has the shape of \(shape); either the label or the cells are wrong."
    case let .countAboveN(count, n, percent, counts):
        var s = "\(count) patients cannot be counted in a column of N = \(n)."
        if let percent, let counts { s += " The printed \(percent.text)% of \(n) is \(list(counts)) patient\(counts == 1...1 ? "" : "s")." }
        return s
    case let .percentMismatch(count, n, percent, counts, nearest):
        let exact = 100 * Double(count) / Double(n)
        let rounded = RoundingRule.halfUp.round(exact, decimals: percent.decimals), truncated = RoundingRule.truncate.round(exact, decimals: percent.decimals)
        var s = "\(count)/\(n) = \(number(exact))%, which prints as \(number(rounded))% (rounded) or \(number(truncated))% (truncated), not \(percent.text)%."
        if let counts { s += " \(percent.text)% of \(n) would be \(list(counts)) patients." } else { s += " No count out of \(n) gives \(percent.text)%." }
        if let nearest { s += " \(count) is \(percent.text)% of \(nearest)." }
        return s
    case let .columnNNotDenominator(n, implied):
        let list = implied.prefix(6).map { "\($0.label) \($0.value)" }.joined(separator: ", ")
        return "\(implied.count) percentages in the \(f.cell.column) column do not fit its N = \(n) and imply smaller denominators (\(list)\(implied.count > 6 ? ", …" : "")): the N is not theirs (it may count several rows together, or patients are missing); their percentages were not checked."
    case let .percentTruncated(count, n, percent):
        let exact = 100 * Double(count) / Double(n)
        return "\(count)/\(n) = \(number(exact))% prints as \(percent.text)% only if truncated; rounding gives \(number(RoundingRule.halfUp.round(exact, decimals: percent.decimals)))%."
    case let .mixedRounding(own, other, otherText, otherRules):
        return "\(f.cell.table) mixes rounding conventions: \"\(f.text)\" fits only \(rules(own)), \"\(otherText)\" (\(place(other))) only \(rules(otherRules))."
    case let .subgroupSum(parts, total, printed, totalN):
        let terms = parts.map { "\($0.label) \($0.value)" }.joined(separator: " + ")
        return "The subgroups add up to \(terms) = \(total), but the \(f.cell.column) column prints \(printed) (the subgroups' N add up to \(totalN))."
    case let .categorySum(parts, total, n):
        let terms = parts.map { "\($0.value) (\($0.label))" }.joined(separator: " + ")
        return "The categories of one variable add up to \(terms) = \(total) in \(f.cell.column), more than its N = \(n); each patient is in one category."
    case let .gradeSum(anyGrade, grades, total):
        let terms = grades.map { "\($0.label) \($0.value)" }.joined(separator: " + ")
        return "\(f.cell.row) in \(f.cell.column) is \(anyGrade), but the grades add up to \(terms) = \(total); each patient counts once, at the highest grade."
    case let .quantileOrder(lower, lowerValue, upper, upperValue):
        return "The \(lower.name) (\(lowerValue.text)) is larger than the \(upper.name) (\(upperValue.text)); a \(lower.name) can never exceed the \(upper.name)."
    case let .quantileGranularity(statistic, printed, n, step):
        let scale = step == 1 ? "whole numbers" : "values in steps of \(number(step))"
        return "No \(n) \(scale) have a \(statistic.name) that prints as \(printed.text), under any of the nine quantile definitions\(f.severity == .error ? " and for any number of missing values" : " (possible only if some values are missing)")."
    case let .pooledQuantile(reason, possible):
        let detail = reason.perGroup.map { "\($0.label) \($0.value)" }.joined(separator: ", ")
        let why: String
        switch reason.bound {
        case let .tooFewAtOrBelow(needed, allowed):
            why = "the pooled \(reason.statistic.name) \(reason.printed.text) needs at least \(needed) of \(reason.totalN) values at or below it, but the subgroups' printed quartiles allow at most \(allowed) (\(detail))"
        case let .tooManyBelow(allowed, forced):
            why = "the pooled \(reason.statistic.name) \(reason.printed.text) allows at most \(allowed) of \(reason.totalN) values below it, but the subgroups' printed quartiles force at least \(forced) (\(detail))"
        }
        if possible.isEmpty { return "Under every quantile definition (types 1–9), \(why); the \(f.cell.column) column cannot be the union of the subgroups." }
        return "Under R's default quantile type 7, \(why); possible only under type\(possible.count > 1 ? "s" : "") \(possible.map { String($0.rawValue) }.joined(separator: ", "))."
    case let .meanBounds(mean, n, smallest, largest, from):
        if from == "quartiles" {
            return "With the printed quartiles, \(n) values that cannot be negative have a mean of at least \(number(smallest)) (over the nine quantile definitions), which does not round to \(mean.text)."
        }
        if from == "scale" {
            return "The mean of values on the instrument's scale \(number(smallest))–\(number(largest ?? smallest)) lies within it; \(mean.text) does not."
        }
        return "With the printed range, the mean of \(n) values lies between \(number(smallest)) and \(number(largest ?? smallest)) (the minimum and the maximum are each one of the values), which does not round to \(mean.text)."
    case let .sdBounds(sd, mean, n, smallest, largest, from):
        let within = from == "scale" ? "on the instrument's scale" : "within the printed range"
        if sd.trueValues.lowerBound > largest {
            return "\(n) values \(within) with a mean of \(mean.text) have an SD of at most \(number(largest)) (every value at one end or the other); \(sd.text) is larger."
        }
        return "\(n) values whose smallest and largest are the printed range have an SD of at least \(number(smallest)) (the others at the midpoint); \(sd.text) is smaller."
    case let .grim(mean, sd, n, nearest):
        if let sd {
            return "GRIMMER: \(n) values on the scale can have a mean of \(mean.text), but not with an SD of \(sd.text) (no whole sum of squares of the right parity gives it)."
        }
        return "GRIM: no \(n) values on the scale have a mean that rounds to \(mean.text); the nearest possible means are \(nearest.map(number).joined(separator: ", "))."
    case let .crossTable(statistic, printed, other, otherPrinted, variable, population):
        return "\(f.cell.table) prints the \(statistic.name) of \(variable) (\(population)) as \(printed.text), but \(other.table) prints \(otherPrinted.text) for the same patients; no rounding reconciles them."
    case let .pValueUnattainable(pairs, smallest, setting, printed):
        return "With \(pairs) pairs the smallest two-sided Wilcoxon signed-rank p-value is \(number(smallest)) (\(setting)); \(printed) cannot be attained."
    case let .countPValue(c):
        return countPValueSentence(c)
    case let .pValueOutOfRange(value):
        return "A p-value lies between 0 and 1; \(number(value)) cannot be one."
    case let .intervalExcludesEstimate(estimate, lower, upper):
        return "The estimate \(estimate.text) lies outside its own interval \(lower.text) to \(upper.text)."
    case let .notReachedOrder(estimate, lower, upper):
        func text(_ p: PrintedNumber?) -> String { p?.text ?? "not reached" }
        if estimate == nil, let upper {
            return "A median not reached lies beyond every time the curve covers, and so does the upper bound of its interval (the upper confidence band crosses 50% no earlier than the curve); \(upper.text) cannot be that bound."
        }
        return "The interval \(text(lower)) to \(text(upper)) does not contain the estimate \(text(estimate)) (not reached lies beyond every printed time)."
    case let .rateInterval(count, n, lower, upper, level, levelPrinted, methods):
        let at = "at \(formatForPeople(level * 100, significant: 4))%\(levelPrinted ? "" : " (no level printed)")"
        if methods.isEmpty { return "No interval method prints \(lower.text) to \(upper.text) for \(count)/\(n) \(at)." }
        return "\(lower.text) to \(upper.text) for \(count)/\(n) \(at) is printed by \(methods.joined(separator: ", ")), not by the exact Clopper–Pearson interval."
    case let .ratioConsistency(estimate, lower, upper, implied, impliedP, printedP):
        var s = "The interval \(lower.text) to \(upper.text) is centred (on the log scale) at \(number(implied)), not at \(estimate.text)"
        if let impliedP, let printedP { s += "; it implies p ≈ \(number(impliedP)), printed \(printedP)" }
        return s + "."
    case let .reconstructionImpossible(pairs, scale, before, after, reason):
        return "No \(pairs) values on the scale \(scale) print \(before) and \(after) (type 7, half-up): \(reason ?? "the marginals are impossible")."
    case let .reconstructionNotFound(before, after, pMin, pMax):
        return "No paired data set found that prints \(before) → \(after) with \(f.text); the p-values found range from \(number(pMin)) to \(number(pMax)) (a search, not a proof)."
    case let .recomputeMismatch(recomputed):
        return "The patient-level data do not reproduce \"\(f.text)\" under any setting: \(recomputed)."
    case let .typo(printed, fits, consequences):
        let others = consequences.filter { $0.cell != f.cell }
        var s = "A typo: \(f.cell.column) prints \(printed) where \(fits) fits"
        if let own = consequences.first(where: { $0.cell == f.cell }) { s += " (\(findingSentence(own).trimmingSuffix(".")))" }
        if !others.isEmpty {
            s += "; with \(fits), " + others.map { "\($0.check.rawValue) in \(place($0.cell)) (\"\($0.text)\")" }.joined(separator: " and ")
            s += others.count == 1 ? " holds as printed, so that cell is not in error" : " hold as printed, so those cells are not in error"
        }
        return s + "."
    }
}

/// A test of counts by name ("Fisher's exact test"); Fisher's test of more than two groups is
/// the Fisher–Freeman–Halton test.
public func countTestName(_ test: CountPValueTest, groups: Int = 2) -> String {
    switch test {
    case .fisher: return groups > 2 ? "Fisher–Freeman–Halton test" : "Fisher's exact test"
    case .fisherMidP: return "Fisher's mid-p"
    case .chisq: return "Pearson's chi-square"
    case .chisqYates: return "chi-square with Yates' correction"
    case .gTest: return "G-test"
    case .boschloo: return "Boschloo's test"
    case .barnard: return "Barnard's test"
    }
}

private func countPValueSentence(_ c: CountPValueComparison) -> String {
    let k = c.counts.count
    let counts = zip(c.counts, c.ns).map { "\($0.value)/\($1.value) (\($0.label))" }.joined(separator: " vs ")
    let shape = "the 2×\(k) table of \(counts)"
    let computed = c.computed.map { "\(countTestName($0.test, groups: k)) \(number($0.pValue))" }.joined(separator: ", ")
    if !c.matching.isEmpty {
        var s = "\(c.printed) for \(shape) is printed by \(c.matching.map { countTestName($0, groups: k) }.joined(separator: ", "))"
        if let named = c.named, !c.matching.contains(named) { s += ", not by the \(countTestName(named, groups: k)) the cells file names" }
        return s + " (\(computed))."
    }
    var s = "No test of \(shape) prints \(c.printed): \(computed.isEmpty ? "no test could run" : computed)."
    if let other = c.otherNs {
        let changed = zip(other, c.ns).filter { $0.value != $1.value }.map { "\($0.label) N = \($0.value) (printed \($1.value))" }
        let tests = c.otherMatching.map { "\(countTestName($0.test, groups: k)) \(number($0.pValue))" }.joined(separator: ", ")
        s += " With \(changed.joined(separator: " and ")), as missing values would make, it is printed by \(tests) (the nearest Ns that do; a search can match by chance)."
    }
    return s
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}

extension Finding {
    /// The finding's sentence (``findingSentence(_:)``).
    public var message: String { findingSentence(self) }
}

/// What a cell was read as, for the JSON: the statistic, its numbers with their printed decimals,
/// and the N the checks used.
public func readAsJSON(_ parsed: ParsedCell, n: Int?) -> JSONValue {
    func levelJSON(_ level: Double) -> JSONValue { .object([("name", .string("level")), ("value", .number(level))]) }
    func printed(_ name: String, _ p: PrintedNumber) -> JSONValue {
        .object([("name", .string(name)), ("value", .number(p.value)), ("decimals", .int(p.decimals)), ("text", .string(p.text))])
    }
    var values: [JSONValue] = []
    switch parsed {
    case let .count(x, percent):
        values = [.object([("name", .string("count")), ("value", .int(x)), ("decimals", .int(0))])] + (percent.map { [printed("percent", $0)] } ?? [])
    case let .fraction(x, of, percent):
        values = [.object([("name", .string("count")), ("value", .int(x)), ("decimals", .int(0))]),
                  .object([("name", .string("denominator")), ("value", .int(of)), ("decimals", .int(0))])] + (percent.map { [printed("percent", $0)] } ?? [])
    case let .medianIQR(m, a, b): values = [printed("median", m), printed("q1", a), printed("q3", b)]
    case let .medianRange(m, a, b): values = [printed("median", m), printed("min", a), printed("max", b)]
    case let .meanSD(m, s): values = [printed("mean", m), printed("sd", s)]
    case let .meanIQR(m, a, b): values = [printed("mean", m), printed("q1", a), printed("q3", b)]
    case let .meanRange(m, a, b): values = [printed("mean", m), printed("min", a), printed("max", b)]
    case let .range(a, b): values = [printed("min", a), printed("max", b)]
    case let .estimateCI(e, a, b, level, _):
        values = [printed("estimate", e), printed("lower", a), printed("upper", b)] + (level.map { [levelJSON($0)] } ?? [])
    case let .rateCI(x, of, percent, a, b, level):
        values = [.object([("name", .string("count")), ("value", .int(x)), ("decimals", .int(0))])]
            + (of.map { [.object([("name", .string("denominator")), ("value", .int($0)), ("decimals", .int(0))])] } ?? [])
            + (percent.map { [printed("percent", $0)] } ?? []) + [printed("lower", a), printed("upper", b)] + (level.map { [levelJSON($0)] } ?? [])
    case let .notReached(e, a, b, _, level):
        // A value not reached is null.
        func value(_ name: String, _ p: PrintedNumber?) -> JSONValue {
            p.map { printed(name, $0) } ?? .object([("name", .string(name)), ("value", .null), ("decimals", .null), ("text", .string("not reached"))])
        }
        values = [value("estimate", e), value("lower", a), value("upper", b)] + (level.map { [levelJSON($0)] } ?? [])
    case let .pValue(p): values = [.object([("name", .string("p")), ("relation", .string(p.relation.rawValue)), ("value", .number(p.number.value)),
                                            ("decimals", .int(p.number.decimals)), ("text", .string(p.number.text))])]
    case let .invalidPValue(p): values = [printed("p", p)]
    case let .number(p): values = [printed("number", p)]
    case .notApplicable, .unparsed: values = []
    }
    return .object([("statistic", .string(parsed.kind)), ("values", .array(values)), ("n", n.map { .int($0) } ?? .null)])
}

/// The verify JSON document (shape documented in the README): `warnings` and `coverage` beside
/// the findings and intervals.
public func verifyJSON(_ report: VerificationReport, warnings: [CellsFileWarning] = []) -> JSONValue {
    func ref(_ r: CellReference) -> JSONValue {
        .object([("table", .string(r.table)), ("section", .string(r.section)), ("row", .string(r.row)), ("column", .string(r.column))])
    }
    var fields: [(String, JSONValue)] = [
        ("command", .string("verify")),
        ("cells", .int(report.cells)),
        ("parsed", .int(report.parsed)),
        ("warnings", .array((warnings.map(\.sentence) + reportWarnings(report)).map { .string($0) })),
        ("unparsed", .array(report.unparsed.map { u in
            .object([("table", .string(u.cell.table)), ("section", .string(u.cell.section)), ("row", .string(u.cell.row)), ("column", .string(u.cell.column)),
                     ("text", .string(u.text)), ("reason", .string(unreadableSentence(u.reason)))])
        })),
        ("findings", .array(report.findings.map { f in
            .object([("severity", .string(f.severity.rawValue)), ("check", .string(f.check.rawValue)), ("table", .string(f.cell.table)),
                     ("section", .string(f.cell.section)), ("row", .string(f.cell.row)), ("column", .string(f.cell.column)), ("text", .string(f.text)),
                     ("message", .string(f.message)), ("related", .array(f.related.map(ref)))])
        })),
        ("intervals", .array(report.intervals.map { i in
            .object([("table", .string(i.cell.table)), ("section", .string(i.cell.section)), ("row", .string(i.cell.row)), ("column", .string(i.cell.column)),
                     ("x", .int(i.x)), ("n", .int(i.n)), ("lower", .number(i.lower)), ("upper", .number(i.upper))])
        })),
        ("coverage", .array(report.coverage.map { c in
            .object([("table", .string(c.cell.table)), ("section", .string(c.cell.section)), ("row", .string(c.cell.row)), ("column", .string(c.cell.column)),
                     ("text", .string(c.text)), ("read_as", readAsJSON(c.readAs, n: c.n)),
                     ("checks", .array(c.checks.map { o in
                         .object([("check", .string(o.check.rawValue)), ("status", .string(o.status.rawValue)),
                                  ("reason", o.reason.map { .string($0.rawValue) } ?? .null)])
                     }))])
        })),
    ]
    // Only when rows were examined, so the documented shape stays as it is otherwise.
    if !report.reconstructions.isEmpty {
        fields.append(("reconstructions", .array(report.reconstructions.map(reconstructionJSON))))
    }
    return .object(fields)
}

/// A paired row examined by reconstruction, in the reconstruct command's terms.
public func reconstructionJSON(_ r: RowReconstruction) -> JSONValue {
    let result = r.result
    return .object([
        ("table", .string(r.cell.table)), ("section", .string(r.cell.section)), ("row", .string(r.cell.row)), ("column", .string(r.cell.column)),
        ("before", .string(r.before)), ("after", .string(r.after)), ("p_text", .string(r.pValue)),
        ("feasible", .bool(result.feasible)), ("reason", result.reason.map { .string($0) } ?? .null),
        ("p_value", .number(result.pValue)), ("profile", result.pValueProfile.map { .string($0.rawValue) } ?? .null),
        ("p_range", result.pRange.map { .object([("min", .number($0.min)), ("max", .number($0.max))]) } ?? .null),
        ("profiles_reproducing", .array(result.profilesReproducing.map { .string($0.rawValue) })),
    ])
}

/// One sentence on a reconstructed row, for the text reports.
public func reconstructionSentence(_ r: RowReconstruction) -> String {
    let result = r.result
    guard result.feasible else { return "no certificate: \(result.reason ?? "see the findings")" }
    var text = "a reconstructed data set prints \(r.before) → \(r.after) and \(r.pValue)"
    if let p = result.pValue, let profile = result.pValueProfile { text += " (p = \(formatForPeople(p, significant: 3)) under \(profile.rawValue)" }
    text += "; reproduced by " + result.profilesReproducing.map(\.rawValue).joined(separator: ", ") + ")"
    if let range = result.pRange {
        text += "; p-values found (any software) on data printing these summaries: \(formatForPeople(range.min, significant: 2))\(range.minIsProven ? " (the smallest possible)" : "") to \(formatForPeople(range.max, significant: 2))\(range.maxIsProven ? " (the largest possible)" : " (range found, not proven)")"
    }
    return text
}

/// The findings as CSV, one row per finding.
public func verifyCSV(_ report: VerificationReport) -> CSVOutput {
    CSVOutput(header: ["severity", "check", "table", "section", "row", "column", "text", "message"], rows: report.findings.map { f in
        [.text(f.severity.rawValue), .text(f.check.rawValue), .text(f.cell.table), .text(f.cell.section), .text(f.cell.row), .text(f.cell.column),
         .text(f.text), .text(f.message)]
    })
}

/// Sentences on what the checks could not do across the report, for its top: cells without an N,
/// grade rows without their any-grade row (or the reverse), rows whose subgroups do not add up.
public func reportWarnings(_ report: VerificationReport) -> [String] {
    var out: [String] = []
    let notRun = report.coverage.flatMap { c in c.checks.filter { $0.status == .notRun }.map { (c, $0) } }
    let noN = Set(notRun.filter { $0.1.reason == .noColumnN && ($0.1.check == .countBounds || $0.1.check == .percentRounding) }.map(\.0.cell))
    if !noN.isEmpty { out.append("\(noN.count) count cell\(noN.count == 1 ? " has" : "s have") no N: their counts and percentages were not checked.") }
    let grades = Set(notRun.filter { $0.1.check == .gradeSum }.map { $0.0.cell.row })
    if !grades.isEmpty {
        out.append("\(grades.count) graded row\(grades.count == 1 ? "" : "s") could not be matched with an any-grade row (or its grades): grade-sum not checked there (\(grades.sorted().prefix(3).joined(separator: "; "))\(grades.count > 3 ? "; …" : "")).")
    }
    return out
}

/// What was not checked, by check and reason, for the end of the report.
public func notCheckedSummary(_ report: VerificationReport) -> [String] {
    var counts: [String: Int] = [:]
    var order: [String] = []
    for c in report.coverage {
        for o in c.checks where o.status == .notRun {
            let key = "\(o.check.rawValue): \(notRunPhrase(o.reason))"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
    }
    return order.map { "\($0) — \(counts[$0] ?? 0) cell\(counts[$0] == 1 ? "" : "s")" }
}

/// A reason a check did not run, in words.
public func notRunPhrase(_ reason: NotRunReason?) -> String {
    switch reason {
    case .unreadable?: return "the cell could not be read"
    case .noColumnN?: return "no column N"
    case .noPartnerColumn?: return "no partner (total column beside subgroups, or any-grade row beside grades)"
    case .subgroupsDoNotAddUp?: return "the subgroups' N do not add up to the total's"
    case .unreadableNeighbour?: return "a cell it needs could not be read"
    case .neighbourOfAnotherShape?: return "a cell it needs has another statistic"
    case .noPercentage?: return "no percentage printed"
    case .noScale?: return "no scale given (scale_min, scale_max, scale_step)"
    case .notAPairedRow?: return "not a row of two medians and a p-value"
    case .otherTest?: return "the p-value's test (cells file's test column) is not one this check computes"
    case .notACountRow?: return "the row prints another statistic (a ratio, a rate, a median) beside its counts"
    case .bareCountColumns?: return "the row prints bare numbers beside its n (%) cells that its headings do not place under a group (sub-columns?): which columns the p-value compares is not known"
    case .survivalEstimate?: return "a Kaplan–Meier estimate: its interval depends on the risk sets and censoring, which the table does not print"
    case .estimateNotNamed?: return "the headings do not say what the estimate is (a ratio, a rate, a median)"
    case .ambiguousPartner?: return "more than one cell could be its partner"
    case .noOtherTable?: return "not printed in another table"
    case .switchedOff?: return "switched off"
    case .tooLarge?: return "too large to check"
    case .columnNNotDenominator?: return "the column's N is not the denominator of its percentages"
    case nil: return "not run"
    }
}

/// The findings for a person: warnings first, counts, each finding with its cell and sentence, and
/// at the end what was not checked, by reason.
public func verifyText(_ report: VerificationReport, source: String, warnings: [CellsFileWarning] = []) -> String {
    var out = "Verification of \(source): \(report.cells) cells, \(report.parsed) read"
    out += report.unparsed.isEmpty ? ".\n" : ", \(report.unparsed.count) could not be read.\n"
    let top = warnings.map(\.sentence) + reportWarnings(report)
    for w in top { out += "WARNING: \(w)\n" }
    let counts = Severity.allCases.map { s in
        let k = report.findings.filter { $0.severity == s }.count
        return "\(k) \(s.rawValue)\(k == 1 ? "" : "s")"
    }
    out += "Findings: " + counts.joined(separator: ", ") + ".\n"
    for severity in Severity.allCases {
        let list = report.findings.filter { $0.severity == severity }
        guard !list.isEmpty else { continue }
        out += "\n" + severity.rawValue.uppercased() + (severity == .error ? " (cannot be true under any convention)" : severity == .warning ? " (true only under an unusual convention, or contradicts another table)" : "") + "\n"
        for f in list {
            out += "  [\(f.check.rawValue)] \(f.cell.table) | \(f.cell.section.isEmpty ? "" : f.cell.section + " | ")\(f.cell.row) | \(f.cell.column): \"\(f.text)\"\n"
            out += "      \(f.message)\n"
        }
    }
    if !report.unparsed.isEmpty {
        out += "\nNot read\n"
        for u in report.unparsed { out += "  \(u.cell.table) | \(u.cell.row) | \(u.cell.column): \"\(u.text)\" — \(unreadableSentence(u.reason))\n" }
    }
    if !report.reconstructions.isEmpty {
        out += "\nPaired p-values examined by reconstruction (type 7, half-up)\n"
        for r in report.reconstructions { out += "  \(r.cell.row): \(reconstructionSentence(r)).\n" }
    }
    out += "\n\(report.intervals.count) n (%) cells have an exact \(formatForPeople(report.confLevel * 100, significant: 4))% interval (--format json lists them).\n"
    let notChecked = notCheckedSummary(report)
    if !notChecked.isEmpty {
        out += "\nNot checked (check: reason — cells; --format json lists each cell under \"coverage\")\n"
        for line in notChecked { out += "  \(line)\n" }
    }
    return out
}
