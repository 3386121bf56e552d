import Foundation
import TrialStats

/// The HTML report: one self-contained file (styles inline, the figure as inline SVG, no
/// scripts, nothing fetched), laid out as a journal prints its tables, with the methods, the
/// commands that reproduce each table, the program's version and the inputs' checksums.
///
/// Every printed number cell carries `data-cell="table/row/group/field"`, so a test (or a
/// reader's script) can find it and compare it with the single commands.
extension CohortAnalysis {
    func reportHTML(provenance: ReportProvenance, figure: String?) -> String {
        var html = HTMLWriter()
        let level = formatForPeople(plan.confLevel * 100, significant: 4) + "%"
        html.raw("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="TrialStats \(escapeXML(provenance.version))">
            <title>\(escapeXML(plan.title))</title>
            <style>\(Self.reportCSS)</style>
            </head>
            <body>
            <main>

            """)
        html.element("h1", plan.title)
        if let note = plan.note { html.element("p", note, attributes: "class=\"note\"") }
        html.raw("<p class=\"meta\">\(patients) patients in \(baskets.count) basket\(baskets.count == 1 ? "" : "s") (")
        html.text(zip(baskets, groupSizes).map { "\($0) \($1)" }.joined(separator: ", "))
        html.raw("). Cohort <code>\(escapeXML(provenance.cohortPath))</code>, plan <code>\(escapeXML(provenance.planPath))</code>; TrialStats \(escapeXML(provenance.version)).</p>\n")

        var tableNumber = 0
        if !baseline.isEmpty {
            tableNumber += 1
            baselineTable(&html, number: tableNumber)
        }
        if !paired.isEmpty {
            tableNumber += 1
            pairedTable(&html, number: tableNumber, level: level)
            if paired.contains(where: { !$0.outcome.mcid.isEmpty }) {
                tableNumber += 1
                respondersTable(&html, number: tableNumber, level: level)
            }
        }
        if !responses.isEmpty {
            tableNumber += 1
            responsesTable(&html, number: tableNumber, level: level)
        }
        if let survival {
            tableNumber += 1
            survivalTable(&html, survival, number: tableNumber, level: level)
            if let figure {
                html.raw("<figure id=\"figure-km\">\n<div class=\"svg\">\n")
                html.raw(figure.replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760.00\"", with: "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Kaplan–Meier curves\" width=\"760.00\""))
                html.raw("</div>\n<figcaption><b>Figure 1.</b> ")
                html.text("\(survival.plan.label) by basket: Kaplan–Meier estimates with censored patients marked; number at risk below the time axis.")
                html.raw("</figcaption>\n</figure>\n")
            }
        }
        methodsSection(&html, provenance: provenance, level: level)
        html.raw("</main>\n</body>\n</html>\n")
        return html.out
    }

    static let reportCSS = """

        body { margin: 0; background: #fff; color: #111; font: 15px/1.45 Georgia, "Times New Roman", serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 28px 32px 48px; }
        h1 { font-size: 24px; margin: 0 0 6px; font-weight: normal; }
        h2 { font-size: 18px; margin: 36px 0 8px; font-weight: normal; border-bottom: 1px solid #999; padding-bottom: 3px; }
        h3 { font-size: 15px; margin: 18px 0 4px; }
        .note { margin: 0 0 4px; padding: 6px 10px; background: #fff4d6; border-left: 4px solid #e0a100; }
        .meta { color: #444; font-size: 13px; margin: 6px 0 20px; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
        pre { background: #f6f6f6; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: break-word; }
        table { border-collapse: collapse; margin: 8px 0 4px; width: 100%; font-size: 14px; }
        caption { caption-side: top; text-align: left; padding-bottom: 6px; font-size: 14px; }
        thead tr:first-child th { border-top: 2px solid #111; }
        thead tr:last-child th { border-bottom: 1px solid #111; }
        tbody tr:last-child td { border-bottom: 2px solid #111; }
        th { font-weight: bold; text-align: center; padding: 5px 8px; vertical-align: bottom; }
        th:first-child { text-align: left; }
        td { padding: 3px 8px; text-align: center; vertical-align: top; white-space: nowrap; }
        td:first-child { text-align: left; white-space: normal; }
        td.indent { padding-left: 24px; }
        tr.section td { font-weight: bold; padding-top: 8px; }
        tr.group-start td { border-top: 1px solid #ccc; }
        .n { font-weight: normal; color: #333; }
        .foot { font-size: 12.5px; color: #333; margin: 2px 0 18px; }
        .foot p { margin: 2px 0; }
        figure { margin: 18px 0; }
        figure .svg { text-align: center; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 13px; margin-top: 4px; }
        dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 13px; }
        dl.provenance dt { color: #444; }
        dl.provenance dd { margin: 0; word-break: break-all; }

        """

    /// Column headings: the baskets, then All, with N.
    func groupHeadings(_ html: inout HTMLWriter) {
        for (g, n) in zip(groups, groupSizes) {
            html.raw("<th>\(escapeXML(g))<br><span class=\"n\">(N = \(n))</span></th>")
        }
    }

    func baselineTable(_ html: inout HTMLWriter, number: Int) {
        html.raw("<table id=\"table-baseline\">\n<caption><b>Table \(number).</b> Baseline characteristics of the patients, by basket.</caption>\n")
        html.raw("<thead><tr><th>Characteristic</th>")
        groupHeadings(&html)
        html.raw("</tr></thead>\n<tbody>\n")
        var anyMissing = false
        for b in baseline {
            let key = "baseline/\(b.variable.column.value)"
            switch b.variable.kind {
            case .continuous:
                html.raw("<tr><td>\(escapeXML(b.variable.label)), median [IQR]</td>")
                for g in groups.indices {
                    let text = b.summaries[g].map { PaperFormat.medianIQR(median: $0.median, q1: $0.q1, q3: $0.q3, decimals: b.decimals) } ?? "—"
                    html.cell(text, key: "\(key)/\(groups[g])/median_iqr", mark: b.missing[g] > 0 ? "a" : nil)
                }
                html.raw("</tr>\n")
            case .categorical:
                if b.levels.count == 1 {
                    html.raw("<tr><td>\(escapeXML(b.variable.label)): \(escapeXML(b.levels[0].level)), n (%)</td>")
                    countCells(&html, b, level: b.levels[0], key: key)
                    html.raw("</tr>\n")
                } else {
                    html.raw("<tr class=\"section\"><td colspan=\"\(groups.count + 1)\">\(escapeXML(b.variable.label)), n (%)</td></tr>\n")
                    for level in b.levels {
                        html.raw("<tr><td class=\"indent\">\(escapeXML(level.level))</td>")
                        countCells(&html, b, level: level, key: key)
                        html.raw("</tr>\n")
                    }
                }
            case .binary:
                html.raw("<tr><td>\(escapeXML(b.variable.label)), n (%)</td>")
                countCells(&html, b, level: b.levels[0], key: key)
                html.raw("</tr>\n")
            }
            anyMissing = anyMissing || b.missing.contains { $0 > 0 }
        }
        html.raw("</tbody>\n</table>\n<div class=\"foot\">")
        html.raw("<p>IQR, interquartile range [Q1; Q3], quartiles of Hyndman–Fan type \(plan.quantileType.rawValue). Percentages are of the patients with a value.</p>")
        if anyMissing {
            let notes = baseline.compactMap { b -> String? in
                let missing = zip(groups, b.missing).filter { $0.1 > 0 }
                guard !missing.isEmpty else { return nil }
                return "\(b.variable.label): " + missing.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            }
            html.raw("<p><sup>a</sup> Missing values, left out: ")
            html.text(notes.joined(separator: "; ") + ".")
            html.raw("</p>")
        }
        html.raw("</div>\n")
    }

    func countCells(_ html: inout HTMLWriter, _ b: BaselineResult, level: LevelCounts, key: String) {
        for g in groups.indices {
            html.cell(PaperFormat.countPercent(level.counts[g], of: b.nonMissing[g]), key: "\(key)/\(groups[g])/\(level.level)",
                      mark: b.missing[g] > 0 ? "a" : nil)
        }
    }

    func pairedTable(_ html: inout HTMLWriter, number: Int, level: String) {
        let adjusted = plan.adjust != .none
        let adjustName = plan.adjust == .holm ? "Holm" : "BH"
        html.raw("<table id=\"table-paired\">\n<caption><b>Table \(number).</b> Patient-reported outcomes: \(escapeXML(plan.beforeLabel)) and \(escapeXML(plan.afterLabel)), with the Wilcoxon signed-rank test.</caption>\n")
        html.raw("<thead><tr><th>Outcome / basket</th><th>Pairs</th><th>\(escapeXML(plan.beforeLabel))<br><span class=\"n\">median [IQR]</span></th>")
        html.raw("<th>\(escapeXML(plan.afterLabel))<br><span class=\"n\">median [IQR]</span></th><th>Change<sup>a</sup><br><span class=\"n\">(\(level) CI)</span></th><th>P<sup>b</sup></th>")
        if adjusted { html.raw("<th>P, \(adjustName)<sup>c</sup></th>") }
        html.raw("</tr></thead>\n<tbody>\n")
        let columns = adjusted ? 7 : 6
        for p in paired {
            html.raw("<tr class=\"section group-start\"><td colspan=\"\(columns)\">\(escapeXML(p.outcome.label))<span class=\"n\"> (\(p.outcome.better == .lower ? "lower" : "higher") is better)</span></td></tr>\n")
            for g in p.groups {
                let key = "paired/\(p.outcome.after.value)/\(g.group)"
                let d = p.decimals
                let r = g.test
                html.raw("<tr><td class=\"indent\">\(escapeXML(g.group))</td>")
                html.cell(g.nMissing > 0 ? "\(r.nPairs) (\(g.nMissing) missing)" : String(r.nPairs), key: "\(key)/n_pairs")
                html.cell(PaperFormat.medianIQR(median: g.before.median, q1: g.before.q1, q3: g.before.q3, decimals: d), key: "\(key)/before")
                html.cell(PaperFormat.medianIQR(median: g.after.median, q1: g.after.q1, q3: g.after.q3, decimals: d), key: "\(key)/after")
                html.cell(shiftText(r, decimals: d), key: "\(key)/shift")
                html.cell(PaperFormat.pValue(r.pValue), key: "\(key)/p")
                if adjusted { html.cell(PaperFormat.pValue(g.adjustedPValue), key: "\(key)/p_adjusted") }
                html.raw("</tr>\n")
            }
        }
        html.raw("</tbody>\n</table>\n<div class=\"foot\">")
        html.raw("<p>Pairs: patients with both values (others left out). Medians and IQRs: quartiles of type \(plan.quantileType.rawValue).</p>")
        html.raw("<p><sup>a</sup> Hodges–Lehmann estimate of the shift of \(escapeXML(plan.afterLabel)) − \(escapeXML(plan.beforeLabel)) (median of the Walsh averages) with its interval from the signed-rank test; the achieved level of an exact interval is given in brackets where it differs from \(level).</p>")
        html.raw("<p><sup>b</sup> Wilcoxon signed-rank test, \(paired.first.map { $0.groups[0].test.alternative.rawValue } ?? "two-sided"); ")
        html.text(pairedMethodNote())
        html.raw("</p>")
        if adjusted {
            html.raw("<p><sup>c</sup> \(plan.adjust == .holm ? "Holm" : "Benjamini–Hochberg") adjustment across the \(paired.count) outcomes, within each basket and within All (R <code>p.adjust(p, \"\(plan.adjust == .holm ? "holm" : "BH")\")</code>).</p>")
        }
        html.raw("</div>\n")
    }

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
        var used: [String] = []
        for p in paired { for g in p.groups where !used.contains(g.test.method.rawValue) { used.append(g.test.method.rawValue) } }
        let words = used.map { m -> String in
            switch m {
            case "exact": return "exact (no ties or zeros)"
            case "exact-conditional": return "exact conditional on the tied ranks and zeros"
            case "normal": return "normal approximation with tie correction"
            default: return "Student t approximation (SAS)"
            }
        }
        let zero = paired.first?.groups.first?.test.zeroMethod.rawValue ?? "wilcox"
        let zeroWords = zero == "wilcox" ? "zero differences dropped" : zero == "pratt" ? "zero differences ranked, then dropped (Pratt)" : "zero ranks split (zsplit)"
        return "null distribution: " + words.joined(separator: "; ") + "; \(zeroWords). Settings per outcome and basket in the Methods."
    }

    func respondersTable(_ html: inout HTMLWriter, number: Int, level: String) {
        html.raw("<table id=\"table-responders\">\n<caption><b>Table \(number).</b> Patients whose change reached the minimal clinically important difference (MCID).</caption>\n")
        html.raw("<thead><tr><th>Outcome, MCID</th>")
        groupHeadings(&html)
        html.raw("</tr></thead>\n<tbody>\n")
        for p in paired {
            for (k, mcid) in p.outcome.mcid.enumerated() {
                html.raw("<tr><td>")
                html.text("\(p.outcome.label), change \(p.outcome.better == .lower ? "≤" : "≥") \(PaperFormat.fixed(mcid, decimals: max(0, CohortAnalysis.typedDecimals([formatRoundTrip(mcid)]))))")
                html.raw("</td>")
                for g in p.groups {
                    let r = g.responders[k]
                    html.cell(proportionText(r.x, r.n, r.interval), key: "responders/\(p.outcome.after.value)/\(formatRoundTrip(mcid))/\(g.group)")
                }
                html.raw("</tr>\n")
            }
        }
        html.raw("</tbody>\n</table>\n<div class=\"foot\"><p>n/N (%) of the patients with both values; \(level) CI by the \(escapeXML(plan.intervalMethod.rawValue)) method, in percent.</p></div>\n")
    }

    func proportionText(_ x: Int, _ n: Int, _ i: ProportionInterval) -> String {
        "\(x)/\(n) (\(PaperFormat.percent(Double(x) / Double(n)))%) [\(PaperFormat.range(PaperFormat.percent(i.lower), PaperFormat.percent(i.upper)))]"
    }

    func responsesTable(_ html: inout HTMLWriter, number: Int, level: String) {
        html.raw("<table id=\"table-responses\">\n<caption><b>Table \(number).</b> Response rates by basket.</caption>\n")
        html.raw("<thead><tr><th>Endpoint</th>")
        groupHeadings(&html)
        html.raw("</tr></thead>\n<tbody>\n")
        for r in responses {
            html.raw("<tr><td>\(escapeXML(r.endpoint.label))</td>")
            for g in r.groups {
                html.cell(proportionText(g.x, g.n, g.interval), key: "responses/\(r.endpoint.column.value)/\(g.group)")
            }
            html.raw("</tr>\n")
        }
        let methods = Array(Set(responses.map(\.endpoint.method.rawValue))).sorted()
        html.raw("</tbody>\n</table>\n<div class=\"foot\"><p>x/n (%) [\(level) CI, \(escapeXML(methods.joined(separator: ", "))), in percent]; patients without a value are left out of n.</p></div>\n")
    }

    func survivalTable(_ html: inout HTMLWriter, _ s: SurvivalResult, number: Int, level: String) {
        let unit = s.plan.unit.rawValue
        html.raw("<table id=\"table-survival\">\n<caption><b>Table \(number).</b> \(escapeXML(s.plan.label)) by basket (Kaplan–Meier).</caption>\n")
        html.raw("<thead><tr><th>Basket</th><th>Patients</th><th>Events</th><th>Median, \(unit)<br><span class=\"n\">(\(level) CI)</span></th>")
        for t in s.plan.landmarks { html.raw("<th>At \(escapeXML(formatForPeople(t))) \(unit)<br><span class=\"n\">% (\(level) CI)</span></th>") }
        if let tau = s.plan.tau { html.raw("<th>RMST to \(escapeXML(formatForPeople(tau)))<br><span class=\"n\">\(unit) (\(level) CI)</span></th>") }
        html.raw("<th>Follow-up<sup>a</sup>, \(unit)<br><span class=\"n\">median [range]</span></th></tr></thead>\n<tbody>\n")
        for r in s.groups {
            let key = "survival/\(r.group)"
            html.raw("<tr><td>\(escapeXML(r.group))</td>")
            html.cell(String(r.curve.n), key: "\(key)/n")
            html.cell(String(r.curve.events), key: "\(key)/events")
            let m = r.median
            let median = m.estimate.map { PaperFormat.fixed($0, decimals: 1) } ?? "not reached"
            let ci = PaperFormat.range(m.lower.map { PaperFormat.fixed($0, decimals: 1) } ?? "NR", m.upper.map { PaperFormat.fixed($0, decimals: 1) } ?? "NR")
            html.cell("\(median) (\(ci))", key: "\(key)/median")
            for a in r.landmarks {
                let text: String
                if let sv = a.survival {
                    text = "\(PaperFormat.percent(sv)) (\(PaperFormat.range(a.lower.map(PaperFormat.percent) ?? "—", a.upper.map(PaperFormat.percent) ?? "—")))"
                } else {
                    text = "not estimable"
                }
                html.cell(text, key: "\(key)/at/\(formatRoundTrip(a.time))")
            }
            if let rm = r.rmst {
                html.cell("\(PaperFormat.fixed(rm.estimate, decimals: 1)) (\(PaperFormat.range(PaperFormat.fixed(rm.lower, decimals: 1), PaperFormat.fixed(rm.upper, decimals: 1))))", key: "\(key)/rmst")
            }
            let f = r.followUp
            html.cell("\(f.median.map { PaperFormat.fixed($0, decimals: 1) } ?? "—") [\(PaperFormat.range(PaperFormat.fixed(f.minimum, decimals: 1), PaperFormat.fixed(f.maximum, decimals: 1)))]",
                      key: "\(key)/follow_up")
            html.raw("</tr>\n")
        }
        html.raw("</tbody>\n</table>\n<div class=\"foot\">")
        if let l = s.logRank {
            let name = l.rho == 0 ? "Log-rank test" : "Fleming–Harrington test (ρ = \(formatForPeople(l.rho)))"
            html.raw("<p>\(name) across the baskets: χ² = <span data-cell=\"survival/logrank/chisq\">\(PaperFormat.fixed(l.chisq, decimals: 2))</span> on \(l.df) df, P = <span data-cell=\"survival/logrank/p\">\(PaperFormat.pValue(l.pValue))</span>.</p>")
        }
        html.raw("<p>NR, not reached. Medians and their CIs as R <code>quantile(survfit)</code> (Brookmeyer–Crowley); pointwise \(s.plan.confType.rawValue) intervals (Greenwood variance). <sup>a</sup> Median follow-up by reverse Kaplan–Meier.</p></div>\n")
    }

    /// Methods, the commands that reproduce each table, and provenance.
    func methodsSection(_ html: inout HTMLWriter, provenance: ReportProvenance, level: String) {
        let cohort = shellQuote(provenance.cohortPath)
        let by = "--by \(shellQuote(plan.basket.value))"
        let levelOption = plan.confLevel == 0.95 ? "" : " --conf-level \(formatRoundTrip(plan.confLevel))"
        html.raw("<h2>Methods</h2>\n")
        html.raw("<p>All analyses were computed with TrialStats \(escapeXML(provenance.version)) from the patient-level file, per basket and for all patients together (All). Intervals are two-sided at \(level) unless stated.</p>\n")
        if !baseline.isEmpty {
            html.raw("<h3>Baseline characteristics</h3>\n<p>Continuous variables: median and quartiles by Hyndman–Fan type \(plan.quantileType.rawValue)\(plan.quantileType == .type7 ? " (R <code>quantile(x, type = 7)</code>, NumPy, pandas, Excel <code>QUARTILE.INC</code>)" : " (R <code>quantile(x, type = \(plan.quantileType.rawValue))</code>)"). Categorical and binary variables: counts and percentages of the patients with a value.</p>\n<pre>")
            for b in baseline {
                if case .continuous = b.variable.kind {
                    html.text("trialstats describe \(cohort) --column \(shellQuote(b.variable.column.value)) \(by) --quantile-type \(plan.quantileType.rawValue)\(levelOption)\n")
                }
            }
            html.raw("</pre>\n")
        }
        if !paired.isEmpty {
            html.raw("<h3>Paired outcomes</h3>\n<p>Changes are \(escapeXML(plan.afterLabel)) − \(escapeXML(plan.beforeLabel)) in patients with both values. Wilcoxon signed-rank test with differences computed on the decimal values as typed (exact ties); Hodges–Lehmann shift with the interval inverted from the same test. Settings actually used:</p>\n<ul>\n")
            for p in paired {
                html.raw("<li>")
                html.text("\(p.outcome.label): ")
                let settings = p.groups.map { g in "\(g.group) \(g.test.method.rawValue)\(g.test.method == .normal ? (g.test.correct ? ", corrected" : ", uncorrected") : "")" }
                html.text(settings.joined(separator: "; ") + "; zeros: \(p.groups[0].test.zeroMethod.rawValue)" + (p.outcome.options.profile.map { "; profile \($0.rawValue)" } ?? "") + ". ")
                var seen: [SignedRankMethodUsed] = []
                for g in p.groups where !seen.contains(g.test.method) {
                    seen.append(g.test.method)
                    html.text(rEquivalent(g.test) + " ")
                }
                html.raw("</li>\n")
            }
            html.raw("</ul>\n<pre>")
            for p in paired {
                var command = "trialstats signed-rank \(cohort) --before \(shellQuote(p.outcome.before.value)) --after \(shellQuote(p.outcome.after.value)) \(by)"
                let o = p.outcome.options
                if let profile = o.profile { command += " --profile \(profile.rawValue)" } else {
                    if o.method != .auto { command += " --method \(o.method.rawValue)" }
                    if !o.correct { command += " --no-correct" }
                    if o.zeroMethod != .wilcox { command += " --zero-method \(o.zeroMethod.rawValue)" }
                }
                if o.alternative != .twoSided { command += " --alternative \(o.alternative.rawValue)" }
                html.text(command + levelOption + "\n")
            }
            html.raw("</pre>\n")
            if paired.contains(where: { !$0.outcome.mcid.isEmpty }) {
                html.raw("<p>Responders by MCID: patients whose change is at or beyond the threshold (within 10<sup>−9</sup> relative, so that decimal data reach it exactly), as a proportion of the patients with both values, with the \(escapeXML(plan.intervalMethod.rawValue)) interval: <code>trialstats binom X N --method \(plan.intervalMethod.rawValue)\(levelOption)</code> (R <code>binom.test(x, n)$conf.int</code> for Clopper–Pearson).</p>\n")
            }
            if plan.adjust != .none {
                html.raw("<p>Multiplicity: \(plan.adjust == .holm ? "Holm's step-down" : "Benjamini–Hochberg") adjustment of the \(paired.count) signed-rank p-values within each basket and within All, beside the raw p-values.</p>\n")
            }
        }
        if !responses.isEmpty {
            html.raw("<h3>Response rates</h3>\n<p>Binary endpoints coded 1/0, yes/no or true/false; patients without a value are left out. Exact binomial intervals unless stated (Clopper–Pearson: R <code>binom.test(x, n)$conf.int</code>).</p>\n<pre>")
            for r in responses {
                html.text("trialstats binom \(cohort) --response \(shellQuote(r.endpoint.column.value)) \(by) --method \(r.endpoint.method.rawValue)\(levelOption)\n")
            }
            html.raw("</pre>\n")
        }
        if let s = survival {
            var command = "trialstats km \(cohort)"
            switch s.plan.times {
            case let .time(column): command += " --time \(shellQuote(column.value))"
            case let .dates(start, end): command += " --start \(shellQuote(start.value)) --end \(shellQuote(end.value))"
            }
            command += " --event \(shellQuote(s.plan.event.value)) \(by) --unit \(s.plan.unit.rawValue) --conf-type \(s.plan.confType.rawValue)"
            if !s.plan.landmarks.isEmpty { command += " --at \(s.plan.landmarks.map(formatJSONNumber).joined(separator: ","))" }
            if let tau = s.plan.tau { command += " --tau \(formatJSONNumber(tau))" }
            if s.plan.rho != 0 { command += " --rho \(formatRoundTrip(s.plan.rho))" }
            command += levelOption + " --plot km.svg" + (s.plan.bands ? " --plot-ci" : "")
            html.raw("<h3>\(escapeXML(s.plan.label))</h3>\n<p>Kaplan–Meier estimates with Greenwood variances and \(s.plan.confType.rawValue) pointwise intervals; median survival and its interval as R <code>quantile(survfit(...), conf.int = TRUE)</code>; landmark survival as <code>summary(fit, times = ...)</code>; median follow-up by reverse Kaplan–Meier; baskets compared by the \(s.plan.rho == 0 ? "log-rank test (R <code>survdiff</code>)" : "Fleming–Harrington test (R <code>survdiff(rho = \(formatRoundTrip(s.plan.rho)))</code>)"). Dates are converted with a month of 30.4375 days and a year of 365.25 days. R: <code>survfit(Surv(time, event) ~ basket, conf.type = \"\(s.plan.confType.rawValue)\")</code>.</p>\n<pre>")
            html.text(command + "\n")
            html.raw("</pre>\n")
        }
        html.raw("<h2>Software and inputs</h2>\n<dl class=\"provenance\">\n")
        html.raw("<dt>Program</dt><dd>TrialStats \(escapeXML(provenance.version))</dd>\n")
        html.raw("<dt>Cohort</dt><dd><code>\(escapeXML(provenance.cohortPath))</code>, \(patients) rows</dd>\n")
        html.raw("<dt>Cohort SHA-256</dt><dd><code data-cell=\"provenance/cohort_sha256\">\(provenance.cohortSHA256)</code></dd>\n")
        html.raw("<dt>Plan</dt><dd><code>\(escapeXML(provenance.planPath))</code></dd>\n")
        html.raw("<dt>Plan SHA-256</dt><dd><code data-cell=\"provenance/plan_sha256\">\(provenance.planSHA256)</code></dd>\n")
        html.raw("<dt>Whole analysis</dt><dd><code>trialstats analyze \(escapeXML(cohort)) --plan \(escapeXML(shellQuote(provenance.planPath))) --out DIR</code></dd>\n")
        html.raw("</dl>\n<p class=\"meta\">Check a file with <code>sha256sum FILE</code>. Every number here is also in <code>analysis.json</code> and <code>tables/*.csv</code> in full precision.</p>\n")
        html.raw("<h3>Plan</h3>\n<pre>")
        html.text(plan.text)
        html.raw("</pre>\n")
    }

    /// The call in R that gives the same p-value and interval.
    func rEquivalent(_ r: SignedRankResult) -> String {
        switch r.method {
        case .exact:
            return "Exact: R wilcox.test(after, before, paired = TRUE, conf.int = TRUE, exact = TRUE)."
        case .exactConditional:
            return "Exact conditional: R coin::wilcoxsign_test(after ~ before, distribution = \"exact\"\(r.zeroMethod == .pratt ? ", zero.method = \"Pratt\"" : ", zero.method = \"Wilcoxon\"")) (R ≥ 4.6 wilcox.test gives the same)."
        case .normal:
            return "Normal: R wilcox.test(after, before, paired = TRUE, conf.int = TRUE, exact = FALSE, correct = \(r.correct ? "TRUE" : "FALSE"))."
        case .t:
            return "SAS PROC UNIVARIATE (signed rank, t approximation)."
        }
    }
}

/// Quotes a word for a POSIX shell when it needs it.
func shellQuote(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Accumulates HTML, escaping text.
struct HTMLWriter {
    var out = ""

    mutating func raw(_ s: String) { out += s }
    mutating func text(_ s: String) { out += escapeXML(s) }
    mutating func element(_ name: String, _ text: String, attributes: String = "") {
        out += "<\(name)\(attributes.isEmpty ? "" : " " + attributes)>\(escapeXML(text))</\(name)>\n"
    }

    /// A table cell holding a number, findable by its key; `mark` adds a footnote letter.
    mutating func cell(_ text: String, key: String, mark: String? = nil) {
        out += "<td data-cell=\"\(escapeXML(key))\">\(escapeXML(text))\(mark.map { "<sup>\($0)</sup>" } ?? "")</td>"
    }
}
