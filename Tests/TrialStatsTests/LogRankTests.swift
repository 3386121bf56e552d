import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Log-rank tests beyond the survdiff comparisons in KaplanMeierTests: groups with no expected
/// events, the generalized inverse, and bad group indices.
@Suite("Log-rank: degenerate groups and validation")
struct LogRankTests {
    static let fixture = SurvivalConventionsFixture.shared

    static func run(_ c: SurvivalConventionsFixture.LogRankCase, rho: Double) throws -> LogRankResult {
        try logRankTest(times: c.time, events: c.status.map { $0 == 1 }, groups: c.group.map { c.labels.firstIndex(of: $0)! },
                        labels: c.labels, rho: rho)
    }

    /// R 4.2.2, survival 3.5.3: survdiff(Surv(time, status) ~ x) on aml with a group "Early"
    /// censored at 1, 2 and 4 weeks (aml's first event is at 5) gives χ² = 3.396389, p = 0.06534,
    /// whatever the group's position (Fixtures/reference/km_issue12.R).
    @Test("issue 12.1: log-rank with a group that has no expected events", arguments: ["first", "middle", "last"])
    func groupWithoutExpectedEvents(position: String) throws {
        let c = try #require(Self.fixture?.logrank.first { $0.name == "aml_early_censored_\(position)" })
        let got = try Self.run(c, rho: 0)
        #expect(abs(got.chisq - 3.396389) < 5e-7 && abs(got.pValue - 0.06534) < 5e-6 && got.df == 1, "\(got)")
        #expect(got.expected[c.labels.firstIndex(of: "Early")!] == 0)
        let petoPeto = try Self.run(c, rho: 1)
        #expect(agrees(petoPeto.chisq, c.tests[1].chisq, relative: 1e-10) && petoPeto.df == 1)
    }

    @Test("issue 12.1: generated data with groups censored before the first event, rho 0 and 1, against survdiff")
    func generatedDegenerateGroups() throws {
        let cases = try #require(Self.fixture?.logrank)
        #expect(cases.count == 19)
        for c in cases {
            for t in c.tests {
                let got = try Self.run(c, rho: t.rho)
                let label = "\(c.name) rho \(t.rho)"
                #expect(agrees(got.chisq, t.chisq, relative: 1e-10, absolute: 1e-13), "\(label): \(got.chisq) vs \(t.chisq)")
                #expect(got.df == t.df, "\(label)")
                #expect(agrees(got.pValue, t.p_value, relative: 1e-9), "\(label): p \(got.pValue) vs \(t.p_value)")
                for g in c.labels.indices {
                    #expect(agrees(got.observed[g], t.observed[g], relative: 1e-12) && agrees(got.expected[g], t.expected[g], relative: 1e-10, absolute: 1e-14),
                            "\(label) group \(c.labels[g])")
                }
            }
        }
    }

    /// Every subject at risk has the event at every event time: V = 0 although E > 0. R stops
    /// ("system is exactly singular"); the generalized inverse gives χ² = 0 on 0 df.
    @Test("a variance matrix singular beyond empty groups gives the generalized-inverse statistic")
    func singularBeyondEmptyGroups() throws {
        let got = try logRankTest(times: [2, 2, 2, 2], events: [true, true, true, true], groups: [0, 1, 2, 0], labels: ["a", "b", "c"])
        #expect(got.chisq == 0 && got.df == 0 && got.pValue == 1)
        #expect(got.expected == [2, 1, 1])
    }

    /// Hand-worked: a 2 × 2 positive-definite block solved both ways agrees.
    @Test("the generalized inverse equals the ordinary inverse on a regular matrix")
    func generalizedInverseOnRegularMatrix() {
        let a: [[Double]] = [[4, -1, -1], [-1, 3, -1], [-1, -1, 5]], b: [Double] = [1, -2, 0.5]
        let x = solveByElimination(a, b)!
        let direct = zip(x, b).reduce(0) { $0 + $1.0 * $1.1 }
        let generalized = quadraticFormGeneralized(a, b)
        #expect(agrees(generalized.chisq, direct, relative: 1e-14) && generalized.df == 3)
        // A zero row and column is dropped; the rest is the 2 × 2 quadratic form.
        let padded = quadraticFormGeneralized([[4, 0, -1], [0, 0, 0], [-1, 0, 5]], [1, 0, 0.5])
        #expect(agrees(padded.chisq, (5.0 + 2 * 0.5 + 4 * 0.25) / 19, relative: 1e-14) && padded.df == 2)
    }

    @Test("issue 11: an out-of-range group index is a thrown error, not a trap")
    func groupIndexOutOfRange() {
        #expect(throws: SurvivalError.groupOutOfRange(index: 1, group: 2, groupCount: 2)) {
            try logRankTest(times: [1, 2, 3], events: [true, true, false], groups: [0, 2, 1], labels: ["a", "b"])
        }
        #expect(throws: SurvivalError.groupOutOfRange(index: 0, group: -1, groupCount: 2)) {
            try logRankTest(times: [1, 2], events: [true, true], groups: [-1, 1], labels: ["a", "b"])
        }
        #expect(throws: SurvivalError.lengthMismatch) {
            try logRankTest(times: [1, 2], events: [true, true], groups: [0], labels: ["a", "b"])
        }
        #expect(throws: SurvivalError.invalidRho(-1)) {
            try logRankTest(times: [1, 2], events: [true, true], groups: [0, 1], labels: ["a", "b"], rho: -1)
        }
        #expect(SurvivalError.groupOutOfRange(index: 1, group: 2, groupCount: 2).description == "group 2 of subject 2 is not one of the 2 groups (0 to 1)")
    }
}
