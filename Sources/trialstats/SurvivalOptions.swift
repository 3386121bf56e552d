import ArgumentParser
import TrialStats
import TrialStatsIO

extension ConfidenceTransform: ExpressibleByArgument {
    public init?(argument: String) {
        if argument == "arcsin" { self = .arcsine; return }
        self.init(rawValue: argument)
    }
}

extension TimeUnit: ExpressibleByArgument {}

extension QuantileRule: ExpressibleByArgument {}

/// The survival options of `km`: where the times, events and groups are, and what is read off
/// the curves. They become a ``SurvivalInput`` and ``SurvivalReport/Settings``, as a plan's
/// `survival:` keys do for `analyze`.
struct SurvivalOptions: ParsableArguments {
    @Option(help: "Column of follow-up times (non-negative numbers).")
    var time: String?

    @Option(help: "Column of start dates (YYYY-MM-DD), with --end.")
    var start: String?

    @Option(help: "Column of end dates (YYYY-MM-DD): event or last follow-up; or columns a,b: the first with a date wins.")
    var end: String?

    @Option(help: "Column of event indicators: 1/0, true/false, event/censored; or first-end: an event when the first --end column has a date.")
    var event: String

    @Option(help: "One curve per group of this column, then All, and the log-rank test.")
    var by: String?

    @Option(name: .customLong("conf-type"), help: "Transform of the pointwise interval (conf.type in R's survfit).")
    var confType: ConfidenceTransform = .logLog

    @Option(parsing: .unconditional, help: ArgumentHelp("Landmark times, comma-separated (e.g. 6,12,24).", valueName: "t1,t2,..."))
    var at: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Restricted mean survival time up to this time.", valueName: "time"))
    var tau: Double?

    @Option(parsing: .unconditional, help: "Fleming–Harrington rho of the group test; 0 is log-rank.")
    var rho: Double = 0

    @Option(help: "Time unit: converts dates and labels the times.")
    var unit: TimeUnit?

    @Option(name: .customLong("median-rule"), help: "Median on a flat stretch at 0.5: print (R print(survfit)) or quantile (R quantile(survfit)).")
    var medianRule: QuantileRule = .print

    /// Checks the options; `km` calls it from its own `validate()` after the figure and common
    /// options have been checked, so a command line with several faults names the same one as
    /// ever.
    func check() throws {
        if time == nil && (start == nil || end == nil) { throw ValidationError("Give --time, or both --start and --end.") }
        if time != nil && (start != nil || end != nil) { throw ValidationError("--time cannot be combined with --start/--end.") }
        if let tau, !(tau.isFinite && tau > 0) { throw ValidationError("--tau must be a positive number; got \(tau.description).") }
        if !(rho.isFinite && rho >= 0) { throw ValidationError("--rho must be a non-negative number; got \(rho.description).") }
        _ = try landmarkTimes()
    }

    /// The --at times, each a non-negative decimal number.
    func landmarkTimes() throws -> [Double] {
        try (at ?? "").split(separator: ",").map { part in
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let t = parseDecimal(item), t >= 0 else {
                throw ValidationError("--at takes non-negative times separated by commas; \"\(item)\" is not one.")
            }
            return t
        }
    }

    /// The columns to read (`--event first-end` derives the event from the --end dates).
    var input: SurvivalInput {
        SurvivalInput(times: time.map { .column($0) } ?? .dates(start: start ?? "", ends: [end ?? ""]),
                      event: event == derivedEventWord ? .firstEnd : .column(event), unit: unit ?? .days, by: by)
    }

    /// What to read off the curves; times from dates are in days unless --unit says otherwise.
    func settings(confLevel: Double) throws -> SurvivalReport.Settings {
        SurvivalReport.Settings(confType: confType, confLevel: confLevel, medianRule: medianRule, landmarks: try landmarkTimes(),
                                tau: tau, rho: rho, unit: unit?.rawValue ?? (start != nil ? "days" : nil),
                                timeDecimals: start != nil ? (unit ?? .days).printedDecimals : nil)
    }
}
