import Testing
@testable import TrialStats

@Suite("Bisection in the order of doubles")
struct BisectionTests {
    /// The key orders doubles as their values and adjacent doubles have adjacent keys.
    @Test("orderedKey is monotone, adjacent and invertible")
    func keys() {
        let values: [Double] = [-.greatestFiniteMagnitude, -1e300, -1, -.leastNormalMagnitude, -.leastNonzeroMagnitude, -0.0, 0.0,
                                .leastNonzeroMagnitude, .leastNormalMagnitude, 0.5, 1, 1e300, .greatestFiniteMagnitude]
        for (a, b) in zip(values, values.dropFirst()) { #expect(orderedKey(a) < orderedKey(b), "\(a) \(b)") }
        for v in values {
            #expect(doubleFromOrderedKey(orderedKey(v)).bitPattern == v.bitPattern)
            // (−0.0).nextUp is the smallest positive double: +0 equals −0, so nextUp skips it.
            if v < .greatestFiniteMagnitude { #expect(orderedKey(v.nextUp) == orderedKey(v) + (v == 0 && v.sign == .minus ? 2 : 1), "\(v)") }
        }
        #expect(orderedKey(0.0) == orderedKey(-0.0) + 1)
    }

    /// A crossing at 0 from [−100, 100] (a Hodges–Lehmann bound at 0 with integer data) is found
    /// in at most 64 steps; halving the value needed over a thousand.
    @Test("a crossing anywhere is bracketed by adjacent doubles within 64 steps", arguments: [0.0, -0.0, 1e-310, -3.5, 99.99, 1.0 / 3])
    func steps(root: Double) {
        var lo = -100.0, hi = 100.0, steps = 0
        while true {
            let mid = midpointInOrder(lo, hi)
            if mid <= lo || mid >= hi { break }
            steps += 1
            if mid > root { hi = mid } else { lo = mid }
        }
        #expect(steps <= 64 && lo.nextUp == hi && lo <= root && root <= hi, "\(steps) steps, \(lo) \(hi)")
    }

    @Test("the midpoint lies strictly inside unless the ends are adjacent")
    func inside() {
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<10_000 {
            let a = Double(bitPattern: generator.next()), b = Double(bitPattern: generator.next())
            guard a.isFinite, b.isFinite, a != b else { continue }
            let (lo, hi) = (min(a, b), max(a, b))
            let mid = midpointInOrder(lo, hi)
            #expect(lo <= mid && mid <= hi)
            #expect((mid != lo && mid != hi) || lo.nextUp == hi || (lo == -0.0 && hi == 0.0))
        }
    }
}
