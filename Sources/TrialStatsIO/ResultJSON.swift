import TrialStats

/// JSON encodings of results shared by the single commands and the cohort analysis, so that the
/// same result has the same fields wherever it is written.

/// The fields of a signed-rank result, in the documented order (`n_pairs` … `sign_test_p_value`).
public func signedRankJSONFields(_ r: SignedRankResult, missing: Int) -> [(String, JSONValue)] {
    [
        ("n_pairs", .int(r.nPairs)), ("n_missing", .int(missing)), ("n_zero", .int(r.nZero)), ("n_used", .int(r.nUsed)),
        ("has_ties", .bool(r.hasTies)), ("method", .string(r.method.rawValue)), ("correct", .bool(r.correct)),
        ("zero_method", .string(r.zeroMethod.rawValue)), ("alternative", .string(r.alternative.rawValue)), ("mu", .number(r.mu)),
        ("statistic_v", .number(r.statisticV)), ("statistic_s", .number(r.statisticS)), ("z", .number(r.z)),
        ("p_value", .number(r.pValue)), ("estimate", .number(r.estimate)), ("conf_low", .number(r.confLow)),
        ("conf_high", .number(r.confHigh)), ("conf_level", .number(r.confLevel)), ("achieved_conf_level", .number(r.achievedConfLevel)),
        ("median_difference", .number(r.medianDifference)), ("effect_size_r", .number(r.effectSizeR)),
        ("rank_biserial", .number(r.rankBiserial)), ("sign_test_p_value", .number(r.signTestPValue)),
    ]
}

/// One group of `trialstats km --format json`.
public func kaplanMeierGroupJSON(group: String, curve: KaplanMeierCurve, median: SurvivalQuantile, followUp: FollowUp,
                                 rmst: RestrictedMean?, landmarks: [SurvivalAtTime]) -> JSONValue {
    .object([
        ("group", .string(group)), ("n", .int(curve.n)), ("events", .int(curve.events)),
        ("median", .number(median.estimate)), ("median_lower", .number(median.lower)), ("median_upper", .number(median.upper)),
        ("follow_up_median", .number(followUp.median)), ("follow_up_min", .number(followUp.minimum)),
        ("follow_up_max", .number(followUp.maximum)),
        ("rmst", rmst.map { m in
            .object([("tau", .number(m.tau)), ("estimate", .number(m.estimate)), ("std_err", .number(m.stdErr)),
                     ("lower", .number(m.lower)), ("upper", .number(m.upper))])
        } ?? .null),
        ("steps", .array(curve.steps.map { s in
            .object([("time", .number(s.time)), ("n_risk", .int(s.nRisk)), ("n_event", .int(s.nEvent)),
                     ("n_censor", .int(s.nCensor)), ("survival", .number(s.survival)), ("std_err", .number(s.stdErr)),
                     ("lower", .number(s.lower)), ("upper", .number(s.upper))])
        })),
        ("at", .array(landmarks.map { a in
            .object([("time", .number(a.time)), ("n_risk", .int(a.nRisk)), ("survival", .number(a.survival)),
                     ("std_err", .number(a.stdErr)), ("lower", .number(a.lower)), ("upper", .number(a.upper))])
        })),
    ])
}

extension CSVOutput.Cell {
    /// The CSV cell for a scalar JSON value (an empty cell for null, arrays and objects).
    public init(_ json: JSONValue) {
        switch json {
        case let .string(s): self = .text(s)
        case let .int(i): self = .int(i)
        case let .number(d): self = .number(d)
        case let .bool(b): self = .bool(b)
        default: self = .number(nil)
        }
    }
}
