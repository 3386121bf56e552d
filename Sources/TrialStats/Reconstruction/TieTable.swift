/// Exact signed-rank distributions by tie pattern, kept for reuse: the cumulative counts
/// #{sign patterns with T ≤ s}, s up to half the total, of the scores that a tie pattern and a
/// number of zeros imply (see ``ProfilePValues``).
///
/// A pattern is the set of sorted positions q (0-based among the m nonzero |d|) that end a run of
/// equal |d|; with z zeros ranked first (`pratt`), the run at positions p+1…p+k of all n gets the
/// doubled midrank 2p + k + 1 (z = 0 gives `wilcox`). The scores are divided by their greatest
/// common divisor g, and the counts come from ∏(1 + x^(aᵢ/g)) expanded in 64-bit integers up to
/// half the reduced total; for m ≤ 52 they are below 2⁵³ and exact as `Double`s.
///
/// The table is an open-addressing hash on the key pattern + z·2⁵² (m ≤ 52, z < 4096) with the
/// counts in one array. A pattern is first expanded only as far as the tail asked for (the search
/// for small p-values needs a few terms), and to half the total when a later tail reaches beyond.
/// When the table holds more than ``capacity`` counts it starts afresh, so memory stays bounded
/// (4 MB).
struct TieTable {
    /// Where a pattern's counts are: storage[offset + s] = #{T ≤ s·divisor} for s < length.
    struct Entry {
        var offset: Int
        var length: Int
        var divisor: Int
    }

    /// The most counts kept before the table is cleared.
    static let capacity = 1 << 19

    private var slots = [UInt64](repeating: 0, count: 1 << 12)
    private var slotEntry = [Entry](repeating: Entry(offset: 0, length: 0, divisor: 0), count: 1 << 12)
    private var used = 0
    private var storage: [Double] = []
    private var coefficients: [UInt64] = []
    private var runs: [(rank: Int, size: Int)] = []

    /// #{T ≤ t} (t in doubled units, at most half the total) for the scores of `pattern` with
    /// `zeros` zeros ranked first.
    mutating func count(pattern: UInt64, zeros: Int, atMost t: Int) -> Double {
        precondition(pattern != 0 && pattern < 1 << 52 && zeros < 1 << 12)
        let key = pattern | UInt64(zeros) << 52
        let (slot, found) = find(key)
        if found {
            let e = slotEntry[slot]
            if t / e.divisor < e.length { return storage[e.offset + t / e.divisor] }
        }
        // New, or known but not this far (then expanded to half the total). Storing may clear
        // the table, so the slot is looked up again.
        let e = store(pattern: pattern, zeros: zeros, upTo: found ? nil : t)
        var (newSlot, present) = find(key)
        if !present {
            if 2 * (used + 1) > slots.count {
                grow()
                newSlot = find(key).slot
            }
            used += 1
        }
        slots[newSlot] = key
        slotEntry[newSlot] = e
        return storage[e.offset + t / e.divisor]
    }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UInt64) -> (slot: Int, found: Bool) {
        var slot = Self.slot(key, slots.count)
        while slots[slot] != 0 {
            if slots[slot] == key { return (slot, true) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (slot, false)
    }

    /// Expands the pattern up to `t` (nil: half the total) and appends the cumulative counts.
    private mutating func store(pattern: UInt64, zeros: Int, upTo t: Int?) -> Entry {
        runs.removeAll(keepingCapacity: true)
        var start = 0
        var rest = pattern
        while rest != 0 {
            let end = rest.trailingZeroBitCount  // the last position of the run
            let size = end - start + 1
            runs.append((2 * (zeros + start) + size + 1, size))
            start = end + 1
            rest &= rest - 1
        }
        let divisor = runs.reduce(0) { gcd($0, $1.rank) }
        let half = runs.reduce(0) { $0 + $1.size * ($1.rank / divisor) } / 2
        let bound = t.map { min(half, $0 / divisor) } ?? half
        if storage.count + bound + 1 > Self.capacity {
            // Full: start afresh (every entry pointed into the storage).
            storage.removeAll(keepingCapacity: true)
            for i in slots.indices { slots[i] = 0 }
            used = 0
        }
        if storage.capacity < Self.capacity { storage.reserveCapacity(Self.capacity) }
        let offset = storage.count
        Self.expand(runs, divisor: divisor, bound: bound, scratch: &coefficients)
        var running: UInt64 = 0
        for s in 0...bound {
            running &+= coefficients[s]
            storage.append(Double(running))
        }
        return Entry(offset: offset, length: bound + 1, divisor: divisor)
    }

    private static func slot(_ key: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (size - 1)
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: size)
        var newEntries = [Entry](repeating: Entry(offset: 0, length: 0, divisor: 0), count: size)
        for (key, entry) in zip(slots, slotEntry) where key != 0 {
            var slot = Self.slot(key, size)
            while newSlots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            newSlots[slot] = key
            newEntries[slot] = entry
        }
        slots = newSlots
        slotEntry = newEntries
    }

    /// c[s] for s = 0…bound: the number of sign patterns with T = s·divisor, from ∏(1 + x^(r/divisor))
    /// over the runs' doubled midranks r (each run's size times), in ascending order of r.
    static func expand(_ runs: [(rank: Int, size: Int)], divisor: Int, bound: Int, scratch c: inout [UInt64]) {
        c.removeAll(keepingCapacity: true)
        c.append(contentsOf: repeatElement(0, count: bound + 1))
        c.withUnsafeMutableBufferPointer { buffer in
            let c = buffer.baseAddress!
            c[0] = 1
            var span = 0
            for run in runs {
                let value = run.rank / divisor
                guard value <= bound else { break }  // the runs ascend: none further reaches the bound
                for _ in 0..<run.size {
                    span = min(bound, span + value)
                    addShifted(c, by: value, top: span)
                }
            }
        }
    }

    /// c[s] += c[s − value] for s = top down to value; four at a time when value ≥ 4 (the source
    /// block then lies wholly below the target block, not yet updated).
    @inline(__always)
    private static func addShifted(_ c: UnsafeMutablePointer<UInt64>, by value: Int, top: Int) {
        var s = top
        #if !DEBUG
        if value >= 4 {
            let raw = UnsafeMutableRawPointer(c)
            let width = MemoryLayout<UInt64>.stride
            while s - 3 >= value {
                let target = (s - 3) * width, source = (s - 3 - value) * width
                let sum = raw.loadUnaligned(fromByteOffset: target, as: SIMD4<UInt64>.self)
                    &+ raw.loadUnaligned(fromByteOffset: source, as: SIMD4<UInt64>.self)
                raw.storeBytes(of: sum, toByteOffset: target, as: SIMD4<UInt64>.self)
                s -= 4
            }
        }
        #endif
        while s >= value { c[s] &+= c[s - value]; s -= 1 }
    }
}
