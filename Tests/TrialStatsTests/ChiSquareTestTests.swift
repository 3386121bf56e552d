import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("Chi-square and G tests")
struct ChiSquareTestTests {
    @Test("Pearson with and without Yates agrees with R chisq.test, including its warning")
    func matchesR() throws {
        for c in try #require(ContingencyReferenceR.loaded).chisq {
            let table = try ContingencyTable(c.table)
            let got = try chiSquareTest(table, yates: c.correct)
            let label = "\(table.counts) correct \(c.correct)"
            #expect(agrees(got.value, c.statistic, relative: 1e-9, absolute: 1e-12), "\(label): \(got.value) vs \(c.statistic)")
            #expect(got.df == c.df)
            #expect(agrees(got.pValue, c.pValue, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(c.pValue)")
            #expect(got.approximationWarning == c.warning, "\(label): warning")
        }
    }

    @Test("Pearson and G with and without correction agree with SciPy chi2_contingency")
    func matchesSciPy() throws {
        for c in try #require(ContingencyReferenceSciPy.loaded).chi2Contingency {
            let table = try ContingencyTable(c.table)
            let got = c.lambda == "pearson" ? try chiSquareTest(table, yates: c.correction) : try gTest(table, yates: c.correction)
            let label = "\(table.counts) \(c.lambda) correction \(c.correction)"
            #expect(agrees(got.value, c.statistic, relative: 1e-9, absolute: 1e-12), "\(label): \(got.value) vs \(c.statistic)")
            #expect(got.df == c.df)
            #expect(agrees(got.pValue, c.pValue, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(c.pValue)")
        }
    }

    /// Agresti (2013), Table 3.2 (party identification by gender): X² = 12.57 and G² = 12.60 on 2 df
    /// (printed to two decimals).
    @Test("hand-worked: Agresti's party identification table")
    func agresti() throws {
        let table = try ContingencyTable([[495, 272, 590], [330, 265, 498]])
        #expect((try chiSquareTest(table).value * 100).rounded() / 100 == 12.57)
        #expect((try gTest(table).value * 100).rounded() / 100 == 12.60)
        #expect(try chiSquareTest(table).df == 2)
    }

    @Test("empty rows and columns are dropped and counted")
    func emptyLines() throws {
        let table = try ContingencyTable([[3, 0, 5], [0, 0, 0], [4, 0, 1]])
        let got = try chiSquareTest(table)
        let reduced = try chiSquareTest(ContingencyTable([[3, 5], [4, 1]]))
        #expect(got.value == reduced.value && got.droppedRows == 1 && got.droppedColumns == 1 && got.df == 1)
        #expect(throws: ComparisonError.degenerateTable(rows: 1, columns: 2)) { try chiSquareTest(ContingencyTable([[3, 5], [0, 0]])) }
    }
}
