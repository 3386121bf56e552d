import Foundation
import Testing
@testable import TrialStats

@Suite("Signed-rank: published cases, brute force, properties, profiles")
struct SignedRankPropertyTests {
    static func run(_ d: [Double], _ options: SignedRankTestOptions = SignedRankTestOptions()) throws -> SignedRankResult {
        try signedRankTest(before: [Double](repeating: 0, count: d.count), after: d, options: options)
    }

    /// Hollander & Wolfe (1999), Example 3.1 (Hamilton depression scale, first vs second visit),
    /// the example of R's ?wilcox.test: wilcox.test(x, y, paired = TRUE, alternative = "greater")
    /// gives V = 40, p-value = 0.01953. With d = after − before = y − x, V = 5 and "less".
    @Test("Hollander & Wolfe depression data: V = 40, p = 0.01953 (two-sided 0.03906)")
    func hollanderWolfe() throws {
        let x: [Double] = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
        let y: [Double] = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
        let greater = try signedRankTest(before: y, after: x, options: SignedRankTestOptions(alternative: .greater))
        #expect(greater.statisticV == 40 && greater.method == .exact)
        #expect(abs(greater.pValue - 0.01953125) < 1e-15)
        let twoSided = try signedRankTest(before: x, after: y)
        #expect(twoSided.statisticV == 5 && abs(twoSided.pValue - 0.0390625) < 1e-15)
        // Sign test: 2 of 9 positive differences y − x, two-sided binom.test(2, 9) = 0.1796875.
        #expect(abs(twoSided.signTestPValue - 0.1796875) < 1e-15)
    }

    /// SAS/STAT PROC UNIVARIATE Example 4.13 (ScoreChange): S = −8.5, Pr ≥ |S| = 0.5278, from the
    /// exact distribution conditional on the ties (n = 12 ≤ 20).
    @Test("SAS PROC UNIVARIATE example: S = −8.5, p = 0.5278")
    func sasExample() throws {
        let change: [Double] = [-3, 14, 2, 12, -5, -37, 3, -7, -3, 6, -5, -14]
        let r = try Self.run(change, SignedRankTestOptions(profile: .sas))
        #expect(r.statisticS == -8.5 && r.method == .exactConditional)
        #expect((r.pValue * 10_000).rounded() / 10_000 == 0.5278)
    }

    /// R 4.6.0's exact path with zeros ranks them with the others (Pratt) and permutes the nonzero
    /// ranks: for d = (−1, 4, 0, −1, 4, −1, 0, 2, 1) it prints V = 28.5, p = 0.46875.
    @Test("R 4.6 exact with zeros: V = 28.5, p = 0.46875")
    func r46Zeros() throws {
        let d: [Double] = [-1, 4, 0, -1, 4, -1, 0, 2, 1]
        let r = try Self.run(d, SignedRankTestOptions(profile: .r))
        #expect(r.statisticV == 28.5 && r.zeroMethod == .pratt)
        #expect(abs(r.pValue - 0.46875) < 1e-15)
        // R ≤ 4.5 drops the zeros and uses the corrected normal approximation: V = 20.5, p = 0.3008.
        let legacy = try Self.run(d, SignedRankTestOptions(profile: .rLegacy))
        #expect(legacy.statisticV == 20.5 && legacy.method == .normal)
        #expect((legacy.pValue * 10_000).rounded() / 10_000 == 0.3008)
    }

    /// Ties are detected on the decimal values as typed: 0.3 − 0.1 ties with 0.2 − 0.0.
    @Test("decimal ties and zeros are exact")
    func decimalTies() throws {
        let before: [Double] = [0.1, 0.0, 1.1, 2.2, 0.7]
        let after: [Double] = [0.3, 0.2, 1.1, 1.9, 0.4]
        let r = try signedRankTest(before: before, after: after)
        #expect(r.nZero == 1 && r.hasTies)
        // |d| = 0.2, 0.2, 0.3, 0.3 → midranks 1.5, 1.5, 3.5, 3.5; V = 3.
        #expect(r.statisticV == 3)
        #expect(PairedDifferences(before: [0.1], after: [0.3]).values == [0.2])
        #expect(decimalPlaces(0.125) == 3 && decimalPlaces(1e-5) == 5 && decimalPlaces(63) == 0 && decimalPlaces(2.5e-7) == 8)
    }

