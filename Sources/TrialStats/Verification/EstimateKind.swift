import Foundation

/// What an estimate printed with its confidence interval is, as the cell and its headings say.
/// It decides which interval checks apply: a ratio's interval is log-symmetric, a rate's is
/// reproduced by a binomial interval method, a Kaplan–Meier probability's depends on the risk sets
/// and censoring (which a table does not print), a median's or a difference's on the data.
public enum EstimateKind: String, Sendable, CaseIterable {
    /// A hazard, odds, risk or rate ratio ("HR", "OR", "RR", "IRR", "ratio", "hazard", "odds").
    case ratio
    /// A proportion of patients: printed in % (or under "rate", "proportion") without a
    /// time-to-event word.
    case rate
    /// A survival (event-free, relapse-free, …) probability at a time, in % or as a probability:
    /// a Kaplan–Meier estimate, "90.0 (47.3–98.5)" under "Survival, % (95% CI): At 12 months".
    case survivalProbability = "survival probability"
    /// A median, mean, difference, change or shift (a Hodges–Lehmann estimate, a median survival time).
    case location
    /// The cell and its headings do not say.
    case unnamed

    /// The kind of an estimate with its interval, from its headings (row, column, section) and
    /// whether the estimate is printed with a % sign. A ratio word wins (a hazard ratio of overall
    /// survival is a ratio); then a time-to-event word: with "median" or "time" a location, else
    /// with a percentage or "probability" a survival probability; then a percentage or a rate word
    /// (a rate); then a location word; else unnamed.
    public static func of(row: String, column: String, section: String, percent: Bool) -> EstimateKind {
        let headings = [row, column, section]
        if headings.contains(where: isRatioHeading) { return .ratio }
        let text = headings.joined(separator: " | ").lowercased()
        let words = Set(text.split { !($0.isLetter || $0.isNumber) }.map(String.init))
        let percentUnit = percent || headings.contains(where: hasPercentUnit)
        let timeToEvent = ["survival", "surviving", "kaplan", "km", "os", "pfs", "dfs", "efs", "rfs", "ttp"].contains { words.contains($0) }
            || text.contains("-free") || text.contains(" free ") || text.contains("cumulative incidence")
        let locationWords = ["median", "mean", "difference", "change", "shift", "hodges", "time", "duration", "months", "days", "weeks", "years"]
        if timeToEvent {
            if words.contains("median") || words.contains("mean") || words.contains("time") { return .location }
            if percentUnit || words.contains("probability") || words.contains("rate") { return .survivalProbability }
            return .unnamed
        }
        if percentUnit || words.contains("rate") || words.contains("rates") || words.contains("proportion") { return .rate }
        if locationWords.contains(where: { words.contains($0) }) { return .location }
        return .unnamed
    }

    /// Whether a heading names a ratio: HR, RR, IRR, "ratio", "hazard", "odds", or OR written as
    /// an abbreviation ("OR (95% CI)", "OR, 95% CI", "aOR").
    static func isRatioHeading(_ heading: String) -> Bool {
        let l = heading.lowercased()
        let words = Set(l.split { !$0.isLetter }.map(String.init))
        if ["hr", "rr", "irr", "ratio", "ratios", "hazard", "odds", "ahr", "aor", "shr", "sir", "smr"].contains(where: { words.contains($0) }) { return true }
        let trimmed = l.trimmingCharacters(in: .whitespaces)
        return trimmed == "or" || l.contains(" or (") || l.contains(" or,") || trimmed.hasPrefix("or (") || trimmed.hasPrefix("or,")
    }

    /// Whether a heading prints a % sign as a unit ("Survival, %", "n (%)", "rate (%)"), not as
    /// the level of an interval ("95% CI").
    static func hasPercentUnit(_ heading: String) -> Bool {
        let chars = Array(heading)
        for (i, c) in chars.enumerated() where c == "%" {
            let before = chars[..<i].last { $0 != " " }
            if let before, before.isNumber { continue }
            return true
        }
        return false
    }

    /// The confidence level a heading states ("Survival, % (95% CI)", "90% confidence interval"),
    /// nil when none does.
    static func level(in heading: String) -> Double? {
        let l = heading.lowercased()
        let chars = Array(l)
        for (i, c) in chars.enumerated() where c == "%" {
            var j = i
            while j > 0, chars[j - 1].isNumber || chars[j - 1] == "." { j -= 1 }
            guard j < i, let value = Double(String(chars[j..<i])), value > 0, value < 100 else { continue }
            let after = String(chars[(i + 1)...]).trimmingCharacters(in: .whitespaces)
            if after.hasPrefix("ci") || after.hasPrefix("confidence") || after.hasPrefix("cl") { return value / 100 }
        }
        return nil
    }
}

extension Verifier {
    /// The kind of a cell's estimate (``EstimateKind/of(row:column:section:percent:)``).
    static func estimateKind(_ c: ReadCell, percent: Bool) -> EstimateKind {
        EstimateKind.of(row: c.cell.row, column: c.cell.column, section: c.cell.section, percent: percent)
    }

    /// The level of a cell's interval: printed in the cell, else in its row, column or section
    /// heading; nil when none states it.
    static func statedLevel(_ c: ReadCell, printed: Double?) -> Double? {
        printed ?? [c.cell.row, c.cell.column, c.cell.section].lazy.compactMap(EstimateKind.level(in:)).first
    }
}
