/// How a family of p-values is adjusted for multiple testing.
public enum PValueAdjustment: String, CaseIterable, Sendable, Codable {
    /// No adjustment: the raw p-values.
    case none
    /// Holm's step-down procedure (controls the family-wise error rate under any dependence).
    case holm
    /// Benjamini–Hochberg step-up procedure (controls the false discovery rate for independent or
    /// positively dependent tests).
    case benjaminiHochberg = "bh"
}

/// Adjusted p-values for a family of tests, in the order given.
///
/// With m p-values sorted increasingly, p₍₁₎ ≤ … ≤ p₍ₘ₎:
/// - `holm`: p̃₍ᵢ₎ = max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎) (Holm 1979);
/// - `bh`: p̃₍ᵢ₎ = min over j ≥ i of min(1, m·p₍ⱼ₎ / j) (Benjamini & Hochberg 1995);
/// - `none`: the p-values unchanged.
///
/// An adjusted p-value is the smallest family-wise level (Holm) or false discovery rate (BH) at
/// which that hypothesis would be rejected, so it can be compared with α directly. Equal p-values
/// get equal adjusted values; the result does not depend on the order of the input. A family of
/// one is returned unchanged.
///
/// **Matches** R `p.adjust(p, method = "holm")` and `p.adjust(p, method = "BH")` exactly (the
/// same products and cumulative maxima/minima, evaluated in the same order).
///
/// **References:** S. Holm (1979), "A simple sequentially rejective multiple test procedure",
/// *Scandinavian Journal of Statistics* 6:65–70. Y. Benjamini and Y. Hochberg (1995),
/// "Controlling the false discovery rate", *JRSS B* 57:289–300.
///
/// - Throws: ``StatisticsError/probabilityOutOfRange(_:)`` for a p-value outside [0, 1].
public func adjustPValues(_ p: [Double], method: PValueAdjustment) throws(StatisticsError) -> [Double] {
    for value in p where !(value.isFinite && value >= 0 && value <= 1) {
        throw StatisticsError.probabilityOutOfRange(value)
    }
    let m = p.count
    guard m > 1, method != .none else { return p }
    var adjusted = [Double](repeating: 0, count: m)
    switch method {
    case .none:
        return p
    case .holm:
        // R: i <- seq_len(n); o <- order(p); pmin(1, cummax((n - i + 1L) * p[o]))[order(o)]
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, Double(m - rank) * p[index])
            adjusted[index] = min(1, running)
        }
    case .benjaminiHochberg:
        // R: i <- n:1L; o <- order(p, decreasing = TRUE); pmin(1, cummin(n / i * p[o]))[order(o)]
        let order = p.indices.sorted { p[$0] > p[$1] || (p[$0] == p[$1] && $0 > $1) }
        var running = Double.infinity
        for (k, index) in order.enumerated() {
            let i = m - k
            running = min(running, Double(m) / Double(i) * p[index])
            adjusted[index] = min(1, running)
        }
    }
    return adjusted
}
