import Foundation
import TrialStats

/// What a report records about how it was made: the program's version and checksums of the
/// inputs, so a reader can tell whether they hold the same files.
public struct ReportProvenance: Sendable {
    /// The TrialStats version.
    public var version: String
    /// The cohort file as given on the command line.
    public var cohortPath: String
    /// SHA-256 of the cohort file's bytes.
    public var cohortSHA256: String
    /// The plan file as given.
    public var planPath: String
    /// SHA-256 of the plan file's bytes.
    public var planSHA256: String

    public init(version: String, cohortPath: String, cohortSHA256: String, planPath: String, planSHA256: String) {
        self.version = version
        self.cohortPath = cohortPath
        self.cohortSHA256 = cohortSHA256
        self.planPath = planPath
        self.planSHA256 = planSHA256
    }
}

extension CohortAnalysis {
    /// Every file of the output folder, by relative path, in a fixed order: `report.html`,
    /// `analysis.json`, `intervals.csv`, `km.svg` and `km.pdf` (with a survival analysis) and `tables/*.csv`.
    public func outputFiles(provenance: ReportProvenance) -> [(path: String, contents: String)] {
        let figure = survival.map { kaplanMeierFigure($0) }
        let svg = figure?.svg()
        var files: [(String, String)] = [
            ("report.html", reportHTML(provenance: provenance, figure: svg)),
            ("analysis.json", analysisJSON(provenance: provenance).serialized() + "\n"),
            ("intervals.csv", intervalsCSV().serialized()),
        ]
        if let svg, let figure { files += [("km.svg", svg), ("km.pdf", figure.pdf())] }
        if !baseline.isEmpty { files.append(("tables/baseline.csv", baselineCSV().serialized())) }
        if !paired.isEmpty {
            files.append(("tables/paired.csv", pairedCSV().serialized()))
            if paired.contains(where: { !$0.outcome.mcid.isEmpty }) { files.append(("tables/responders.csv", respondersCSV().serialized())) }
        }
        if !responses.isEmpty { files.append(("tables/responses.csv", responsesCSV().serialized())) }
        if let survival {
            let report = survival.report
            files.append(("tables/survival.csv", report.summaryCSV().serialized()))
            if !report.settings.landmarks.isEmpty { files.append(("tables/survival-landmarks.csv", report.landmarksCSV().serialized())) }
            files.append(("tables/survival-steps.csv", report.stepsCSV().serialized()))
            if let logRank = report.logRankCSV() { files.append(("tables/logrank.csv", logRank.serialized())) }
        }
        return files
    }

    /// The Kaplan–Meier figure `km --plot` draws for the same data: one curve per basket (a
    /// single basket's own curve when there is one), the plan's figure settings.
    public func kaplanMeierFigure(_ s: SurvivalResult) -> KaplanMeierPlot {
        s.report.figure(s.plan.figureOptions)
    }

    /// Label of a responder proportion: "VAS ≤ −10".
    func responderLabel(_ o: PairedOutcome, _ mcid: Double) -> String {
        "\(o.label) change \(o.better == .lower ? "≤" : "≥") \(formatRoundTrip(mcid))"
    }

    // MARK: JSON

    func summaryJSON(_ s: Summary?) -> JSONValue {
        guard let s else { return .null }
        return .object([("n", .int(s.n)), ("median", .number(s.median)), ("q1", .number(s.q1)), ("q3", .number(s.q3)),
                        ("min", .number(s.min)), ("max", .number(s.max)), ("mean", .number(s.mean)), ("sd", .number(s.sd))])
    }

    /// x, n, the estimate and the interval (null bounds when n = 0: not estimable).
    func intervalJSON(_ x: Int, _ n: Int, _ i: ProportionInterval?, method: BinomialIntervalMethod) -> [(String, JSONValue)] {
        [("x", .int(x)), ("n", .int(n)), ("estimate", .number(n > 0 ? Double(x) / Double(n) : nil)), ("method", .string((i?.method ?? method).rawValue)),
         ("lower", .number(i?.lower)), ("upper", .number(i?.upper))]
    }

