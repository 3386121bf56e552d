import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// The four patient-reported outcomes of the CASTLE trial (n = 24 pairs, baseline → month 6).
struct CastleRow: CustomStringConvertible, Sendable {
    var name: String
    var before: String
    var after: String
    var p: String
    var minimum: Double
    var maximum: Double
    var step: Double
    /// Profiles under which the bundled certificate's p-value prints as published.
    var reproducing: [SignedRankProfile]

    var description: String { name }

    static let all: [CastleRow] = [
        CastleRow(name: "VAS-PGA", before: "63.0 [52.8; 74.8]", after: "19.0 [7.3; 48.8]", p: "P < 0.0001",
                  minimum: 0, maximum: 100, step: 1, reproducing: SignedRankProfile.allCases),
        CastleRow(name: "VAS-PhyGA", before: "67.5 [54.0; 74.8]", after: "12.5 [2.0; 23.0]", p: "P < 0.0001",
                  minimum: 0, maximum: 100, step: 1, reproducing: SignedRankProfile.allCases),
        CastleRow(name: "HAQ", before: "1.1 [0.1; 2.0]", after: "0.3 [0.0; 0.3]", p: "P = 0.0030",
                  minimum: 0, maximum: 3, step: 0.125, reproducing: [.rLegacy]),
        CastleRow(name: "FACIT", before: "25.5 [13.3; 38.3]", after: "42.0 [37.0; 49.0]", p: "P < 0.0001",
                  minimum: 0, maximum: 52, step: 1, reproducing: SignedRankProfile.allCases),
    ]

    func request(rounding: RoundingRule = .halfUp, type: QuantileType = .type7, profile: SignedRankProfile? = .rLegacy,
                 seed: UInt64 = 1) throws -> PairedReconstructionRequest {
        PairedReconstructionRequest(
            pairs: 24, before: try #require(PrintedMedianIQR(before)), after: try #require(PrintedMedianIQR(after)),
            pValue: try #require(PrintedPValue(p)), grid: try ScaleGrid(minimum: minimum, maximum: maximum, step: step),
            quantileType: type, rounding: rounding, profile: profile, seed: seed)
    }

