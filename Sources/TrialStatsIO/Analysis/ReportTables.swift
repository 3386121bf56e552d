import Foundation
import TrialStats

/// The report's tables as values (``ReportTable``), in report order; HTML and DOCX render them.
extension CohortAnalysis {
    /// The nominal level as printed: "95%".
    var levelText: String { formatForPeople(plan.confLevel * 100, significant: 4) + "%" }

    func reportTables() -> [ReportTable] {
        var tables: [ReportTable] = []
        func add(_ make: (Int) -> ReportTable) { tables.append(make(tables.count + 1)) }
        if !baseline.isEmpty { add(baselineTable) }
        if !paired.isEmpty {
            add(pairedTable)
            if paired.contains(where: { !$0.outcome.mcid.isEmpty }) { add(respondersTable) }
        }
        if !responses.isEmpty { add(responsesTable) }
        if let survival { add { survivalTable(survival, number: $0) } }
        return tables
    }

    /// Column headings: the label column, then the baskets and All with N.
    func groupHeader(_ label: String) -> [ReportHeaderRow] {
        [ReportHeaderRow(cells: [ReportHeaderCell(label)] + zip(groups, groupSizes).map { ReportHeaderCell($0, sub: "(N = \($1))") })]
    }

    func baselineTable(number: Int) -> ReportTable {
        let marks = BaselineMarks(self)
        let comparing = marks.comparing
        var rows: [ReportRow] = []
        for b in baseline {
            let key = "baseline/\(b.variable.column.value)"
            let p = comparing ? [pCell(b, key: key, marks: marks)] : []
            switch b.variable.kind {
            case .continuous:
                var cells = [ReportCell("\(b.variable.label), median [IQR]")]
                for g in groups.indices {
                    let text = b.summaries[g].map { PaperFormat.medianIQR(median: $0.median, q1: $0.q1, q3: $0.q3, decimals: b.decimals) } ?? "—"
                    cells.append(ReportCell(text, key: "\(key)/\(groups[g])/median_iqr", mark: b.missing[g] > 0 ? marks.missing : nil))
                }
                rows.append(ReportRow(cells: cells + p))
            case .categorical where b.levels.count > 1:
                rows.append(ReportRow(section: true, cells: [ReportCell("\(b.variable.label), n (%)", colspan: groups.count + 1)] + p))
                for level in b.levels {
                    rows.append(ReportRow(cells: [ReportCell(level.level, indent: true)] + countCells(b, level: level, key: key, marks: marks)
                                          + (comparing ? [ReportCell("")] : [])))
                }
            case .categorical:
                rows.append(ReportRow(cells: [ReportCell("\(b.variable.label): \(b.levels[0].level), n (%)")] + countCells(b, level: b.levels[0], key: key, marks: marks) + p))
            case .binary:
                rows.append(ReportRow(cells: [ReportCell("\(b.variable.label), n (%)")] + countCells(b, level: b.levels[0], key: key, marks: marks) + p))
            }
        }
        var footnotes = [ReportParagraph("IQR, interquartile range [Q1; Q3], quartiles of Hyndman–Fan type \(plan.quantileType.rawValue). Percentages are of the patients with a value.")]
        let missing = baseline.compactMap { b -> String? in
            let counts = zip(groups, b.missing).filter { $0.1 > 0 }
            return counts.isEmpty ? nil : "\(b.variable.label): " + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        }
        if let mark = marks.missing {
            footnotes.append(ReportParagraph([ReportInline(" Missing values, left out: " + missing.joined(separator: "; ") + ".", mark: mark)]))
        }
        footnotes += comparisonFootnotes(marks)
        var header = groupHeader("Characteristic")
        if comparing { header[0].cells.append(ReportHeaderCell("P")) }
        return ReportTable(id: "table-baseline", number: number, caption: "Baseline characteristics of the patients, by basket.",
                           header: header, rows: rows, footnotes: footnotes, columns: groups.count + 1 + (comparing ? 1 : 0))
    }

