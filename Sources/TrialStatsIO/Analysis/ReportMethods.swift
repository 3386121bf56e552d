import Foundation
import TrialStats

/// The Methods of the report: what was computed, how, the R call that agrees, and the
/// `trialstats` command (as arguments, from the plan's option values) that reproduces each table.
extension CohortAnalysis {
    func methodsSections(provenance: ReportProvenance) -> [ReportMethodsSection] {
        var sections: [ReportMethodsSection] = []
        if !baseline.isEmpty { sections.append(baselineMethods(provenance)) }
        if !paired.isEmpty { sections.append(pairedMethods(provenance)) }
        if !responses.isEmpty { sections.append(responseMethods(provenance)) }
        if let survival { sections.append(survivalMethods(survival, provenance)) }
        return sections
    }

    /// The options every reproducing command shares: the grouping and a non-default level.
    func commonArguments(_ provenance: ReportProvenance) -> (cohort: [String], by: [String], level: [String]) {
        ([provenance.cohortPath], ["--by", plan.basket.value], plan.confLevel == 0.95 ? [] : ["--conf-level", formatRoundTrip(plan.confLevel)])
    }

    func baselineMethods(_ provenance: ReportProvenance) -> ReportMethodsSection {
        let (cohort, by, level) = commonArguments(provenance)
        let q = plan.quantileType.rawValue
        let software: [ReportInline] = plan.quantileType == .type7
            ? [ReportInline(" (R "), .code("quantile(x, type = 7)"), ReportInline(", NumPy, pandas, Excel "), .code("QUARTILE.INC"), ReportInline(")")]
            : [ReportInline(" (R "), .code("quantile(x, type = \(q))"), ReportInline(")")]
        let paragraph = ReportParagraph([ReportInline("Continuous variables: median and quartiles by Hyndman–Fan type \(q)")] + software
            + [ReportInline(". Categorical and binary variables: counts and percentages of the patients with a value.")])
        var commands = baseline.compactMap { b -> ReportCommand? in
            guard case .continuous = b.variable.kind else { return nil }
            return ReportCommand(["describe"] + cohort + ["--column", b.variable.column.value] + by + ["--quantile-type", String(q)] + level)
        }
        var paragraphs = [paragraph]
        // The p-values: one compare command per test, its variables as repeated --column.
        var tests: [ComparisonTest] = []
        for case let s? in baseline.map({ $0.comparison?.row?.summary }) where !tests.contains(s.test) { tests.append(s.test) }
        if !tests.isEmpty {
            paragraphs.append(ReportParagraph("P-values across the baskets with values (a basket without values of a variable is left out), two-sided where two baskets are compared: the test trialstats compare runs with the same options, chosen as its --test auto chooses unless the plan names one — numbers: rank-sum for two baskets, Kruskal–Wallis for more; counts of the levels: Fisher's exact test, Freeman–Halton beyond 2×2."))
            for test in tests {
                let columns = baseline.filter { $0.comparison?.row?.summary.test == test }.flatMap { ["--column", $0.variable.column.value] }
                commands.append(ReportCommand(["compare"] + cohort + columns + by + ["--test", test.rawValue]))
            }
        }
        return ReportMethodsSection(heading: "Baseline characteristics", paragraphs: paragraphs, commands: commands)
    }

