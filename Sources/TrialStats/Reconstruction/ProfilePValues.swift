import Foundation

/// Two-sided signed-rank p-values of one set of paired differences under several software
/// profiles at once: the fast path of the reconstruction search, which evaluates hundreds of
/// thousands of candidate pairings.
///
/// The differences are integers (grid steps); the signed-rank test depends only on the signs,
/// the zeros and the order and ties of |d|, which multiplying by the grid step does not change,
/// so these are the p-values of ``signedRankTest(before:after:options:)`` on the data themselves,
/// bit for bit (the tests check it on random tied and zero-laden data). The profile rules are
/// the test's own (``resolveSettings``), and so are the normal and t approximations; the ranks and
/// the exact distribution are computed here in integers, which gives the same numbers:
///
/// - **Ranks.** The |d| are sorted once; each run of equal |d| at sorted positions p+1…p+m
///   (zeros first) gets the doubled midrank 2p + m + 1 under `pratt` and the same with p counted
///   among the nonzero differences under `wilcox`.
/// - **Exact tail.** The exact p-value is 2·#{sign patterns with T ≤ t}/2^m, m nonzero
///   differences (``SignedRankDistribution``). Up to ``exactCountLimit`` nonzero differences the
///   counts are below 2⁵³, so the expansion's floating-point coefficients are exact integers,
///   never rescaled, and any exact computation of the count gives the same `Double`. The
///   distribution depends only on the tie pattern — which sorted nonzero |d| end a run of equal
///   values — and on the number of zeros (`pratt`), not on the values or the signs; the
///   search's moves revisit few patterns, so each pattern's cumulative counts (up to half the
///   total, the distribution being symmetric) are computed once and kept (``TieTable``), and a
///   candidate's exact p-value is one lookup.
///
/// Larger data (more than ``exactCountLimit`` nonzero differences, |d| beyond 2⁶⁰, 4,096 zeros or more, or a zero
/// method other than `wilcox` and `pratt`) take the signed-rank test's own functions
/// (``SignedRankScores``, ``SignedRankDistribution``), whose counts are then rounded as the test
/// rounds them.
struct ProfilePValues {
    /// The profiles, in the order of the p-values returned.
    let profiles: [SignedRankProfile]
    /// The most nonzero differences whose sign-pattern counts (at most 2^m) stay exact in a
    /// `Double`: 52.
    static let exactCountLimit = 52

    private var table = TieTable()
    /// Packed |d|·2 + [d > 0] of the differences being evaluated, sorted.
    private var keys: [UInt64] = []

    init(profiles: [SignedRankProfile]) {
        self.profiles = profiles
    }

    /// The p-values of `differences` (after − before, in grid steps) in one call.
    static func compute(_ differences: [Int], profiles: [SignedRankProfile]) -> [Double] {
        var evaluator = ProfilePValues(profiles: profiles)
        return evaluator.pValues(differences)
    }

    /// Computes the p-value of `differences` (after − before, in grid steps) under each profile.
    mutating func pValues(_ differences: [Int]) -> [Double] {
        guard let ranks = rank(differences) else {
            return Self.reference(differences, profiles: profiles)
        }
        return profiles.map { profile in
            let settings = resolveSettings(SignedRankTestOptions(profile: profile), pairs: differences.count,
                                           nonzero: ranks.nonzero, hasTies: ranks.hasTies, hasZeros: ranks.zeros > 0,
                                           exactWork: 0)
            guard settings.zeroMethod != .zsplit else { return Self.reference(differences, profiles: [profile])[0] }
            let pratt = settings.zeroMethod == .pratt
            let p = pValue(ranks, statistic: pratt ? ranks.prattT : ranks.wilcoxT,
                           total: pratt ? ranks.prattTotal : ranks.wilcoxTotal,
                           squares: pratt ? ranks.prattSquares : ranks.wilcoxSquares,
                           zeros: pratt ? ranks.zeros : 0, method: settings.method, correct: settings.correct)
            return min(1, max(0, p))
        }
    }

    /// What the ranks of one set of differences give the p-values: doubled rank sums under both
    /// zero methods and the tie pattern.
    struct Ranks {
        var nonzero = 0, zeros = 0
        var hasTies = false
        /// Bit q set when the q-th smallest nonzero |d| ends a run of equal values.
        var pattern: UInt64 = 0
        var wilcoxT = 0, wilcoxTotal = 0, wilcoxSquares = 0
        var prattT = 0, prattTotal = 0, prattSquares = 0
    }

