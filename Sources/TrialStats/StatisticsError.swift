/// Why a statistical method refused its input. Each case carries the offending values so that
/// a front end can name them.
public enum StatisticsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No observations (after dropping missing values).
    case emptySample
    /// An observation is NaN or infinite.
    case nonFiniteValue(index: Int, value: Double)
    /// A probability outside [0, 1].
    case probabilityOutOfRange(Double)
    /// A confidence level outside the open interval (0, 1).
    case confidenceLevelOutOfRange(Double)
    /// Counts that do not describe x successes in n trials (negative, or x > n), or n = 0.
    case invalidCounts(successes: Int, trials: Int)
    /// A null proportion outside [0, 1].
    case nullProportionOutOfRange(Double)
    /// A numeric routine failed; see ``NumericError``.
    case numeric(NumericError)

    public var description: String {
        switch self {
        case .emptySample:
            return "no observations"
        case let .nonFiniteValue(index, value):
            return "observation \(index + 1) is \(value), expected a finite number"
        case let .probabilityOutOfRange(p):
            return "probability \(p) is outside [0, 1]"
        case let .confidenceLevelOutOfRange(level):
            return "confidence level \(level) is outside (0, 1)"
        case let .invalidCounts(x, n):
            if n == 0 { return "n = 0 trials: no proportion can be estimated" }
            if x < 0 || n < 0 { return "counts must not be negative; got x = \(x), n = \(n)" }
            return "x = \(x) successes exceed n = \(n) trials"
        case let .nullProportionOutOfRange(p0):
            return "null proportion \(p0) is outside [0, 1]"
        case let .numeric(error):
            return error.description
        }
    }
}

/// Checks that a sample is non-empty and finite.
func validateSample(_ data: [Double]) throws(StatisticsError) {
    guard !data.isEmpty else { throw StatisticsError.emptySample }
    for (i, v) in data.enumerated() where !v.isFinite {
        throw StatisticsError.nonFiniteValue(index: i, value: v)
    }
}

/// Checks a confidence level: 0 < level < 1.
func validateConfidenceLevel(_ level: Double) throws(StatisticsError) {
    guard level.isFinite, level > 0, level < 1 else { throw StatisticsError.confidenceLevelOutOfRange(level) }
}

