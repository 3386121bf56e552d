import Foundation

/// A test a paper may have run on a row of counts in two or more groups.
public enum CountPValueTest: String, CaseIterable, Sendable {
    /// Fisher's exact test (Fisher–Freeman–Halton for more than two groups), R `fisher.test`.
    case fisher
    /// Fisher's mid-p (2×2 only): the p-value less half the probability of the tables as probable
    /// as the observed one.
    case fisherMidP = "fisher-mid-p"
    /// Pearson's chi-square without continuity correction, R `chisq.test(correct = FALSE)`.
    case chisq
    /// Pearson's chi-square with Yates' correction (2×2 only), R `chisq.test()`'s default.
    case chisqYates = "chisq-yates"
    /// The likelihood-ratio G-test.
    case gTest = "g-test"
    /// Boschloo's unconditional exact test (2×2 only), SciPy `boschloo_exact`.
    case boschloo
    /// Barnard's unconditional exact test, pooled (2×2 only), SciPy `barnard_exact`.
    case barnard
}

/// One test's p-value for a row of counts.
public struct CountTestPValue: Equatable, Sendable {
    public var test: CountPValueTest
    public var pValue: Double
    public init(test: CountPValueTest, pValue: Double) {
        self.test = test
        self.pValue = pValue
    }
}

/// A printed p-value beside the counts of two or more groups, against the tests of the 2×k table
/// the row prints (events x and non-events n − x per group).
public struct CountPValueComparison: Equatable, Sendable {
    /// The counts x per group (label: the column).
    public var counts: [Term]
    /// The N per group as printed (the cell's own denominator, else the column's).
    public var ns: [Term]
    /// The p-value as printed.
    public var printed: PrintedPValue
    /// The test the cells file names for the p-value (`test` column), if it names one.
    public var named: CountPValueTest?
    /// Every test that could run on the printed counts, with its p-value.
    public var computed: [CountTestPValue]
    /// The tests whose p-value prints as published (half-up or half-even rounding).
    public var matching: [CountPValueTest]
    /// When no test prints the p with the printed N: the nearest other Ns with which one does.
    public var otherNs: [Term]?
    /// The tests that print it with `otherNs`, and their p-values.
    public var otherMatching: [CountTestPValue]
}

extension Verifier {
    /// The largest N per group for the unconditional exact tests in this check (their work grows
    /// with (n₁ + 1)(n₂ + 1)); above it only the conditional and asymptotic tests run.
    static let countPValueUnconditionalLimit = 100
    /// The largest number of alternative N combinations tried.
    static let countPValueSearchLimit = 200

