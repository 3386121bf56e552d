import Foundation

/// What to reconstruct: n pairs on a scale whose before and after medians and quartiles, and
/// whose signed-rank p-value, print as published.
public struct PairedReconstructionRequest: Equatable, Sendable {
    /// Number of pairs n (at least 1, at most ``maximumPairs``).
    public var pairs: Int
    /// The printed before (baseline) summary, "63.0 [52.8; 74.8]".
    public var before: PrintedMedianIQR
    /// The printed after (follow-up) summary.
    public var after: PrintedMedianIQR
    /// The printed two-sided p-value, "P < 0.0001" or "P = 0.0030".
    public var pValue: PrintedPValue
    /// The scale's grid of values.
    public var grid: ScaleGrid
    /// The sample-quantile definition the summaries were computed with (default 7, as R).
    public var quantileType: QuantileType
    /// How the printed numbers were rounded (default half-up).
    public var rounding: RoundingRule
    /// The software whose p-value is matched; nil matches any profile.
    public var profile: SignedRankProfile?
    /// Seed of the search; the same seed gives the same result.
    public var seed: UInt64
    /// How many candidates the search may evaluate.
    public var budget: SearchBudget

    /// The most pairs a request may ask for (the search evaluates thousands of candidates).
    public static let maximumPairs = 1000

    public init(pairs: Int, before: PrintedMedianIQR, after: PrintedMedianIQR, pValue: PrintedPValue, grid: ScaleGrid,
                quantileType: QuantileType = .type7, rounding: RoundingRule = .halfUp, profile: SignedRankProfile? = nil,
                seed: UInt64 = 1, budget: SearchBudget = .standard) {
        self.pairs = pairs
        self.before = before
        self.after = after
        self.pValue = pValue
        self.grid = grid
        self.quantileType = quantileType
        self.rounding = rounding
        self.profile = profile
        self.seed = seed
        self.budget = budget
    }
}

/// One reconstructed pair. Reconstructed data are a certificate that the published numbers can
/// be true together; they are not the trial's data.
public struct ReconstructedPair: Equatable, Sendable {
    public var before: Double
    public var after: Double

    public init(before: Double, after: Double) {
        self.before = before
        self.after = after
    }
}

/// Settings under which printed marginals that are impossible as requested become possible.
public struct MarginalAlternative: Equatable, Sendable, CustomStringConvertible {
    public var quantileType: QuantileType
    public var rounding: RoundingRule
    public var step: Double

    public var description: String { "quantile type \(quantileType.rawValue), \(rounding.rawValue), step \(step.shortText)" }
}

/// The range of p-values met during the search.
public struct PValueRange: Equatable, Sendable {
    /// The smallest p-value found.
    public var min: Double
    /// The largest p-value found.
    public var max: Double
    /// Whether `min` is the smallest attainable for n pairs (``smallestAttainablePValue(pairs:profile:)``),
    /// so that it is a proven bound rather than only the smallest found.
    public var minIsProven: Bool
    /// Whether `max` is 1, the largest possible.
    public var maxIsProven: Bool
}

/// The outcome of a reconstruction.
public struct PairedReconstruction: Equatable, Sendable {
    /// The request answered.
    public var request: PairedReconstructionRequest
    /// Whether a data set was found that prints every published number.
    public var feasible: Bool
    /// Why not, in one sentence (nil when feasible).
    public var reason: String?
    /// The certificate: n pairs, sorted by before then after value; empty when not feasible.
    public var dataset: [ReconstructedPair]
    /// The certificate's p-value: under the requested profile, or with any profile under the
    /// first profile of ``profilesReproducing``.
    public var pValue: Double?
    /// The profile `pValue` is computed under.
    public var pValueProfile: SignedRankProfile?
    /// The certificate's two-sided p-value under every profile (from ``signedRankTest(before:after:options:)``).
    public var pValues: [(profile: SignedRankProfile, p: Double)]
    /// The profiles under which the certificate's p-value prints as published, in
    /// ``SignedRankProfile/allCases`` order.
    public var profilesReproducing: [SignedRankProfile]
    /// The range of p-values met over the search (under the requested profile, or under all
    /// profiles for any); nil when the marginals are infeasible.
    public var pRange: PValueRange?
    /// The certificate's quartiles (Q1, median, Q3) before and after, recomputed with ``quantiles(_:probs:type:)``.
    public var beforeQuartiles: [Double]
    public var afterQuartiles: [Double]
    /// When the marginals are impossible as requested: the settings (quantile type, rounding,
    /// grid step) under which both print.
    public var alternatives: [MarginalAlternative]
    /// Number of candidate data sets evaluated.
    public var datasetsSearched: Int