    /// Brute force: enumerate all 2^m sign patterns of the nonzero ranks and count; compare with
    /// the exact p-values for random data with heavy ties and zeros, every zero method and
    /// alternative.
    @Test("exact conditional p-values equal a brute-force enumeration", arguments: ZeroMethod.allCases)
    func bruteForce(zeroMethod: ZeroMethod) throws {
        var generator = SeededGenerator(seed: 42 + UInt64(zeroMethod.hashValue & 0xff))
        for _ in 0..<60 {
            let n = Int.random(in: 1...12, using: &generator)
            let d = (0..<n).map { _ in Double(Int.random(in: -4...4, using: &generator)) / 2 }
            let scores = SignedRankScores(PairedDifferences(differences: d), zeroMethod: zeroMethod)
            let m = scores.scores.count
            guard m > 0 else { continue }
            let observed = scores.positiveScoreSum
            var below = 0, above = 0
            for pattern in 0..<(1 << m) {
                var t = 0
                for k in 0..<m where pattern & (1 << k) != 0 { t += scores.scores[k] }
                if t <= observed { below += 1 }
                if t >= observed { above += 1 }
            }
            let total = Double(1 << m)
            for alternative in Alternative.allCases {
                let expected: Double
                switch alternative {
                case .less: expected = Double(below) / total
                case .greater: expected = Double(above) / total
                case .twoSided: expected = min(1, 2 * Double(min(below, above)) / total)
                }
                let r = try Self.run(d, SignedRankTestOptions(method: .exact, zeroMethod: zeroMethod, alternative: alternative))
                #expect(abs(r.pValue - expected) < 1e-14, "d = \(d) \(alternative)")
            }
        }
    }

