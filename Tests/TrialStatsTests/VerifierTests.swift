import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("Verifying published tables")
struct VerifierTests {
    static func cell(_ table: String = "T1", _ row: String, _ column: String, _ n: Int?, _ text: String, section: String = "",
                     scale: (Double, Double, Double)? = nil) -> PublishedCell {
        PublishedCell(table: table, section: section, row: row, column: column, columnN: n, text: text,
                      scaleMin: scale?.0, scaleMax: scale?.1, scaleStep: scale?.2)
    }

    /// Every shape the issue names, read as the right statistic.
    @Test("cell shapes", arguments: [
        ("17 (71)", "Sex, N (%)", "n (%)"), ("18 (75%)", "CRS, N (%)", "n (%)"), ("39 (26–53)", "Age, median (IQR)", "median (IQR)"),
        ("63.0 [52.8; 74.8]", "VAS, median [IQR]", "median (IQR)"), ("117 [75.5–138]", "MMT-8", "median (IQR)"),
        ("1,051 (780–1,252)", "IgG", "median (IQR)"), ("1 (1-6)", "Time", "median (IQR)"), ("P < 0.0001", "p", "p-value"),
        ("P = 0.0030", "p", "p-value"), ("p=.03", "p", "p-value"), ("-", "x", "not applicable"), ("12.3 ± 4.5", "Age, mean ± SD", "mean ± SD"),
        ("44 (18–70)", "Age, median (range)", "median (range)"), ("9/10 (90%)", "Response", "x/n (%)"), ("22/24", "Response", "x/n"),
        ("2.5 (0.9, 5.0)", "Duration", "median (IQR)"), ("5 (2 to 9)", "Visits", "median (IQR)"),
        ("18 – 64", "Age", "range"), ("11.1 – 27.1", "Hb", "range"), ("mean 10 days (IQR 9–21 days)", "Onset", "mean (IQR)"),
        ("one (6%) of 18", "Relapse", "x/n (%)"), ("six (67%)", "Female", "n (%)"), ("9 of 10", "Response", "x/n"),
        ("median 5 (range 1–9)", "Cycles", "median (range)"), ("12.4 (3.1)", "Age, mean (SD)", "mean ± SD"),
        ("0.75 (95% CI 0.44–1.25)", "Relapse", "estimate (CI)"), ("0·75 [0·44; 1·25]", "HR", "estimate (CI)"),
        ("12.5% (95% CI 3.5–29.0)", "Response rate", "estimate (CI)"), ("<0.001", "p", "p-value"), ("mean 5 days (IQR 4–15)", "Onset", "mean (IQR)"),
        // A rate with its interval after the count; an estimate with its interval's achieved level;
        // Kaplan–Meier medians not reached; the number of missing values beside a count.
        ("9/10 (90.0%) [55.5–99.7]", "Response", "x/n (%) [CI]"), ("3 (33%) [7.5–70.1]", "Response", "n (%) [CI]"),
        ("9/10 [55.5–99.7]", "Response", "x/n [CI]"), ("9/10 (90%) [95% CI 55.5–99.7]", "Response", "x/n (%) [CI]"),
        ("−34.0 (−45.0 to −23.5 [95.1%])", "Change", "estimate (CI)"), ("13.0 (7.5–19.0 [96.7%])", "Change", "estimate (CI)"),
        ("not reached (9.9–NR)", "Median, months (95% CI)", "not reached (CI)"), ("NR (NR–NR)", "Median OS", "not reached (CI)"),
        ("not reached (95% CI 5.3–NE)", "Median", "not reached (CI)"), ("14.2 (9.9–NR)", "Median OS, months (95% CI)", "estimate (CI, not reached)"),
        ("not reached", "Median", "not reached"), ("NR", "Median", "not applicable"), ("8 (1 missing)", "Pairs", "number"),
        ("8 (1 missing)", "Patients, n (%)", "count"),
    ])
    func shapes(text: String, label: String, kind: String) {
        #expect(CellParser.parse(text, label: LabelStatistic(label: label)).kind == kind, "\(text)")
    }