    public static func == (a: PairedReconstruction, b: PairedReconstruction) -> Bool {
        a.request == b.request && a.feasible == b.feasible && a.reason == b.reason && a.dataset == b.dataset
            && a.pValue == b.pValue && a.pValueProfile == b.pValueProfile && a.profilesReproducing == b.profilesReproducing
            && a.pRange == b.pRange && a.pValues.map(\.p) == b.pValues.map(\.p) && a.alternatives == b.alternatives
            && a.datasetsSearched == b.datasetsSearched
    }
}

/// Finds paired data on a scale whose before and after medians and quartiles, and whose
/// Wilcoxon signed-rank p-value, print exactly as published: a certificate that the published
/// numbers can all be true together, and the range of p-values the printed summaries allow.
///
/// **Marginals.** With quantile type τ, Q(p) = (1 − γ) x₍ⱼ₎ + γ x₍ⱼ₊₁₎ (``QuantilePosition``): for
/// n = 24 and type 7, Q1 = x₍₆₎ + 0.75 (x₍₇₎ − x₍₆₎), median = (x₍₁₂₎ + x₍₁₃₎)/2, Q3 = x₍₁₈₎ + 0.25 (x₍₁₉₎ − x₍₁₈₎).
/// A printed "52.8" with one decimal under half-up rounding means Q1 ∈ [52.75, 52.85). Whether
/// grid values exist for the constrained order statistics is decided exactly
/// (``QuartileConstraints``); if not, the result is infeasible with the reason — the quantile
/// that cannot be printed and its nearest attainable values, or the two that cannot be printed
/// together — and the quantile types, rounding rules and finer grids under which it becomes
/// possible. That is a finding about the publication, not an error.
///
/// **Pairing.** The p-value depends on which before value goes with which after value and on the
/// free order statistics; ``PairingSearch`` searches them (deterministically for a seed). The
/// certificate is then checked independently: its quartiles by ``quantiles(_:probs:type:)`` and
/// its p-values by ``signedRankTest(before:after:options:)`` under every profile.
///
/// **p-range.** The smallest and largest p-values met are the range *found*, not proven bounds,
/// except where ``PValueRange`` says so (the smallest attainable for n, or 1). When no candidate
/// prints the published p-value, the result says so; that is not a proof that none exists.
///
/// - Throws: ``ReconstructionError`` for requests no data can satisfy: n < 1, printed quartiles
///   out of order, a printed value outside the scale, a p-value below the smallest attainable
///   for n pairs under the profile (``smallestAttainablePValue(pairs:profile:)``).
///
/// Reference for the idea (means and SDs rather than quantiles and rank tests): J. A. J. Heathers,
/// J. Anaya, T. van der Zee and N. J. L. Brown (2018), "Recovering data from summary statistics:
/// Sample Parameter Reconstruction via Iterative TEchniques (SPRITE)", *PeerJ Preprints* 6:e26968v1.
public func reconstructPairs(_ request: PairedReconstructionRequest) throws(ReconstructionError) -> PairedReconstruction {
    try validate(request)
    let n = request.pairs
    let beforeConstraints = QuartileConstraints(summary: request.before, n: n, type: request.quantileType, grid: request.grid,
                                                rule: request.rounding)
    let afterConstraints = QuartileConstraints(summary: request.after, n: n, type: request.quantileType, grid: request.grid,
                                               rule: request.rounding)
    var result = PairedReconstruction(request: request, feasible: false, reason: nil, dataset: [], pValue: nil, pValueProfile: nil,
                                      pValues: [], profilesReproducing: [], pRange: nil, beforeQuartiles: [],
                                      afterQuartiles: [], alternatives: [], datasetsSearched: 0)
    let explanations = [beforeConstraints.explanation(which: "before", summary: request.before),
                        afterConstraints.explanation(which: "after", summary: request.after)].compactMap { $0 }
    if !explanations.isEmpty {
        result.alternatives = marginalAlternatives(request)
        var reason = explanations.joined(separator: "; ")
        if result.alternatives.isEmpty {
            reason += "; no other quantile type, rounding rule or finer grid (step/2, step/10) makes the marginals possible"
        } else {
            reason += "; possible instead with " + describe(result.alternatives, request: request)
        }
        result.reason = reason
        return result
    }

    let profiles = request.profile.map { [$0] } ?? SignedRankProfile.allCases
    var search = PairingSearch(before: beforeConstraints, after: afterConstraints, profiles: profiles, target: request.pValue,
                               rule: request.rounding, budget: request.budget, seed: request.seed)
    search.run()
    result.datasetsSearched = search.evaluations
    let smallest = smallestAttainablePValue(pairs: n, profile: request.profile).p
    result.pRange = PValueRange(min: search.smallestP, max: search.largestP,
                                minIsProven: search.smallestP <= smallest * (1 + 1e-12), maxIsProven: search.largestP >= 1)

    guard let found = search.certificate else {
        result.reason = "no data set found whose p-value prints as \(request.pValue) under "
            + (request.profile.map { "the \($0.rawValue) profile" } ?? "any profile")
            + " (\(search.evaluations) candidates searched, p-values from \(smallestText(search.smallestP)) to "
            + "\(smallestText(search.largestP))); this is not a proof that none exists"
        return result
    }
    let grid = request.grid
    var pairs = found.state.before.indices.map { i in
        ReconstructedPair(before: grid.value(found.state.before[i]), after: grid.value(found.state.after[found.state.partner[i]]))
    }
    pairs.sort { ($0.before, $0.after) < ($1.before, $1.after) }
    return certify(pairs, result: result)
}

