import Foundation
import Testing
@testable import TrialStats

@Suite("Survival tally: counting and radix sorts")
struct SurvivalTallyTests {
    /// Both sorts give the same tally, and the curves from a tally equal a brute-force product
    /// limit over the sorted subjects, on integer, one- and three-decimal and irregular times.
    @Test("counting sort, radix sort and brute force agree", arguments: [1.0, 10.0, 1000.0, 3.0])
    func pathsAgree(divisor: Double) throws {
        var generator = SeededGenerator(seed: 17)
        for _ in 0..<40 {
            let n = Int.random(in: 1...80, using: &generator)
            let times = (0..<n).map { _ in Double(Int.random(in: 0...30, using: &generator)) / divisor }
            let events = (0..<n).map { _ in Bool.random(using: &generator) }
            let groups = (0..<n).map { _ in Int.random(in: 0..<3, using: &generator) }
            let counted = SurvivalTally(validated: times, events: events, groups: groups, groupCount: 3)
            let sorted = SurvivalTally(validated: times, events: events, groups: groups, groupCount: 3, sorting: true)
            #expect(counted == sorted)
            #expect(counted.times == Array(Set(times)).sorted())
            let curves = try counted.kaplanMeierCurves()
            for g in 0..<3 {
                let rows = times.indices.filter { groups[$0] == g }
                let distinct = Array(Set(rows.map { times[$0] })).sorted()
                #expect(curves.groups[g].steps.map(\.time) == distinct)
                var s = 1.0
                for step in curves.groups[g].steps {
                    let atRisk = rows.filter { times[$0] >= step.time }.count
                    let d = rows.filter { times[$0] == step.time && events[$0] }.count
                    s *= 1 - Double(d) / Double(atRisk)
                    #expect(step.nRisk == atRisk && step.nEvent == d && step.survival == s)
                }
            }
        }
    }

    @Test("times that are not short decimals, and −0, take the radix sort and keep their order")
    func irregularTimes() throws {
        let times = [0.1 + 0.2, 1e300, 0, -0.0, 5e-324, 0.3, 2.5]
        let tally = SurvivalTally(validated: times, events: [Bool](repeating: true, count: 7), groups: nil, groupCount: 1)
        #expect(tally.times == [0, 5e-324, 0.3, 0.1 + 0.2, 2.5, 1e300])
        #expect(tally.times[0].sign == .plus)
    }
}