    /// The p-value cell of a baseline variable: the p-value marked with its test's footnote, or
    /// "—" marked with the note that says why there is none; empty when the plan asks for no test
    /// of this variable.
    func pCell(_ b: BaselineResult, key: String, marks: BaselineMarks) -> ReportCell {
        guard let c = b.comparison else { return ReportCell("") }
        guard let summary = c.row?.summary else { return ReportCell("—", key: "\(key)/p", mark: marks.noPValue) }
        return ReportCell(PaperFormat.pValue(summary.pValue), key: "\(key)/p", mark: marks.tests.first { $0.test == summary.test }?.mark)
    }

    /// One footnote per test used (how its p-values were computed, and the call of R or SciPy
    /// that gives them), then why some variables have no p-value and which baskets a comparison
    /// left out.
    func comparisonFootnotes(_ marks: BaselineMarks) -> [ReportParagraph] {
        var out: [ReportParagraph] = []
        for (test, mark) in marks.tests.map({ ($0.test, $0.mark) }) {
            var methods: [String] = []
            for m in baseline.compactMap({ $0.comparison?.row?.summary }) where m.test == test && !methods.contains(m.method) { methods.append(m.method) }
            // Sides exist only where two baskets are compared (Fisher's 2×2 method is "exact").
            let sided = [.rankSum, .t, .welch, .boschloo, .barnard].contains(test) || (test == .fisher && methods.contains("exact"))
            var parts = [ReportInline(" \(Self.testName(test)) across the baskets with values\(sided ? ", two-sided" : ""): ", mark: mark)]
            for (k, method) in methods.enumerated() {
                let (words, software, call) = Self.methodWords(test, method)
                parts += [ReportInline((k > 0 ? "; " : "") + "\(words) (\(software) "), .code(call), ReportInline(")")]
            }
            parts.append(ReportInline("."))
            out.append(ReportParagraph(parts))
        }
        let missing = baseline.compactMap { b in b.comparison?.reason.map { "\(b.variable.label): \($0)" } }
        if let mark = marks.noPValue {
            out.append(ReportParagraph([ReportInline(" No p-value. " + missing.joined(separator: "; ") + ".", mark: mark)]))
        }
        let leftOut = baseline.compactMap { b -> String? in
            guard let c = b.comparison, c.row != nil, !c.leftOut.isEmpty else { return nil }
            return "\(listed(c.leftOut)) from \(b.variable.label)"
        }
        if !leftOut.isEmpty {
            out.append(ReportParagraph("Baskets without values, left out of the comparison: " + leftOut.joined(separator: "; ") + "."))
        }
        return out
    }

    /// A test's name in a footnote.
    static func testName(_ test: ComparisonTest) -> String {
        switch test {
        case .rankSum: return "Wilcoxon rank-sum (Mann–Whitney) test"
        case .kruskal: return "Kruskal–Wallis test"
        case .t: return "Student's t-test"
        case .welch: return "Welch's t-test"
        case .fisher: return "Fisher's exact test"
        case .chisq: return "Pearson's chi-square test"
        case .chisqYates: return "Pearson's chi-square test (Yates' correction on 2×2 tables)"
        case .gTest: return "Likelihood-ratio G test"
        case .boschloo: return "Boschloo's exact unconditional test"
        case .barnard: return "Barnard's exact unconditional test"
        case .mcnemar: return "McNemar's test"
        case .auto: return "auto"
        }
    }

