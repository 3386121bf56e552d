/// Median follow-up by the reverse Kaplan–Meier method, with the range of follow-up times.
public struct FollowUp: Equatable, Sendable {
    /// Median of the reverse Kaplan–Meier curve (censoring as the event); nil when it never falls to
    /// ½ (few censored subjects).
    public var median: Double?
    /// Shortest observed time.
    public var minimum: Double
    /// Longest observed time.
    public var maximum: Double
}

/// Median follow-up (Schemper & Smith 1996): the Kaplan–Meier median of the times with the event
/// indicator reversed, so that events are censorings of follow-up.
///
/// **Matches** R `quantile(survfit(Surv(time, 1 - status) ~ 1), 0.5)` (survival 3.5).
///
/// **Reference:** M. Schemper and T. L. Smith (1996), "A note on quantifying follow-up in studies
/// of failure time", *Controlled Clinical Trials* 17:343–346.
public func medianFollowUp(times: [Double], events: [Bool]) throws(SurvivalError) -> FollowUp {
    let reversed = try kaplanMeier(times: times, events: events.map { !$0 }, transform: .log)
    return FollowUp(median: reversed.quantile(0.5).estimate, minimum: times.min()!, maximum: times.max()!)
}