    @Test("values are read with their decimals")
    func values() throws {
        guard case let .medianIQR(m, q1, q3) = CellParser.parse("1,051 (780–1,252)") else { Issue.record("not a median"); return }
        #expect(m.value == 1051 && q1.value == 780 && q3.value == 1252)
        guard case let .count(x, p) = CellParser.parse("17 (70.8%)") else { Issue.record("not a count"); return }
        #expect(x == 17 && p?.value == 70.8 && p?.decimals == 1)
        if case .unparsed = CellParser.parse("see text") {} else { Issue.record("should not parse") }
        #expect(CellParser.parse("one (6%) of 18") == .fraction(1, of: 18, percent: PrintedNumber("6")))
        #expect(CellParser.parse("0·75 [0·44; 1·25]", label: .ratioCI) == .estimateCI(estimate: PrintedNumber("0.75")!, lower: PrintedNumber("0.44")!,
                                                                                     upper: PrintedNumber("1.25")!, level: nil, percent: false))
    }

    /// The numbers of the new shapes: a rate's interval after its count, an achieved level, bounds
    /// not reached.
    @Test("values of rates with intervals, achieved levels and values not reached")
    func intervalValues() throws {
        #expect(CellParser.parse("9/10 (90.0%) [55.5–99.7]") == .rateCI(9, of: 10, percent: PrintedNumber("90.0"), lower: try #require(PrintedNumber("55.5")),
                                                                          upper: try #require(PrintedNumber("99.7")), level: nil))
        #expect(CellParser.parse("3 (33%) [90% CI 10.0–63.0]") == .rateCI(3, of: nil, percent: PrintedNumber("33"), lower: try #require(PrintedNumber("10.0")),
                                                                            upper: try #require(PrintedNumber("63.0")), level: 0.9))
        // A bare count before bounds stays a median with its quartiles.
        #expect(CellParser.parse("17 [7.5–70.1]").kind == "median (IQR)")
        guard case let .estimateCI(e, lo, hi, level, percent) = CellParser.parse("−34.0 (−45.0 to −23.5 [95.1%])") else { Issue.record("not an estimate"); return }
        #expect(e.value == -34 && lo.value == -45 && hi.value == -23.5 && level == 0.951 && !percent)
        #expect(CellParser.parse("not reached (9.9–NR)") == .notReached(estimate: nil, lower: PrintedNumber("9.9"), upper: nil, interval: true, level: nil))
        #expect(CellParser.parse("14.2 (95% CI 9.9–NR)") == .notReached(estimate: PrintedNumber("14.2"), lower: PrintedNumber("9.9"), upper: nil, interval: true, level: 0.95))
        #expect(CellParser.parse("8 (1 missing)") == .number(try #require(PrintedNumber("8"))))
    }

    /// Kaplan–Meier cells (issue 11.2): a survival percentage with its interval is a probability,
    /// not a ratio — its log-log interval is not log-symmetric (90.0 (47.3–98.5) is 9/10 surviving
    /// with Greenwood's variance), and its interval depends on the risk sets, so `rate-interval`
    /// does not run and says why. A median survival time is not a ratio either. A median not
    /// reached has an upper bound not reached (the upper confidence band never crosses 50% before
    /// the curve does); a printed one cannot be.
    @Test("Kaplan–Meier estimates: probabilities and medians, not ratios")
    func kaplanMeier() {
        let t = "Table 5"
        let cells = [Self.cell(t, "SLE", "Survival, % (95% CI): At 12 months", nil, "90.0 (47.3–98.5)"),
                     Self.cell(t, "SLE", "Median, months (95% CI)", nil, "12.3 (9.9–35.0)"),
                     Self.cell(t, "SSc", "Median, months (95% CI)", nil, "not reached (9.3–NR)"),
                     Self.cell(t, "IIM", "Median, months (95% CI)", nil, "14.2 (5.3–NR)"),
                     Self.cell(t, "OS", "12-month OS rate, % (95% CI)", 24, "87.5 (66.1–95.8)")]
        let report = Verifier.verify(cells)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.detail))")
        #expect(report.coverage[0].checks == [CheckOutcome(check: .range, status: .passed),
                                             CheckOutcome(check: .rateInterval, status: .notRun, reason: .survivalEstimate)])
        #expect(report.coverage[1].checks == [CheckOutcome(check: .range, status: .passed)])
        #expect(report.coverage[4].checks.contains(CheckOutcome(check: .rateInterval, status: .notRun, reason: .survivalEstimate)))
        #expect(EstimateKind.of(row: "Overall survival", column: "HR (95% CI)", section: "", percent: false) == .ratio)
        #expect(EstimateKind.of(row: "SLE", column: "Survival, % (95% CI): At 12 months", section: "", percent: false) == .survivalProbability)
        #expect(EstimateKind.of(row: "Death", column: "0.75 (95% CI)", section: "", percent: false) == .unnamed)
        // Planted: a median not reached with a finite upper bound; a reached median with its lower bound not reached.
        for text in ["not reached (9.3–20.0)", "14.2 (NR–20.0)", "not reached (NR–9.9)"] {
            let planted = Verifier.verify([Self.cell(t, "SSc", "Median, months (95% CI)", nil, text)])
            #expect(planted.findings.map(\.check) == [.range] && planted.findings.first?.severity == .error, "\(text)")
        }
        // An estimate the headings do not name gets no ratio check, and says so.
        let unnamed = Verifier.verify([Self.cell("T", "Relapse", "A", nil, "0.75 (95% CI 0.60–1.04)")])
        #expect(unnamed.findings.isEmpty && unnamed.coverage[0].checks.contains(CheckOutcome(check: .ratioConsistency, status: .notRun, reason: .estimateNotNamed)))
    }

    /// Decimal commas are decided per table: "4 (7,6)" beside other comma decimals is 4 with 7.6%,
    /// never a median with quartiles 7 and 6; in a table with decimal points "1,234" stays a
    /// thousands-separated number.
    @Test("decimal comma decided per table")
    func decimalComma() {
        #expect(DecimalMark.decide(["4 (7,6)", "12 (23,1)", "1 (1,9)"]) == .comma)
        #expect(DecimalMark.decide(["4 (7.6)", "1,234 (980–1,500)"]) == .period)
        #expect(DecimalMark.decide(["1,234", "2,500"]) == .period)
        #expect(CellParser.parse("4 (7,6)", decimalMark: .comma) == .count(4, percent: PrintedNumber("7.6")))
        // 4/52 = 7.69%: truncated to 7.6, a note, not an impossible median.
        let report = Verifier.verify([Self.cell("T", "Relapse, n (%)", "A", 52, "4 (7,6)"), Self.cell("T", "Death, n (%)", "A", 52, "12 (23,1)")])
        #expect(report.findings.first?.check == .percentRounding && report.findings.first?.severity == .note)
        #expect(!report.findings.contains { $0.severity != .note }, "\(report.findings.map(\.detail))")
    }

    /// A consistent table raises nothing: counts and percentages agree, subgroups sum, grades sum,
    /// quartiles are ordered and the pooled quartiles are possible.
    @Test("a consistent table has no findings")
    func consistent() {
        let cells = [
            Self.cell("T1", "Female, N (%)", "All", 24, "17 (71%)"), Self.cell("T1", "Female, N (%)", "A", 10, "7 (70%)"),
            Self.cell("T1", "Female, N (%)", "B", 14, "10 (71%)"),
            Self.cell("T1", "Age, median (IQR)", "All", 24, "40 (30–50)"), Self.cell("T1", "Age, median (IQR)", "A", 10, "38 (29–49)"),
            Self.cell("T1", "Age, median (IQR)", "B", 14, "42 (31–52)"),
            Self.cell("T3", "CRS (any grade), N (%)", "All", 24, "18 (75%)"), Self.cell("T3", "CRS (grade 1), N (%)", "All", 24, "17 (71%)"),
            Self.cell("T3", "CRS (grade 2), N (%)", "All", 24, "1 (4%)"), Self.cell("T3", "CRS (grade 3), N (%)", "All", 24, "0 (0%)"),
            Self.cell("T3", "CRS (grade 4), N (%)", "All", 24, "0 (0%)"),
            Self.cell("T4", "VAS, median [IQR]", "Baseline", 24, "63.0 [52.8; 74.8]"), Self.cell("T4", "VAS, median [IQR]", "6 months", 24, "19.0 [7.3; 48.8]"),
            Self.cell("T4", "VAS, median [IQR]", "p", nil, "P < 0.0001"),
        ]
        let report = Verifier.verify(cells)
        #expect(report.findings.isEmpty, "\(report.findings.map(\.detail))")
        #expect(report.parsed == cells.count && report.intervals.count == 8)
        #expect(report.coverage.count == cells.count)
        // Every count with its N passed count-bounds; the p-value passed its check.
        #expect(report.coverage.filter { $0.checks.contains(CheckOutcome(check: .countBounds, status: .passed)) }.count == 8)
        #expect(report.coverage.last?.checks.contains(CheckOutcome(check: .pValue, status: .passed)) == true)
    }

    /// Planted errors of every kind, each found with the right check and severity.
    @Test("planted errors are found", arguments: [
        ([cell("T", "X, N (%)", "A", 10, "11 (100%)")], Check.countBounds, Severity.error),
        ([cell("T", "X, N (%)", "A", 10, "3 (33%)")], .percentRounding, .error),
        ([cell("T", "X, N (%)", "A", 9, "6 (66%)")], .percentRounding, .note),
        ([cell("T", "X, N (%)", "All", 19, "5 (26%)"), cell("T", "X, N (%)", "A", 10, "3 (30%)"), cell("T", "X, N (%)", "B", 9, "3 (33%)")], .subgroupSum, .error),
        ([cell("T", "AE (any grade), N (%)", "All", 24, "10 (42%)"), cell("T", "AE (grade 1), N (%)", "All", 24, "8 (33%)"),
          cell("T", "AE (grade 2), N (%)", "All", 24, "3 (13%)")], .gradeSum, .error),
        // The same, in other label conventions.
        ([cell("T", "AE any grade", "All", 24, "10 (42%)"), cell("T", "AE, grade 1", "All", 24, "8 (33%)"),
          cell("T", "AE, grade 2", "All", 24, "3 (13%)")], .gradeSum, .error),
        ([cell("T", "Any grade", "All", 24, "10 (42%)", section: "CRS"), cell("T", "Grade 1", "All", 24, "8 (33%)", section: "CRS"),
          cell("T", "Grade 2", "All", 24, "3 (13%)", section: "CRS")], .gradeSum, .error),
        ([cell("T", "Age, median (IQR)", "A", 5, "44 (45–69)")], .quantileOrder, .error),
        ([cell("T", "Age, median (IQR)", "All", 20, "10 (9–11)"), cell("T", "Age, median (IQR)", "A", 10, "50 (40–60)"),
          cell("T", "Age, median (IQR)", "B", 10, "52 (45–61)")], .pooledQuantile, .error),
        ([cell("T", "Organs, N (%)", "A", 10, "4.0 (3.0–4.0)")], .labelShape, .warning),
        ([cell("T", "V, median [IQR]", "Baseline", 5, "63 [50; 70]"), cell("T", "V, median [IQR]", "6 months", 5, "19 [7; 40]"),
          cell("T", "V, median [IQR]", "p", nil, "P = 0.001")], .pValue, .error),
        ([cell("T", "X, N (%)", "A", 10, "see text")], .unparsed, .note),
        ([cell("T", "Response", "A", nil, "12/10 (120%)")], .countBounds, .error),
        ([cell("T", "Response", "A", nil, "4/9 (40%)")], .percentRounding, .error),
        ([cell("T", "Response", "A", 10, "4/9 (44%)")], .countBounds, .note),
        ([cell("T", "Response", "A", nil, "4 of 9 (40%)")], .percentRounding, .error),
        ([cell("T", "X, N (%)", "A", 9, "6 (67%)"), cell("T", "Y, N (%)", "A", 24, "9 (37%)")], .roundingConvention, .note),
        // (d) 30 + 26 + 1 = 57 in a 55-patient arm, in two label conventions.
        ([cell("T", "Sex, male", "A", 55, "30 (55%)"), cell("T", "Sex, female", "A", 55, "26 (47%)"), cell("T", "Sex, unknown", "A", 55, "1 (2%)")], .categorySum, .error),
        ([cell("T", "Male", "A", 55, "30 (55)", section: "Sex, n (%)"), cell("T", "Female", "A", 55, "26 (47)", section: "Sex, n (%)"),
          cell("T", "Not reported", "A", 55, "1 (2)", section: "Sex, n (%)")], .categorySum, .error),
        // (g) a p-value printed as 105 in a p-value column; "P = 1.5"; an estimate outside its interval.
        ([cell("T", "Age", "P value", nil, "105")], .range, .error),
        ([cell("T", "Age", "p", nil, "P = 1.5")], .range, .error),
        ([cell("T", "HR (95% CI)", "A", nil, "0.75 (0.80–1.25)")], .range, .error),
        ([cell("T", "Response rate", "A", nil, "12.5% (95% CI 13.5–29.0)")], .range, .error),
        // (f) a ratio whose interval is not centred on it (√(0.60·1.04) = 0.79), or whose p disagrees.
        ([cell("T", "Death", "HR (95% CI)", nil, "0.90 (0.60–1.04)")], .ratioConsistency, .warning),
        ([cell("T", "Death", "HR (95% CI)", nil, "0.90 (0.78–1.04)"), cell("T", "Death", "P value", nil, "0.01")], .ratioConsistency, .warning),
        // (f) a rate whose interval no method prints.
        ([cell("T", "Response rate", "A", 32, "12.5% (95% CI 5.0–20.0)")], .rateInterval, .warning),
        // (a) LICATS: "mean 5 days (IQR 4–15)" for 39 patients; a mean against its range.
        ([cell("T", "LICATS onset", "All", 39, "mean 5 days (IQR 4–15)")], .meanBounds, .error),
        ([cell("T", "Onset (days)", "All", 10, "mean 1.5 (range 1–20)")], .meanBounds, .error),
        // (b) GRIM and GRIMMER on a 0–10 whole-number scale.
        ([cell("T", "Score, mean ± SD", "A", 30, "9.93 ± 0.18", scale: (0, 10, 1))], .grim, .error),
        ([cell("T", "Score, mean ± SD", "A", 20, "5.23 ± 1.00", scale: (0, 10, 1))], .grim, .error),
        // (c) 0.7 (0–1) for a whole-number score with n = 52.
        ([cell("T", "Score, median (IQR)", "A", 52, "0.7 (0–1)", scale: (0, 10, 1))], .quantileGranularity, .error),
    ])
    func planted(cells: [PublishedCell], check: Check, severity: Severity) {
        let report = Verifier.verify(cells)
        #expect(report.findings.contains { $0.check == check && $0.severity == severity },
                "\(check): \(report.findings.map { "\($0.check) \($0.severity): \($0.detail)" })")
    }

    /// Nothing is called impossible that is not: each of these is possible (hand-worked in the comment).
    @Test("possible values raise no error", arguments: [
        // 4/52 = 7.69%: 7.7 rounded.
        [cell("T", "X, n (%)", "A", 52, "4 (7.7)")],
        // LICATS "mean 1 day (IQR 1–4)" for 39 patients: type 6 gives a smallest mean of (20·0.5 + 10·3.5)/39 = 1.15.
        [cell("T", "LICATS onset", "All", 39, "mean 1 day (IQR 1–4)")],
        // 9.93 with n = 30 is 298/30 = 9.933; an SD of 0.25 fits Σk² = 2961 + … (GRIMMER passes).
        [cell("T", "Score, mean ± SD", "A", 30, "9.93 ± 0.25", scale: (0, 10, 1))],
        // A median of whole numbers is a multiple of ½: 0.5 is possible.
        [cell("T", "Score, median (IQR)", "A", 52, "0.5 (0–1)", scale: (0, 10, 1))],
        // Categories of a variable that allows several (organ involvement) may add up above N.
        [cell("T", "Organ, skin", "A", 10, "8 (80%)"), cell("T", "Organ, lung", "A", 10, "7 (70%)")],
        // HR 0.75 (0.44–1.25) contains its estimate.
        [cell("T", "HR (95% CI)", "A", nil, "0·75 [0·44; 1·25]")],
        // The mean of 10 values in 1–20 lies in [2.9, 18.1].
        [cell("T", "Onset (days)", "All", 10, "mean 3 (range 1–20)")],
    ])
    func possible(cells: [PublishedCell]) {
        let report = Verifier.verify(cells)
        #expect(!report.findings.contains { $0.severity == .error }, "\(report.findings.map(\.detail))")
    }

    /// (f) 4/32 = 12.5%: Clopper–Pearson gives 3.51% to 28.99% (R `binom.test(4, 32)$conf.int`,
    /// SciPy `beta.ppf(0.025, 4, 29)`, `beta.ppf(0.975, 5, 28)`), printed 3.5–29.0: the exact
    /// interval verify itself gives every count, so the check passes without a finding. Wilson's
    /// 4.97% to 28.07% (R `prop.test(4, 32, correct = FALSE)$conf.int`), printed 5.0–28.1, is
    /// not the exact interval: a note names the methods that print it.
    @Test("a rate's interval: the methods that print it")
    func rateInterval() throws {
        let exact = Verifier.verify([Self.cell("T", "Response rate", "A", 32, "12.5% (95% CI 3.5–29.0)")])
        #expect(exact.findings.isEmpty, "\(exact.findings.map(\.detail))")
        #expect(exact.coverage[0].checks.contains(CheckOutcome(check: .rateInterval, status: .passed)))
        let report = Verifier.verify([Self.cell("T", "Response rate", "A", 32, "12.5% (95% CI 5.0–28.1)")])
        let finding = try #require(report.findings.first)
        guard case let .rateInterval(count, n, _, _, level, levelPrinted, methods) = finding.detail else { Issue.record("no rate finding"); return }
        #expect(finding.severity == .note && count == 4 && n == 32 && level == 0.95 && levelPrinted)
        #expect(methods.contains("wilson") && !methods.contains("clopper-pearson") && !methods.contains("wald"), "\(methods)")
        // SPRINT's hazard ratios agree with their intervals and P values (Wald, within rounding).
        let ratio = Verifier.verify([Self.cell("T", "Death", "HR (95% CI)", nil, "1.22 (1.01–1.46)"), Self.cell("T", "Death", "P value", nil, "0.04")])
        #expect(ratio.findings.isEmpty && ratio.coverage[0].checks.contains(CheckOutcome(check: .ratioConsistency, status: .passed)))
    }

    /// The LICATS mean: under type 6, x(10)…x(29) ≥ 3.5 and x(30)…x(39) ≥ 14.5, so the sum is at
    /// least 20·3.5 + 10·14.5 = 215 and the mean 215/39 = 5.513, which rounds to 6, not 5.
    @Test("LICATS: the smallest attainable mean behind mean 5 days (IQR 4–15), n = 39")
    func licats() throws {
        let report = Verifier.verify([Self.cell("Table 3", "LICATS, time to onset", "All", 39, "mean 5 days (IQR 4–15)")])
        guard case let .meanBounds(_, n, smallest, _, _) = try #require(report.findings.first).detail else { Issue.record("no mean finding"); return }
        #expect(n == 39 && abs(smallest - 215.0 / 39) < 1e-9)
        // The exact minimum under type 7 (x(10) = x(11) = 3.5 and x(29) = x(30) = 14.5): (19·3.5 + 11·14.5)/39.
        let (j1, h1) = quantilePosition(n: 39, p: 0.25, type: .type7), (j3, h3) = quantilePosition(n: 39, p: 0.75, type: .type7)
        #expect(abs(Verifier.smallestSum(n: 39, constraints: [(j1, h1, 3.5), (j3, h3, 14.5)]) - (20 * 3.5 + 11 * 14.5 - 3.5)) < 1e-9)
    }

    /// Brute force for small n: the smallest sum over every sorted sample of n values on a grid of
    /// quarters whose type-7 quartiles reach the bounds equals the closed form.
    @Test("smallest sum: brute force over samples of 5 values", arguments: [(0.5, 2.0), (1.0, 1.0), (0.25, 3.0)])
    func smallestSumBruteForce(q1: Double, q3: Double) {
        let n = 5
        let grid = stride(from: 0.0, through: 6.0, by: 0.25).map { $0 }
        var best = Double.infinity
        func search(_ prefix: [Double]) {
            if prefix.count == n {
                let a = sortedQuantile(prefix, p: 0.25, type: .type7), b = sortedQuantile(prefix, p: 0.75, type: .type7)
                if a >= q1 - 1e-12 && b >= q3 - 1e-12 { best = min(best, prefix.reduce(0, +)) }
                return
            }
            for v in grid where v >= (prefix.last ?? 0) && prefix.reduce(0, +) + v * Double(n - prefix.count) < best { search(prefix + [v]) }
        }
        search([])
        let constraints = [0.25, 0.75].enumerated().map { i, p -> (Int, Double, Double) in
            let (j, h) = quantilePosition(n: n, p: p, type: .type7)
            return (j, h, i == 0 ? q1 : q3)
        }
        #expect(abs(Verifier.smallestSum(n: n, constraints: constraints) - best) < 1e-9)
    }

    /// GRIMMER by hand: 9.93 with n = 30 needs Σk = 298; an SD of 0.18 needs
    /// Σk² = 29·SD² + 298²/30 in [2961.02, 2961.18): no whole number.
    @Test("GRIM and GRIMMER by hand")
    func grimByHand() throws {
        let result = try #require(Verifier.grimmer(mean: PrintedNumber("9.93")!, sd: PrintedNumber("0.18")!, n: 30, origin: 0, step: 1))
        #expect(!result.possible && result.meanPossible)
        // GRIM: 5.23 with n = 20 is no multiple of 1/20 (5.20, 5.25).
        let grim = try #require(Verifier.grimmer(mean: PrintedNumber("5.23")!, sd: PrintedNumber("1.00")!, n: 20, origin: 0, step: 1))
        #expect(!grim.meanPossible && grim.nearestMeans.contains(5.25))
    }

    @Test("the same variable in two tables must agree after rounding")
    func crossTable() {
        var a = Self.cell("Table 1", "FACIT, median (IQR)", "All", 24, "26 (13–48)")
        a.variable = "FACIT at baseline"
        var b = Self.cell("PRO", "FACIT, median [IQR]", "Baseline", 24, "25.5 [13.3; 38.3]")
        b.variable = "FACIT at baseline"; b.population = "All"
        let report = Verifier.verify([a, b])
        #expect(report.findings.map(\.check) == [.crossTable])
        guard case let .crossTable(statistic, printed, _, other, _, _) = report.findings[0].detail else { Issue.record("no cross-table finding"); return }
        #expect(statistic == .thirdQuartile && printed.text == "38.3" && other.text == "48")
        b.text = "25.5 [13.3; 48.3]"
        #expect(Verifier.verify([a, b]).findings.isEmpty)
    }

    /// (h) without annotations: Table 1's "FACIT (U), median (IQR)" All and the PRO table's
    /// "FACIT (score), median [IQR]" Baseline describe the same 24 patients.
    @Test("the same quantity in two tables, recognised without variable/population columns")
    func crossTablePlain() {
        let cells = [Self.cell("Table 1", "FACIT (U), median (IQR)", "All", 24, "26 (13–48)"),
                     Self.cell("PRO", "FACIT (score), median [IQR]", "Baseline", 24, "25.5 [13.3; 38.3]"),
                     Self.cell("PRO", "FACIT (score), median [IQR]", "6 months", 24, "42.0 [37.0; 49.0]")]
        let findings = Verifier.verify(cells).findings
        #expect(findings.count == 1 && findings[0].check == .crossTable && findings[0].cell.column == "Baseline")
        #expect(Verifier.quantityName("FACIT (U), median (IQR)") == "facit" && Verifier.quantityName("Sex (N female (%))") == "sex")
    }

    /// The pooled check reasons correctly: the type 7 third quartile of 24 values is
    /// x(18) + ¼(x(19) − x(18)); subgroups of 10, 9 and 5 with third quartiles 55, 56 and 69 allow
    /// at most 7 + 6 + 3 values ≤ 53 — fewer than 18 — while SPSS's type 6 puts Q3 lower. The same
    /// holds when IIM prints "44 (45–69)": its median or Q1 is wrong, its Q3 of 69 stands.
    @Test("pooled quartile possible only under some definitions", arguments: ["44 (44–69)", "44 (45–69)"])
    func pooledTypes(iim: String) {
        let cells = [Self.cell("T", "Age, median (IQR)", "All", 24, "39 (26–53)"), Self.cell("T", "Age, median (IQR)", "SLE", 10, "31 (24–55)"),
                     Self.cell("T", "Age, median (IQR)", "SSc", 9, "36 (27–56)"), Self.cell("T", "Age, median (IQR)", "IIM", 5, iim)]
        let findings = Verifier.verify(cells).findings.filter { $0.check == .pooledQuantile }
        #expect(findings.count == 1 && findings[0].severity == .warning)
        guard case let .pooledQuantile(reason, possible) = findings.first?.detail else { return }
        #expect(reason.statistic == .thirdQuartile && reason.bound == .tooFewAtOrBelow(needed: 18, allowed: 16))
        #expect(possible == [.type5, .type6, .type8, .type9])
    }

    /// One corrected value explains two errors: SSc "11 (22%)" of 9 (22% of 9 is 2), and then
    /// 8 + 2 + 1 = 11 is the All column. One typo on SSc, not two errors.
    @Test("CASTLE Table 2 grade-4 leukocytes: one typo in SSc")
    func blame() throws {
        let row = "Patients <1,000 cells/ μ l (grade 4), N (%)"
        let cells = [Self.cell("Table 2", row, "All", 24, "11 (46%)"), Self.cell("Table 2", row, "SLE", 10, "8 (80%)"),
                     Self.cell("Table 2", row, "SSc", 9, "11 (22%)"), Self.cell("Table 2", row, "IIM", 5, "1 (20%)")]
        let report = Verifier.verify(cells)
        let errors = report.findings.filter { $0.severity == .error }
        #expect(errors.count == 1)
        let typo = try #require(errors.first)
        #expect(typo.cell.column == "SSc")
        guard case let .typo(printed, fits, consequences) = typo.detail else { Issue.record("not a typo"); return }
        #expect(printed == "11" && fits == "2" && Set(consequences.map(\.check)) == [.countBounds, .subgroupSum])
        // The All cell's subgroup check failed because of SSc, and coverage says so.
        let all = try #require(report.coverage.first { $0.cell.column == "All" })
        #expect(all.checks.contains(CheckOutcome(check: .subgroupSum, status: .failed)))
    }

    /// Coverage: what ran and what could not, and why.
    @Test("coverage names the checks that could not run")
    func coverage() {
        let report = Verifier.verify([Self.cell("T", "X, N (%)", "A", nil, "3 (90%)"), Self.cell("T", "Age, median (IQR)", "A", 10, "40 (30–50)")])
        #expect(report.findings.isEmpty)
        #expect(report.coverage[0].checks.contains(CheckOutcome(check: .countBounds, status: .notRun, reason: .noColumnN)))
        #expect(report.coverage[0].checks.contains(CheckOutcome(check: .percentRounding, status: .notRun, reason: .noColumnN)))
        #expect(report.coverage[1].checks.contains(CheckOutcome(check: .quantileOrder, status: .passed)))
        #expect(report.coverage[1].checks.contains(CheckOutcome(check: .quantileGranularity, status: .notRun, reason: .noScale)))
    }

    /// Issue 13: counts that do not fit, sums that would overflow, N = 0 pairs, and N so large that
    /// a loop to N would hang: each gives a finding or a reason, never a trap, in bounded work.
    @Test("extreme counts neither trap nor hang")
    func extremes() {
        let huge = Verifier.verify([Self.cell("T", "X", "A", 10, "99999999999999999999 (50%)"), Self.cell("T", "X", "B", 10, "9223372036854775807 (100%)")])
        #expect(huge.unparsed.count == 2 && huge.unparsed.allSatisfy { if case .countTooLarge = $0.reason { return true } else { return false } })
        let big = 1_000_000_000_000
        let sum = Verifier.verify([Self.cell("T", "X, n (%)", "All", big, "1 (0%)"), Self.cell("T", "X, n (%)", "A", big, "1 (0%)"),
                                   Self.cell("T", "X, n (%)", "B", big, "1 (0%)")])
        #expect(sum.coverage[0].checks.contains(CheckOutcome(check: .subgroupSum, status: .notRun, reason: .subgroupsDoNotAddUp)))
        let pairs = Verifier.verify([Self.cell("T", "V, median [IQR]", "Baseline", 0, "63 [50; 70]"), Self.cell("T", "V, median [IQR]", "6 months", 0, "19 [7; 40]"),
                                     Self.cell("T", "V, median [IQR]", "p", nil, "P = 0.001")])
        #expect(pairs.coverage[2].checks.contains(CheckOutcome(check: .pValue, status: .notRun, reason: .noColumnN)))
        // 10^8 patients, a count above N: the counts the percentage allows are a closed-form range.
        let wide = Verifier.verify([Self.cell("T", "X, n (%)", "A", 100_000_000, "100000001 (1%)")])
        guard case let .countAboveN(_, _, _, counts) = wide.findings.first?.detail else { Issue.record("no finding"); return }
        #expect(counts == 500_000...1_999_999)
        // At N = 10^12 the counts behind 49% are exactly [48.5%, 50%) of N: the tie tolerance is
        // far below 1/N.
        #expect(PercentCounts.counts(printing: PrintedNumber("49")!, of: 1_000_000_000_000) == 485_000_000_000...499_999_999_999)
        #expect(smallestAttainablePValue(pairs: Int.max, profile: nil).p == 0)
        #expect(smallestAttainablePValue(pairs: 0, profile: .sas).p == 1)
    }

    /// The counts behind a percentage, against brute force over every count, for every N up to 60.
    @Test("closed-form counts and denominators equal brute force")
    func percentCountsBruteForce() {
        for n in 1...60 {
            for text in ["0", "3", "33", "33.3", "50", "66", "67", "100", "7.6", "12.5"] {
                let percent = PrintedNumber(text)!
                let brute = (0...n).filter { PercentCounts.printsUnderSomeRule(100 * Double($0) / Double(n), percent) }
                #expect(PercentCounts.counts(printing: percent, of: n).map(Array.init) ?? [] == brute, "\(text)% of \(n)")
                let x = n / 3
                let denominators = (max(x, 1)...200).filter { PercentCounts.printsUnderSomeRule(100 * Double(x) / Double($0), percent) }
                let range = PercentCounts.denominators(printing: percent, count: x)
                #expect(range.map { r in r.lowerBound > 200 ? [] : Array(r.lowerBound...min(r.upperBound, 200)) } ?? [] == denominators, "\(x) as \(text)%")
            }
        }
    }

    /// The interval of true values behind a printed number, negative numbers included.
    @Test("true values behind a printed number")
    func trueValues() {
        let negative = PrintedNumber("-1.5")!
        #expect(negative.interval(rule: .halfUp).lower == -1.55 && abs(negative.interval(rule: .halfUp).upper - -1.45) < 1e-12)
        #expect(abs(negative.trueValues.lowerBound - -1.6) < 1e-9 && abs(negative.trueValues.upperBound - -1.45) < 1e-9)
        #expect(abs(PrintedNumber("1.5")!.trueValues.lowerBound - 1.45) < 1e-9 && abs(PrintedNumber("1.5")!.trueValues.upperBound - 1.6) < 1e-9)
    }

    /// Regression test named after the published table: CASTLE's four tables (Nat Med 2026).
    @Test("CASTLE tables: every cell read, the real inconsistencies found")
    func castle() throws {
        let text = try String(contentsOf: ReferenceFixtures.root.appendingPathComponent("castle/castle-cells-annotated.csv"), encoding: .utf8)
        let cells = try Self.readCSV(text)
        #expect(cells.count == 328)
        let report = Verifier.verify(cells)
        #expect(report.parsed == 328 && report.unparsed.isEmpty)
        let errors = report.findings.filter { $0.severity == .error }
        #expect(Set(errors.map { "\($0.check.rawValue) \($0.cell.row) \($0.cell.column)" }) == [
            "quantile-order Age (years), median (IQR) IIM",
            "subgroup-sum Tocilizumab, N (%) All",
            "percent-rounding Glucocorticoids, N (%) SLE",
            "count-bounds Patients <1,000 cells/ μ l (grade 4), N (%) SSc",
        ])
        #expect(report.findings.contains { $0.check == .crossTable && $0.text == "25.5 [13.3; 38.3]" })
        #expect(report.findings.contains { $0.check == .pooledQuantile && $0.cell.row.hasPrefix("Age") && $0.severity == .warning })
        #expect(report.intervals.count == 159)
        #expect(report.coverage.count == 328)
    }

    /// A minimal RFC 4180 reader for the fixture (the library has no I/O).
    static func readCSV(_ text: String) throws -> [PublishedCell] {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false
        var chars = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? chars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = chars.next() { if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next } } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { record.append(field); field = "" }
            else if c == "\n" { record.append(field); records.append(record); record = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        let header = records.removeFirst()
        func i(_ name: String) -> Int? { header.firstIndex(of: name) }
        func optional(_ r: [String], _ name: String) -> String? { i(name).flatMap { r[$0].isEmpty ? nil : r[$0] } }
        return records.map { r in
            PublishedCell(table: r[i("table")!], section: r[i("section")!], row: r[i("row")!], column: r[i("column")!],
                          columnN: Int(r[i("column_n")!]), text: r[i("text")!],
                          variable: optional(r, "variable"), population: optional(r, "population"),
                          scaleMin: optional(r, "scale_min").flatMap(Double.init), scaleMax: optional(r, "scale_max").flatMap(Double.init),
                          scaleStep: optional(r, "scale_step").flatMap(Double.init), test: optional(r, "test"))
        }
    }
}