    /// How a p-value was computed, in words, and the call (R, or SciPy where R's base has none)
    /// that gives the same p-value; `method` is ``ComparisonSummary/method``.
    static func methodWords(_ test: ComparisonTest, _ method: String) -> (String, String, String) {
        switch (test, method) {
        case (.rankSum, "exact"): return ("exact distribution (no ties)", "R", "wilcox.test(x ~ basket, exact = TRUE)")
        case (.rankSum, "exact-conditional"):
            return ("exact distribution conditional on the tied ranks", "R", "coin::wilcox_test(x ~ basket, distribution = \"exact\")")
        case (.rankSum, _): return ("normal approximation with tie and continuity correction", "R", "wilcox.test(x ~ basket, exact = FALSE)")
        case (.kruskal, "exact"): return ("exact permutation distribution", "R", "coin::kruskal_test(x ~ basket, distribution = \"exact\")")
        case (.kruskal, _): return ("chi-square approximation with tie correction", "R", "kruskal.test(x ~ basket)")
        case (.t, _): return ("pooled variance", "R", "t.test(x ~ basket, var.equal = TRUE)")
        case (.welch, _): return ("unequal variances", "R", "t.test(x ~ basket)")
        case (.fisher, "exact"): return ("2×2 table", "R", "fisher.test(table(x, basket))")
        case (.fisher, _): return ("Freeman–Halton, r×c table", "R", "fisher.test(table(x, basket))")
        case (.chisq, _): return ("no continuity correction", "R", "chisq.test(table(x, basket), correct = FALSE)")
        case (.chisqYates, _): return (method, "R", "chisq.test(table(x, basket))")
        case (.gTest, _): return ("likelihood ratio", "SciPy", "chi2_contingency(table, lambda_=\"log-likelihood\")")
        case (.boschloo, _): return ("exact unconditional", "SciPy", "boschloo_exact(table)")
        case (.barnard, _): return ("exact unconditional", "SciPy", "barnard_exact(table)")
        default: return (method, "TrialStats", "compare --test \(test.rawValue)")
        }
    }

    func countCells(_ b: BaselineResult, level: LevelCounts, key: String, marks: BaselineMarks) -> [ReportCell] {
        groups.indices.map { g in
            ReportCell(PaperFormat.countPercent(level.counts[g], of: b.nonMissing[g]), key: "\(key)/\(groups[g])/\(level.level)",
                       mark: b.missing[g] > 0 ? marks.missing : nil)
        }
    }

    /// Whether an exact interval in the paired table reaches less than the nominal level.
    var pairedLevelsBelowNominal: Bool {
        paired.contains { p in p.groups.contains { g in g.test?.intervalBelowNominal ?? false } }
    }

