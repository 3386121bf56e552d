/// Two-sided signed-rank p-values of one set of paired differences under several software
/// profiles at once: the fast path of the reconstruction search, which evaluates thousands of
/// candidate pairings.
///
/// The differences are integers (grid steps); the signed-rank test depends only on the signs,
/// the zeros and the order and ties of |d|, which multiplying by the grid step does not change,
/// so these are the p-values of ``signedRankTest(before:after:options:)`` on the data themselves.
/// The profile rules (``resolveSettings``), the ranks (``SignedRankScores``), the exact
/// distribution and the normal approximation are the signed-rank test's own functions; only the
/// Hodges–Lehmann interval, which the search does not need, is skipped. The tests check that the
/// p-values are identical to `signedRankTest`'s, bit for bit, on random tied and zero-laden data.
struct ProfilePValues {
    /// Computes the p-value of `differences` (after − before, in grid steps) under each profile.
    static func compute(_ differences: [Int], profiles: [SignedRankProfile]) -> [Double] {
        let paired = PairedDifferences(gridSteps: differences)
        let wilcox = SignedRankScores(paired, zeroMethod: .wilcox)
        let wilcoxDistribution = SignedRankDistribution(scores: wilcox.scores)
        let reducedT = wilcox.positiveScoreSum / wilcoxDistribution.divisor
        let work = wilcox.scores.count * min(reducedT, wilcoxDistribution.reducedTotal - reducedT)
        var pratt: (SignedRankScores, SignedRankDistribution)?
        return profiles.map { profile in
            let settings = resolveSettings(SignedRankTestOptions(profile: profile), pairs: differences.count,
                                           nonzero: wilcox.scores.count, hasTies: wilcox.hasTies,
                                           hasZeros: wilcox.zeroCount > 0, exactWork: work)
            let scores: SignedRankScores, distribution: SignedRankDistribution
            if settings.zeroMethod == .wilcox {
                (scores, distribution) = (wilcox, wilcoxDistribution)
            } else {
                if pratt == nil {
                    let s = SignedRankScores(paired, zeroMethod: settings.zeroMethod)
                    pratt = (s, SignedRankDistribution(scores: s.scores))
                }
                (scores, distribution) = pratt!
            }
            return min(1, max(0, pValue(scores, distribution, method: settings.method, correct: settings.correct)))
        }
    }

    /// The two-sided p-value by `method`, as ``runSignedRankTest`` computes it.
    private static func pValue(_ scores: SignedRankScores, _ distribution: SignedRankDistribution,
                               method: SignedRankMethod, correct: Bool) -> Double {
        if scores.scores.isEmpty { return 1 }
        switch method {
        case .exact, .auto:
            return exactPValue(distribution, scores, .twoSided)
        case .normal:
            return (try? normalPValue(v: scores.statisticV, mean: scores.meanV, sd: scores.varianceV.squareRoot(),
                                      correct: correct, .twoSided)) ?? .nan
        case .t:
            let n = Double(scores.scores.count)
            let s = scores.statisticV - scores.meanV
            let denominator = n * scores.varianceV - s * s
            guard denominator > 0 && n > 1 else { return exactPValue(distribution, scores, .twoSided) }
            let t = s * ((n - 1) / denominator).squareRoot()
            return (try? GSL.tSurvival(abs(t), df: n - 1)).map { min(1, 2 * $0) } ?? .nan
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
