import TrialStats

/// The names of the signed-rank fields, in the documented order (`n_pairs` … `sign_test_p_value`).
public let signedRankFieldNames = [
    "n_pairs", "n_missing", "n_zero", "n_used", "has_ties", "method", "correct", "zero_method", "alternative", "mu",
    "statistic_v", "statistic_s", "z", "p_value", "estimate", "conf_low", "conf_high", "conf_level", "achieved_conf_level",
    "median_difference", "effect_size_r", "rank_biserial", "sign_test_p_value",
]

extension SignedRankResult {
    /// Whether the interval reaches less than the level asked for (an exact distribution with too
    /// few differences); levels within 1e-9 of it count as reached.
    public var intervalBelowNominal: Bool {
        achievedConfLevel.map { $0 < confLevel - 1e-9 } ?? false
    }
}

extension SignedRankGroup {
    /// The signed-rank fields of this group (``signedRankJSONFields(_:missing:)``); for a group
    /// without pairs the counts are 0, the settings asked for are kept and the rest is null.
    public func fields(options: SignedRankTestOptions) -> [(String, JSONValue)] {
        if let test { return signedRankJSONFields(test, missing: missing) }
        let known: [String: JSONValue] = [
            "n_pairs": .int(0), "n_missing": .int(missing), "n_zero": .int(0), "n_used": .int(0),
            "alternative": .string(options.alternative.rawValue), "mu": .number(options.mu), "conf_level": .number(options.confLevel),
        ]
        return signedRankFieldNames.map { ($0, known[$0] ?? .null) }
    }
}

extension SignedRankReport {
    func fields(_ g: SignedRankGroup) -> [(String, JSONValue)] {
        [("group", .string(g.group))] + g.fields(options: options)
    }

    /// `signed-rank --format json`; a group without pairs also has a `note`.
    public func json() -> JSONValue {
        var top: [(String, JSONValue)] = [("command", .string("signed-rank"))]
        if let profile = options.profile { top.append(("profile", .string(profile.rawValue))) }
        top.append(("groups", .array(groups.map { g in
            .object(fields(g) + (g.note.map { [("note", JSONValue.string($0))] } ?? []))
        })))
        return .object(top)
    }

    /// `signed-rank --format csv`: the JSON fields, one row per group.
    public func csv() -> CSVOutput {
        CSVOutput(header: ["group"] + signedRankFieldNames, rows: groups.map { g in fields(g).map { CSVOutput.Cell($0.1) } })
    }

    /// `signed-rank` for people.
    public func table() -> TextTable {
        let level = formatForPeople(options.confLevel * 100, significant: 4) + "%"
        // Where the exact distribution cannot reach the nominal level, the interval has a lower
        // achieved level: the heading then names the level as requested, never as reached, the
        // cell is marked and the footnote says which groups.
        let short = groups.filter { $0.test?.intervalBelowNominal ?? false }
        let header = ["group", "pairs", "zeros", "ties", "method", "V", "z", "p", "median d", "HL shift",
                      short.isEmpty ? "\(level) CI" : "CI (\(level) requested)", "sign test p"]
        let rows = groups.map { g -> [String] in
            let pairs = { (n: Int) in g.missing > 0 ? "\(n) (+\(g.missing) missing)" : String(n) }
            guard let r = g.test else { return [g.group, pairs(0), "0"] + Array(repeating: "—", count: 9) }
            let ci: String
            switch (r.confLow, r.confHigh) {
            case let (lo?, hi?): ci = "\(formatForPeople(lo)) to \(formatForPeople(hi))"
            case let (lo?, nil): ci = "≥ \(formatForPeople(lo))"
            case let (nil, hi?): ci = "≤ \(formatForPeople(hi))"
            default: ci = "—"
            }
            let achieved = (r.achievedConfLevel.map { " (\(formatForPeople($0 * 100, significant: 4))%)" } ?? "")
                + (r.intervalBelowNominal ? " *" : "")
            return [g.group, pairs(r.nPairs), String(r.nZero), r.hasTies ? "yes" : "no",
                    r.method.rawValue + (r.method == .normal ? (r.correct ? ", corrected" : ", uncorrected") : ""),
                    formatForPeople(r.statisticV), formatForPeople(r.z, significant: 4), formatPValue(r.pValue),
                    formatForPeople(r.medianDifference), formatForPeople(r.estimate), ci + achieved, formatPValue(r.signTestPValue)]
        }
        let mu = options.mu
        var title = ["Wilcoxon signed-rank test of \(after) − \(before)\(mu == 0 ? "" : (mu > 0 ? " − \(formatForPeople(mu))" : " + \(formatForPeople(-mu))")), \(options.alternative.rawValue)"]
        if let profile = options.profile { title[0] += "; profile \(profile.rawValue)" }
        let zeroText: String
        switch groups.lazy.compactMap(\.test).first?.zeroMethod ?? options.zeroMethod {
        case .wilcox: zeroText = "zeros dropped (Wilcoxon)"
        case .pratt: zeroText = "zeros ranked, then dropped (Pratt)"
        case .zsplit: zeroText = "zero ranks split between signs"
        }
        title.append("V = sum of ranks of positive differences; \(zeroText); CI for the Hodges–Lehmann shift (achieved level in parentheses)")
        title.append("")
        var notes: [String] = []
        if !short.isEmpty {
            let which = short.map { "\($0.group) (\($0.test?.nPairs ?? 0) pairs)" }.joined(separator: ", ")
            notes.append("* \(level) is not attainable by the exact distribution for \(which): the interval shown has the lower achieved level in parentheses.")
        }
        notes += groups.compactMap { g in g.note.map { "\(g.group): \($0)" } }
        return TextTable(title: title, header: header, rows: rows, rightAligned: Set([1, 2, 5, 6, 7, 8, 9, 10, 11]), footer: notes,
                         optionalColumns: [[2, 3], [6], [8], [11]])
    }
}
