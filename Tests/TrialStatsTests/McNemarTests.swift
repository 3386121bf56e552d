import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("McNemar's test")
struct McNemarTests {
    @Test("asymptotic and exact agree with R mcnemar.test and binom.test")
    func matchesR() throws {
        for c in try #require(ContingencyReferenceR.loaded).mcnemar {
            let table = try ContingencyTable(c.table)
            let got = try mcNemarTest(table, correct: c.correct)
            let label = "\(table.counts) correct \(c.correct)"
            if let p = c.pValue {
                #expect(agrees(got.pValue, p, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(p)")
                #expect(agrees(got.statistic, c.statistic, relative: 1e-9), "\(label)")
            } else {
                // R: NaN when no pair is discordant; TrialStats: p = 1, no statistic.
                #expect(got.pValue == 1 && got.statistic == nil, "\(label)")
            }
            if let exact = c.exactPValue {
                let e = try mcNemarTest(table, method: .exact)
                #expect(agrees(e.pValue, exact, relative: 1e-9), "\(label): exact \(e.pValue) vs \(exact)")
            }
        }
    }

    /// Agresti (2013), Table 11.1 (presidential approval, 1,600 people): b = 150, c = 86,
    /// z² = 17.36 uncorrected.
    @Test("hand-worked: Agresti's approval ratings")
    func agresti() throws {
        let got = try mcNemarTest(ContingencyTable([[794, 150], [86, 570]]), correct: false)
        #expect((got.statistic! * 100).rounded() / 100 == 17.36)
        #expect(throws: ComparisonError.self) { try mcNemarTest(ContingencyTable([[1, 2, 3], [4, 5, 6]])) }
    }
}