/// Recomputes the certificate's summaries and p-values with the library's public functions and
/// fills in the result; a certificate that does not print as published (which the search
/// should never produce) is reported as not feasible.
private func certify(_ pairs: [ReconstructedPair], result: PairedReconstruction) -> PairedReconstruction {
    var result = result
    let request = result.request
    let before = pairs.map(\.before), after = pairs.map(\.after)
    let probs = [0.25, 0.5, 0.75]
    guard let qb = try? quantiles(before, probs: probs, type: request.quantileType),
          let qa = try? quantiles(after, probs: probs, type: request.quantileType) else { return result }
    result.beforeQuartiles = qb
    result.afterQuartiles = qa
    let printed = [request.before.lowerQuartile, request.before.median, request.before.upperQuartile,
                   request.after.lowerQuartile, request.after.median, request.after.upperQuartile]
    let marginalsPrint = zip(printed, qb + qa).allSatisfy { $0.isPrinted(from: $1, rule: request.rounding) }
    var pValues: [(profile: SignedRankProfile, p: Double)] = []
    for profile in SignedRankProfile.allCases {
        if let test = try? signedRankTest(before: before, after: after, options: SignedRankTestOptions(profile: profile)) {
            pValues.append((profile, test.pValue))
        }
    }
    result.pValues = pValues
    result.profilesReproducing = pValues.filter { request.pValue.matches($0.p, rule: request.rounding) }.map(\.profile)
    let wanted = request.profile.map { [$0] } ?? SignedRankProfile.allCases
    guard marginalsPrint, let reported = result.profilesReproducing.first(where: wanted.contains) else {
        result.reason = "internal check failed: the data set found does not print as published"
        return result
    }
    result.feasible = true
    result.dataset = pairs
    result.pValueProfile = reported
    result.pValue = pValues.first { $0.profile == reported }!.p
    return result
}

