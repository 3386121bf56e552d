import TrialStats

/// A Kaplan–Meier analysis by group: one curve per group in order, then All (only All without a
/// grouping), what is read off each curve, and the test across the groups. `trialstats km` prints
/// it and `analyze`'s survival section holds it, so the two agree by construction; the renderers
/// (JSON, CSV, table, figure) are in the files beside this one.
public struct SurvivalReport: Equatable, Sendable {
    /// What the analysis was asked for.
    public struct Settings: Sendable, Equatable {
        public var confType: ConfidenceTransform
        public var confLevel: Double
        /// The median rule (R `print(survfit)` or `quantile(survfit)`).
        public var medianRule: QuantileRule
        /// Landmark times, ascending.
        public var landmarks: [Double]
        /// Restricted mean survival time up to tau, if set.
        public var tau: Double?
        /// Fleming–Harrington ρ of the group test (0: log-rank).
        public var rho: Double
        /// The time unit as printed ("months"); nil when times have no stated unit.
        public var unit: String?
        /// Decimals of the times the table prints (``TimeUnit/printedDecimals``) when they were
        /// converted from dates; nil prints six significant digits, as typed times need.
        public var timeDecimals: Int?

        public init(confType: ConfidenceTransform = .logLog, confLevel: Double = 0.95, medianRule: QuantileRule = .print,
                    landmarks: [Double] = [], tau: Double? = nil, rho: Double = 0, unit: String? = nil, timeDecimals: Int? = nil) {
            self.timeDecimals = timeDecimals
            self.confType = confType
            self.confLevel = confLevel
            self.medianRule = medianRule
            self.landmarks = landmarks.sorted()
            self.tau = tau
            self.rho = rho
            self.unit = unit
        }
    }

    public var settings: Settings
    /// The groups in order, then All.
    public var groups: [SurvivalGroupResult]
    /// Log-rank (or Fleming–Harrington) test across the groups; nil with fewer than two.
    public var logRank: LogRankResult?

    /// Fits every curve, follow-up and the group test from one tally of `data`.
    public init(_ data: SurvivalColumns, settings: Settings) throws(SurvivalError) {
        let labels = data.labels
        let tally = labels.isEmpty
            ? try SurvivalTally(times: data.times, events: data.events)
            : try SurvivalTally(times: data.times, events: data.events, groups: data.groups, groupCount: labels.count)
        let fitted = try tally.kaplanMeierCurves(transform: settings.confType, confLevel: settings.confLevel)
        let followUp = tally.followUp()
        var curves = labels.indices.map { (labels[$0], fitted.groups[$0], followUp.groups[$0]) }
        curves.append(("All", fitted.all, followUp.all))
        self.settings = settings
        groups = []
        for (label, curve, followUp) in curves {
            groups.append(SurvivalGroupResult(
                group: label, curve: curve, median: curve.median(rule: settings.medianRule), followUp: followUp,
                landmarks: settings.landmarks.map { curve.survival(at: $0) },
                rmst: try settings.tau.map { tau throws(SurvivalError) in try curve.restrictedMean(tau: tau) }))
        }
        logRank = labels.count >= 2 ? try tally.logRank(labels: labels, rho: settings.rho) : nil
    }

    /// The curves a figure shows: each group's, without All when there are groups (one group
    /// shows its own curve, labelled with its name); All alone without a grouping.
    public var shownCurves: [SurvivalGroupResult] {
        groups.count > 1 ? Array(groups.dropLast()) : groups
    }
}

/// One Kaplan–Meier curve and what is read off it.
public struct SurvivalGroupResult: Equatable, Sendable {
    public var group: String
    public var curve: KaplanMeierCurve
    public var median: SurvivalQuantile
    public var followUp: FollowUp
    /// Survival at each landmark time, in the settings' order.
    public var landmarks: [SurvivalAtTime]
    public var rmst: RestrictedMean?
}