    /// The bundled certificate, Fixtures/castle/reconstructed/NAME.csv.
    func certificate() throws -> [ReconstructedPair] {
        let url = ReferenceFixtures.root.appendingPathComponent("castle/reconstructed/\(name).csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "pair,before,after,provenance")
        return try lines.dropFirst().map { line in
            let cells = line.split(separator: ",").map(String.init)
            #expect(cells.count == 4 && cells[3] == "RECONSTRUCTED (not trial data)")
            return ReconstructedPair(before: try #require(Double(cells[1])), after: try #require(Double(cells[2])))
        }
    }
}

@Suite("Reconstruction of paired data from printed summaries")
struct ReconstructionTests {
    // MARK: Which order statistics a quantile is made of

    @Test("quantile positions rebuild the library's quantiles bit for bit (all types, n ≤ 60, ties)")
    func positionsMatchKernel() throws {
        var generator = SeededGenerator(seed: 7)
        let probs = [0, 0.1, 0.25, 0.3, 0.5, 2.0 / 3.0, 0.75, 0.9, 1]
        for type in QuantileType.allCases {
            for n in 1...60 {
                for _ in 0..<3 {
                    let data = (0..<n).map { _ in Double(generator.int(in: 0...40)) * 0.125 + 0.1 }.sorted()
                    for p in probs {
                        let position = QuantilePosition(n: n, p: p, type: type)
                        let rebuilt = position.value(below: data[position.lower], above: data[position.upper])
                        let library = try quantiles(data, probs: [p], type: type)[0]
                        #expect(rebuilt.bitPattern == library.bitPattern, "type \(type.rawValue), n = \(n), p = \(p)")
                    }
                }
            }
        }
    }

    @Test("type 7, n = 24: Q1 = x(6) + 0.75(x(7) − x(6)), median (x(12) + x(13))/2, Q3 = x(18) + 0.25(x(19) − x(18))")
    func castlePositions() {
        let q1 = QuantilePosition(n: 24, p: 0.25, type: .type7)
        let median = QuantilePosition(n: 24, p: 0.5, type: .type7)
        let q3 = QuantilePosition(n: 24, p: 0.75, type: .type7)
        #expect((q1.lower, q1.upper, q1.weight) == (5, 6, 0.75))
        #expect((median.lower, median.upper, median.weight) == (11, 12, 0.5))
        #expect((q3.lower, q3.upper, q3.weight) == (17, 18, 0.25))
        #expect(q1.formula == "x(6) + 0.75·(x(7) − x(6))")
        #expect(median.formula == "(x(12) + x(13))/2")
        // Type 6 (SPSS) uses x(6) + 0.25(x(7) − x(6)); type 2 (SAS) averages x(6) and x(7).
        let spss = QuantilePosition(n: 24, p: 0.25, type: .type6)
        #expect((spss.lower, spss.upper, spss.weight) == (5, 6, 0.25))
        #expect(QuantilePosition(n: 24, p: 0.25, type: .type2).formula == "(x(6) + x(7))/2")
    }

    // MARK: Parsing and the grid

    @Test("printed median [IQR] forms", arguments: [
        ("63.0 [52.8; 74.8]", 63.0, 52.8, 74.8), ("63.0 (52.8–74.8)", 63.0, 52.8, 74.8), ("1.1 [0.1, 2.0]", 1.1, 0.1, 2.0),
        ("25.5 (13.3 to 38.3)", 25.5, 13.3, 38.3), ("12.5 [2.0-23.0]", 12.5, 2.0, 23.0), ("-1.5 [-3.0; -0.5]", -1.5, -3.0, -0.5),
        ("-1.5 (-3.0--0.5)", -1.5, -3.0, -0.5),
    ])
    func parsesSummaries(text: String, median: Double, q1: Double, q3: Double) throws {
        let s = try #require(PrintedMedianIQR(text))
        #expect(s.median.value == median && s.lowerQuartile.value == q1 && s.upperQuartile.value == q3)
        #expect(s.median.decimals == 1 && s.lowerQuartile.decimals == 1)
    }

    @Test("not a median [IQR]", arguments: ["63.0", "63.0 [52.8]", "63.0 [52.8; 74.8", "[52.8; 74.8]", "63.0 [a; b]", "63.0 [1; 2; 3]"])
    func refusesSummaries(text: String) {
        #expect(PrintedMedianIQR(text) == nil)
    }

    @Test("grid values are exact decimals; malformed grids are refused")
    func grids() throws {
        let haq = try ScaleGrid(minimum: 0, maximum: 3, step: 0.125)
        #expect(haq.count == 25 && haq.value(1) == 0.125 && haq.value(24) == 3)
        let tenths = try ScaleGrid(minimum: 0, maximum: 1, step: 0.1)
        #expect(tenths.value(3) == 0.3 && tenths.value(7) == 0.7 && tenths.count == 11)
        #expect(throws: ReconstructionError.self) { try ScaleGrid(minimum: 0, maximum: 10, step: 3) }
        #expect(throws: ReconstructionError.self) { try ScaleGrid(minimum: 5, maximum: 5, step: 1) }
        #expect(throws: ReconstructionError.self) { try ScaleGrid(minimum: 0, maximum: 1, step: 0) }
        #expect(throws: ReconstructionError.self) { try ScaleGrid(minimum: 0, maximum: 1000, step: 0.001) }
    }

    /// Issue 13 item 3: these grids trapped converting to 64-bit units; now each is refused.
    @Test("issue 13 item 3: grids beyond the stated limits are refused, not trapped", arguments: [
        [0, 1e19, 1], [0, 1e300, 1], [-9e18, 9e18, 1e18], [0, 1e10, 1e-9], [0, 1e9, 1e-9],
        [0, 100, 1e300], [0, 1e9, 1e-10], [-1e9 - 1, 0, 1],
    ] as [[Double]])
    func gridLimits(scale: [Double]) {
        #expect(throws: ReconstructionError.self) { try ScaleGrid(minimum: scale[0], maximum: scale[1], step: scale[2]) }
    }

    @Test("grids at the stated limits are accepted")
    func gridAtLimits() throws {
        let wide = try ScaleGrid(minimum: -1e9, maximum: 1e9, step: 2e4)
        #expect(wide.count == 100_001 && wide.value(0) == -1e9 && wide.value(100_000) == 1e9)
        let fine = try ScaleGrid(minimum: 0, maximum: 1e-4, step: 1e-9)
        #expect(fine.count == 100_001 && fine.value(1) == 1e-9 && fine.value(100_000) == 1e-4)
        let high = try ScaleGrid(minimum: 999_999_999, maximum: 1e9, step: 1e-5)
        #expect(high.count == 100_001 && high.value(1) == 999_999_999.00001)
    }

    // MARK: Marginals

    @Test("the marginal solver agrees with brute force over every sorted sample (n = 5, grid 0–6)",
          arguments: QuantileType.allCases)
    func marginalsAgainstBruteForce(type: QuantileType) throws {
        let grid = try ScaleGrid(minimum: 0, maximum: 6, step: 1)
        // Every sorted sample of 5 values from 0…6.
        var samples: [[Double]] = []
        func extend(_ prefix: [Double], from: Int) {
            if prefix.count == 5 { samples.append(prefix); return }
            for v in from...6 { extend(prefix + [Double(v)], from: v) }
        }
        extend([], from: 0)
        #expect(samples.count == 462)
        let quartiles = try samples.map { try quantiles($0, probs: [0.25, 0.5, 0.75], type: type) }
        var generator = SeededGenerator(seed: UInt64(type.rawValue))
        for rule in RoundingRule.allCases {
            // Summaries some sample prints, and random ones that mostly none does.
            var texts: [[String]] = (0..<25).map { _ in
                let q = quartiles[generator.int(in: 0..<quartiles.count)]
                return q.map { String(format: "%.1f", rule.round($0, decimals: 1)) }
            }
            for _ in 0..<40 {
                let values = (0..<3).map { _ in Double(generator.int(in: 0...60)) / 10 }.sorted()
                texts.append(values.map { String(format: "%.1f", $0) })
            }
            for t in texts {
                let summary = try #require(PrintedMedianIQR("\(t[1]) [\(t[0]); \(t[2])]"))
                let solver = QuartileConstraints(summary: summary, n: 5, type: type, grid: grid, rule: rule)
                let printed = [summary.lowerQuartile, summary.median, summary.upperQuartile]
                let brute = quartiles.contains { q in zip(printed, q).allSatisfy { $0.isPrinted(from: $1, rule: rule) } }
                #expect(solver.isFeasible == brute, "type \(type.rawValue), \(rule), \(summary)")
                if solver.isFeasible {
                    var g = SeededGenerator(seed: 1)
                    let sample = try #require(solver.sample(using: &g))
                    let q = try quantiles(sample.map(grid.value), probs: [0.25, 0.5, 0.75], type: type)
                    #expect(zip(printed, q).allSatisfy { $0.isPrinted(from: $1, rule: rule) })
                    #expect(sample == sample.sorted())
                }
            }
        }
    }

    @Test("HAQ: a median of 1.1 comes from x(12) + x(13) = 2.125 (1.0625) or 2.25 (1.125) on the 0.125 grid")
    func haqMedian() throws {
        let grid = try ScaleGrid(minimum: 0, maximum: 3, step: 0.125)
        let summary = try #require(PrintedMedianIQR("1.1 [0.1; 2.0]"))
        let solver = QuartileConstraints(summary: summary, n: 24, type: .type7, grid: grid, rule: .halfUp, only: ["median"])
        let median = solver.constraints[0]
        var sums: Set<Double> = []
        for a in 0..<grid.count {
            if let r = solver.partnerRange(median, lower: a) { for b in r { sums.insert(grid.value(a) + grid.value(b)) } }
        }
        #expect(sums == [2.125, 2.25])
    }

    @Test("half-even rounding cannot print three CASTLE rows under type 7: 7.25 prints 7.2, 13.25 prints 13.2, 0.25 prints 0.2")
    func halfEvenFindings() throws {
        let rows = Dictionary(uniqueKeysWithValues: CastleRow.all.map { ($0.name, $0) })
        let vas = try reconstructPairs(try rows["VAS-PGA"]!.request(rounding: .halfEven))
        #expect(!vas.feasible && vas.pRange == nil && vas.dataset.isEmpty)
        #expect(vas.reason?.hasPrefix("after Q1 7.3 cannot be printed: with n = 24 and quantile type 7 it is x(6) + 0.75·(x(7) − x(6)), "
            + "and on the grid 0 to 100 step 1 under half-even rounding the nearest attainable values are 7.25 (prints 7.2) and 7.5 (prints 7.5)") == true,
            "\(vas.reason ?? "")")
        #expect(vas.alternatives.contains(MarginalAlternative(quantileType: .type7, rounding: .halfUp, step: 1)))
        #expect(vas.alternatives.contains(MarginalAlternative(quantileType: .type7, rounding: .halfEven, step: 0.1)))
        #expect(vas.alternatives.contains(MarginalAlternative(quantileType: .type8, rounding: .halfEven, step: 1)))
        let facit = try reconstructPairs(try rows["FACIT"]!.request(rounding: .halfEven))
        #expect(!facit.feasible && facit.reason?.hasPrefix("before Q1 13.3 cannot be printed") == true)
        let haq = try reconstructPairs(try rows["HAQ"]!.request(rounding: .halfEven))
        #expect(!haq.feasible)
        #expect(haq.reason?.hasPrefix("after median 0.3 and Q3 0.3 cannot be printed together") == true, "\(haq.reason ?? "")")
        // VAS-PhyGA's quartiles are exact quarters that print under either rule.
        let phyga = QuartileConstraints(summary: PrintedMedianIQR("12.5 [2.0; 23.0]")!, n: 24, type: .type7,
                                        grid: try ScaleGrid(minimum: 0, maximum: 100, step: 1), rule: .halfEven)
        #expect(phyga.isFeasible)
    }

