import Foundation
import Testing
import TestSupport

/// Typed model of Fixtures/reference/km.json (written by km.R; R 4.2.2, survival 3.5.3). `null`
/// is R's NA (or NaN/Inf), read as `nil`.
struct KaplanMeierReference: Decodable, Sendable {
    var datasets: [Dataset]

    /// One data set (a CSV under km_data/) with its curves and, where it has groups, survdiff.
    struct Dataset: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var csv: String
        var groups: [String]?
        var curves: [Curve]
        var survdiff: [SurvDiff]?
        var testDescription: String { name }
    }

    /// One curve (all subjects, or one group) with its fits per transform and level.
    struct Curve: Decodable, Sendable {
        var group: String?
        var rmst: [RestrictedMean]
        var reverseKM: ReverseKM?
        var fits: [Fit]
        enum CodingKeys: String, CodingKey { case group, rmst, reverseKM = "reverse_km", fits }
    }

    /// `survfit(conf.type =, conf.int =)`: its steps, quantiles and landmarks.
    struct Fit: Decodable, Sendable {
        var confType: String
        var confInt: Double
        var steps: Steps?
        var quantiles: Quantiles?
        var landmarks: Landmarks?
        enum CodingKeys: String, CodingKey { case confType = "conf_type", confInt = "conf_int", steps, quantiles, landmarks }
    }

    /// The step table (`summary(fit)` at every event or censoring time).
    struct Steps: Decodable, Sendable {
        var time: [Double]
        var nRisk: [Int]
        var surv: [Double?]
        var stdErr: [Double?]
        var stdErrLogSurv: [Double?]
        var lower: [Double?]
        var upper: [Double?]
        enum CodingKeys: String, CodingKey {
            case time, nRisk = "n_risk", surv, stdErr = "std_err", stdErrLogSurv = "std_err_log_surv", lower, upper
        }
    }

    /// `quantile(fit, probs =, conf.int = TRUE)`.
    struct Quantiles: Decodable, Sendable {
        var probs: [Double]
        var quantile: [Double?]
        var lower: [Double?]
        var upper: [Double?]
    }

    /// `summary(fit, times = requested, extend = FALSE / TRUE)`.
    struct Landmarks: Decodable, Sendable {
        var requested: [Double]
        var extendFalse: Rows
        var extendTrue: Rows
        enum CodingKeys: String, CodingKey { case requested, extendFalse = "extend_false", extendTrue = "extend_true" }

        /// The rows R returns (times after the last observation dropped when `extend = FALSE`).
        struct Rows: Decodable, Sendable {
            var error: String?
            var time: [Double]?
            var nRisk: [Int]?
            var surv: [Double?]?
            var stdErr: [Double?]?
            var lower: [Double?]?
            var upper: [Double?]?
            enum CodingKeys: String, CodingKey { case error, time, nRisk = "n_risk", surv, stdErr = "std_err", lower, upper }
        }
    }

    /// `summary(fit, rmean = tau)` with its Wald interval; `error` when R refuses tau.
    struct RestrictedMean: Decodable, Sendable {
        var tau: Double
        var error: String?
        var rmean: Double?
        var seRmean: Double?
        var waldLower: Double?
        var waldUpper: Double?
        enum CodingKeys: String, CodingKey {
            case tau, error, rmean, seRmean = "se_rmean", waldLower = "wald_lower", waldUpper = "wald_upper"
        }
    }

    /// The reverse Kaplan–Meier median follow-up.
    struct ReverseKM: Decodable, Sendable {
        var median: Double?
        var timeMin: Double
        var timeMax: Double
        enum CodingKeys: String, CodingKey { case median, timeMin = "time_min", timeMax = "time_max" }
    }

    /// `survdiff(rho =)`.
    struct SurvDiff: Decodable, Sendable {
        var rho: Double
        var observed: [Double]
        var expected: [Double]
        var chisq: Double
        var df: Int
        var pValue: Double
        enum CodingKeys: String, CodingKey { case rho, observed, expected, chisq, df, pValue = "p_value" }
    }

    /// The fixture, or nil when it cannot be read (a test asserts that it can).
    static let loaded: KaplanMeierReference? = try? ReferenceFixtures.decode(KaplanMeierReference.self, "reference/km.json")
    /// Its data sets, the arguments of the parameterized tests.
    static var datasets: [Dataset] { loaded?.datasets ?? [] }
}
