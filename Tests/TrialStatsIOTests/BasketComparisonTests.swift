import Foundation
import Testing
import TestSupport
import TrialStats
@testable import TrialStatsIO

/// Table 1's p-values across the baskets (issue 14, "In analyze"): the comparison
/// `trialstats compare --column C --by BASKET --test T` runs, bit for bit, whatever the order of
/// the rows; R's values on the bundled cohort; the notes where there is no p-value; the plan
/// errors where the plan asks for a test the baskets cannot take.
@Suite("Baseline p-values across the baskets")
struct BasketComparisonTests {
    static func castle() throws -> (DataTable, AnalysisPlan) {
        let table = try DataTable.read(path: ReferenceFixtures.url("castle/cohort.csv").path)
        let plan = try AnalysisPlan.read(path: ReferenceFixtures.url("castle/plan.yaml").path)
        return (table, plan)
    }

    /// The cohort's rows, variously changed: reversed (IIM comes first in the file), without IIM
    /// (two baskets: rank-sum and Fisher 2×2), with IIM's FACIT missing (an empty basket left out).
    static func variant(_ name: String) throws -> (DataTable, AnalysisPlan) {
        var (table, plan) = try castle()
        let basket = try table.columnIndex("basket")
        switch name {
        case "reversed":
            table.rows.reverse()
        case "two baskets":
            table.rows = table.rows.filter { $0[basket] != "IIM" }
            plan.baskets = plan.baskets?.filter { $0.value != "IIM" }
        case "empty basket":
            let facit = try table.columnIndex("facit_baseline")
            for r in table.rows.indices where table.rows[r][basket] == "IIM" { table.rows[r][facit] = "NA" }
        default:
            break
        }
        return (table, plan)
    }

    /// What `compare --column C --by basket --test T` reports (its report layer, as the command
    /// calls it).
    static func compare(_ column: String, test: ComparisonTest, table: DataTable, plan: AnalysisPlan) throws -> ComparisonReport.Row {
        let settings = ComparisonSettings(test: test, method: .auto, alternative: .twoSided, mu: 0, confLevel: 0.95, correct: true, profile: nil)
        return try ComparisonReport.columns([column], of: table, by: plan.basket.value, settings: settings).rows[0]
    }

    @Test("every p-value, statistic, df and estimate equals compare --test T's, whatever the row order", arguments: ["castle", "reversed", "two baskets", "empty basket"])
    func equalsCompare(_ name: String) throws {
        let (table, plan) = try Self.variant(name)
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        #expect(analysis.baseline.count == 8)
        for b in analysis.baseline {
            let column = b.variable.column.value
            let c = try #require(b.comparison, "\(column)")
            let row = try #require(c.row, "\(column): \(c.note ?? "")")
            let kept = name == "two baskets" || (name == "empty basket" && column == "facit_baseline") ? 2 : 3
            let expectedTest: ComparisonTest
            if case .continuous = b.variable.kind { expectedTest = kept == 2 ? .rankSum : .kruskal } else { expectedTest = .fisher }
            #expect(row.summary.test == expectedTest, "\(name) \(column)")
            let compared = try Self.compare(column, test: row.summary.test, table: table, plan: plan)
            #expect(row.summary == compared.summary, "\(name) \(column): \(row.summary) vs \(compared.summary)")
            #expect(row.groups == compared.groups && row.n == compared.n, "\(name) \(column)")
            #expect(c.leftOut == (name == "empty basket" && column == "facit_baseline" ? ["IIM"] : []))
        }
    }

    /// R 4.2.2 and coin 1.4.2, Fixtures/reference/analyze_compare.R: `kruskal.test` and
    /// `fisher.test` on the three baskets; on SLE and SSc `wilcox.test(exact = TRUE)` without ties,
    /// coin's exact conditional `wilcox_test` with them, and `fisher.test` on the 2×2 tables.
    @Test("the bundled cohort's p-values agree with R's kruskal.test, wilcox.test / coin and fisher.test to 1e-9", arguments: ["castle", "two baskets"])
    func agreesWithR(_ name: String) throws {
        let reference = try AnalyzeCompareReference.load()
        #expect(reference.software.hasPrefix("R version 4.2"))
        let expected = name == "castle" ? reference.castle : reference.two_baskets
        let (table, plan) = try Self.variant(name)
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        #expect(expected.count == analysis.baseline.count)
        for b in analysis.baseline {
            let column = b.variable.column.value
            let r = try #require(expected[column], "\(column)")
            let s = try #require(b.comparison?.row?.summary, "\(column)")
            #expect(s.test.rawValue == r.test, "\(column)")
            #expect(agrees(s.pValue, r.p_value, relative: 1e-9), "\(name) \(column): \(s.pValue) vs R \(r.p_value)")
            #expect(agrees(s.statistic, r.statistic, relative: 1e-9) && agrees(s.df, r.df, relative: 0), "\(name) \(column)")
        }
    }