    // MARK: p-values

    @Test("the search's p-values are signedRankTest's, bit for bit, under every profile")
    func profilePValuesMatchTest() throws {
        var generator = SeededGenerator(seed: 11)
        for n in [1, 2, 5, 13, 14, 20, 21, 24, 30, 49, 50, 55] {
            for _ in 0..<6 {
                let spread = generator.int(in: 1...12)
                let before = (0..<n).map { _ in generator.int(in: 0...24) }
                let after = before.map { max(0, min(24, $0 + generator.int(in: -spread...spread) - spread / 3)) }
                let fast = ProfilePValues.compute(zip(before, after).map { $1 - $0 }, profiles: SignedRankProfile.allCases)
                for (k, profile) in SignedRankProfile.allCases.enumerated() {
                    let test = try signedRankTest(before: before.map { Double($0) * 0.125 }, after: after.map { Double($0) * 0.125 },
                                                  options: SignedRankTestOptions(profile: profile))
                    #expect(fast[k].bitPattern == test.pValue.bitPattern, "n = \(n), \(profile)")
                }
            }
        }
    }

    @Test("one evaluator over many data sets (its tie table reused and extended) gives the signed-rank test's p-values, bit for bit")
    func profilePValuesReused() throws {
        var generator = SeededGenerator(seed: 12)
        var evaluator = ProfilePValues(profiles: SignedRankProfile.allCases)
        for n in [24, 24, 24, 24, 8, 20, 21, 30, 52, 53, 60] {
            let before = (0..<n).map { _ in generator.int(in: 0...16) }
            var after = before.map { max(0, min(16, $0 + generator.int(in: -6...4))) }
            for step in 0..<200 {
                // Neighbouring data sets, as the search visits them: one value moved.
                after[generator.int(in: 0..<n)] = generator.int(in: 0...16)
                let d = zip(before, after).map { $1 - $0 }
                let fast = evaluator.pValues(d)
                // The test's own functions (signedRankTest without its interval; the test above
                // checks those against signedRankTest itself).
                let reference = ProfilePValues.reference(d, profiles: SignedRankProfile.allCases)
                #expect(fast.map(\.bitPattern) == reference.map(\.bitPattern), "n = \(n), step \(step): \(d)")
            }
        }
    }

