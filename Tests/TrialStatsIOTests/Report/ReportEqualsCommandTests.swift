import Foundation
import Testing
import TestSupport
import TrialStats
@testable import TrialStatsIO

/// `analyze` computes its baseline summaries, paired tests and response rates with the result
/// types `describe`, `signed-rank` and `binom` report, so the report equals the single command
/// for the same data and settings — checked here on the bundled cohort and on one with a basket
/// that has no values.
@Suite("The analysis report equals the single commands")
struct ReportEqualsCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func castle() throws -> (DataTable, AnalysisPlan) {
        let table = try DataTable.read(path: root.appendingPathComponent("Fixtures/castle/cohort.csv").path)
        let plan = try AnalysisPlan.read(path: root.appendingPathComponent("Fixtures/castle/plan.yaml").path)
        return (table, plan)
    }

    /// The CASTLE cohort with every IIM patient's month-6 values and efficacy missing, and the
    /// IIM baseline FACIT missing: a basket with no usable values in several tables.
    static func castleWithEmptyBasket() throws -> (DataTable, AnalysisPlan) {
        var (table, plan) = try castle()
        let basket = try table.columnIndex("basket")
        let emptied = try ["vas_pga_month6", "haq_month6", "facit_month6", "facit_baseline", "efficacy_week24"].map { try table.columnIndex($0) }
        for r in table.rows.indices where table.rows[r][basket] == "IIM" {
            for c in emptied { table.rows[r][c] = "NA" }
        }
        plan.adjust = .holm
        return (table, plan)
    }

    @Test("baseline summaries equal describe --by basket", arguments: [false, true])
    func baselineEqualsDescribe(emptyBasket: Bool) throws {
        let (table, plan) = try emptyBasket ? Self.castleWithEmptyBasket() : Self.castle()
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        var compared = 0
        for b in analysis.baseline {
            guard case .continuous = b.variable.kind else { continue }
            let report = try DescribeReport.make(table, column: b.variable.column.value, by: plan.basket.value,
                                                 quantileType: plan.quantileType, confLevel: plan.confLevel)
            #expect(report.groups.map(\.group) == analysis.groups)
            #expect(report.groups.map(\.summary) == b.summaries, "\(b.variable.label)")
            #expect(report.groups.map(\.missing) == b.missing)
            compared += 1
        }
        #expect(compared == 5)
        if emptyBasket {
            let facit = try #require(analysis.baseline.first { $0.variable.column.value == "facit_baseline" })
            #expect(facit.summaries[2] == nil && facit.nonMissing[2] == 0 && facit.missing[2] == 5)
        }
    }

    @Test("paired tests equal signed-rank --by basket", arguments: [false, true])
    func pairedEqualsSignedRank(emptyBasket: Bool) throws {
        let (table, plan) = try emptyBasket ? Self.castleWithEmptyBasket() : Self.castle()
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        #expect(analysis.paired.count == 3)
        for p in analysis.paired {
            var options = p.outcome.options
            options.confLevel = plan.confLevel
            let report = try SignedRankReport.make(table, before: p.outcome.before.value, after: p.outcome.after.value,
                                                   by: plan.basket.value, options: options)
            #expect(report.groups == p.groups.map(\.signedRank), "\(p.outcome.label)")
            // The JSON test fields are the command's, plus the adjusted p-value and its method.
            for (g, group) in zip(report.groups, p.groups) {
                let command = g.fields(options: options).map { "\($0.0)=\($0.1.serialized())" }
                let analyzed = analysis.signedRankFields(group, p.outcome).filter { $0.0 != "p_adjusted" && $0.0 != "adjust" }
                #expect(command == analyzed.map { "\($0.0)=\($0.1.serialized())" })
            }
            // Responders are binom X N of their counts, with the plan's method.
            let settings = BinomialSettings(methods: [plan.intervalMethod], confLevel: plan.confLevel)
            for g in p.groups {
                for r in g.responders {
                    let counts = [String(r.n > 0 ? r.x : 0), String(r.n)]
                    if r.n > 0 { #expect(try BinomialReport.typed(counts, settings: settings).rows[0].intervals == r.row.intervals) }
                }
            }
            if emptyBasket {
                let iim = p.groups[2]
                #expect(iim.test == nil && iim.before == nil && iim.note == emptyGroupNote && iim.nMissing == 5)
                #expect(iim.adjustedPValue == nil && iim.responders.allSatisfy { $0.n == 0 && $0.interval == nil })
            }
        }
    }

    @Test("response rates equal binom --response --by basket", arguments: [false, true])
    func responsesEqualBinom(emptyBasket: Bool) throws {
        let (table, plan) = try emptyBasket ? Self.castleWithEmptyBasket() : Self.castle()
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        let r = try #require(analysis.responses.first)
        let settings = BinomialSettings(methods: [r.endpoint.method], confLevel: plan.confLevel)
        let report = try BinomialReport.responses(table, column: r.endpoint.column.value, by: plan.basket.value, settings: settings)
        #expect(report.rows == r.groups.map(\.row))
        #expect(report.rows.map(\.label) == ["SLE", "SSc", "IIM", "All"])
        if emptyBasket {
            #expect(report.rows[2].n == 0 && report.rows[2].intervals.isEmpty && report.rows[2].note == emptyGroupNote)
        } else {
            #expect(report.rows.map(\.x) == [9, 9, 4, 22])
        }
    }

    /// Issue 12 item 9: the analysis of a cohort with an empty basket runs and writes every file;
    /// the basket has n = 0, null results and a note in analysis.json.
    @Test("issue 12.9: an empty basket does not stop analyze")
    func emptyBasketOutputs() throws {
        let (table, plan) = try Self.castleWithEmptyBasket()
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        let provenance = ReportProvenance(version: "test", cohortPath: "c.csv", cohortSHA256: "", planPath: "p.yaml", planSHA256: "")
        let files = analysis.outputFiles(provenance: provenance)
        #expect(files.contains { $0.path == "report.html" })
        let json = try #require(files.first { $0.path == "analysis.json" }?.contents)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let responses = try #require((object["responses"] as? [[String: Any]])?.first?["groups"] as? [[String: Any]])
        #expect(responses[2]["n"] as? Int == 0 && responses[2]["estimate"] is NSNull && responses[2]["lower"] is NSNull)
        #expect(responses[2]["note"] as? String == "no non-missing values")
        let paired = try #require((object["paired"] as? [[String: Any]])?.first?["groups"] as? [[String: Any]])
        let test = try #require(paired[2]["test"] as? [String: Any])
        #expect(test["n_pairs"] as? Int == 0 && test["p_value"] is NSNull && test["p_adjusted"] is NSNull)
        #expect(paired[2]["before"] is NSNull && paired[2]["note"] as? String == "no non-missing values")
        let csv = try #require(files.first { $0.path == "tables/responses.csv" }?.contents)
        #expect(csv.contains("\nefficacy_week24,Basket-specific efficacy endpoint at week 24,IIM,0,0,5,,clopper-pearson,0.95,,\n"))
        // The other baskets keep their Holm family of three outcomes.
        let sle = analysis.paired.map { $0.groups[0] }
        #expect(sle.allSatisfy { $0.adjustedPValue != nil })
    }

    @Test("a wholly empty paired outcome or response still stops analyze with the plan line")
    func whollyEmpty() throws {
        var (table, plan) = try Self.castle()
        let column = try table.columnIndex("efficacy_week24")
        for r in table.rows.indices { table.rows[r][column] = "" }
        #expect(throws: AnalysisError.self) { try CohortAnalysis.run(plan: plan, table: table) }
        plan.responses = []
        #expect(throws: Never.self) { try CohortAnalysis.run(plan: plan, table: table) }
    }

    @Test("issue 13: a basket named All is refused with its row, column and value")
    func basketNamedAll() throws {
        let table = try DataTable.parse("basket,v\nA,1\nAll,2\n", source: "c.csv")
        let plan = try AnalysisPlan.parse("basket: basket\nbaseline: [v]\n", source: "p.yaml")
        #expect(throws: AnalysisError.input(.invalidValue(
            file: "c.csv", row: 3, column: "basket", value: "All",
            expected: "a group name other than \"All\", which names the row of all groups together (plan line 1)"))) {
            try CohortAnalysis.run(plan: plan, table: table)
        }
    }
}