    /// `count-p-value`: a p-value in a row whose group cells are counts (`n (%)`, `x/n`) is
    /// compared with Fisher's exact test, its mid-p, Pearson's chi-square with and without Yates'
    /// correction, the G-test, Boschloo's and Barnard's tests of the 2×k table of events and
    /// non-events. A note names the tests that print the p-value; a warning says when none does
    /// (with each test's p-value), and, when one does only with other Ns (as missing values make),
    /// which Ns those are. A row that also prints another statistic (a ratio, a rate, a median)
    /// is not checked: its p-value may be the ratio's (`not_a_count_row`). Bare whole numbers
    /// beside the n (%) cells are left out when their flattened headings place them under a
    /// group (sub-columns such as onset times, PMC6998370 Table 3); otherwise the check does not
    /// run (`bare_count_columns`: which columns the p compares is not known).
    static func countPValueFindings(_ rows: [ReadRow], log: inout CoverageLog) -> [Finding] {
        var findings: [Finding] = []
        for row in rows {
            for pCell in row.cells {
                guard case let .pValue(printed) = pCell.parsed else { continue }
                var groups = row.cells.filter {
                    $0.cell.column != pCell.cell.column && !isTotalColumn($0.cell.column) && !isPValueColumn($0)
                }
                // Bare whole numbers beside two or more n (%) cells are sub-columns when a flattened
                // heading places them under a group ("Control: Onset time: 24 h" beside "Control:
                // Number (%)"); otherwise which columns the p compares is not known.
                let stated = groups.filter { $0.count != nil && ($0.percent != nil || $0.ownDenominator != nil) }
                let bare = groups.filter(isBareNumber)
                if stated.count >= 2, !bare.isEmpty {
                    guard bare.allSatisfy({ b in stated.contains { isSubColumn(b.cell.column, of: $0.cell.column) } }) else {
                        log.notRun(pCell.reference, .countPValue, .bareCountColumns)
                        continue
                    }
                    groups = stated + groups.filter { g in !bare.contains { $0.reference == g.reference } && !stated.contains { $0.reference == g.reference } }
                    groups.sort { a, b in (row.cells.firstIndex { $0.reference == a.reference } ?? 0) < (row.cells.firstIndex { $0.reference == b.reference } ?? 0) }
                }
                let counted = groups.filter { $0.count != nil }
                guard counted.count >= 2 || (!stated.isEmpty && !bare.isEmpty) else { continue }
                var named: CountPValueTest?
                if let test = pCell.cell.test?.trimmingCharacters(in: .whitespaces).lowercased(), !test.isEmpty {
                    guard let t = CountPValueTest(rawValue: test) else { log.notRun(pCell.reference, .countPValue, .otherTest); continue }
                    named = t
                }
                if groups.contains(where: \.isUnreadable) { log.notRun(pCell.reference, .countPValue, .unreadableNeighbour); continue }
                let others = groups.filter { c in
                    if c.count != nil { return false }
                    if case .notApplicable = c.parsed { return false }
                    return true
                }
                if !others.isEmpty {
                    log.notRun(pCell.reference, .countPValue, others.allSatisfy(isBareNumber) ? .bareCountColumns : .notACountRow)
                    continue
                }
                guard counted.count >= 2 else { continue }
                var xs: [Int] = [], ns: [Int] = []
                for c in counted {
                    guard let x = c.count, let n = c.n, n > 0, x <= n else { break }
                    xs.append(x)
                    ns.append(n)
                }
                guard xs.count == counted.count else { log.notRun(pCell.reference, .countPValue, .noColumnN); continue }
                guard counted.count <= 20, let total = sum(ns), total <= 10_000_000 else {
                    log.notRun(pCell.reference, .countPValue, .tooLarge)
                    continue
                }
                log.ran(pCell.reference, .countPValue)
                let computed = countTestPValues(xs, ns, unconditional: true)
                let matching = computed.filter { printsAs(printed, $0.pValue) }.map(\.test)
                var comparison = CountPValueComparison(
                    counts: zip(counted, xs).map { Term($0.cell.column, $1) }, ns: zip(counted, ns).map { Term($0.cell.column, $1) },
                    printed: printed, named: named, computed: computed, matching: matching, otherNs: nil, otherMatching: [])
                if matching.isEmpty, let (other, tests) = nearestReproducingNs(xs, ns, percents: counted.map(\.percent), printed: printed) {
                    comparison.otherNs = zip(counted, other).map { Term($0.cell.column, $1) }
                    comparison.otherMatching = tests
                }
                let reproduced = named.map { matching.contains($0) } ?? !matching.isEmpty
                findings.append(Finding(severity: reproduced ? .note : .warning, check: .countPValue, cell: pCell.reference,
                                        text: pCell.cell.text, detail: .countPValue(comparison), related: counted.map(\.reference)))
            }
        }
        return findings
    }

    /// A whole number printed without a percentage or denominator ("3" beside "14 (70.0%)").
    static func isBareNumber(_ c: ReadCell) -> Bool {
        switch c.parsed {
        case .count(_, nil): return true
        case let .number(p): return p.decimals == 0 && p.value >= 0
        default: return false
        }
    }