    func pairedTable(number: Int) -> ReportTable {
        let adjusted = plan.adjust != .none
        let below = pairedLevelsBelowNominal
        var header = [ReportHeaderCell("Outcome / basket"), ReportHeaderCell("Pairs"),
                      ReportHeaderCell(plan.beforeLabel, sub: "median [IQR]"), ReportHeaderCell(plan.afterLabel, sub: "median [IQR]"),
                      ReportHeaderCell("Change", sub: below ? "(CI, \(levelText) requested)" : "(\(levelText) CI)", mark: "a"),
                      ReportHeaderCell("P", mark: "b")]
        if adjusted { header.append(ReportHeaderCell("P, \(plan.adjust == .holm ? "Holm" : "BH")", mark: "c")) }
        // The mark of an interval below the requested level: the letter after the header's.
        let shortMark = adjusted ? "d" : "c"
        var rows: [ReportRow] = []
        for p in paired {
            rows.append(ReportRow(section: true, groupStart: true,
                                  cells: [ReportCell(p.outcome.label, sub: " (\(p.outcome.better == .lower ? "lower" : "higher") is better)", colspan: header.count)]))
            for g in p.groups {
                let key = "paired/\(p.outcome.after.value)/\(g.group)"
                let r = g.test
                let pairs = r?.nPairs ?? 0
                func iqr(_ s: Summary?) -> String { s.map { PaperFormat.medianIQR(median: $0.median, q1: $0.q1, q3: $0.q3, decimals: p.decimals) } ?? "—" }
                var cells = [ReportCell(g.group, indent: true),
                             ReportCell(g.nMissing > 0 ? "\(pairs) (\(g.nMissing) missing)" : String(pairs), key: "\(key)/n_pairs"),
                             ReportCell(iqr(g.before), key: "\(key)/before"),
                             ReportCell(iqr(g.after), key: "\(key)/after"),
                             ReportCell(r.map { shiftText($0, decimals: p.decimals) } ?? "—", key: "\(key)/shift",
                                        mark: r?.intervalBelowNominal ?? false ? shortMark : nil),
                             ReportCell(PaperFormat.pValue(r?.pValue), key: "\(key)/p")]
                if adjusted { cells.append(ReportCell(PaperFormat.pValue(g.adjustedPValue), key: "\(key)/p_adjusted")) }
                rows.append(ReportRow(cells: cells))
            }
        }
        let levelNote = "at \(levelText); where the exact distribution is used, the level it achieves is in brackets."
        var footnotes = [
            ReportParagraph("Pairs: patients with both values (others left out). Medians and IQRs: quartiles of type \(plan.quantileType.rawValue)."),
            ReportParagraph([ReportInline(" Hodges–Lehmann estimate of the shift of \(plan.afterLabel) − \(plan.beforeLabel) (median of the Walsh averages) with its interval from the signed-rank test, \(levelNote)", mark: "a")]),
            ReportParagraph([ReportInline(" Wilcoxon signed-rank test, \(paired.first?.groups.lazy.compactMap(\.test).first?.alternative.rawValue ?? "two-sided"); \(pairedMethodNote())", mark: "b")]),
        ]
        if adjusted {
            footnotes.append(ReportParagraph([
                ReportInline(" \(plan.adjust == .holm ? "Holm" : "Benjamini–Hochberg") adjustment across the \(paired.count) outcomes, within each basket and within All (R ", mark: "c"),
                .code("p.adjust(p, \"\(plan.adjust == .holm ? "holm" : "BH")\")"), ReportInline(")."),
            ]))
        }
        if below {
            let zeroWidth = paired.contains { p in p.groups.contains { g in
                g.test.map { $0.intervalBelowNominal && $0.confLow != nil && $0.confLow == $0.confHigh } ?? false } }
            footnotes.append(ReportParagraph([
                ReportInline(" \(levelText) is not attainable by the exact distribution with so few pairs: the interval has the lower achieved level in brackets"
                             + (zeroWidth ? " (zero width where the differences allow no wider one)." : "."), mark: shortMark),
            ]))
        }
        return ReportTable(id: "table-paired", number: number,
                           caption: "Patient-reported outcomes: \(plan.beforeLabel) and \(plan.afterLabel), with the Wilcoxon signed-rank test.",
                           header: [ReportHeaderRow(cells: header)], rows: rows, footnotes: footnotes, columns: header.count)
    }

    /// "−43 (−52 to −30 [96.1%])": the estimate and interval, with the level an exact interval
    /// achieves in brackets (none for the normal approximation).
    func shiftText(_ r: SignedRankResult, decimals d: Int) -> String {
        let estimate = PaperFormat.fixed(r.estimate, decimals: d)
        let lower = r.confLow.map { PaperFormat.fixed($0, decimals: d) }
        let upper = r.confHigh.map { PaperFormat.fixed($0, decimals: d) }
        var ci: String
        switch (lower, upper) {
        case let (l?, u?): ci = PaperFormat.range(l, u)
        case let (l?, nil): ci = "≥ \(l)"
        case let (nil, u?): ci = "≤ \(u)"
        default: ci = "not estimable"
        }
        if let achieved = r.achievedConfLevel { ci += " [\(formatForPeople(achieved * 100, significant: 3))%]" }
        return "\(estimate) (\(ci))"
    }

    /// Which null distributions were used, in words.
    func pairedMethodNote() -> String {
        var used: [SignedRankMethodUsed] = []
        for p in paired { for case let t? in p.groups.map(\.test) where !used.contains(t.method) { used.append(t.method) } }
        let words = used.map { m -> String in
            switch m {
            case .exact: return "exact (no ties or zeros)"
            case .exactConditional: return "exact conditional on the tied ranks and zeros"
            case .normal: return "normal approximation with tie correction"
            case .t: return "Student t approximation (SAS)"
            }
        }
        let zero = paired.first?.groups.lazy.compactMap(\.test).first?.zeroMethod.rawValue ?? "wilcox"
        let zeroWords = zero == "wilcox" ? "zero differences dropped" : zero == "pratt" ? "zero differences ranked, then dropped (Pratt)" : "zero ranks split (zsplit)"
        return "null distribution: " + words.joined(separator: "; ") + "; \(zeroWords). Settings per outcome and basket in the Methods."
    }

