import Foundation
import Testing
import TrialStats
@testable import TrialStatsIO

/// Issue 11: `km` and `analyze` read survival data with one reader and compute one
/// ``SurvivalReport``, so the report's survival section equals the single command by construction.
@Suite("Survival report: km and analyze from one reader and one result")
struct SurvivalReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cohort = root.appendingPathComponent("Fixtures/castle/cohort.csv").path
    static let plan = root.appendingPathComponent("Fixtures/castle/plan.yaml").path

    /// The bundled plan with its text edited, run on `table` (the bundled cohort by default).
    static func analyze(_ edits: [(String, String)] = [], table: DataTable? = nil) throws -> (AnalysisPlan, CohortAnalysis, SurvivalResult) {
        var text = try String(contentsOfFile: plan, encoding: .utf8)
        for (old, new) in edits {
            #expect(text.contains(old), "the plan has \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        let parsed = try AnalysisPlan.parse(text, source: "plan.yaml")
        let analysis = try CohortAnalysis.run(plan: parsed, table: try table ?? DataTable.read(path: cohort))
        return (parsed, analysis, try #require(analysis.survival))
    }

    /// What `trialstats km FILE --start infusion_date --end drug_free_end --event drug_free_event
    /// --by basket --unit months --at 24,6,12 [--rho rho]` computes.
    static func km(_ data: SurvivalColumns, rho: Double = 0) throws -> SurvivalReport {
        try SurvivalReport(data, settings: .init(confType: .logLog, confLevel: 0.95, medianRule: .print, landmarks: [24, 6, 12],
                                                 rho: rho, unit: "months"))
    }

    static let kmInput = SurvivalInput(times: .dates(start: "infusion_date", ends: ["drug_free_end"]), event: .column("drug_free_event"),
                                       unit: .months, by: "basket")

    @Test("km's result for the cohort equals analyze's survival under the plan: curves, medians, follow-up, landmarks, test",
          arguments: [0.0, 1.0])
    func kmEqualsAnalyze(rho: Double) throws {
        let (plan, analysis, survival) = try Self.analyze(rho == 0 ? [] : [("  landmarks: [6, 12, 24]\n", "  landmarks: [6, 12, 24]\n  rho: 1\n")])
        let km = try Self.km(try Self.kmInput.read(path: Self.cohort), rho: rho)
        #expect(km.groups.map(\.group) == ["SLE", "SSc", "IIM", "All"])
        for (mine, theirs) in zip(km.groups, survival.groups) {
            #expect(mine.curve == theirs.curve && mine.median == theirs.median && mine.followUp == theirs.followUp, "\(mine.group)")
            #expect(mine.landmarks == theirs.landmarks && mine.landmarks.map(\.time) == [6, 12, 24], "\(mine.group)")
        }
        #expect(km.logRank == survival.logRank && km.logRank?.rho == rho && km.logRank?.df == 2)
        #expect(km == survival.report)
        // The renderers: km's JSON groups and test are analysis.json's; the steps CSV is survival-steps.csv.
        guard case let .object(kmFields) = km.kmJSON(), case let .object(planFields) = survival.report.analysisJSON(label: plan.survival!.label) else {
            Issue.record("not JSON objects"); return
        }
        for key in ["groups", "logrank", "conf_type", "conf_level", "unit"] {
            let a = kmFields.first { $0.0 == key }?.1, b = planFields.first { $0.0 == key }?.1
            #expect(a != nil && a?.serialized() == b?.serialized(), "\(key)")
        }
        #expect(km.stepsCSV().serialized() == survival.report.stepsCSV().serialized())
        // The figure: the same function draws both.
        #expect(km.figure(plan.survival!.figureOptions).svg() == analysis.kaplanMeierFigure(survival).svg())
    }

    @Test("one basket: km and analyze draw that basket's curve, labelled with its name, and no duplicate All curve (issue 11)")
    func oneBasketFigure() throws {
        let text = try String(contentsOfFile: Self.cohort, encoding: .utf8).split(separator: "\n")
        let sle = ([text[0]] + text.dropFirst().filter { $0.contains(",SLE,") }).joined(separator: "\n") + "\n"
        let table = try DataTable.parse(sle, source: "sle.csv")
        let (plan, analysis, survival) = try Self.analyze([("baskets: [SLE, SSc, IIM]", "baskets: [SLE]")], table: table)
        let km = try Self.km(try Self.kmInput.read(table: table))
        #expect(km == survival.report && km.groups.map(\.group) == ["SLE", "All"] && km.logRank == nil)
        let figure = km.figure(plan.survival!.figureOptions)
        #expect(figure.curves.map(\.label) == ["SLE"] && figure.curves[0].curve == km.groups[0].curve)
        #expect(figure.svg() == analysis.kaplanMeierFigure(survival).svg())
        #expect(!figure.svg().contains(">All<"))
        // Without a grouping there is only All, and that is the curve drawn.
        var ungrouped = Self.kmInput
        ungrouped.by = nil
        let all = try Self.km(try ungrouped.read(table: table))
        #expect(all.groups.map(\.group) == ["All"] && all.figure(.init()).curves.map(\.label) == ["All"])
        #expect(all.groups[0].curve == km.groups[1].curve)
    }

    @Test("the figure names the test: Fleming–Harrington for rho ≠ 0, log-rank for rho = 0, in km and analyze alike (issue 11)",
          arguments: [(0.0, "Log-rank p = "), (1.0, "Fleming–Harrington (ρ = 1) p = "), (0.5, "Fleming–Harrington (ρ = 0.5) p = ")])
    func groupTestLabel(rho: Double, prefix: String) throws {
        let edit = "  landmarks: [6, 12, 24]\n  rho: \(formatRoundTrip(rho))\n"
        let (plan, analysis, survival) = try Self.analyze([("  landmarks: [6, 12, 24]\n", edit)])
        let km = try Self.km(try Self.kmInput.read(path: Self.cohort), rho: rho)
        let kmNote = try #require(km.figure(.init()).options.note)
        #expect(kmNote.hasPrefix(prefix), "\(kmNote)")
        #expect(analysis.kaplanMeierFigure(survival).options.note == kmNote)
        #expect(km.figure(plan.survival!.figureOptions).svg().contains(prefix))
    }
}