    static func analysis(_ csv: String, plan text: String) throws -> CohortAnalysis {
        let table = try DataTable.parse(csv, source: "cohort.csv")
        return try CohortAnalysis.run(plan: try AnalysisPlan.parse(text, source: "plan.yaml"), table: table)
    }

    @Test("fewer than two baskets with values: no p-value and a note saying why, not an error")
    func notes() throws {
        let oneBasket = try Self.analysis("basket,age,sex\nA,30,f\nA,40,m\nA,50,f\n", plan: "basket: basket\ncompare: true\nbaseline:\n  - age\n  - {column: sex, type: categorical}\n")
        for b in oneBasket.baseline {
            #expect(b.comparison?.row == nil && b.comparison?.pValue == nil)
            #expect(b.comparison?.note == "no p-value: the cohort has one basket; a comparison needs two baskets with values")
        }
        let oneWithValues = try Self.analysis("basket,age,sex\nA,30,f\nA,40,m\nB,NA,f\nB,,m\nC,NA,\n",
                                              plan: "basket: basket\nbaseline:\n  - {column: age, test: kruskal}\n  - {column: sex, type: categorical, test: fisher}\n")
        #expect(oneWithValues.baseline[0].comparison?.note == "no p-value: values in A only; a comparison needs two baskets with values")
        // Sex has values in A and B (not C): compared, C left out.
        let sex = try #require(oneWithValues.baseline[1].comparison)
        #expect(sex.row?.groups == ["A", "B"] && sex.leftOut == ["C"])
        #expect(sex.note == "C has no values and is left out of the comparison")
        // One level only: nothing to test.
        let constant = try Self.analysis("basket,sex,age\nA,f,1\nA,f,1\nB,f,1\nB,f,1\n",
                                         plan: "basket: basket\ncompare: true\nbaseline:\n  - {column: sex, type: categorical}\n  - {column: age, test: t}\n")
        #expect(constant.baseline[0].comparison?.note == "no p-value: every patient with a value has the same level")
        #expect(constant.baseline[1].comparison?.note == "no p-value: every value is the same")
        // Without compare: or test:, no comparison at all.
        let none = try Self.analysis("basket,age\nA,1\nB,2\n", plan: "basket: basket\nbaseline: [age]\n")
        #expect(none.baseline[0].comparison == nil && !none.comparing)
        #expect(!none.baselineCSV().header.contains("p_value"))
    }

    @Test("a two-basket test on three baskets with values is a plan error naming the test: line")
    func twoBasketTestOnThree() throws {
        let csv = "basket,age,sex\nA,30,f\nA,40,m\nB,35,f\nB,45,m\nC,50,f\nC,55,m\n"
        #expect(throws: AnalysisError.plan(PlanError(file: "plan.yaml", line: 4,
                                                     message: "test rank-sum compares two baskets; \"age\" has values in 3 (A, B and C): choose kruskal or auto"))) {
            _ = try Self.analysis(csv, plan: "basket: basket\nbaseline:\n  - column: age\n    test: rank-sum\n")
        }
        #expect(throws: AnalysisError.plan(PlanError(file: "plan.yaml", line: 3,
                                                     message: "test boschloo compares two baskets; \"sex\" has values in 3 (A, B and C): choose fisher, chisq or g-test or auto"))) {
            _ = try Self.analysis(csv, plan: "basket: basket\nbaseline:\n  - {column: sex, type: categorical, test: boschloo}\n")
        }
        // Two baskets but three levels: Boschloo needs a 2×2 table.
        #expect(throws: AnalysisError.plan(PlanError(file: "plan.yaml", line: 3,
                                                     message: "\"sex\": Boschloo's test needs a 2×2 table; got 3×2"))) {
            _ = try Self.analysis("basket,sex\nA,f\nA,m\nB,x\nB,f\n", plan: "basket: basket\nbaseline:\n  - {column: sex, type: categorical, test: boschloo}\n")
        }
    }
}
