import Foundation
import TrialStats

/// `trialstats analyze --init COHORT.csv`: a commented starting plan written from the cohort's
/// columns, for the investigator to edit rather than to type from the README.
///
/// Each column's type is guessed from its values: dates (every value YYYY-MM-DD), binary (only
/// 0/1, yes/no, true/false), numbers, categories (text with at most 12 distinct values, some
/// repeated), identifiers (text, every value different). The basket column is the one named
/// basket, arm, cohort, group or indication, else the category with the fewest levels (2 or
/// more); its baskets are listed with their sizes. Numbers named `X_baseline`/`X_before`/`X_pre`
/// beside `X_<other>` become paired outcomes; binary columns named like an endpoint (response,
/// efficacy, remission, responder) become responses; two date columns and an event column become
/// the survival analysis; without an event column, a date column with gaps (a relapse date, when
/// there was one) before a complete one (the last visit) become `end: [relapse, last]` with
/// `event: first-end`. Identifiers — text with every value different, or whole numbers all
/// different in a column named like an identifier (id, subject, patient, record) — are not
/// summarised. Every guess is marked `# CHECK` where the plan needs a decision the data cannot
/// make (the direction of improvement, the MCID).
public enum ColumnGuess: String, Sendable, Equatable {
    case date, binary, numeric, categorical, identifier, empty
}

extension AnalysisPlan {
    /// The guessed type of each column, in header order.
    public static func guessColumnTypes(_ table: DataTable) -> [ColumnGuess] {
        table.header.indices.map { c in
            let values = table.rows.compactMap { $0.indices.contains(c) ? $0[c] : nil }.filter { !table.isMissing($0) }
            guard !values.isEmpty else { return .empty }
            if values.allSatisfy({ isoDayNumber($0) != nil }) { return .date }
            let binary: Set<String> = ["0", "1", "yes", "no", "true", "false", "y", "n"]
            if values.allSatisfy({ binary.contains($0.lowercased()) }) { return .binary }
            if values.allSatisfy({ parseDecimal($0) != nil }) {
                let name = table.header[c].lowercased()
                let idLike = name == "id" || name.hasSuffix("_id") || name.hasSuffix(" id") || name.hasPrefix("id_")
                    || ["subject", "patient", "record", "usubjid", "mrn"].contains { name.contains($0) }
                let wholeAndDistinct = values.allSatisfy { Int($0) != nil } && Set(values).count == values.count
                return idLike && wholeAndDistinct && values.count > 2 ? .identifier : .numeric
            }
            let distinct = Set(values).count
            if distinct == values.count && values.count > 2 { return .identifier }
            return distinct <= 12 ? .categorical : .identifier
        }
    }