    /// A `note` field when a group is not estimable.
    func noteJSON(_ note: String?) -> [(String, JSONValue)] {
        note.map { [("note", JSONValue.string($0))] } ?? []
    }

    /// The whole analysis as JSON (snake_case fields, numbers in full precision, null for not
    /// estimable).
    public func analysisJSON(provenance: ReportProvenance) -> JSONValue {
        var top: [(String, JSONValue)] = [
            ("command", .string("analyze")),
            ("version", .string(provenance.version)),
            ("title", .string(plan.title)),
            ("cohort", .object([("file", .string(provenance.cohortPath)), ("sha256", .string(provenance.cohortSHA256)),
                                ("patients", .int(patients))])),
            ("plan", .object([("file", .string(provenance.planPath)), ("sha256", .string(provenance.planSHA256))])),
            ("settings", .object([("basket_column", .string(plan.basket.value)), ("conf_level", .number(plan.confLevel)),
                                  ("quantile_type", .int(plan.quantileType.rawValue)),
                                  ("interval_method", .string(plan.intervalMethod.rawValue)), ("adjust", .string(plan.adjust.rawValue))])),
            ("groups", .array(zip(groups, groupSizes).map { .object([("group", .string($0)), ("n", .int($1))]) })),
        ]
        top.append(("baseline", .array(baseline.map { b in
            var fields: [(String, JSONValue)] = [("column", .string(b.variable.column.value)), ("label", .string(b.variable.label))]
            switch b.variable.kind {
            case .continuous:
                fields += [("type", .string("continuous")), ("decimals", .int(b.decimals)),
                           ("groups", .array(groups.indices.map { g in
                               .object([("group", .string(groups[g])), ("missing", .int(b.missing[g])), ("summary", summaryJSON(b.summaries[g]))])
                           }))]
            case .categorical, .binary:
                if case .binary = b.variable.kind { fields.append(("type", .string("binary"))) } else { fields.append(("type", .string("categorical"))) }
                fields.append(("groups", .array(groups.indices.map { g in
                    .object([("group", .string(groups[g])), ("n", .int(b.nonMissing[g])), ("missing", .int(b.missing[g])),
                             ("levels", .array(b.levels.map { l in
                                 .object([("level", .string(l.level)), ("count", .int(l.counts[g])),
                                          ("percent", .number(b.nonMissing[g] > 0 ? 100 * Double(l.counts[g]) / Double(b.nonMissing[g]) : nil))])
                             }))])
                })))
            }
            if comparing { fields.append(("comparison", comparisonJSON(b.comparison))) }
            return .object(fields)
        })))
        top.append(("paired", .array(paired.map { p in
            .object([
                ("label", .string(p.outcome.label)), ("before", .string(p.outcome.before.value)), ("after", .string(p.outcome.after.value)),
                ("better", .string(p.outcome.better.rawValue)), ("mcid", .array(p.outcome.mcid.map { .number($0) })),
                ("decimals", .int(p.decimals)), ("profile", p.outcome.options.profile.map { .string($0.rawValue) } ?? .null),
                ("groups", .array(p.groups.map { g in
                    .object([
                        ("group", .string(g.group)), ("before", summaryJSON(g.before)), ("after", summaryJSON(g.after)),
                        ("test", .object(signedRankFields(g, p.outcome))),
                        ("responders", .array(g.responders.map { r in
                            .object([("mcid", .number(r.mcid))] + intervalJSON(r.x, r.n, r.interval, method: plan.intervalMethod))
                        })),
                    ] + noteJSON(g.note))
                })),
            ])
        })))
        top.append(("responses", .array(responses.map { r in
            .object([("column", .string(r.endpoint.column.value)), ("label", .string(r.endpoint.label)),
                      ("groups", .array(r.groups.map { g in
                          .object([("group", .string(g.group)), ("missing", .int(g.missing))] + intervalJSON(g.x, g.n, g.interval, method: r.endpoint.method) + noteJSON(g.note))
                      }))])
        })))
        top.append(("survival", survival.map { $0.report.analysisJSON(label: $0.plan.label) } ?? .null))
        return .object(top)
    }