/// Refuses requests that no data set can satisfy.
private func validate(_ request: PairedReconstructionRequest) throws(ReconstructionError) {
    let n = request.pairs
    guard n >= 1, n <= PairedReconstructionRequest.maximumPairs else { throw ReconstructionError.invalidPairs(n) }
    for (which, summary) in [("before", request.before), ("after", request.after)] {
        let (q1, m, q3) = (summary.lowerQuartile.value, summary.median.value, summary.upperQuartile.value)
        guard q1 <= m, m <= q3 else { throw ReconstructionError.quartilesOutOfOrder(which: which, summary: summary.description) }
        for (name, _, printed) in summary.named {
            let interval = printed.interval(rule: request.rounding)
            let below = interval.upper < request.grid.minimum || (interval.upper == request.grid.minimum && !interval.upperIncluded)
            let above = interval.lower > request.grid.maximum || (interval.lower == request.grid.maximum && !interval.lowerIncluded)
            if below || above {
                throw ReconstructionError.outsideScale(which: which, name: name, printed: printed.text,
                                                      scale: "\(request.grid.minimum.shortText)–\(request.grid.maximum.shortText)")
            }
        }
    }
    let (bound, settings) = smallestAttainablePValue(pairs: n, profile: request.profile)
    // The bound is computed in floating point; data reach it only up to rounding.
    let smallest = bound * (1 - 1e-9)
    let x = request.pValue.number.value
    let possible: Bool
    switch request.pValue.relation {
    case .less: possible = smallest < x
    case .lessOrEqual: possible = smallest <= x
    case .greater: possible = true
    case .equal:
        let interval = request.pValue.number.interval(rule: request.rounding)
        possible = smallest < interval.upper || (smallest == interval.upper && interval.upperIncluded)
    }
    guard possible else {
        throw ReconstructionError.pValueBelowAttainable(printed: request.pValue.description, pairs: n, smallest: bound,
                                                        settings: settings)
    }
}

/// The settings — other quantile types and rounding rules on the same grid, or the requested
/// ones on a grid of half or a tenth of the step — under which both marginals print.
func marginalAlternatives(_ request: PairedReconstructionRequest) -> [MarginalAlternative] {
    func feasible(_ type: QuantileType, _ rule: RoundingRule, _ grid: ScaleGrid) -> Bool {
        [request.before, request.after].allSatisfy {
            QuartileConstraints(summary: $0, n: request.pairs, type: type, grid: grid, rule: rule).isFeasible
        }
    }
    var found: [MarginalAlternative] = []
    for rule in RoundingRule.allCases {
        for type in QuantileType.allCases where !(type == request.quantileType && rule == request.rounding) {
            if feasible(type, rule, request.grid) {
                found.append(MarginalAlternative(quantileType: type, rounding: rule, step: request.grid.step))
            }
        }
    }
    for divisor in [2, 10] {
        if let finer = request.grid.refined(by: divisor), feasible(request.quantileType, request.rounding, finer) {
            found.append(MarginalAlternative(quantileType: request.quantileType, rounding: request.rounding, step: finer.step))
            break
        }
    }
    return found
}

/// "half-up rounding (types 2, 6, 7); half-even rounding with type 8; a grid of step 0.5 (type 7, half-even)".
private func describe(_ alternatives: [MarginalAlternative], request: PairedReconstructionRequest) -> String {
    var parts: [String] = []
    for rule in RoundingRule.allCases {
        let types = alternatives.filter { $0.rounding == rule && $0.step == request.grid.step }.map { String($0.quantileType.rawValue) }
        if types.isEmpty { continue }
        parts.append("\(rule.rawValue) rounding (quantile type\(types.count > 1 ? "s" : "") \(types.joined(separator: ", ")))")
    }
    for a in alternatives where a.step != request.grid.step {
        parts.append("a grid of step \(a.step.shortText) (quantile type \(a.quantileType.rawValue), \(a.rounding.rawValue))")
    }
    return parts.joined(separator: "; ")
}
