/// A small deterministic random number generator (SplitMix64), so that a reconstruction gives
/// the same result for the same seed from run to run.
///
/// Each call advances the state by the golden-ratio increment 0x9E3779B97F4A7C15 and mixes it
/// (Steele, Lea & Flood 2014). Integers in a range come from ``int(in:)`` (rejection of the
/// biased remainder), not from the standard library's `random(in:using:)`, whose algorithm is
/// not promised to stay the same between Swift versions. Not for cryptography.
///
/// Reference: G. L. Steele, D. Lea and C. H. Flood (2014), "Fast splittable pseudorandom number
/// generators", *OOPSLA '14*, 453–472.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly distributed integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }  // the whole 64-bit range
        let threshold = (0 &- span) % span
        while true {
            let r = next()
            if r >= threshold { return range.lowerBound + Int(r % span) }
        }
    }

    /// A uniformly distributed integer in `range` (which must not be empty).
    public mutating func int(in range: Range<Int>) -> Int {
        int(in: range.lowerBound...(range.upperBound - 1))
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < p
    }
}