    @Test("smallest attainable p-values: exact 2^(1−n), normal 2Φ(−√n), each reached by data")
    func smallestAttainable() throws {
        #expect(smallestAttainablePValue(pairs: 24, profile: .r).p == 0x1p-23)
        #expect(smallestAttainablePValue(pairs: 5, profile: .r).p == 0.0625)
        // SPSS, n = 5: 2Φ(−√5) = 0.02534731867746824 (R: 2 * pnorm(-sqrt(5))).
        #expect(agrees(smallestAttainablePValue(pairs: 5, profile: .spss).p, 0.02534731867746824, relative: 1e-12))
        #expect(smallestAttainablePValue(pairs: 5, profile: nil).p == smallestAttainablePValue(pairs: 5, profile: .spss).p)
        // Reached: all differences of one sign (distinct for exact, tied for normal).
        for n in [3, 5, 10, 24] {
            let distinct = ProfilePValues.compute((1...n).map { -$0 }, profiles: [.r, .spss, .rLegacy])
            let tied = ProfilePValues.compute([Int](repeating: -2, count: n), profiles: [.spss, .rLegacy])
            #expect(distinct[0] == smallestAttainablePValue(pairs: n, profile: .r).p)
            #expect(agrees(tied[0], smallestAttainablePValue(pairs: n, profile: .spss).p, relative: 1e-12))
            #expect(agrees(min(distinct[2], tied[1]), smallestAttainablePValue(pairs: n, profile: .rLegacy).p, relative: 1e-12))
        }
        // A bound: no random data set goes below it.
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<400 {
            let n = generator.int(in: 1...30)
            let d = (0..<n).map { _ in generator.int(in: -3...6) }
            for (p, profile) in zip(ProfilePValues.compute(d, profiles: SignedRankProfile.allCases), SignedRankProfile.allCases) {
                #expect(p >= smallestAttainablePValue(pairs: n, profile: profile).p * (1 - 1e-12), "\(d), \(profile)")
            }
        }
    }

