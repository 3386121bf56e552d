/// The ranks behind a signed-rank test: midranks of |d| (doubled, so that they are integers),
/// split into the scores of the nonzero differences that the null distribution permutes and the
/// fixed part contributed by zeros.
///
/// Ties in |d| get the average of the ranks they span (midranks); |d| and zeros are compared as
/// ``PairedDifferences`` says (exact decimal arithmetic). Ranks are stored doubled: a midrank of
/// 3.5 is stored as 7.
struct SignedRankScores: Equatable, Sendable {
    /// Doubled ranks of the nonzero differences, in input order of those differences.
    var scores: [Int]
    /// The sign (+1 or −1) of each nonzero difference, aligned with ``scores``.
    var positive: [Bool]
    /// Number of zero differences.
    var zeroCount: Int
    /// Sum of the doubled ranks given to zeros (0 for `wilcox`, where zeros are not ranked).
    var zeroScoreSum: Int
    /// Sum of the squared doubled ranks given to zeros (0 for `wilcox`).
    var zeroScoreSquares: Int
    /// Sizes of the groups of tied nonzero |d| (groups of size ≥ 2).
    var tieGroupSizes: [Int]
    /// The zero method used.
    var zeroMethod: ZeroMethod

    /// Ranks `differences` under `zeroMethod`.
    init(_ differences: PairedDifferences, zeroMethod: ZeroMethod) {
        self.zeroMethod = zeroMethod
        let n = differences.values.count
        let zero = (0..<n).map { differences.isZero($0) }
        let ranked = (0..<n).filter { zeroMethod != .wilcox || !zero[$0] }
        // Sort by |d|, exactly (decimal integers or their exact order).
        let magnitude = (0..<n).map { abs(differences.key($0)) }
        let order = ranked.sorted { magnitude[$0] < magnitude[$1] }
        var doubledRank = [Int](repeating: 0, count: n)
        var tieGroups: [Int] = []
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && magnitude[order[end + 1]] == magnitude[order[start]] { end += 1 }
            // Positions start+1 ... end+1 share the midrank (start + end + 2)/2; doubled: start + end + 2.
            for k in start...end { doubledRank[order[k]] = start + end + 2 }
            if end > start && !zero[order[start]] { tieGroups.append(end - start + 1) }
            start = end + 1
        }
        var scores: [Int] = [], positive: [Bool] = []
        var zeroSum = 0, zeroSquares = 0, zeros = 0
        for i in 0..<n {
            if zero[i] {
                zeros += 1
                zeroSum += doubledRank[i]
                zeroSquares += doubledRank[i] * doubledRank[i]
            } else {
                scores.append(doubledRank[i])
                positive.append(differences.sign(i) > 0)
            }
        }
        self.scores = scores
        self.positive = positive
        self.zeroCount = zeros
        self.zeroScoreSum = zeroMethod == .wilcox ? 0 : zeroSum
        self.zeroScoreSquares = zeroMethod == .wilcox ? 0 : zeroSquares
        self.tieGroupSizes = tieGroups
    }

    /// Whether any nonzero |d| are tied.
    var hasTies: Bool { !tieGroupSizes.isEmpty }

    /// The permuted statistic in doubled units: T = Σ scores of positive differences.
    var positiveScoreSum: Int { zip(scores, positive).reduce(0) { $0 + ($1.1 ? $1.0 : 0) } }

    /// Σ scores (doubled): T ranges over 0…total.
    var total: Int { scores.reduce(0, +) }

    /// V, the sum of positive ranks as R reports it (for `zsplit`, plus half the zeros' ranks).
    var statisticV: Double {
        Double(positiveScoreSum) / 2 + (zeroMethod == .zsplit ? Double(zeroScoreSum) / 4 : 0)
    }

    /// The sum of negative ranks (for `zsplit`, plus half the zeros' ranks).
    var negativeRankSum: Double {
        Double(total - positiveScoreSum) / 2 + (zeroMethod == .zsplit ? Double(zeroScoreSum) / 4 : 0)
    }

    /// E[V] under H₀ (exact, conditional on the ranks).
    var meanV: Double { Double(total) / 4 + (zeroMethod == .zsplit ? Double(zeroScoreSum) / 4 : 0) }

    /// Var[V] under H₀ conditional on the ranks: Σ rᵢ²/4 over the permuted scores. For `wilcox`
    /// this is n(n+1)(2n+1)/24 − Σ(t³ − t)/48, R's tie-corrected variance; for `pratt` it is
    /// SciPy's and R-devel's [n(n+1)(2n+1) − k(k+1)(2k+1)]/24 − Σ(t³ − t)/48 (k zeros). For
    /// `zsplit` it follows SciPy, which counts the zeros' ranks as well (Σ over all ranks rᵢ²/4,
    /// i.e. n(n+1)(2n+1)/24 less the tie correction including the zeros' group), although
    /// their half-ranks are fixed under H₀; the exact distribution keeps them fixed.
    var varianceV: Double {
        let permuted = scores.reduce(0.0) { $0 + Double($1) * Double($1) }
        let zeros = zeroMethod == .zsplit ? Double(zeroScoreSquares) : 0
        return (permuted + zeros) / 16
    }
}