    /// Ranks `differences`; nil when they are outside the integer path (see the type's comment).
    private mutating func rank(_ differences: [Int]) -> Ranks? {
        let n = differences.count
        keys.removeAll(keepingCapacity: true)
        var nonzero = 0
        for d in differences {
            let size = d.magnitude
            guard size < 1 << 60 else { return nil }
            keys.append(UInt64(size) << 1 | (d > 0 ? 1 : 0))
            if d != 0 { nonzero += 1 }
        }
        guard nonzero <= Self.exactCountLimit, n - nonzero < 1 << 12 else { return nil }
        // Insertion sort: the samples are a few dozen values.
        keys.withUnsafeMutableBufferPointer { k in
            for i in 1..<max(n, 1) {
                let x = k[i]
                var j = i
                while j > 0 && k[j - 1] > x { k[j] = k[j - 1]; j -= 1 }
                k[j] = x
            }
        }
        var r = Ranks()
        r.nonzero = nonzero
        r.zeros = n - nonzero
        var start = r.zeros
        keys.withUnsafeBufferPointer { k in
            while start < n {
                let size = k[start] >> 1
                var end = start + 1
                var positives = Int(k[start] & 1)
                while end < n && k[end] >> 1 == size { positives += Int(k[end] & 1); end += 1 }
                let m = end - start
                let pratt = 2 * start + m + 1
                let wilcox = pratt - 2 * r.zeros
                r.prattT += positives * pratt
                r.prattTotal += m * pratt
                r.prattSquares += m * pratt * pratt
                r.wilcoxT += positives * wilcox
                r.wilcoxTotal += m * wilcox
                r.wilcoxSquares += m * wilcox * wilcox
                if m > 1 { r.hasTies = true }
                r.pattern |= 1 << UInt64(end - 1 - r.zeros)
                start = end
            }
        }
        return r
    }

    /// The two-sided p-value by `method`, as ``runSignedRankTest`` computes it for the ranks of
    /// one zero method (T, Σ scores and Σ scores², all doubled).
    private mutating func pValue(_ ranks: Ranks, statistic t: Int, total: Int, squares: Int, zeros: Int,
                                 method: SignedRankMethod, correct: Bool) -> Double {
        let m = ranks.nonzero
        if m == 0 { return 1 }
        let v = Double(t) / 2, mean = Double(total) / 4, variance = Double(squares) / 16
        switch method {
        case .exact, .auto:
            return exact(ranks, statistic: t, total: total, zeros: zeros)
        case .normal:
            return (try? normalPValue(v: v, mean: mean, sd: variance.squareRoot(), correct: correct, .twoSided)) ?? .nan
        case .t:
            let n = Double(m)
            let s = v - mean
            let denominator = n * variance - s * s
            guard denominator > 0 && n > 1 else { return exact(ranks, statistic: t, total: total, zeros: zeros) }
            let tStatistic = s * ((n - 1) / denominator).squareRoot()
            return (try? GSL.tSurvival(abs(tStatistic), df: n - 1)).map { min(1, 2 * $0) } ?? .nan
        }
    }

    /// min(1, 2·P(T ≤ min(t, total − t))): the smaller tail, on the observed side.
    private mutating func exact(_ ranks: Ranks, statistic t: Int, total: Int, zeros: Int) -> Double {
        let smaller = table.count(pattern: ranks.pattern, zeros: zeros, atMost: min(t, total - t))
        return min(1, 2 * scalbn(smaller, -ranks.nonzero))
    }

    /// The signed-rank test's own functions, for data outside the integer path.
    static func reference(_ differences: [Int], profiles: [SignedRankProfile]) -> [Double] {
        let paired = PairedDifferences(gridSteps: differences)
        let wilcox = SignedRankScores(paired, zeroMethod: .wilcox)
        let wilcoxDistribution = SignedRankDistribution(scores: wilcox.scores)
        var others: [ZeroMethod: (SignedRankScores, SignedRankDistribution)] = [:]
        return profiles.map { profile in
            let settings = resolveSettings(SignedRankTestOptions(profile: profile), pairs: differences.count,
                                           nonzero: wilcox.scores.count, hasTies: wilcox.hasTies,
                                           hasZeros: wilcox.zeroCount > 0, exactWork: 0)
            let scores: SignedRankScores, distribution: SignedRankDistribution
            if settings.zeroMethod == .wilcox {
                (scores, distribution) = (wilcox, wilcoxDistribution)
            } else {
                if others[settings.zeroMethod] == nil {
                    let s = SignedRankScores(paired, zeroMethod: settings.zeroMethod)
                    others[settings.zeroMethod] = (s, SignedRankDistribution(scores: s.scores))
                }
                (scores, distribution) = others[settings.zeroMethod]!
            }
            let statistic = SignedRankStatistic(scores)
            let p = try? signedRankPValue(statistic, scores, distribution, method: settings.method,
                                          correct: settings.correct, alternative: .twoSided)
            return min(1, max(0, p?.pValue ?? .nan))
        }
    }
}

extension PairedDifferences {
    /// Differences that are already whole numbers (grid steps): what
    /// `PairedDifferences(differences:)` gives for them (no decimals, the integers themselves),
    /// without reading each value's decimal form.
    init(gridSteps: [Int]) {
        values = gridSteps.map(Double.init)
        scaled = gridSteps.map(Int64.init)
        decimals = 0
    }
}