    // MARK: Refusals

    @Test("impossible requests are refused with one-line reasons")
    func refusals() throws {
        let row = CastleRow.all[0]
        var request = try row.request()
        request.pairs = 0
        #expect(throws: ReconstructionError.invalidPairs(0)) { try reconstructPairs(request) }

        request = try row.request()
        request.before = try #require(PrintedMedianIQR("50.0 [52.8; 74.8]"))
        #expect(throws: ReconstructionError.self) { try reconstructPairs(request) }
        #expect(ReconstructionError.quartilesOutOfOrder(which: "before", summary: "50.0 [52.8; 74.8]").description
            == "before 50.0 [52.8; 74.8]: the quartiles must satisfy Q1 ≤ median ≤ Q3")

        request = try row.request()
        request.after = try #require(PrintedMedianIQR("19.0 [7.3; 100.1]"))
        #expect(throws: ReconstructionError.outsideScale(which: "after", name: "Q3", printed: "100.1", scale: "0–100")) {
            try reconstructPairs(request)
        }
        // 100.0 is on the scale.
        request.after = try #require(PrintedMedianIQR("19.0 [7.3; 100.0]"))
        request.budget = SearchBudget(extremes: 5, target: 5, stall: 5)
        #expect((try? reconstructPairs(request)) != nil)

        request = try row.request(profile: nil)
        request.pairs = 5
        request.pValue = try #require(PrintedPValue("P < 0.01"))
        do {
            _ = try reconstructPairs(request)
            Issue.record("P < 0.01 with 5 pairs was not refused")
        } catch {
            #expect(error.description == "P < 0.01 is impossible with 5 pairs: the smallest attainable two-sided p-value is 0.02535 "
                + "(SPSS, normal approximation, all differences tied and of one sign)")
        }
        request.profile = .r
        request.pValue = try #require(PrintedPValue("P = 0.05"))
        #expect(throws: ReconstructionError.self) { try reconstructPairs(request) }
    }

    // MARK: The CASTLE certificates

    @Test("CASTLE certificates: quartiles (type 7, half-up) and p-values print as published", arguments: CastleRow.all)
    func castleCertificates(row: CastleRow) throws {
        let pairs = try row.certificate()
        #expect(pairs.count == 24)
        let before = pairs.map(\.before), after = pairs.map(\.after)
        let grid = try ScaleGrid(minimum: row.minimum, maximum: row.maximum, step: row.step)
        let onGrid = Set((0..<grid.count).map(grid.value))
        #expect((before + after).allSatisfy(onGrid.contains))
        for (values, text) in [(before, row.before), (after, row.after)] {
            let printed = try #require(PrintedMedianIQR(text))
            let q = try quantiles(values, probs: [0.25, 0.5, 0.75], type: .type7)
            #expect(printed.lowerQuartile.isPrinted(from: q[0], rule: .halfUp), "\(row.name) \(text): Q1 = \(q[0])")
            #expect(printed.median.isPrinted(from: q[1], rule: .halfUp), "\(row.name) \(text): median = \(q[1])")
            #expect(printed.upperQuartile.isPrinted(from: q[2], rule: .halfUp), "\(row.name) \(text): Q3 = \(q[2])")
        }
        let p = try #require(PrintedPValue(row.p))
        var reproducing: [SignedRankProfile] = []
        for profile in SignedRankProfile.allCases {
            let test = try signedRankTest(before: before, after: after, options: SignedRankTestOptions(profile: profile))
            if p.matches(test.pValue, rule: .halfUp) { reproducing.append(profile) }
        }
        #expect(reproducing == row.reproducing)
    }

    @Test("the bundled certificates are what `trialstats reconstruct --profile r-legacy --seed 1` finds", arguments: CastleRow.all)
    func regeneratesCertificates(row: CastleRow) throws {
        let result = try reconstructPairs(try row.request())
        #expect(result.feasible && result.reason == nil)
        #expect(result.dataset == (try row.certificate()))
        #expect(result.pValueProfile == .rLegacy && result.profilesReproducing == row.reproducing)
        let range = try #require(result.pRange)
        #expect(range.min <= result.pValue! && result.pValue! <= range.max)
    }

    @Test("the search is deterministic for a seed, and other seeds also find certificates")
    func deterministic() throws {
        let row = CastleRow.all[2]  // HAQ, the narrow P = 0.0030
        let small = SearchBudget(extremes: 3000, target: 10000, stall: 500)
        var request = try row.request(profile: nil, seed: 5)
        request.budget = small
        let first = try reconstructPairs(request)
        let second = try reconstructPairs(request)
        #expect(first == second)
        #expect(first.feasible && first.dataset.count == 24)
        request = try row.request(profile: .r, seed: 6)
        request.budget = small
        let other = try reconstructPairs(request)
        #expect(other.feasible && other.profilesReproducing.contains(.r))
        #expect(other.pRange?.minIsProven == true && other.pRange?.min == 0x1p-23)
    }
}
