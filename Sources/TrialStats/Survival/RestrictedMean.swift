/// The restricted mean survival time up to τ, with its standard error and a Wald interval.
public struct RestrictedMean: Equatable, Sendable {
    /// The truncation time τ.
    public var tau: Double
    /// ∫₀^τ S(u) du.
    public var estimate: Double
    /// Its standard error.
    public var stdErr: Double
    /// estimate − z·SE.
    public var lower: Double
    /// estimate + z·SE.
    public var upper: Double
}

extension KaplanMeierCurve {
    /// RMST up to τ: the area under the step function S from 0 to τ, with S = 1 before the first
    /// time and, past the last observed time, S held at its last value (as R does).
    ///
    /// Var = Σ over event times tᵢ ≤ τ of Aᵢ²·dᵢ/(nᵢ(nᵢ − dᵢ)), with Aᵢ = ∫_{tᵢ}^{τ} S(u) du and terms
    /// with nᵢ = dᵢ counted as 0 (no n/(n − 1) factor). The interval is estimate ± z·SE (survival
    /// prints none). For τ before the first observed time R refuses; TrialStats returns τ with
    /// SE 0 (S = 1 there).
    ///
    /// **Matches** R `summary(survfit(...), rmean = tau)$table[, c("rmean", "se(rmean)")]`
    /// (`print(fit, rmean = tau)`), survival 3.5.
    ///
    /// **Reference:** P. Royston and M. K. B. Parmar (2013), "Restricted mean survival time",
    /// *BMC Medical Research Methodology* 13:152.
    public func restrictedMean(tau: Double) throws(SurvivalError) -> RestrictedMean {
        guard tau.isFinite, tau > 0 else { throw SurvivalError.invalidTau(tau) }
        let kept = steps.filter { $0.time <= tau }
        var times = kept.map(\.time) + [tau]
        var survival = kept.map(\.survival)
        survival.append(kept.last?.survival ?? 1)
        var hazardTerms = kept.map { s -> Double in
            s.nRisk == s.nEvent ? 0 : Double(s.nEvent) / (Double(s.nRisk) * Double(s.nRisk - s.nEvent))
        }
        hazardTerms.append(0)
        if kept.isEmpty { times = [tau]; survival = [1]; hazardTerms = [0] }
        // Rectangles: width (time_k − time_{k−1}) × S before time_k (S = 1 before the first).
        var rectangles: [Double] = []
        var previousTime = 0.0, previousSurvival = 1.0
        for (t, s) in zip(times, survival) {
            rectangles.append((t - previousTime) * previousSurvival)
            previousTime = t
            previousSurvival = s
        }
        let estimate = rectangles.reduce(0, +)
        // Aᵢ for row i is the area after tᵢ: the sum of rectangles k > i.
        var variance = 0.0
        var areaAfter = 0.0
        for i in stride(from: rectangles.count - 1, through: 1, by: -1) {
            areaAfter += rectangles[i]
            variance += areaAfter * areaAfter * hazardTerms[i - 1]
        }
        let se = variance.squareRoot()
        return RestrictedMean(tau: tau, estimate: estimate, stdErr: se, lower: estimate - z * se, upper: estimate + z * se)
    }
}
