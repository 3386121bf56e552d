import Foundation

/// The result of a (weighted) log-rank test across groups.
public struct LogRankResult: Equatable, Sendable {
    /// Group labels, in the order given.
    public var groups: [String]
    /// Observed (weighted) events per group.
    public var observed: [Double]
    /// Expected (weighted) events per group under H₀.
    public var expected: [Double]
    /// The chi-square statistic.
    public var chisq: Double
    /// Degrees of freedom: groups with expected > 0, less one.
    public var df: Int
    /// P(χ²_df > chisq).
    public var pValue: Double
    /// The Fleming–Harrington ρ.
    public var rho: Double
}

/// The log-rank test (ρ = 0) or the Fleming–Harrington G^ρ test across k groups.
///
/// At each distinct event time with n at risk and d events overall (n_g and d_g in group g), the
/// weight is w = Ŝ(t−)^ρ with Ŝ the pooled Kaplan–Meier curve just before t. O_g = Σ w·d_g,
/// E_g = Σ w·d·n_g/n, and V = Σ w²·d(n − d)/(n²(n − 1))·(n·diag(n_g) − n_g n_gᵀ). The statistic is
/// (O − E)ᵀV⁻¹(O − E) over all groups but the first, with k − 1 degrees of freedom (groups with no
/// expected events do not count). ρ = 1 is the Peto–Peto modification of the Gehan–Wilcoxon test.
///
/// **Matches** R `survdiff(Surv(time, status) ~ group, rho = )` (survival 3.5), including its
/// p-value and the degrees of freedom `print.survdiff` shows.
///
/// **References:** N. Mantel (1966), *Cancer Chemotherapy Reports* 50:163–170; D. P. Harrington
/// and T. R. Fleming (1982), "A class of rank test procedures for censored survival data",
/// *Biometrika* 69:553–566.
public func logRankTest(times: [Double], events: [Bool], groups: [Int], labels: [String], rho: Double = 0) throws(SurvivalError) -> LogRankResult {
    guard times.count == events.count, times.count == groups.count else { throw SurvivalError.lengthMismatch }
    guard !times.isEmpty else { throw SurvivalError.empty }
    for (i, t) in times.enumerated() where !(t.isFinite && t >= 0) { throw SurvivalError.invalidTime(index: i, value: t) }
    let k = labels.count
    let order = times.indices.sorted { times[$0] < times[$1] }
    var atRisk = [Int](repeating: 0, count: k)
    for g in groups { atRisk[g] += 1 }
    var observed = [Double](repeating: 0, count: k)
    var expected = [Double](repeating: 0, count: k)
    var variance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
    var pooledSurvival = 1.0  // Ŝ(t−)
    var index = 0
    while index < order.count {
        let t = times[order[index]]
        var deaths = [Int](repeating: 0, count: k)
        var leaving = [Int](repeating: 0, count: k)
        while index < order.count && times[order[index]] == t {
            let i = order[index]
            if events[i] { deaths[groups[i]] += 1 }
            leaving[groups[i]] += 1
            index += 1
        }
        let d = deaths.reduce(0, +)
        let n = atRisk.reduce(0, +)
        if d > 0 {
            let w = rho == 0 ? 1 : Foundation.pow(pooledSurvival, rho)
            let nd = Double(n), dd = Double(d)
            for g in 0..<k {
                observed[g] += w * Double(deaths[g])
                expected[g] += w * dd * Double(atRisk[g]) / nd
            }
            if n > 1 {
                let factor = w * w * dd * (nd - dd) / (nd * nd * (nd - 1))
                for g in 0..<k {
                    for h in 0..<k {
                        let term = (g == h ? nd * Double(atRisk[g]) : 0) - Double(atRisk[g]) * Double(atRisk[h])
                        variance[g][h] += factor * term
                    }
                }
            }
            pooledSurvival *= 1 - dd / nd
        }
        for g in 0..<k { atRisk[g] -= leaving[g] }
    }
    let df = expected.filter { $0 > 0 }.count - 1
    // Solve V[1:, 1:] x = (O − E)[1:] by Gaussian elimination with partial pivoting.
    let m = k - 1
    var chisq = 0.0
    if m > 0 {
        var a = (1...m).map { i in (1...m).map { j in variance[i][j] } }
        var b = (1...m).map { observed[$0] - expected[$0] }
        let diff = b
        var solvable = true
        for col in 0..<m {
            let pivot = (col..<m).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            if abs(a[pivot][col]) < 1e-12 * max(1, a.flatMap { $0 }.map(abs).max() ?? 1) { solvable = false; break }
            a.swapAt(col, pivot); b.swapAt(col, pivot)
            for row in (col + 1)..<m where row < m {
                let f = a[row][col] / a[col][col]
                for c in col..<m { a[row][c] -= f * a[col][c] }
                b[row] -= f * b[col]
            }
        }
        if solvable {
            var x = [Double](repeating: 0, count: m)
            for row in stride(from: m - 1, through: 0, by: -1) {
                var s = b[row]
                for c in (row + 1)..<m where c < m { s -= a[row][c] * x[c] }
                x[row] = s / a[row][row]
            }
            chisq = zip(x, diff).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }
    let p: Double
    if df <= 0 { p = 1 } else {
        do { p = try GSL.chiSquaredSurvival(chisq, df: Double(df)) } catch { throw SurvivalError.invalid(error) }
    }
    return LogRankResult(groups: labels, observed: observed, expected: expected, chisq: chisq, df: max(df, 0), pValue: p, rho: rho)
}