    /// The starting plan's YAML text.
    public static func starter(for table: DataTable) -> String {
        let types = guessColumnTypes(table)
        let names = table.header
        func named(_ words: [String], among candidates: [Int]) -> Int? {
            candidates.first { c in words.contains { names[c].lowercased().contains($0) } }
        }
        let categorical = names.indices.filter { types[$0] == .categorical }
        let basket = named(["basket", "arm", "cohort", "group", "indication", "disease"], among: categorical)
            ?? categorical.filter { Set(column($0, table)).count >= 2 }.min { Set(column($0, table)).count < Set(column($1, table)).count }
        var out = comment("Starting plan for \(table.source), written by trialstats analyze --init from its \(names.count) columns and \(table.rows.count) rows.")
        out += "# Every line is a guess from the data: read it, fix what is marked CHECK, then\n"
        // The commands stay whole on their lines, to be copied.
        out += "#   trialstats analyze \(messageValue(shellQuote(table.source), limit: .max)) --plan plan.yaml --check\n"
        out += "#   trialstats analyze \(messageValue(shellQuote(table.source), limit: .max)) --plan plan.yaml --out report\n"
        out += comment("Columns: " + names.indices.map { "\(names[$0]) (\(types[$0].rawValue))" }.joined(separator: ", "))
        out += "title: \(yamlScalar("Analysis of " + (table.source as NSString).lastPathComponent))\n"
        if let basket {
            let values = column(basket, table)
            var order: [String] = []
            for v in values where !order.contains(v) { order.append(v) }
            out += "basket: \(yamlScalar(names[basket]))\n"
            out += "baskets: [\(order.map(yamlScalar).joined(separator: ", "))]   # "
                + order.map { v in "\(messageValue(v, limit: .max)) \(values.filter { $0 == v }.count)" }.joined(separator: ", ") + " patients\n"
        } else {
            out += "basket: CHECK   # no column looks like a basket (a category with 2 or more levels); name it here\n"
        }
        out += "conf_level: 0.95\nquantile_type: 7            # R's default; SPSS uses 6, SAS 2\ninterval_method: clopper-pearson\nadjust: none               # or holm, bh across the paired outcomes\n"
        out += "# compare: true             # Table 1: a p-value across the baskets for each baseline variable, by compare --test auto\n"
        out += "#                           #   (numbers: rank-sum for 2 baskets, kruskal for more; counts: fisher); per item: test: t, chisq, …\n"
        let pairs = pairedColumns(names, types)
        let afterColumns = Set(pairs.map(\.1))
        var used = Set(pairs.map(\.1))
        if let basket { used.insert(basket) }
        let responseColumns = names.indices.filter { types[$0] == .binary && named(["response", "efficacy", "remission", "responder"], among: [$0]) != nil }
        let survival = survivalColumns(names, types, excluding: used, complete: names.indices.map { column($0, table).count == table.rows.count })
        used.formUnion(responseColumns)
        if let survival { used.formUnion([survival.start, survival.end, survival.event, survival.last].compactMap { $0 }) }
        let baseline = names.indices.filter { !used.contains($0) && !afterColumns.contains($0) && [.numeric, .categorical, .binary].contains(types[$0]) }
        if !baseline.isEmpty {
            out += "\nbaseline:\n"
            for c in baseline {
                out += "  - column: \(yamlScalar(names[c]))\n    label: \(yamlScalar(names[c]))\n"
                switch types[c] {
                case .categorical:
                    var levels: [String] = []
                    for v in column(c, table) where !levels.contains(v) { levels.append(v) }
                    out += "    type: categorical\n    levels: [\(levels.map(yamlScalar).joined(separator: ", "))]\n"
                case .binary: out += "    type: binary\n"
                default: break
                }
            }
        }
        if !pairs.isEmpty {
            out += "\nbefore_label: Before\nafter_label: After\npaired:\n"
            for (before, after) in pairs {
                let stem = names[before].prefix { $0 != "_" }
                out += "  - label: \(yamlScalar(String(stem)))\n    before: \(yamlScalar(names[before]))\n    after: \(yamlScalar(names[after]))\n"
                out += "    better: lower           # CHECK: lower or higher is better\n    # mcid: -10             # CHECK: the minimal clinically important difference, if any\n"
            }
        }
        if !responseColumns.isEmpty {
            out += "\nresponses:\n" + responseColumns.map { "  - {column: \(yamlScalar(names[$0])), label: \(yamlScalar(names[$0]))}\n" }.joined()
        }
        if let s = survival {
            out += "\nsurvival:\n  label: Survival             # CHECK: the endpoint, e.g. Drug-free survival\n"
            out += "  start: \(yamlScalar(names[s.start]))\n"
            if let event = s.event {
                out += "  end: \(yamlScalar(names[s.end]))\n  event: \(yamlScalar(names[event]))\n"
            } else if let last = s.last {
                out += "  end: [\(yamlScalar(names[s.end])), \(yamlScalar(names[last]))]   # CHECK: the first with a date wins\n"
                out += "  event: first-end           # CHECK: an event when \(yamlScalar(names[s.end])) has a date, else censored at \(yamlScalar(names[last]))\n"
            } else {
                out += "  end: \(yamlScalar(names[s.end]))\n  event: CHECK               # the column of 1/0 event codes\n"
            }
            out += "  unit: months\n  # landmarks: [6, 12, 24]\n  # bands: true\n"
        }
        return out
    }

    static func column(_ c: Int, _ table: DataTable) -> [String] {
        table.rows.compactMap { $0.indices.contains(c) ? $0[c] : nil }.filter { !table.isMissing($0) }
    }

