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

    /// Decimals a time converted from dates is printed with for people: whole days; one decimal
    /// of a week or a month (under a day, about three days); two of a year (about four days).
    /// A date is a whole day, so more digits only print the conversion's arithmetic. JSON and CSV
    /// keep full precision.
    public var printedDecimals: Int {
        switch self {
        case .days: return 0
        case .weeks, .months: return 1
        case .years: return 2
        }
    }
}
