import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("Boschloo's and Barnard's unconditional exact tests")
struct UnconditionalExactTests {
    /// Tables with column totals 1–5 and larger ones: p-values to 1e-9 of the precise supremum of
    /// SciPy's own objective, which equals SciPy's result wherever its shgo search found the maximum.
    @Test("agree with SciPy boschloo_exact and barnard_exact")
    func matchesSciPy() throws {
        let cases = try #require(ContingencyReferenceSciPy.loaded).unconditional
        var atMaximum = 0
        for c in cases {
            let table = try ContingencyTable(c.table)
            let alt = alternative(fromR: c.alternative)
            let got = c.test == "boschloo"
                ? try boschlooExactTest(table, alternative: alt)
                : try barnardExactTest(table, alternative: alt, pooled: try #require(c.pooled))
            let label = "\(c.test) \(table.counts) \(alt) \(c.pooled.map(String.init) ?? "")"
            guard let precise = c.pValuePrecise else {
                #expect(got.pValue == 1 && got.statistic == nil, "\(label): empty column")
                continue
            }
            #expect(agrees(got.pValue, precise, relative: 1e-9), "\(label): \(got.pValue) vs precise \(precise)")
            if c.shgoAtMax == true {
                atMaximum += 1
                let scipy = try #require(c.pValue)
                #expect(agrees(got.pValue, scipy, relative: 1e-9), "\(label): \(got.pValue) vs SciPy \(scipy)")
            }
            if let s = c.statistic?.value {
                let mine = try #require(got.statistic)
                #expect(mine == s || agrees(mine, s, relative: 1e-12), "\(label): statistic")
            }
        }
        #expect(atMaximum > cases.count / 2)
    }

    /// SciPy's own test suite (scipy/stats/tests/test_hypotests.py, TestBarnardExact.test_precise
    /// and TestBoschlooExact.test_less), values from R Barnard/Exact at their printed precision.
    @Test("SciPy test-suite cases", arguments: [
        ([[43, 40], [10, 39]], 3.555406779643, 0.000362832367), ([[100, 2], [1000, 5]], -1.776382925679, 0.135126970878),
        ([[2, 7], [8, 2]], -2.518474945157, 0.019210815430), ([[5, 1], [10, 10]], 1.449486150679, 0.156277546306),
        ([[5, 0], [1, 4]], 2.581988897472, 0.013671875000), ([[0, 2], [6, 4]], -1.549193338483, 0.197019618792),
    ])
    func barnardSuite(counts: [[Int]], statistic: Double, p: Double) throws {
        let got = try barnardExactTest(ContingencyTable(counts))
        #expect(agrees(got.statistic!, statistic, relative: 1e-9))
        #expect(agrees(got.pValue, p, relative: 1e-6), "\(got.pValue) vs \(p)")
    }

    @Test("SciPy test-suite cases: Boschloo less", arguments: [
        ([[2, 7], [8, 2]], 0.01852173, 0.009886142), ([[5, 1], [10, 10]], 0.9782609, 0.9450994),
        ([[5, 16], [20, 25]], 0.08913823, 0.05827348), ([[0, 1], [3, 2]], 0.5, 0.34375), ([[10, 24], [25, 37]], 0.2009359, 0.1512882),
    ])
    func boschlooSuite(counts: [[Int]], statistic: Double, p: Double) throws {
        let got = try boschlooExactTest(ContingencyTable(counts), alternative: .less)
        #expect(abs(got.statistic! - statistic) < 1e-7)
        #expect(abs(got.pValue - p) < 1e-7, "\(got.pValue) vs \(p)")
    }

    @Test("Boschloo is never less powerful than Fisher: its one-sided p is at most Fisher's")
    func boschlooBelowFisher() throws {
        for counts in [[[7, 12], [8, 3]], [[2, 7], [8, 2]], [[10, 3], [2, 9]]] {
            let table = try ContingencyTable(counts)
            for alt in [Alternative.less, .greater] {
                let b = try boschlooExactTest(table, alternative: alt), f = try fisherExactTest(table, alternative: alt)
                #expect(b.pValue <= f.pValue * (1 + 1e-12))
                #expect(agrees(b.statistic!, f.pValue, relative: 1e-12))
            }
        }
    }
}
