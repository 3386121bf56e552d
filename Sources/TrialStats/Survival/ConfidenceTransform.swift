import Foundation

/// The scale on which a pointwise confidence interval for S(t) is symmetric.
///
/// With σ(t) the Greenwood standard error of −log S(t), σ² = Σ_{tᵢ≤t} dᵢ/(nᵢ(nᵢ − dᵢ)), and
/// z = z₁₋α/₂ (R `survival:::survfit_confint`, survival 3.5):
/// - `logLog` (SAS, Stata and lifelines' default; well behaved in small samples):
///   S^exp(±zσ/log S); not estimable (nil) where S = 0 or S = 1.
/// - `log` (R's default): S·exp(∓zσ), the upper bound truncated at 1; nil where S = 0.
/// - `plain`: S ∓ zσS, clipped to [0, 1]; nil where S = 0.
/// - `arcsine`: sin²(asin√S ∓ ½zσ√(S/(1 − S))), clipped to [0, π/2] inside; nil where S = 0 or 1.
///
/// **Reference:** Kalbfleisch & Prentice (2002), *The Statistical Analysis of Failure Time Data*,
/// 2nd ed., §1.4; Borgan & Liestøl (1990), *Scand. J. Statist.* 17:35–41 (arcsine and log-log).
public enum ConfidenceTransform: String, CaseIterable, Sendable, Codable {
    case logLog = "log-log"
    case log
    case plain
    case arcsine

    /// The toolkit's default.
    public static let `default`: ConfidenceTransform = .logLog

    /// The pointwise bounds for survival `s` with Greenwood SE `sigma` of −log S, or nil where R
    /// reports NA/NaN.
    func bounds(survival s: Double, sigma: Double, z: Double) -> (lower: Double, upper: Double)? {
        guard s > 0, sigma.isFinite else { return nil }
        switch self {
        case .plain:
            let half = sigma * s * z
            return (max(s - half, 0), min(s + half, 1))
        case .log:
            let half = z * sigma
            return (Foundation.exp(Foundation.log(s) - half), min(Foundation.exp(Foundation.log(s) + half), 1))
        case .logLog:
            guard s < 1 else { return nil }
            let half = z * sigma / Foundation.log(s)
            let lower = Foundation.exp(-Foundation.exp(Foundation.log(-Foundation.log(s)) - half))
            let upper = Foundation.exp(-Foundation.exp(Foundation.log(-Foundation.log(s)) + half))
            return (lower, upper)
        case .arcsine:
            guard s < 1 else { return nil }
            let half = 0.5 * z * sigma * (s / (1 - s)).squareRoot()
            let angle = Foundation.asin(s.squareRoot())
            let lower = Foundation.pow(Foundation.sin(max(0, angle - half)), 2)
            let upper = Foundation.pow(Foundation.sin(min(Double.pi / 2, angle + half)), 2)
            return (lower, upper)
        }
    }
}
