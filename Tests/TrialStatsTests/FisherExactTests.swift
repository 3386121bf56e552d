import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// An alternative as R (`two.sided`) or SciPy (`two-sided`) writes it.
func alternative(fromR text: String) -> Alternative {
    text == "two.sided" || text == "two-sided" ? .twoSided : (Alternative(rawValue: text) ?? .twoSided)
}

@Suite("Fisher's exact test")
struct FisherExactTests {
    @Test("the reference files read")
    func fixturesRead() throws {
        let r = try #require(ContingencyReferenceR.loaded), scipy = try #require(ContingencyReferenceSciPy.loaded)
        #expect(r.fisher2x2.count > 2000 && r.fisherRxC.count >= 40 && r.chisq.count > 200 && r.mcnemar.count > 200)
        #expect(scipy.unconditional.count > 500 && scipy.fisherExact.count > 200 && scipy.chi2Contingency.count > 100)
    }

    /// Every 2×2 table with cells 0–4 and large ones (columns up to 10⁴), levels 0.5–0.99, one
    /// alternative per run: p-value as R fisher.test, the odds ratio and interval as the precise
    /// roots of fisher.test's own equations (1e-9), and as fisher.test prints them (its uniroot
    /// tolerance).
    @Test("2×2: p-value, conditional MLE and interval agree with R fisher.test", arguments: ["two.sided", "less", "greater"])
    func twoByTwoMatchesR(alternative rAlternative: String) throws {
        let cases = try #require(ContingencyReferenceR.loaded).fisher2x2.filter { $0.alternative == rAlternative }
        #expect(cases.count > 600)
        for c in cases {
            let table = try ContingencyTable(c.table)
            let alt = alternative(fromR: c.alternative)
            let got = try fisherExactTest(table, alternative: alt, confLevel: c.confLevel)
            let label = "\(table.counts) \(alt) \(c.confLevel)"
            #expect(agrees(got.pValue, c.pValue, relative: 1e-9, absolute: 1e-300), "\(label): p \(got.pValue) vs \(c.pValue)")
            #expect(agrees(got.midPValue, c.midP, relative: 1e-9, absolute: 1e-300), "\(label): mid-p \(got.midPValue) vs \(c.midP)")
            let pairs = try [(#require(got.oddsRatio), c.estimatePrecise, c.estimate, "estimate"),
                             (#require(got.confLow), c.confLowPrecise, c.confLow, "conf_low"),
                             (#require(got.confHigh), c.confHighPrecise, c.confHigh, "conf_high")]
            for (mine, precise, printed, key) in pairs {
                let p = try #require(precise.value), q = try #require(printed.value)
                #expect(agrees(mine, p, relative: 1e-9), "\(label): \(key) \(mine) vs precise \(p)")
                // R's uniroot: absolute 1.2e-4 on ψ in (0, 1) or on 1/ψ.
                let close = mine == q || abs(mine - q) <= 2e-4 * max(1, mine * mine) || abs(1 / mine - 1 / q) <= 2e-4
                #expect(close, "\(label): \(key) \(mine) vs fisher.test \(q)")
            }
        }
    }

    @Test("r×c (Freeman–Halton) agrees with R fisher.test (FEXACT) to 1e-9")
    func rxcMatchesR() throws {
        let cases = try #require(ContingencyReferenceR.loaded).fisherRxC
        var refused = 0
        for c in cases {
            let table = try ContingencyTable(c.table)
            // Beyond the enumeration's work limit the test is refused (tooLarge), never approximated.
            guard let got = try? fisherExactTest(table) else {
                refused += 1
                continue
            }
            #expect(got.rows == c.rows && got.columns == c.columns)
            #expect(agrees(got.pValue, c.pValue, relative: 1e-9), "\(table.counts): \(got.pValue) vs \(c.pValue)")
        }
        #expect(cases.count - refused >= 25, "\(refused) tables refused")
    }

    @Test("p-values agree with SciPy fisher_exact")
    func matchesSciPy() throws {
        let cases = try #require(ContingencyReferenceSciPy.loaded).fisherExact
        // SciPy 1.17's fisher_exact estimates r×c p-values by random permutation: 2×2 only here.
        for c in cases where c.table.count == 2 && c.table[0].count == 2 {
            let table = try ContingencyTable(c.table)
            let got = try fisherExactTest(table, alternative: alternative(fromR: c.alternative))
            #expect(agrees(got.pValue, c.pValue, relative: 1e-9, absolute: 1e-300), "\(table.counts): \(got.pValue) vs \(c.pValue)")
        }
    }

    /// Fisher's lady tasting tea (Fisher 1935, §2): 3 of 4 cups right, p = 17/70 one-sided,
    /// 34/70 two-sided; R prints odds ratio 6.408309, interval 0.2117329 to 621.9337505 (its
    /// upper end solved for 1/ψ to within 1.2e-4, hence the comparison on 1/ψ).
    @Test("hand-worked: tea tasting")
    func teaTasting() throws {
        let table = try ContingencyTable([[3, 1], [1, 3]])
        let greater = try fisherExactTest(table, alternative: .greater)
        #expect(abs(greater.pValue - 17.0 / 70) < 1e-14)
        #expect(abs(greater.midPValue - (1.0 / 70 + 16.0 / 70 / 2)) < 1e-14)
        let two = try fisherExactTest(table)
        #expect(abs(two.pValue - 34.0 / 70) < 1e-14)
        #expect(abs(two.oddsRatio! - 6.408309) < 5e-4)
        #expect(abs(two.confLow! - 0.2117329) < 5e-4 && abs(1 / two.confHigh! - 1 / 621.9337505) < 2e-4)
    }

    /// Brute force: every table with the margins of small r×c tables, enumerated naively.
    @Test("r×c p-value equals brute-force enumeration", arguments: [[[2, 1, 0], [0, 2, 3]], [[1, 2, 1], [2, 0, 1], [0, 1, 3]], [[3, 0, 1, 1], [0, 2, 2, 0]], [[1, 1, 1], [1, 1, 1], [1, 1, 1]]])
    func bruteForce(counts: [[Int]]) throws {
        let table = try ContingencyTable(counts)
        let rows = table.rowTotals, columns = table.columnTotals
        func logP(_ cells: [[Int]]) -> Double {
            rows.reduce(0) { $0 + lgamma(Double($1) + 1) } + columns.reduce(0) { $0 + lgamma(Double($1) + 1) }
                - lgamma(Double(table.total) + 1) - cells.joined().reduce(0) { $0 + lgamma(Double($1) + 1) }
        }
        var all: [Double] = []
        func fill(_ cells: [[Int]], _ cell: Int) {
            let r = rows.count, c = columns.count
            if cell == r * c {
                for i in 0..<r where cells[i].reduce(0, +) != rows[i] { return }
                for j in 0..<c where cells.map({ $0[j] }).reduce(0, +) != columns[j] { return }
                all.append(exp(logP(cells)))
                return
            }
            let i = cell / c, j = cell % c
            for v in 0...min(rows[i], columns[j]) {
                var next = cells
                next[i][j] = v
                fill(next, cell + 1)
            }
        }
        fill(Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count), 0)
        #expect(abs(all.reduce(0, +) - 1) < 1e-12)
        let observed = exp(logP(counts))
        let expected = all.filter { $0 <= observed * (1 + 1e-7) }.reduce(0, +)
        let got = try fisherExactTest(table)
        #expect(agrees(got.pValue, expected, relative: 1e-12), "\(got.pValue) vs \(expected)")
    }

    @Test("properties: interval contains the estimate and widens with the level; one-sided p-values add up")
    func properties() throws {
        for counts in [[[7, 3], [2, 8]], [[1, 9], [11, 3]], [[40, 10], [25, 30]]] {
            let table = try ContingencyTable(counts)
            let narrow = try fisherExactTest(table, confLevel: 0.8), wide = try fisherExactTest(table, confLevel: 0.99)
            #expect(narrow.confLow! <= narrow.oddsRatio! && narrow.oddsRatio! <= narrow.confHigh!)
            #expect(wide.confLow! < narrow.confLow! && wide.confHigh! > narrow.confHigh!)
            let less = try fisherExactTest(table, alternative: .less), greater = try fisherExactTest(table, alternative: .greater)
            // P(X ≤ x) + P(X ≥ x) = 1 + P(X = x), and the mid-p values add up to 1.
            #expect(abs(less.midPValue + greater.midPValue - 1) < 1e-12)
            #expect(less.pValue + greater.pValue > 1)
        }
    }

    @Test("bad tables are refused with their values")
    func badInput() throws {
        #expect(throws: ComparisonError.negativeCount(row: 1, column: 0, value: -1)) { try ContingencyTable([[1, 2], [-1, 3]]) }
        #expect(throws: ComparisonError.raggedTable(row: 1, expected: 2, found: 3)) { try ContingencyTable([[1, 2], [1, 2, 3]]) }
        #expect(throws: ComparisonError.degenerateTable(rows: 1, columns: 3)) { try fisherExactTest(ContingencyTable([[1, 2, 3], [0, 0, 0], [0, 0, 0]])) }
        #expect(throws: ComparisonError.self) { try fisherExactTest(ContingencyTable([[1, 2], [3, 4]]), confLevel: 1) }
    }

    /// A 2×2 table of 10⁹ per cell has 2·10⁹ possible first cells; summing over them for every
    /// root would run for hours. It is refused, at once, naming the limit.
    @Test("a 2×2 table beyond the support limit is refused, not run for hours")
    func supportLimit() throws {
        let huge = try ContingencyTable([[1_000_000_000, 1_000_000_000], [1_000_000_000, 1_000_000_000]])
        #expect(throws: ComparisonError.tooLarge(test: "Fisher's exact test (2×2)", limit: "1000000 values of the first cell given the margins")) {
            try fisherExactTest(huge)
        }
        // Also after empty lines are dropped (a 2×3 table with an empty column).
        #expect(throws: ComparisonError.self) { try fisherExactTest(ContingencyTable([[1_000_000_000, 0, 1_000_000_000], [1_000_000_000, 0, 1_000_000_000]])) }
    }

    /// Columns of about 2·10⁴ (support 19,201 values) are well within the limit.
    /// R 4.2.2: `fisher.test(matrix(c(10000, 9500, 9000, 10200), 2))` gives p 4.517306795245987e-18,
    /// odds ratio 1.1929707805246932, 95% interval 1.1460447451357241 to 1.2417982961050651.
    @Test("columns of 2·10⁴ agree with R fisher.test")
    func largeTable() throws {
        let got = try fisherExactTest(ContingencyTable([[10000, 9000], [9500, 10200]]))
        #expect(agrees(got.pValue, 4.517306795245987e-18, relative: 1e-9), "\(got.pValue)")
        #expect(agrees(got.oddsRatio, 1.1929707805246932, relative: 2e-4))
        #expect(agrees(got.confLow, 1.1460447451357241, relative: 2e-4) && agrees(got.confHigh, 1.2417982961050651, relative: 2e-4))
    }
}
