import Foundation

/// One row of a Kaplan–Meier table: a distinct observed time (event or censoring).
public struct KaplanMeierStep: Equatable, Sendable {
    /// The time.
    public var time: Double
    /// Number at risk just before the time (time ≥ t).
    public var nRisk: Int
    /// Events at the time.
    public var nEvent: Int
    /// Censorings at the time (counted as at risk at t: events come first).
    public var nCensor: Int
    /// S(t), the product-limit estimate just after the time.
    public var survival: Double
    /// Greenwood SE of S(t), S·σ (R `summary.survfit`'s `std.err`); nil once S = 0.
    public var stdErr: Double?
    /// Greenwood SE of −log S(t), σ (R `survfit`'s `std.err`); nil once S = 0 (infinite).
    public var stdErrLogSurvival: Double?
    /// Pointwise lower bound; nil where the transform is not defined (see ``ConfidenceTransform``).
    public var lower: Double?
    /// Pointwise upper bound.
    public var upper: Double?
}

/// A Kaplan–Meier (product-limit) estimate with Greenwood variance and pointwise intervals.
///
/// At each distinct time tᵢ with nᵢ at risk and dᵢ events, S(t) = Π_{tᵢ≤t}(1 − dᵢ/nᵢ). A censoring
/// at the same time as an event is taken to fall just after it (it counts as at risk at tᵢ).
/// σ²(t) = Σ_{tᵢ≤t} dᵢ/(nᵢ(nᵢ − dᵢ)) (Greenwood), infinite once S reaches 0.
///
/// **Matches** R `survfit(Surv(time, status) ~ 1, conf.type = , conf.int = )` and
/// `summary(fit, censored = TRUE)` (survival 3.5) to 1e-12 relative, for every conf type.
///
/// **References:** E. L. Kaplan and P. Meier (1958), "Nonparametric estimation from incomplete
/// observations", *JASA* 53:457–481; M. Greenwood (1926), *Reports on Public Health and Medical
/// Subjects* 33.
public struct KaplanMeierCurve: Equatable, Sendable {
    /// The rows, one per distinct time, ascending.
    public var steps: [KaplanMeierStep]
    /// Number of subjects.
    public var n: Int
    /// Number of events.
    public var events: Int
    /// The interval transform.
    public var transform: ConfidenceTransform
    /// The confidence level.
    public var confLevel: Double
    /// z₁₋α/₂.
    public var z: Double
    /// The largest observed time.
    public var lastTime: Double { steps.last?.time ?? 0 }
}

/// Why survival data were refused.
public enum SurvivalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No subjects.
    case empty
    /// times and events differ in length.
    case lengthMismatch
    /// A time is negative, NaN or infinite.
    case invalidTime(index: Int, value: Double)
    /// A setting is out of range.
    case invalid(StatisticsError)
    /// Restricted mean requested with a non-positive or non-finite tau.
    case invalidTau(Double)

    public var description: String {
        switch self {
        case .empty: return "no subjects"
        case .lengthMismatch: return "times and event indicators differ in number"
        case let .invalidTime(i, v): return "time \(v) of subject \(i + 1) is not a non-negative number"
        case let .invalid(error): return error.description
        case let .invalidTau(tau): return "tau \(tau) must be a positive number"
        }
    }
}

/// Fits the Kaplan–Meier curve of `times` (non-negative) with `events` (true = event,
/// false = censored). See ``KaplanMeierCurve``.
public func kaplanMeier(times: [Double], events: [Bool], transform: ConfidenceTransform = .default, confLevel: Double = 0.95) throws(SurvivalError) -> KaplanMeierCurve {
    guard times.count == events.count else { throw SurvivalError.lengthMismatch }
    guard !times.isEmpty else { throw SurvivalError.empty }
    for (i, t) in times.enumerated() where !(t.isFinite && t >= 0) { throw SurvivalError.invalidTime(index: i, value: t) }
    do { try validateConfidenceLevel(confLevel) } catch { throw SurvivalError.invalid(error) }
    let z: Double
    do { z = -(try GSL.normalQuantile((1 - confLevel) / 2)) } catch { throw SurvivalError.invalid(error) }
    return kaplanMeierKernel(times: times, events: events, transform: transform, confLevel: confLevel, z: z)
}

/// The product-limit computation on validated input: one sort, one pass.
func kaplanMeierKernel(times: [Double], events: [Bool], transform: ConfidenceTransform, confLevel: Double, z: Double) -> KaplanMeierCurve {
    let order = times.indices.sorted { times[$0] < times[$1] }
    var steps: [KaplanMeierStep] = []
    var atRisk = times.count
    var survival = 1.0
    var greenwood = 0.0
    var k = 0
    var totalEvents = 0
    while k < order.count {
        let t = times[order[k]]
        var d = 0, c = 0
        while k < order.count && times[order[k]] == t {
            if events[order[k]] { d += 1 } else { c += 1 }
            k += 1
        }
        if d > 0 {
            survival *= 1 - Double(d) / Double(atRisk)
            greenwood += atRisk == d ? .infinity : Double(d) / (Double(atRisk) * Double(atRisk - d))
        }
        let sigma = greenwood.squareRoot()
        let ci = transform.bounds(survival: survival, sigma: sigma, z: z)
        steps.append(KaplanMeierStep(
            time: t, nRisk: atRisk, nEvent: d, nCensor: c, survival: survival,
            stdErr: sigma.isFinite ? survival * sigma : nil,
            stdErrLogSurvival: sigma.isFinite ? sigma : nil,
            lower: ci?.lower, upper: ci?.upper))
        atRisk -= d + c
        totalEvents += d
    }
    return KaplanMeierCurve(steps: steps, n: times.count, events: totalEvents, transform: transform, confLevel: confLevel, z: z)
}