    /// Numeric columns `X_baseline` (or before, pre, bl, 0) with a partner `X_<other>`.
    static func pairedColumns(_ names: [String], _ types: [ColumnGuess]) -> [(Int, Int)] {
        let suffixes = ["_baseline", "_before", "_pre", "_bl", "_0"]
        var pairs: [(Int, Int)] = []
        for b in names.indices where types[b] == .numeric {
            guard let suffix = suffixes.first(where: { names[b].lowercased().hasSuffix($0) }) else { continue }
            let stem = String(names[b].dropLast(suffix.count))
            let partner = names.indices.first { a in
                a != b && types[a] == .numeric && names[a].hasPrefix(stem + "_") && !suffixes.contains { names[a].lowercased().hasSuffix($0) }
            }
            if let a = partner {
                pairs.append((b, a))
            }
        }
        return pairs
    }

    /// Two date columns (the first named like a start) and a binary event column; without an event
    /// column, an end date with gaps (the event's date) and, as `last`, a complete date column
    /// after it (the last follow-up), when there is one.
    static func survivalColumns(_ names: [String], _ types: [ColumnGuess], excluding used: Set<Int>,
                                complete: [Bool]) -> (start: Int, end: Int, event: Int?, last: Int?)? {
        let dates = names.indices.filter { types[$0] == .date && !used.contains($0) }
        guard dates.count >= 2 else { return nil }
        let startWords = ["start", "infusion", "enrol", "random", "treatment", "baseline", "entry", "inclusion"]
        let start = dates.first { d in startWords.contains { names[d].lowercased().contains($0) } } ?? dates[0]
        let ends = dates.filter { $0 != start }
        let event = names.indices.first { c in
            types[c] == .binary && !used.contains(c) && ["event", "status", "relapse", "death", "progress", "censor"].contains { names[c].lowercased().contains($0) }
        }
        if event == nil, let first = ends.first(where: { !complete[$0] }), let last = ends.first(where: { complete[$0] && $0 != first }) {
            return (start, first, nil, last)
        }
        return (start, ends[0], event, nil)
    }

    /// A comment line of the starting plan, wrapped at 100 columns (continuations indented under
    /// it): the data's column names and the path are written with their control characters as
    /// escapes, since a line break in a name would end the comment and start plan text.
    static func comment(_ text: String) -> String {
        wrapWords("# " + messageValue(text, limit: .max), width: 100, indent: "#   ").map { $0 + "\n" }.joined()
    }

    /// A YAML scalar: plain when safe, else double-quoted.
    static func yamlScalar(_ s: String) -> String {
        let plain = !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || " _-./()".contains($0) }
            && !s.hasPrefix(" ") && !s.hasSuffix(" ") && !s.hasPrefix("-") && Double(s) == nil
            && !["true", "false", "yes", "no", "null", "on", "off", "y", "n", "~"].contains(s.lowercased())
        if plain { return s }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

extension CohortAnalysis {
    /// What `analyze --check` prints when the plan fits the cohort.
    public func checkSummary(planPath: String, cohortPath: String) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts: [String] = []
        if !baseline.isEmpty {
            let tested = baseline.filter { $0.comparison != nil }
            let withP = tested.filter { $0.comparison?.row != nil }.count
            parts.append(count(baseline.count, "baseline variable")
                + (tested.isEmpty ? "" : " (\(withP) of them with a p-value across the baskets\(withP < tested.count ? ", \(tested.count - withP) without: see the report's note" : ""))"))
        }
        if !paired.isEmpty { parts.append(count(paired.count, "paired outcome")) }
        if !responses.isEmpty { parts.append(count(responses.count, "response endpoint")) }
        if let s = survival, let all = s.groups.last { parts.append("\(s.plan.label) (\(count(all.curve.events, "event")))") }
        return "\(planPath) fits \(cohortPath): \(patients) patients in \(count(baskets.count, "basket")) ("
            + zip(baskets, groupSizes).map { "\($0) \($1)" }.joined(separator: ", ") + "); it analyses " + parts.joined(separator: ", ")
            + ". Nothing was written."
    }
}
