import Foundation
import Testing
@testable import TrialStats

/// The selection of Walsh-average order statistics and the count shortcut of the asymptotic
/// interval, each against a construction that cannot share its mistakes: a full sort of all
/// n(n+1)/2 averages, and the bisection on δ (in the order of doubles) that the shortcut replaced
/// (issue 13: 2.9 million pairs took 11.5 s there).
@Suite("Walsh averages: selection and the asymptotic interval by counts")
struct WalshAveragesTests {
    /// Every average of x, sorted.
    static func allAverages(_ x: [Double]) -> [Double] {
        let s = x.sorted()
        var all: [Double] = []
        all.reserveCapacity(s.count * (s.count + 1) / 2)
        for i in s.indices { for j in i..<s.count { all.append((s[i] + s[j]) / 2) } }
        return all.sorted()
    }

    /// Above 65,536 averages the selection samples pivots and narrows the rows' column ranges;
    /// continuous data, heavy ties (a pivot is often the answer) and a single repeated value.
    @Test("k-th Walsh average by selection equals the full sort", arguments: ["continuous", "ties", "few values", "constant"])
    func selectionMatchesSort(kind: String) {
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<3 {
            let n = Int.random(in: 370...520, using: &generator)
            let x: [Double] = (0..<n).map { _ in
                switch kind {
                case "continuous": return Double.random(in: -1e3...1e3, using: &generator)
                case "ties": return Double(Int.random(in: -40...60, using: &generator)) / 2
                case "few values": return Double(Int.random(in: 0...2, using: &generator))
                default: return 7.25
                }
            }
            let all = Self.allAverages(x)
            #expect(all.count > WalshAverages.gatherLimit)
            let walsh = WalshAverages(x)
            var ks = [1, 2, all.count / 3, all.count / 2, all.count / 2 + 1, all.count - 1, all.count]
            for _ in 0..<10 { ks.append(Int.random(in: 1...all.count, using: &generator)) }
            for k in ks { #expect(walsh.kth(k) == all[k - 1], "\(kind) n = \(n), k = \(k)") }
            let m = all.count
            let median = m % 2 == 1 ? all[m / 2] : (all[m / 2 - 1] + all[m / 2]) / 2
            #expect(walsh.median() == median)
        }
    }

    @Test("counts below and at a value equal counting all averages")
    func countsMatchSort() {
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<40 {
            let n = Int.random(in: 1...40, using: &generator)
            let x = (0..<n).map { _ in Double(Int.random(in: -20...20, using: &generator)) / 4 }
            let all = Self.allAverages(x)
            let walsh = WalshAverages(x)
            for t in [all.first! - 1, all[all.count / 2], all.last!, all.last! + 1, 0.125, -0.375] {
                let c = walsh.counts(t)
                #expect(c.below == all.filter { $0 < t }.count && c.atMost == all.filter { $0 <= t }.count)
                #expect(walsh.isAverage(t) == all.contains(t))
            }
        }
    }

    /// The interval by counts is the interval by bisection on δ, to the last bit: data with and
    /// without ties and zeros (zeros kept, as `pratt` keeps them), every alternative, with and
    /// without the continuity correction, at levels where α is and is not widened.
    @Test("issue 13: the asymptotic interval by counts equals bisection on the shift", arguments: Alternative.allCases)
    func countsEqualBisection(alternative: Alternative) throws {
        var generator = SeededGenerator(seed: 1300)
        var compared = 0
        for trial in 0..<120 {
            let n = [1, 2, 3, 5, 8, 13, 40, 150, 400][trial % 9]
            let x: [Double] = (0..<n).map { _ in
                switch trial % 4 {
                case 0: return Double.random(in: -10...12, using: &generator)
                case 1: return Double(Int.random(in: -6...8, using: &generator))
                case 2: return Double(Int.random(in: -300...350, using: &generator)) / 100
                default: return Double(Int.random(in: 0...1, using: &generator)) * 2.5
                }
            }
            for level in [0.95, 0.8, 0.999] {
                for correct in [true, false] {
                    let options = SignedRankTestOptions(method: .normal, correct: correct, alternative: alternative, confLevel: level)
                    let fast = try asymptoticSetInterval(x, correct: correct, options: options)
                    let slow = try asymptoticSetInterval(x, correct: correct, options: options, byCounts: false)
                    #expect(fast == slow, "n = \(n), trial \(trial), level \(level), correct \(correct): \(x)")
                    compared += 1
                }
            }
        }
        #expect(compared == 720)
    }
}
