/// Units of follow-up time. Dates are converted from days: a month is 30.4375 days (365.25 / 12)
/// and a year 365.25 days (the mean Gregorian year).
public enum TimeUnit: String, CaseIterable, Sendable {
    case days, weeks, months, years

    /// The length of one unit in days.
    public var days: Double {
        switch self {
        case .days: return 1
        case .weeks: return 7
        case .months: return 30.4375
        case .years: return 365.25
        }
    }
}