    func pairedMethods(_ provenance: ReportProvenance) -> ReportMethodsSection {
        let intro = ReportParagraph("Changes are \(plan.afterLabel) − \(plan.beforeLabel) in patients with both values. Wilcoxon signed-rank test with differences computed on the decimal values as typed (exact ties); Hodges–Lehmann shift with the interval inverted from the same test. Settings actually used:")
        let items = paired.map { p in ReportParagraph("\(p.outcome.label): " + pairedSettings(p)) }
        let (cohort, by, level) = commonArguments(provenance)
        let commands = paired.map { p in
            ReportCommand(["signed-rank"] + cohort + ["--before", p.outcome.before.value, "--after", p.outcome.after.value] + by
                + signedRankOptionArguments(p.outcome.options) + level)
        }
        var after: [ReportParagraph] = []
        if paired.contains(where: { !$0.outcome.mcid.isEmpty }) {
            let binom = ReportCommand(["binom", "X", "N", "--method", plan.intervalMethod.rawValue] + level)
            after.append(ReportParagraph([
                ReportInline("Responders by MCID: patients whose change is at or beyond the threshold (within 10⁻⁹ relative, so that decimal data reach it exactly), as a proportion of the patients with both values, with the \(plan.intervalMethod.rawValue) interval: "),
                .code(binom.text), ReportInline(" (R "), .code("binom.test(x, n)$conf.int"), ReportInline(" for Clopper–Pearson)."),
            ]))
        }
        if plan.adjust != .none {
            after.append(ReportParagraph("Multiplicity: \(plan.adjust == .holm ? "Holm's step-down" : "Benjamini–Hochberg") adjustment of the \(paired.count) signed-rank p-values within each basket and within All, beside the raw p-values."))
        }
        return ReportMethodsSection(heading: "Paired outcomes", paragraphs: [intro], items: items, commands: commands, after: after)
    }

    /// The settings each basket's test used, and the R call that gives the same numbers.
    func pairedSettings(_ p: PairedResult) -> String {
        let settings = p.groups.map { g in
            g.test.map { t in "\(g.group) \(t.method.rawValue)\(t.method == .normal ? (t.correct ? ", corrected" : ", uncorrected") : "")" } ?? "\(g.group) not tested (no pairs)"
        }
        let zeros = p.groups.lazy.compactMap(\.test).first?.zeroMethod ?? p.outcome.options.zeroMethod
        var text = settings.joined(separator: "; ") + "; zeros: \(zeros.rawValue)" + (p.outcome.options.profile.map { "; profile \($0.rawValue)" } ?? "") + ". "
        var seen: [SignedRankMethodUsed] = []
        for case let t? in p.groups.map(\.test) where !seen.contains(t.method) {
            seen.append(t.method)
            text += rEquivalent(t) + " "
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// `signed-rank` options for the plan's settings (defaults left out).
    func signedRankOptionArguments(_ o: SignedRankTestOptions) -> [String] {
        var arguments: [String] = []
        if let profile = o.profile { arguments += ["--profile", profile.rawValue] } else {
            if o.method != .auto { arguments += ["--method", o.method.rawValue] }
            if !o.correct { arguments.append("--no-correct") }
            if o.zeroMethod != .wilcox { arguments += ["--zero-method", o.zeroMethod.rawValue] }
        }
        if o.alternative != .twoSided { arguments += ["--alternative", o.alternative.rawValue] }
        return arguments
    }

    func responseMethods(_ provenance: ReportProvenance) -> ReportMethodsSection {
        let (cohort, by, level) = commonArguments(provenance)
        let paragraph = ReportParagraph([
            ReportInline("Binary endpoints coded 1/0, yes/no or true/false; patients without a value are left out. Exact binomial intervals unless stated (Clopper–Pearson: R "),
            .code("binom.test(x, n)$conf.int"), ReportInline(")."),
        ])
        let commands = responses.map { r in
            ReportCommand(["binom"] + cohort + ["--response", r.endpoint.column.value] + by + ["--method", r.endpoint.method.rawValue] + level)
        }
        return ReportMethodsSection(heading: "Response rates", paragraphs: [paragraph], commands: commands)
    }

    func survivalMethods(_ s: SurvivalResult, _ provenance: ReportProvenance) -> ReportMethodsSection {
        let test = s.plan.rho == 0 ? [ReportInline("log-rank test (R "), .code("survdiff"), ReportInline(")")]
            : [ReportInline("Fleming–Harrington test (R "), .code("survdiff(rho = \(formatRoundTrip(s.plan.rho)))"), ReportInline(")")]
        let paragraph = ReportParagraph([
            ReportInline("Kaplan–Meier estimates with Greenwood variances and \(s.plan.confType.rawValue) pointwise intervals; median survival and its interval as R "),
            .code("print(survfit(...))"), ReportInline("; landmark survival as "), .code("summary(fit, times = ..., extend = TRUE)"),
            ReportInline("; median follow-up by reverse Kaplan–Meier; baskets compared by the "),
        ] + test + [
            ReportInline(". Dates are converted with a month of 30.4375 days and a year of 365.25 days. R: "),
            .code("survfit(Surv(time, event) ~ basket, conf.type = \"\(s.plan.confType.rawValue)\")"), ReportInline("."),
        ])
        return ReportMethodsSection(heading: s.plan.label, paragraphs: [paragraph],
                                    commands: [kmCommand(s, provenance, plot: "km.svg"), kmCommand(s, provenance, plot: "km.pdf")])
    }

    /// The `km` command that prints the survival table and draws the figure into `plot`.
    func kmCommand(_ s: SurvivalResult, _ provenance: ReportProvenance, plot: String) -> ReportCommand {
        let (cohort, by, level) = commonArguments(provenance)
        var arguments = ["km"] + cohort
        switch s.plan.times {
        case let .time(column): arguments += ["--time", column.value]
        case let .dates(start, end): arguments += ["--start", start.value, "--end", ([end] + s.plan.endFallbacks).map(\.value).joined(separator: ",")]
        }
        arguments += ["--event", s.plan.eventFromFirstEnd ? derivedEventWord : s.plan.event.value] + by + ["--unit", s.plan.unit.rawValue, "--conf-type", s.plan.confType.rawValue]
        if !s.plan.landmarks.isEmpty { arguments += ["--at", s.plan.landmarks.map(formatJSONNumber).joined(separator: ",")] }
        if let tau = s.plan.tau { arguments += ["--tau", formatJSONNumber(tau)] }
        if s.plan.rho != 0 { arguments += ["--rho", formatRoundTrip(s.plan.rho)] }
        arguments += level + ["--plot", plot, "--plot-endpoint", s.plan.label]
        if s.plan.bands { arguments.append("--plot-ci") }
        let f = s.plan.figure
        if let title = f.title { arguments += ["--plot-title", title] }
        if f.medianLines { arguments.append("--plot-median") }
        if let max = f.timeMax { arguments += ["--plot-max", formatJSONNumber(max)] }
        if let step = f.timeStep { arguments += ["--plot-by", formatJSONNumber(step)] }
        return ReportCommand(arguments)
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