    /// Whether a flattened column heading ("Control: Onset time post-treatment: 24 h") lies under
    /// the same top heading as another ("Control: Number (%)"): the same first segment before
    /// ": ", and more than it.
    static func isSubColumn(_ column: String, of group: String) -> Bool {
        let a = column.components(separatedBy: ": "), b = group.components(separatedBy: ": ")
        return a.count >= 2 && b.count >= 2 && column != group && a[0].trimmingCharacters(in: .whitespaces) == b[0].trimmingCharacters(in: .whitespaces)
    }

    /// Whether a computed p-value prints as the published one under half-up or half-even rounding.
    static func printsAs(_ printed: PrintedPValue, _ p: Double) -> Bool {
        printed.matches(p, rule: .halfUp) || printed.matches(p, rule: .halfEven)
    }

    /// The p-values of every count test that runs on x of n per group; a test that cannot run on
    /// the table (an empty margin, an r×c enumeration beyond its limit) is left out.
    static func countTestPValues(_ xs: [Int], _ ns: [Int], unconditional: Bool) -> [CountTestPValue] {
        guard let table = try? ContingencyTable([xs, zip(ns, xs).map { $0 - $1 }]) else { return [] }
        var out: [CountTestPValue] = []
        func add(_ test: CountPValueTest, _ p: Double?) {
            if let p, p.isFinite { out.append(CountTestPValue(test: test, pValue: p)) }
        }
        let twoGroups = xs.count == 2
        if let f = try? fisherExactTest(table) {
            add(.fisher, f.pValue)
            if twoGroups { add(.fisherMidP, f.midPValue) }
        }
        add(.chisq, try? chiSquareTest(table).pValue)
        if twoGroups { add(.chisqYates, try? chiSquareTest(table, yates: true).pValue) }
        add(.gTest, try? gTest(table).pValue)
        if twoGroups && unconditional && ns.allSatisfy({ $0 <= countPValueUnconditionalLimit }) {
            add(.boschloo, try? boschlooExactTest(table).pValue)
            add(.barnard, try? barnardExactTest(table).pValue)
        }
        return out
    }

    /// The other Ns nearest to the printed ones (smallest total change; the printed percentages
    /// still fit them) with which some test prints the p-value, and those tests; nil when none
    /// within the search does. A search over nearby Ns can match by chance; the finding says so.
    static func nearestReproducingNs(_ xs: [Int], _ ns: [Int], percents: [PrintedNumber?], printed: PrintedPValue) -> ([Int], [CountTestPValue])? {
        let candidates: [[Int]] = zip(zip(xs, ns), percents).map { pair, percent in
            let (x, n) = pair
            let window = max(x, 1)...max(x, n + 3)
            var options = (max(window.lowerBound, n - 5)...window.upperBound).filter { m in
                guard m != n, m >= max(x, 1) else { return false }
                guard let percent else { return m < n }
                return PercentCounts.printsUnderSomeRule(100 * Double(x) / Double(m), percent)
            }
            options.sort { abs($0 - n) < abs($1 - n) }
            return [n] + options
        }
        var combos: [[Int]] = [[]]
        for options in candidates {
            combos = combos.flatMap { prefix in options.map { prefix + [$0] } }
            if combos.count > countPValueSearchLimit * 8 { break }
        }
        guard combos.allSatisfy({ $0.count == xs.count }) else { return nil }
        func distance(_ combo: [Int]) -> Int {
            var d = 0
            for (a, b) in zip(combo, ns) { d += abs(a - b) }
            return d
        }
        let scored: [(combo: [Int], distance: Int)] = combos.filter { $0 != ns }.map { ($0, distance($0)) }
        let ranked = scored.sorted { a, b in
            a.distance != b.distance ? a.distance < b.distance : a.combo.lexicographicallyPrecedes(b.combo)
        }.prefix(countPValueSearchLimit).map(\.combo)
        for other in ranked {
            let tests = countTestPValues(xs, other, unconditional: false).filter { printsAs(printed, $0.pValue) }
            if !tests.isEmpty { return (other, tests) }
        }
        return nil
    }
}
