import TrialStats

/// What `trialstats analyze` computes for a cohort, read from a plan file (YAML or JSON; see
/// ``AnalysisPlan/read(path:)``). Every column name and setting keeps the plan line it came
/// from, so that an error can point at the line to fix.
public struct AnalysisPlan: Sendable {
    /// The plan file as named in messages.
    public var source: String
    /// The plan's text as read (echoed in the report).
    public var text: String
    /// Report title.
    public var title: String
    /// A note printed under the title (for example "synthetic data").
    public var note: String?
    /// The column naming each patient's basket.
    public var basket: Located<String>
    /// The baskets in report order; nil: in order of first appearance in the cohort.
    public var baskets: [Located<String>]?
    /// Confidence level of every interval.
    public var confLevel: Double
    /// Quantile definition for medians and quartiles.
    public var quantileType: QuantileType
    /// Interval method for proportions (responses, responders by MCID).
    public var intervalMethod: BinomialIntervalMethod
    /// Multiplicity adjustment across the paired tests (within each basket, and within All).
    public var adjust: PValueAdjustment
    /// Cell texts that mean "missing".
    public var missingValues: Set<String>
    /// Baseline characteristics, in table order.
    public var baseline: [BaselineVariable]
    /// `compare: true`: every baseline variable gets a p-value across the baskets, by the test
    /// `trialstats compare --test auto` chooses (a variable's own `test:` overrides it). The plan
    /// line of the key, nil when the plan does not ask.
    public var compareLine: Int? = nil
    /// Paired outcomes (before/after), in table order.
    public var paired: [PairedOutcome]
    /// Column headings of the two time points ("Baseline", "Month 6").
    public var beforeLabel: String
    public var afterLabel: String
    /// Binary endpoints, in table order.
    public var responses: [ResponseEndpoint]
    /// Time-to-event analysis, if any.
    public var survival: SurvivalPlan?
}

/// A value from the plan with the line it is written on (1-based).
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }
}

/// A baseline characteristic.
public struct BaselineVariable: Sendable {
    /// How a baseline variable is summarised.
    public enum Kind: Sendable {
        /// median [Q1; Q3], printed with `decimals` decimals (nil: from the data, at most 2).
        case continuous(decimals: Int?)
        /// n (%) of each level; `levels` fixes the allowed levels and their order (nil: every
        /// value, in order of first appearance); `show` restricts the rows printed.
        case categorical(levels: [String]?, show: [String]?)
        /// n (%) of patients with a positive value (1/yes/true/responder).
        case binary
    }

    public var column: Located<String>
    public var label: String
    public var kind: Kind
    /// The plan line of the item.
    public var line: Int
    /// The between-basket test the item names (`test:`, any test `compare --test` takes for a
    /// column), nil when it names none.
    public var test: Located<ComparisonTest>? = nil
}

/// Which direction of change is an improvement.
public enum Improvement: String, CaseIterable, Sendable {
    case lower, higher
}

/// A patient-reported outcome measured before and after treatment.
public struct PairedOutcome: Sendable {
    public var label: String
    public var before: Located<String>
    public var after: Located<String>
    /// The direction of improvement (lower VAS and HAQ, higher FACIT).
    public var better: Improvement
    /// Minimal clinically important differences of after − before (negative when lower is
    /// better); one responder row per value.
    public var mcid: [Double]
    /// Decimals printed for medians, quartiles and the shift (nil: from the data, at most 2).
    public var decimals: Int?
    /// Signed-rank settings (the level is the plan's).
    public var options: SignedRankTestOptions
    /// The plan line of the item.
    public var line: Int
}

/// A binary endpoint reported as x/n with an interval, per basket.
public struct ResponseEndpoint: Sendable {
    public var column: Located<String>
    public var label: String
    /// Interval method for this endpoint.
    public var method: BinomialIntervalMethod
    public var line: Int
}

/// A time-to-event analysis: Kaplan–Meier per basket with the log-rank test.
public struct SurvivalPlan: Sendable {
    /// Where the times come from.
    public enum Times: Sendable {
        /// A column of times in `unit`.
        case time(Located<String>)
        /// Start and end dates (YYYY-MM-DD), converted to `unit`.
        case dates(start: Located<String>, end: Located<String>)
    }

    public var label: String
    public var times: Times
    public var event: Located<String>
    public var unit: TimeUnit
    /// Landmark times (in `unit`) at which survival is reported.
    public var landmarks: [Double]
    /// Restricted mean survival time up to tau, if set.
    public var tau: Double?
    public var confType: ConfidenceTransform
    /// Fleming–Harrington ρ (0: log-rank).
    public var rho: Double
    /// Whether the figure shows pointwise confidence bands.
    public var bands: Bool
    public var line: Int
    /// Further end-date columns: the first of `end` and these with a date wins (`end: [a, b]`).
    public var endFallbacks: [Located<String>] = []
    /// The event is derived: it happened when the first end column has a date (`event: first-end`).
    public var eventFromFirstEnd = false
    /// The figure's title, median lines and time axis (`title`, `median_lines`, `time_max`, `time_by`).
    public var figure = SurvivalFigurePlan()
}

/// What the plan asks of the Kaplan–Meier figure besides the bands.
public struct SurvivalFigurePlan: Sendable, Equatable {
    public var title: String?
    public var medianLines = false
    public var timeMax: Double?
    public var timeStep: Double?
    public init() {}
}
