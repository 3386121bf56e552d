import Foundation
import Testing
import TrialStats
@testable import TrialStatsIO

@Suite("Analysis plans: reading YAML and JSON, errors naming the line")
struct AnalysisPlanTests {
    static let minimal = """
        basket: basket
        paired:
          - label: VAS
            before: vas0
            after: vas6
            better: lower
            mcid: -10
        """

    @Test("a YAML plan: defaults, settings and the lines of the columns")
    func yaml() throws {
        let plan = try AnalysisPlan.parse("""
            title: Test
            basket: arm
            baskets: [A, B]
            quantile_type: 6
            adjust: bh
            baseline:
              - age
              - column: sex
                type: categorical
                levels: [f, m]
                show: [f]
            paired:
              - before: haq0
                after: haq6
                mcid: -0.22
                profile: spss
            responses:
              - column: resp
                method: wilson
            survival:
              time: months
              event: relapse
              unit: months
              landmarks: [12, 6]
            """, source: "p.yaml")
        #expect(plan.title == "Test" && plan.basket.value == "arm" && plan.basket.line == 2)
        #expect(plan.baskets?.map(\.value) == ["A", "B"] && plan.quantileType == .type6 && plan.adjust == .benjaminiHochberg)
        #expect(plan.confLevel == 0.95 && plan.intervalMethod == .clopperPearson)
        #expect(plan.baseline.map(\.column.value) == ["age", "sex"] && plan.baseline[1].column.line == 8)
        #expect(plan.paired[0].mcid == [-0.22] && plan.paired[0].options.profile == .spss && plan.paired[0].better == .lower)
        #expect(plan.responses[0].method == .wilson)
        let survival = try #require(plan.survival)
        #expect(survival.landmarks == [6, 12] && survival.unit == .months && survival.confType == .logLog)
    }

