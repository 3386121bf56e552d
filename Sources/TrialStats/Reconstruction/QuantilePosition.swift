import Foundation

/// Which order statistics a sample quantile is made of, and with what weight.
///
/// Every Hyndman–Fan definition is Q(p) = (1 − γ) x₍ⱼ₎ + γ x₍ⱼ₊₁₎ with j and γ fixed by n, p and
/// the type, whatever the data (x₍₀₎ = x₍₁₎, x₍ₙ₊₁₎ = x₍ₙ₎). Reconstruction turns this around:
/// a printed median or quartile constrains only the two order statistics j and j + 1, and the
/// others are free as long as the sample stays in order. For n = 24 and type 7:
/// Q1 = x₍₆₎ + 0.75 (x₍₇₎ − x₍₆₎), the median (x₍₁₂₎ + x₍₁₃₎)/2, Q3 = x₍₁₈₎ + 0.25 (x₍₁₉₎ − x₍₁₈₎).
///
/// j and γ come from ``quantilePosition(n:p:type:)``, the library's own kernel, and
/// ``value(below:above:)`` does the same floating-point operations as ``quantiles(_:probs:type:)``, so a quantile assembled here is bit for bit the one the
/// library (and R) reports; the tests check this for every type, n ≤ 60 and many data sets.
struct QuantilePosition: Equatable, Sendable {
    /// 0-based index of x₍ⱼ₎ in the sorted sample (after clamping to 1…n).
    let lower: Int
    /// 0-based index of x₍ⱼ₊₁₎ (equal to `lower` when the quantile is a single order statistic).
    let upper: Int
    /// γ, the weight of the upper order statistic.
    let weight: Double
    /// The probability.
    let p: Double
    /// The type.
    let type: QuantileType

    init(n: Int, p: Double, type: QuantileType) {
        precondition(n > 0 && p >= 0 && p <= 1)
        let (j, h) = quantilePosition(n: n, p: p, type: type)
        self.p = p
        self.type = type
        lower = j - 1
        upper = h > 0 ? min(j, n - 1) : j - 1
        weight = h
    }

    /// The quantile from its two order statistics, with the kernel's floating-point operations.
    func value(below: Double, above: Double) -> Double {
        guard weight > 0, above != below else { return below }
        return (1 - weight) * below + weight * above
    }

    /// The single order statistic the quantile reduces to (γ = 0 or 1, or j clamped), if it does.
    var singleIndex: Int? {
        if lower == upper || weight == 0 { return lower }
        if weight == 1 { return upper }
        return nil
    }

    /// The formula with 1-based order statistics, for messages: "x(12) + 0.5·(x(13) − x(12))".
    var formula: String {
        if let k = singleIndex { return "x(\(k + 1))" }
        let w = formatWeight(weight)
        if weight == 0.5 { return "(x(\(lower + 1)) + x(\(upper + 1)))/2" }
        return "x(\(lower + 1)) + \(w)·(x(\(upper + 1)) − x(\(lower + 1)))"
    }
}

/// A weight for messages: at most four significant digits (as C's `%.4g`, rounded half-up).
func formatWeight(_ w: Double) -> String {
    DecimalText.general(w, significant: 4)
}
