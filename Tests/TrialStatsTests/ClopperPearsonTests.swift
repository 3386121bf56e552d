import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// One row of `Fixtures/reference/clopper_pearson_mpmath.csv`: the Clopper–Pearson limits of
/// x of n at tail probability `tail`, from 40-digit binomial tail sums (mpmath; see the script
/// beside it), independent of any beta function.
struct ClopperPearsonCase: Sendable, CustomTestStringConvertible {
    var x: Int
    var n: Int
    var tail: Double
    var lower: Double
    var upper: Double
    var testDescription: String { "\(x)/\(n) tail \(tail)" }

    static let all: [ClopperPearsonCase] = {
        guard let text = try? ReferenceFixtures.text("reference/clopper_pearson_mpmath.csv") else { return [] }
        return text.split(separator: "\n").dropFirst(2).compactMap { line in
            let f = line.split(separator: ",").map(String.init)
            guard f.count == 5, let x = Int(f[0]), let n = Int(f[1]), let tail = Double(f[2]),
                  let lower = Double(f[3]), let upper = Double(f[4]) else { return nil }
            return ClopperPearsonCase(x: x, n: n, tail: tail, lower: lower, upper: upper)
        }
    }()

    /// The cases of one n, for a test per n.
    static func of(n: Int) -> [ClopperPearsonCase] { all.filter { $0.n == n } }
}

/// The beta inverse behind the limits (Halley steps continued by the density's Taylor series,
/// one continued fraction per limit) against an independent 40-digit computation, over every x
/// for small n and a sweep of x for n up to 10⁵, at confidence levels 0.5 to 0.999999.
@Suite("Clopper–Pearson limits against 40-digit binomial tail sums")
struct ClopperPearsonTests {
    @Test("the reference file is read whole")
    func fixtureRead() {
        #expect(ClopperPearsonCase.all.count == ClopperPearsonTests.expectedRows)
    }

    static let expectedRows = 451

    /// The limits agree with the 40-digit roots to 1.2e-14 relative (measured: at most 9.0e-15;
    /// R 4.2.2 qbeta agrees with the same roots to 8.3e-15).
    @Test("limits agree with mpmath to 1.2e-14 relative", arguments: [1, 2, 3, 5, 7, 10, 24, 30, 100, 1000, 10_000, 100_000])
    func limits(n: Int) throws {
        let cases = ClopperPearsonCase.of(n: n)
        #expect(!cases.isEmpty)
        for c in cases {
            // The limits as clopperPearsonBounds computes them, at exactly the tail probability
            // of the reference (a level's (1 − level)/2 rounds: 5.000000000032756e-07 for 0.999999).
            let x = Double(c.x), n = Double(c.n)
            let lower = c.x == 0 ? 0 : try GSL.betaQuantile(c.tail, x, n - x + 1)
            let upper = c.x == c.n ? 1 : try GSL.betaUpperQuantile(c.tail, x + 1, n - x)
            #expect(agrees(lower, c.lower, relative: 1.2e-14), "\(c.testDescription): lower \(lower) vs \(c.lower)")
            #expect(agrees(upper, c.upper, relative: 1.2e-14), "\(c.testDescription): upper \(upper) vs \(c.upper)")
        }
    }
}