    /// Whether the plan asks for p-values across the baskets (`compare: true` or a `test:`); the
    /// JSON and CSV carry the comparison fields only then.
    var comparing: Bool { baseline.contains { $0.comparison != nil } }

    /// A baseline variable's comparison with the fields of `trialstats compare --format json`
    /// (variable, groups, test, method, statistic, df, p_value, estimate, lower, upper,
    /// conf_level, n, warning), then `note`; null when the plan asks for no test of it. Without
    /// a p-value the fields are null (groups and n: the baskets with values) and `note` says why.
    func comparisonJSON(_ c: BasketComparison?) -> JSONValue {
        guard let c else { return .null }
        let note: (String, JSONValue) = ("note", c.note.map { .string($0) } ?? .null)
        if let row = c.row { return .object(ComparisonReport.fields(row) + [note]) }
        let blank: [(String, JSONValue)] = ["test", "method", "statistic", "df", "p_value", "estimate", "lower", "upper"].map { ($0, .null) }
        return .object([("variable", .string("")), ("groups", .array([]))] + blank
            + [("conf_level", .number(plan.confLevel)), ("n", .array([])), ("warning", .null), note])
    }

    /// The signed-rank fields of `trialstats signed-rank --format json`, plus the adjusted p-value.
    func signedRankFields(_ g: PairedGroupResult, _ o: PairedOutcome) -> [(String, JSONValue)] {
        var options = o.options
        options.confLevel = plan.confLevel
        var fields = g.signedRank.fields(options: options)
        let afterP = fields.firstIndex { $0.0 == "p_value" }! + 1
        fields.insert(contentsOf: [("p_adjusted", .number(g.adjustedPValue)), ("adjust", .string(plan.adjust.rawValue))], at: afterP)
        return fields
    }

    // MARK: CSV

    /// Every binomial interval computed (responses, then responders by MCID), in the long format
    /// of `trialstats binom --format csv`.
    public func intervalsCSV() -> CSVOutput {
        var out = CSVOutput(header: ["label", "x", "n", "estimate", "method", "conf_level", "alternative", "lower", "upper"])
        func add(_ label: String, _ x: Int, _ n: Int, _ i: ProportionInterval?, _ method: BinomialIntervalMethod) {
            out.rows.append([.text(label), .int(x), .int(n), .number(n > 0 ? Double(x) / Double(n) : nil), .text((i?.method ?? method).rawValue),
                             .number(i?.confLevel ?? plan.confLevel), .text((i?.alternative ?? .twoSided).rawValue), .number(i?.lower), .number(i?.upper)])
        }
        for r in responses { for g in r.groups { add("\(r.endpoint.label) / \(g.group)", g.x, g.n, g.interval, r.endpoint.method) } }
        for p in paired {
            for g in p.groups {
                for r in g.responders { add("\(responderLabel(p.outcome, r.mcid)) / \(g.group)", r.x, r.n, r.interval, plan.intervalMethod) }
            }
        }
        return out
    }