    func respondersTable(number: Int) -> ReportTable {
        var rows: [ReportRow] = []
        for p in paired {
            for (k, mcid) in p.outcome.mcid.enumerated() {
                let threshold = PaperFormat.fixed(mcid, decimals: max(0, CohortAnalysis.typedDecimals([formatRoundTrip(mcid)])))
                var cells = [ReportCell("\(p.outcome.label), change \(p.outcome.better == .lower ? "≤" : "≥") \(threshold)")]
                for g in p.groups {
                    let r = g.responders[k]
                    cells.append(ReportCell(proportionText(r.x, r.n, r.interval), key: "responders/\(p.outcome.after.value)/\(formatRoundTrip(mcid))/\(g.group)"))
                }
                rows.append(ReportRow(cells: cells))
            }
        }
        return ReportTable(id: "table-responders", number: number,
                           caption: "Patients whose change reached the minimal clinically important difference (MCID).",
                           header: groupHeader("Outcome, MCID"), rows: rows,
                           footnotes: [ReportParagraph("n/N (%) of the patients with both values; \(levelText) CI by the \(plan.intervalMethod.rawValue) method, in percent.")],
                           columns: groups.count + 1)
    }

    func proportionText(_ x: Int, _ n: Int, _ i: ProportionInterval?) -> String {
        guard let i, n > 0 else { return "\(x)/\(n) (—)" }
        return "\(x)/\(n) (\(PaperFormat.percent(Double(x) / Double(n)))%) [\(PaperFormat.range(PaperFormat.percent(i.lower), PaperFormat.percent(i.upper)))]"
    }

    func responsesTable(number: Int) -> ReportTable {
        let rows = responses.map { r in
            ReportRow(cells: [ReportCell(r.endpoint.label)]
                + r.groups.map { g in ReportCell(proportionText(g.x, g.n, g.interval), key: "responses/\(r.endpoint.column.value)/\(g.group)") })
        }
        let methods = Array(Set(responses.map(\.endpoint.method.rawValue))).sorted()
        return ReportTable(id: "table-responses", number: number, caption: "Response rates by basket.", header: groupHeader("Endpoint"), rows: rows,
                           footnotes: [ReportParagraph("x/n (%) [\(levelText) CI, \(methods.joined(separator: ", ")), in percent]; patients without a value are left out of n.")],
                           columns: groups.count + 1)
    }