    @Test("properties: p in [0, 1], mirror symmetry, independent of row order")
    func properties() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<40 {
            let n = Int.random(in: 2...40, using: &generator)
            let d = (0..<n).map { _ in Double(Int.random(in: -20...20, using: &generator)) / 8 }
            for method in [SignedRankMethod.exact, .normal, .t] {
                let r = try Self.run(d, SignedRankTestOptions(method: method))
                #expect(r.pValue >= 0 && r.pValue <= 1)
                let mirrored = try Self.run(d.map { -$0 }, SignedRankTestOptions(method: method))
                #expect(abs(mirrored.pValue - r.pValue) < 1e-12)
                let less = try Self.run(d, SignedRankTestOptions(method: method, alternative: .less))
                let greater = try Self.run(d.map { -$0 }, SignedRankTestOptions(method: method, alternative: .greater))
                #expect(abs(less.pValue - greater.pValue) < 1e-12)
                let shuffled = try Self.run(d.shuffled(using: &generator), SignedRankTestOptions(method: method))
                #expect(shuffled.pValue == r.pValue && shuffled.statisticV == r.statisticV)
                if let low = r.confLow, let high = r.confHigh {
                    #expect(low <= r.estimate + 1e-12 && r.estimate <= high + 1e-12)
                }
            }
        }
    }

    /// The exact distribution for n without ties is R's psignrank: P(V ≤ 0) = 2^−n and the
    /// distribution sums to 1; far tails stay accurate in relative terms (no underflow).
    @Test("classical distribution: known values and extreme tails")
    func classicalDistribution() throws {
        let dist = SignedRankDistribution(scores: Array(1...10))
        #expect(dist.lowerTail(0) == 1.0 / 1024)
        #expect(abs(dist.lowerTail(55) - 1) < 1e-15)
        // psignrank(10, 10) = 0.04199219 (R), = 43/1024.
        #expect(abs(dist.lowerTail(10) - 43.0 / 1024) < 1e-15)
        // n = 1000, V = 0: p = 2^−1000 ≈ 9.33e-302 exactly.
        let big = SignedRankDistribution(scores: Array(1...1000))
        #expect(big.lowerTail(0) == 0x1p-1000)
        // P(V ≤ 1) = 2 · 2^−1000.
        #expect(big.lowerTail(1) == 0x1p-999)
    }

    @Test("all zeros, n = 1, and bad input")
    func edgeCases() throws {
        let zeros = try Self.run([0, 0, 0, 0])
        #expect(zeros.pValue == 1 && zeros.z == nil && zeros.confLow == nil && zeros.rankBiserial == nil)
        #expect(zeros.estimate == 0 && zeros.signTestPValue == 1)
        let one = try Self.run([2.5])
        #expect(one.pValue == 1 && one.statisticV == 1 && one.method == .exact)
        #expect(throws: SignedRankError.noPairs) { try signedRankTest(before: [], after: []) }
        #expect(throws: SignedRankError.lengthMismatch(before: 2, after: 1)) { try signedRankTest(before: [1, 2], after: [1]) }
        #expect(throws: SignedRankError.nonFinite(index: 1)) { try signedRankTest(before: [1, .nan], after: [1, 2]) }
        #expect(throws: SignedRankError.self) { try signedRankTest(before: [1, 2], after: [2, 3], options: SignedRankTestOptions(confLevel: 1.5)) }
    }

    /// A thousand pairs with ties and zeros: auto computes the exact conditional p-value, which
    /// agrees with the normal approximation in the body of the distribution (p near 0.1) and is
    /// far from it in the extreme tail, where the normal approximation is poor.
    @Test("1,000 pairs with ties: auto uses the exact conditional distribution")
    func thousandPairs() throws {
        var generator = SeededGenerator(seed: 1000)
        let moderate = (0..<1000).map { _ in Double(Int.random(in: -30...30, using: &generator)) }
        let exact = try Self.run(moderate)
        #expect(exact.method == .exactConditional)
        let normal = try Self.run(moderate, SignedRankTestOptions(method: .normal, correct: true))
        #expect(exact.pValue > 0.01 && abs(exact.pValue - normal.pValue) / exact.pValue < 0.01, "\(exact.pValue) vs \(normal.pValue)")
        let shifted = (0..<1000).map { _ in Double(Int.random(in: -30...40, using: &generator)) }
        let tail = try Self.run(shifted)
        #expect(tail.method == .exactConditional && tail.pValue > 0 && tail.pValue < 1e-10)
    }

    /// Hodges–Lehmann estimate = median of the Walsh averages, checked against forming them all.
    @Test("Walsh-average order statistics match a full sort")
    func walshAverages() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let n = Int.random(in: 1...30, using: &generator)
            let x = (0..<n).map { _ in Double(Int.random(in: -50...50, using: &generator)) / 4 }
            var all: [Double] = []
            for i in 0..<n { for j in i..<n { all.append((x[i] + x[j]) / 2) } }
            all.sort()
            let walsh = WalshAverages(x)
            for k in [1, all.count / 3, all.count / 2, all.count].filter({ $0 >= 1 }) {
                #expect(walsh.kth(k) == all[k - 1])
            }
            let median = all.count % 2 == 1 ? all[all.count / 2] : (all[all.count / 2 - 1] + all[all.count / 2]) / 2
            #expect(walsh.median() == median)
        }
    }

    /// Inverting the exact conditional test gives, on untied data, exactly R's classical
    /// Walsh-average interval and its coverage: the two constructions check each other.
    @Test("conditional exact interval equals the classical one without ties", arguments: Alternative.allCases)
    func conditionalIntervalWithoutTies(alternative: Alternative) throws {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<25 {
            let n = Int.random(in: 6...25, using: &generator)
            var values = Set<Int>()
            while values.count < n { values.insert(Int.random(in: -400_000...400_000, using: &generator)) }
            let d = values.map { Double($0) / 1000 }
            // Coverage is compared only where the Walsh averages are distinct (continuous data).
            var sums = Set<Int>()
            let ints = Array(values)
            var distinctWalsh = true
            for i in ints.indices { for j in i..<ints.count where !sums.insert(ints[i] + ints[j]).inserted { distinctWalsh = false } }
            let options = SignedRankTestOptions(method: .exact, alternative: alternative, confLevel: 0.9)
            let classical = try Self.run(d, options)
            #expect(classical.method == .exact)
            let inverted = try conditionalExactInterval(d, options: options)
            // Equal as decimals; the classical path computes (dᵢ + dⱼ)/2 in floating point, as R does,
            // the inversion in exact decimal units, so they may differ by rounding.
            let scale = d.map(abs).max()!
            #expect(abs((inverted.low ?? 0) - (classical.confLow ?? 0)) <= 1e-13 * scale, "\(d)")
            #expect(abs((inverted.high ?? 0) - (classical.confHigh ?? 0)) <= 1e-13 * scale, "\(d)")
            #expect((inverted.low == nil) == (classical.confLow == nil) && (inverted.high == nil) == (classical.confHigh == nil))
            if distinctWalsh { #expect(abs(inverted.achieved! - classical.achievedConfLevel!) < 1e-12) }
        }
    }
}