    /// Issue 13 item 5: 5,000 levels overflowed the YAML parser's stack.
    @Test("nesting is measured before parsing: the line where it passes 100 levels")
    func nestingLimit() {
        #expect(AnalysisPlan.tooDeep(Self.minimal) == nil)
        let flow = "basket: b\nbaskets: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(AnalysisPlan.tooDeep(flow) == 2)
        let justUnder = "basket: b\nbaskets: " + String(repeating: "[", count: 98) + String(repeating: "]", count: 98)
        #expect(AnalysisPlan.tooDeep(justUnder) == nil)
        let block = "basket: b\n" + (1...101).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
        #expect(AnalysisPlan.tooDeep(block) == 101)
        let compact = "basket: b\nbaseline:\n  " + String(repeating: "- ", count: 100) + "x"
        #expect(AnalysisPlan.tooDeep(compact) == 3)
        let commented = "basket: b # " + String(repeating: "[", count: 500)
        #expect(AnalysisPlan.tooDeep(commented) == nil)
        #expect(throws: PlanError(file: "p.yaml", line: 2, message: "is nested more than 100 levels deep; a plan needs at most 5")) {
            try AnalysisPlan.parse(flow, source: "p.yaml")
        }
    }

    @Test("a JSON plan is read too, with its lines")
    func json() throws {
        let plan = try AnalysisPlan.parse("""
            {
              "basket": "basket",
              "responses": [
                {"column": "response_week24", "label": "Week 24"}
              ]
            }
            """, source: "p.json")
        #expect(plan.basket.value == "basket" && plan.responses[0].column.line == 4 && plan.responses[0].label == "Week 24")
    }

    @Test("errors name the plan line", arguments: [
        ("basket: b\nbaseline:\n  - column: age\n    decimal: 1\n", 4, "unknown key \"decimal\"; expected one of column, label, type, decimals, levels, show, test"),
        // Issue 14: compare and test.
        ("basket: b\ncompare: maybe\nbaseline: [age]\n", 2, "compare must be true or false; got \"maybe\""),
        ("basket: b\ncompare: true\nresponses: [r]\n", 2, "compare asks for p-values across the baskets of the baseline table; the plan has no baseline"),
        ("basket: b\nbaseline:\n  - column: age\n    test: wilcoxon\n", 4,
         "test \"wilcoxon\" is not allowed; choose from auto, rank-sum, kruskal, t, welch, fisher, chisq, chisq-yates, g-test, boschloo, barnard, mcnemar"),
        ("basket: b\nbaseline:\n  - column: age\n    test: fisher\n", 4,
         "test fisher compares counts; a continuous variable takes auto, rank-sum, kruskal, t, welch"),
        ("basket: b\nbaseline:\n  - {column: sex, type: categorical, test: t}\n", 3,
         "test t compares numbers; a categorical or binary variable takes auto, fisher, chisq, chisq-yates, g-test, boschloo, barnard"),
        ("basket: b\nbaseline:\n  - column: sex\n    type: binary\n    test: mcnemar\n", 5,
         "test mcnemar compares paired counts, not baskets; choose from auto, rank-sum, kruskal, t, welch, fisher, chisq, chisq-yates, g-test, boschloo, barnard"),
        ("basket: b\nconf_level: 95\nbaseline: [age]\n", 2, "conf_level must be strictly between 0 and 1; got 95.0"),
        ("basket: b\nquantile_type: 10\nbaseline: [age]\n", 2, "quantile_type must be 1 to 9 (Hyndman–Fan); got 10"),
        ("basket: b\npaired:\n  - before: a\n    after: b\n    better: higher\n    mcid: -3\n", 6,
         "mcid -3.0 points the wrong way: with better: higher an improvement is a change above 0 (for example 3)"),
        ("basket: b\npaired:\n  - before: a\n    after: b\n    method: fast\n", 5,
         "method \"fast\" is not allowed; choose from auto, exact, normal, t"),
        ("basket: b\nadjust: bonferroni\nbaseline: [age]\n", 2, "adjust \"bonferroni\" is not allowed; choose from none, holm, bh"),
        ("basket: b\nsurvival:\n  time: t\n  start: s\n  event: e\n", 3, "survival takes time: or start: and end:, not both"),
        ("basket: b\nbaseline:\n  - column: age\n    type: ordinal\n", 4, "type \"ordinal\" is not allowed; choose from continuous, categorical, binary"),
        ("baseline: [age]\n", 1, "no \"basket:\" key; name the column that holds each patient's basket"),
        ("basket: b\n", 1, "asks for nothing; give at least one of baseline, paired, responses, survival"),
        ("basket: b\nbaskets: [A, B, A]\nbaseline: [age]\n", 2, "basket \"A\" is listed twice"),
        ("basket: b\nbasket: c\n", 2, "key \"basket\" is given twice"),
    ])
    func errors(_ text: String, _ line: Int, _ message: String) {
        #expect(throws: PlanError(file: "plan.yaml", line: line, message: message)) {
            try AnalysisPlan.parse(text, source: "plan.yaml")
        }
    }

    @Test("compare: true and test: are read with their lines (issue 14)")
    func compareKeys() throws {
        let plan = try AnalysisPlan.parse("basket: b\ncompare: true\nbaseline:\n  - age\n  - column: sex\n    type: binary\n    test: chisq\n", source: "p.yaml")
        #expect(plan.compareLine == 2 && plan.baseline[0].test == nil)
        #expect(plan.baseline[1].test?.value == .chisq && plan.baseline[1].test?.line == 7)
        let off = try AnalysisPlan.parse("basket: b\ncompare: false\nbaseline: [age]\n", source: "p.yaml")
        #expect(off.compareLine == nil)
    }

    @Test("a YAML syntax error names its line")
    func syntax() {
        do {
            _ = try AnalysisPlan.parse("basket: b\nbaseline:\n  - column: age\n   label: [oops\n", source: "plan.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "plan.yaml" && error.line != nil && error.message.hasPrefix("not valid YAML or JSON"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("a missing plan file is unreadable (exit 66)")
    func missingFile() {
        #expect(throws: PlanError(file: "/nonexistent/plan.yaml", line: nil, message: "no such file", unreadable: true)) {
            try AnalysisPlan.read(path: "/nonexistent/plan.yaml")
        }
    }

    @Test("the analysis names the plan line of a column the cohort lacks, and the data row of a bad value")
    func againstData() throws {
        let table = try DataTable.parse("basket,vas0,vas6,resp\nA,50,20,1\nA,60,30,0\nB,40,35,maybe\n", source: "c.csv")
        let missing = try AnalysisPlan.parse(Self.minimal.replacingOccurrences(of: "vas6", with: "vas_6"), source: "p.yaml")
        #expect(throws: AnalysisError.plan(PlanError(file: "p.yaml", line: 5,
                                                     message: "no column \"vas_6\" in c.csv; the columns are \"basket\", \"vas0\", \"vas6\", \"resp\""))) {
            try CohortAnalysis.run(plan: missing, table: table)
        }
        let binary = try AnalysisPlan.parse("basket: basket\nresponses: [resp]\n", source: "p.yaml")
        #expect(throws: AnalysisError.input(.invalidValue(file: "c.csv", row: 4, column: "resp", value: "maybe",
                                                          expected: "a binary value 1/0, yes/no or true/false (p.yaml line 2); the column holds \"0\", \"1\", \"maybe\""))) {
            try CohortAnalysis.run(plan: binary, table: table)
        }
    }

    @Test("MCID responders count changes at the threshold, with decimal data")
    func responders() throws {
        // Changes: -0.22 (1.25 - 1.03 in binary is 0.21999999999999997), -0.25, 0, -0.125.
        let table = try DataTable.parse("basket,h0,h6\nA,1.25,1.03\nA,1,0.75\nA,0.5,0.5\nA,0.5,0.375\n", source: "c.csv")
        let plan = try AnalysisPlan.parse("basket: basket\npaired:\n  - before: h0\n    after: h6\n    mcid: -0.22\n", source: "p.yaml")
        let analysis = try CohortAnalysis.run(plan: plan, table: table)
        let all = try #require(analysis.paired.first?.groups.last)
        #expect(all.group == "All" && all.responders[0].x == 2 && all.responders[0].n == 4)
    }
}
