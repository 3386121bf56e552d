import Testing
@testable import TrialStats

@Suite("Multiplicity adjustment (Holm, Benjamini–Hochberg)")
struct PValueAdjustmentTests {
    static let p = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9]

    /// R 4.2.2: `print(p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9), "holm"), digits = 17)`.
    @Test("Holm matches R p.adjust, ties included")
    func holmMatchesR() throws {
        let r = [0.059999999999999998, 0.160000000000000003, 0.149999999999999994, 0.035000000000000003,
                 0.400000000000000022, 0.160000000000000003, 0.900000000000000022]
        #expect(try adjustPValues(Self.p, method: .holm) == r)
    }

    /// R 4.2.2: `print(p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.9), "BH"), digits = 17)`.
    @Test("Benjamini–Hochberg matches R p.adjust, ties included")
    func bhMatchesR() throws {
        let r = [0.035000000000000003, 0.055999999999999994, 0.055999999999999994, 0.035000000000000003,
                 0.233333333333333365, 0.055999999999999994, 0.900000000000000022]
        let adjusted = try adjustPValues(Self.p, method: .benjaminiHochberg)
        for (a, b) in zip(adjusted, r) { #expect(abs(a - b) <= 1e-15 * b) }
    }

    @Test("hand-worked: four p-values")
    func handWorked() throws {
        // Sorted 0.005, 0.01, 0.03, 0.04: Holm multiplies by 4, 3, 2, 1 → 0.02, 0.03, 0.06, 0.04,
        // running maximum 0.02, 0.03, 0.06, 0.06.
        let holm = try adjustPValues([0.01, 0.04, 0.03, 0.005], method: .holm)
        for (a, b) in zip(holm, [0.03, 0.06, 0.06, 0.02]) { #expect(abs(a - b) < 1e-15) }
        // BH from the top: 0.04·4/4, 0.03·4/3, 0.01·4/2, 0.005·4/1 → 0.04, 0.04, 0.02, 0.02.
        let bh = try adjustPValues([0.01, 0.04, 0.03, 0.005], method: .benjaminiHochberg)
        for (a, b) in zip(bh, [0.02, 0.04, 0.04, 0.02]) { #expect(abs(a - b) < 1e-15) }
    }

    @Test("properties: never below the raw p, at most 1, order-free, BH ≤ Holm, none and one p unchanged")
    func properties() throws {
        let p = [0.3, 0.001, 0.02, 0.02, 0.7, 0.049, 1.0, 0.0]
        let holm = try adjustPValues(p, method: .holm)
        let bh = try adjustPValues(p, method: .benjaminiHochberg)
        for i in p.indices {
            #expect(holm[i] >= p[i] && holm[i] <= 1 && bh[i] >= p[i] && bh[i] <= 1)
            #expect(bh[i] <= holm[i])
        }
        let order = [4, 0, 7, 2, 6, 1, 3, 5]
        let shuffled = try adjustPValues(order.map { p[$0] }, method: .holm)
        #expect(shuffled == order.map { holm[$0] })
        #expect(try adjustPValues(p, method: .none) == p)
        #expect(try adjustPValues([0.03], method: .holm) == [0.03])
        #expect(throws: StatisticsError.probabilityOutOfRange(1.5)) { try adjustPValues([0.1, 1.5], method: .holm) }
    }
}