    /// Survival per basket; the landmark columns sit under one spanning heading.
    func survivalTable(_ s: SurvivalResult, number: Int) -> ReportTable {
        let unit = s.plan.unit.rawValue
        let spans = !s.plan.landmarks.isEmpty
        var top = [ReportHeaderCell("Basket", rowspan: spans ? 2 : nil), ReportHeaderCell("Patients", rowspan: spans ? 2 : nil),
                   ReportHeaderCell("Events", rowspan: spans ? 2 : nil),
                   ReportHeaderCell("Median, \(unit)", sub: "(\(levelText) CI)", rowspan: spans ? 2 : nil)]
        if spans { top.append(ReportHeaderCell("Survival, % (\(levelText) CI)", colspan: s.plan.landmarks.count)) }
        if let tau = s.plan.tau { top.append(ReportHeaderCell("RMST to \(formatForPeople(tau))", sub: "\(unit) (\(levelText) CI)", rowspan: spans ? 2 : nil)) }
        top.append(ReportHeaderCell("Follow-up, \(unit)", sub: "median [range]", mark: "a", rowspan: spans ? 2 : nil))
        var header = [ReportHeaderRow(cells: top)]
        if spans { header.append(ReportHeaderRow(cells: s.plan.landmarks.map { ReportHeaderCell("At \(formatForPeople($0)) \(unit)") })) }
        let rows = s.groups.map { r in ReportRow(cells: survivalCells(r)) }
        var footnotes: [ReportParagraph] = []
        if let l = s.logRank {
            let name = l.rho == 0 ? "Log-rank test" : "Fleming–Harrington test (ρ = \(formatForPeople(l.rho)))"
            footnotes.append(ReportParagraph([
                ReportInline("\(name) across the baskets: χ² = "), ReportInline(PaperFormat.fixed(l.chisq, decimals: 2), key: "survival/logrank/chisq"),
                ReportInline(" on \(l.df) df, P = "), ReportInline(PaperFormat.pValue(l.pValue), key: "survival/logrank/p"), ReportInline("."),
            ]))
        }
        footnotes.append(ReportParagraph([
            ReportInline("NR, not reached. Medians and their CIs as R "), .code("print(survfit)"),
            ReportInline(" (Brookmeyer–Crowley); pointwise \(s.plan.confType.rawValue) intervals (Greenwood variance)."),
        ]))
        let noFollowUpMedian = s.groups.contains { $0.followUp.median == nil }
        footnotes.append(ReportParagraph([ReportInline(" Median follow-up by reverse Kaplan–Meier" + (noFollowUpMedian
            ? "; —, no median: the reverse curve never falls to 50% (too few patients censored)." : "."),
            mark: "a")]))
        return ReportTable(id: "table-survival", number: number, caption: "\(s.plan.label) by basket (Kaplan–Meier).", header: header,
                           rows: rows, footnotes: footnotes, columns: 5 + s.plan.landmarks.count + (s.plan.tau == nil ? 0 : 1))
    }

    func survivalCells(_ r: SurvivalGroupResult) -> [ReportCell] {
        let key = "survival/\(r.group)"
        func one(_ v: Double?) -> String { PaperFormat.fixed(v, decimals: 1) }
        let m = r.median
        var cells = [ReportCell(r.group), ReportCell(String(r.curve.n), key: "\(key)/n"), ReportCell(String(r.curve.events), key: "\(key)/events"),
                     ReportCell("\(m.estimate.map(one) ?? "not reached") (\(PaperFormat.range(m.lower.map(one) ?? "NR", m.upper.map(one) ?? "NR")))",
                                key: "\(key)/median")]
        for a in r.landmarks {
            let text = a.survival.map { "\(PaperFormat.percent($0)) (\(PaperFormat.range(a.lower.map(PaperFormat.percent) ?? "—", a.upper.map(PaperFormat.percent) ?? "—")))" }
            cells.append(ReportCell(text ?? "not estimable", key: "\(key)/at/\(formatRoundTrip(a.time))"))
        }
        if let rm = r.rmst {
            cells.append(ReportCell("\(one(rm.estimate)) (\(PaperFormat.range(one(rm.lower), one(rm.upper))))", key: "\(key)/rmst"))
        }
        let f = r.followUp
        cells.append(ReportCell("\(f.median.map(one) ?? "—") [\(PaperFormat.range(one(f.minimum), one(f.maximum)))]", key: "\(key)/follow_up"))
        return cells
    }
}

/// The footnote letters of the baseline table, in order of use: missing values, each test used
/// (in order of first use), then the note on variables without a p-value.
struct BaselineMarks {
    var missing: String?
    var tests: [(test: ComparisonTest, mark: String)] = []
    var noPValue: String?
    var comparing: Bool

    init(_ analysis: CohortAnalysis) {
        var letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)[...]
        let baseline = analysis.baseline
        missing = baseline.contains { $0.missing.contains { $0 > 0 } } ? letters.popFirst() : nil
        comparing = baseline.contains { $0.comparison != nil }
        for b in baseline {
            guard let test = b.comparison?.row?.summary.test, !tests.contains(where: { $0.test == test }) else { continue }
            tests.append((test, letters.popFirst() ?? "*"))
        }
        noPValue = baseline.contains { $0.comparison?.reason != nil } ? letters.popFirst() : nil
    }
}
