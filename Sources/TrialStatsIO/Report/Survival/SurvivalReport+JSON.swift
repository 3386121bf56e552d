import TrialStats

extension SurvivalReport {
    /// `trialstats km --format json`: the settings, every group (then All) and the group test.
    public func kmJSON() -> JSONValue {
        .object([
            ("command", .string("km")),
            ("conf_type", .string(settings.confType.rawValue)),
            ("conf_level", .number(settings.confLevel)),
            ("median_rule", .string(settings.medianRule.rawValue)),
            ("unit", unitJSON),
            ("groups", groupsJSON),
            ("logrank", logRankJSON),
        ])
    }

    /// The `survival` object of `analyze`'s analysis.json: the groups and test of `km`'s JSON
    /// under the plan's label.
    public func analysisJSON(label: String) -> JSONValue {
        .object([
            ("label", .string(label)), ("conf_type", .string(settings.confType.rawValue)), ("conf_level", .number(settings.confLevel)),
            ("unit", unitJSON), ("groups", groupsJSON), ("logrank", logRankJSON),
        ])
    }

    var unitJSON: JSONValue { settings.unit.map { .string($0) } ?? .null }

    var groupsJSON: JSONValue {
        .array(groups.map { r in
            kaplanMeierGroupJSON(group: r.group, curve: r.curve, median: r.median, followUp: r.followUp, rmst: r.rmst, landmarks: r.landmarks)
        })
    }

    var logRankJSON: JSONValue {
        logRank.map { l in
            .object([("chisq", .number(l.chisq)), ("df", .int(l.df)), ("p_value", .number(l.pValue)), ("rho", .number(l.rho))])
        } ?? .null
    }
}
