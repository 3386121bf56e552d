/// Survival at a chosen time (a landmark), as R `summary(fit, times = t)` reports it.
public struct SurvivalAtTime: Equatable, Sendable {
    /// The landmark time.
    public var time: Double
    /// Number still at risk at the time (observed time ≥ t); 0 after the last observation.
    public var nRisk: Int
    /// S(t); nil after the last observed time, where S is not estimable (R drops such times).
    public var survival: Double?
    /// Greenwood SE of S(t).
    public var stdErr: Double?
    /// Pointwise lower bound.
    public var lower: Double?
    /// Pointwise upper bound.
    public var upper: Double?
}

extension KaplanMeierCurve {
    /// S(t) at a landmark time with its SE and interval: the curve at the last observed time ≤ t.
    ///
    /// Before the first observed time S = 1 with SE 0 and interval [1, 1] for every transform (R's
    /// row at time 0). After the last observed time the value is not estimable and is nil with
    /// nRisk = 0 (R's `summary(times = )` silently drops such times unless `extend = TRUE`).
    ///
    /// **Matches** R `summary(survfit(...), times = t)` (survival 3.5).
    public func survival(at t: Double) -> SurvivalAtTime {
        let atRisk = steps.first(where: { $0.time >= t })?.nRisk ?? 0
        guard let first = steps.first, t >= first.time else {
            return SurvivalAtTime(time: t, nRisk: atRisk, survival: 1, stdErr: 0, lower: 1, upper: 1)
        }
        guard t <= lastTime else {
            return SurvivalAtTime(time: t, nRisk: 0, survival: nil, stdErr: nil, lower: nil, upper: nil)
        }
        let row = steps.last(where: { $0.time <= t })!
        return SurvivalAtTime(time: t, nRisk: atRisk, survival: row.survival, stdErr: row.stdErr, lower: row.lower, upper: row.upper)
    }
}