    /// One row per variable, level and group; with comparisons, each row of a variable ends with
    /// its p-value across the baskets (repeated on the variable's rows): `test`, `method`,
    /// `statistic`, `df`, `p_value` (compare's field names) and `comparison_note`.
    func baselineCSV() -> CSVOutput {
        var out = CSVOutput(header: ["column", "label", "type", "level", "group", "n", "missing", "median", "q1", "q3",
                                    "count", "percent", "quantile_type"]
                                + (comparing ? ["test", "method", "statistic", "df", "p_value", "comparison_note"] : []))
        for b in baseline {
            let c = b.comparison?.row?.summary
            let tail: [CSVOutput.Cell] = comparing
                ? [.text(c?.test.rawValue ?? ""), .text(c?.method ?? ""), .number(c?.statistic), .number(c?.df), .number(c?.pValue),
                   .text(b.comparison?.note ?? "")]
                : []
            for g in groups.indices {
                switch b.variable.kind {
                case .continuous:
                    let s = b.summaries[g]
                    out.rows.append([.text(b.variable.column.value), .text(b.variable.label), .text("continuous"), .text(""), .text(groups[g]),
                                     .int(b.nonMissing[g]), .int(b.missing[g]), .number(s?.median), .number(s?.q1), .number(s?.q3),
                                     .number(nil), .number(nil), .int(plan.quantileType.rawValue)] + tail)
                case .categorical, .binary:
                    let type: String
                    if case .binary = b.variable.kind { type = "binary" } else { type = "categorical" }
                    for l in b.levels {
                        out.rows.append([.text(b.variable.column.value), .text(b.variable.label), .text(type), .text(l.level), .text(groups[g]),
                                         .int(b.nonMissing[g]), .int(b.missing[g]), .number(nil), .number(nil), .number(nil), .int(l.counts[g]),
                                         .number(b.nonMissing[g] > 0 ? 100 * Double(l.counts[g]) / Double(b.nonMissing[g]) : nil), .number(nil)] + tail)
                    }
                }
            }
        }
        return out
    }

    func pairedCSV() -> CSVOutput {
        let fieldNames = ["n_pairs", "n_missing", "n_zero", "n_used", "has_ties", "method", "correct", "zero_method", "alternative", "mu",
                          "statistic_v", "statistic_s", "z", "p_value", "p_adjusted", "adjust", "estimate", "conf_low", "conf_high",
                          "conf_level", "achieved_conf_level", "median_difference", "effect_size_r", "rank_biserial", "sign_test_p_value"]
        var out = CSVOutput(header: ["label", "before", "after", "group", "before_median", "before_q1", "before_q3",
                                     "after_median", "after_q1", "after_q3"] + fieldNames)
        for p in paired {
            for g in p.groups {
                var row: [CSVOutput.Cell] = [.text(p.outcome.label), .text(p.outcome.before.value), .text(p.outcome.after.value), .text(g.group),
                                             .number(g.before?.median), .number(g.before?.q1), .number(g.before?.q3),
                                             .number(g.after?.median), .number(g.after?.q1), .number(g.after?.q3)]
                row += signedRankFields(g, p.outcome).map { CSVOutput.Cell($0.1) }
                out.rows.append(row)
            }
        }
        return out
    }

    func respondersCSV() -> CSVOutput {
        var out = CSVOutput(header: ["label", "group", "better", "mcid", "x", "n", "estimate", "method", "conf_level", "lower", "upper"])
        for p in paired {
            for g in p.groups {
                for r in g.responders {
                    out.rows.append([.text(p.outcome.label), .text(g.group), .text(p.outcome.better.rawValue), .number(r.mcid), .int(r.x), .int(r.n),
                                     .number(r.n > 0 ? Double(r.x) / Double(r.n) : nil), .text((r.interval?.method ?? plan.intervalMethod).rawValue),
                                     .number(plan.confLevel), .number(r.interval?.lower), .number(r.interval?.upper)])
                }
            }
        }
        return out
    }

    func responsesCSV() -> CSVOutput {
        var out = CSVOutput(header: ["column", "label", "group", "x", "n", "missing", "estimate", "method", "conf_level", "lower", "upper"])
        for r in responses {
            for g in r.groups {
                out.rows.append([.text(r.endpoint.column.value), .text(r.endpoint.label), .text(g.group), .int(g.x), .int(g.n), .int(g.missing),
                                 .number(g.n > 0 ? Double(g.x) / Double(g.n) : nil), .text((g.interval?.method ?? r.endpoint.method).rawValue),
                                 .number(plan.confLevel), .number(g.interval?.lower), .number(g.interval?.upper)])
            }
        }
        return out
    }
}
