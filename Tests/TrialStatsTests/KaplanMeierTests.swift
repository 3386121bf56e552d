import Foundation
import Testing
import TestSupport
@testable import TrialStats

/// Fixtures/reference/km.json (R 4.2.2, survival 3.5.3) on the CSVs in km_data/: aml, the
/// Freireich 6-MP data, no events, single subjects, all events at one time, heavy censoring,
/// ties, flat-at-½ curves, a CASTLE-shaped set and 10⁵ subjects.
@Suite("Kaplan–Meier, quantiles, landmarks, RMST, follow-up and log-rank against R survival")
struct KaplanMeierTests {
    typealias Reference = KaplanMeierReference

    struct Sample { var time: [Double]; var event: [Bool]; var group: [String] }

    static func load(_ csv: String) throws -> Sample {
        let text = try ReferenceFixtures.text("reference/\(csv)")
        var data = Sample(time: [], event: [], group: [])
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            data.time.append(try #require(Double(cells[0])))
            data.event.append(cells[1] == "1")
            data.group.append(cells.count > 2 ? cells[2] : "")
        }
        return data
    }

    /// The times and events of one curve (all subjects when `group` is nil).
    static func curveData(_ data: Sample, group: String?) -> (times: [Double], events: [Bool]) {
        let rows = data.time.indices.filter { group == nil || data.group[$0] == group }
        return (rows.map { data.time[$0] }, rows.map { data.event[$0] })
    }

    static func transform(_ name: String) throws -> ConfidenceTransform {
        try #require(name == "arcsin" ? .arcsine : ConfidenceTransform(rawValue: name))
    }

    static func same(_ a: Double?, _ b: Double?, _ tol: Double = 1e-12) -> Bool {
        agrees(a, b, relative: tol, absolute: 1e-15)
    }

    @Test("the reference file reads: 12 data sets, 120 fits, 8 survdiff tests")
    func fixtureReads() throws {
        let reference = try #require(Reference.loaded)
        #expect(reference.datasets.count == 12)
        #expect(reference.datasets.flatMap(\.curves).flatMap(\.fits).count == 120)
        #expect(reference.datasets.compactMap(\.survdiff).joined().count >= 8)
    }

    /// Every curve, transform and level: the step table, quantiles with CIs, landmarks.
    @Test("steps, quantiles and landmarks", arguments: Reference.datasets)
    func curves(_ ds: Reference.Dataset) throws {
        let data = try Self.load(ds.csv)
        for curve in ds.curves {
            let (times, events) = Self.curveData(data, group: curve.group)
            for fit in curve.fits {
                let transform = try Self.transform(fit.confType)
                let km = try kaplanMeier(times: times, events: events, transform: transform, confLevel: fit.confInt)
                let label = "\(ds.name) \(curve.group ?? "all") \(transform.rawValue) \(fit.confInt)"
                if let steps = fit.steps {
                    #expect(km.steps.count == steps.time.count, "\(label): rows")
                    for (i, row) in km.steps.enumerated() where i < steps.time.count {
                        #expect(row.time == steps.time[i] && row.nRisk == steps.nRisk[i], "\(label) row \(i)")
                        #expect(Self.same(row.survival, steps.surv[i]) && Self.same(row.stdErr, steps.stdErr[i])
                                && Self.same(row.stdErrLogSurvival, steps.stdErrLogSurv[i]),
                                "\(label) t=\(row.time): S \(row.survival) se \(String(describing: row.stdErr))")
                        #expect(Self.same(row.lower, steps.lower[i]) && Self.same(row.upper, steps.upper[i]),
                                "\(label) t=\(row.time): CI \(String(describing: row.lower)) \(String(describing: row.upper)) vs \(String(describing: steps.lower[i])) \(String(describing: steps.upper[i]))")
                    }
                }
                if let q = fit.quantiles {
                    for (i, p) in q.probs.enumerated() {
                        let got = km.quantile(p)
                        #expect(Self.same(got.estimate, q.quantile[i]) && Self.same(got.lower, q.lower[i]) && Self.same(got.upper, q.upper[i]),
                                "\(label) quantile \(p): \(got) vs \(String(describing: q.quantile[i])) [\(String(describing: q.lower[i])), \(String(describing: q.upper[i]))]")
                    }
                }
                if let landmarks = fit.landmarks {
                    try Self.checkLandmarks(landmarks, km: km, label: label)
                }
            }
        }
    }

    /// `summary(fit, times =, extend = FALSE)` row for row where R gives one; with
    /// `extend = TRUE`, the same survival where TrialStats estimates it: 0 after a curve has
    /// reached 0 (as R), not estimable after a last censored time (R carries the last value on).
    static func checkLandmarks(_ landmarks: Reference.Landmarks, km: KaplanMeierCurve, label: String) throws {
        let rows = landmarks.extendFalse, extended = landmarks.extendTrue
        let times = rows.time ?? []
        for t in landmarks.requested {
            let got = km.survival(at: t)
            if let i = times.firstIndex(of: t) {
                let (nRisk, s, se, lo, hi) = try (#require(rows.nRisk)[i], #require(rows.surv)[i], #require(rows.stdErr)[i], #require(rows.lower)[i], #require(rows.upper)[i])
                #expect(got.nRisk == nRisk && Self.same(got.survival, s) && Self.same(got.stdErr, se)
                        && Self.same(got.lower, lo) && Self.same(got.upper, hi), "\(label) at \(t): \(got)")
            } else {
                let j = try #require(extended.time?.firstIndex(of: t), "\(label): R extend = TRUE has a row at \(t)")
                let rSurvival = try #require(extended.surv)[j]
                let endsInEvent = km.steps.last?.survival == 0
                #expect(t > km.lastTime && got.nRisk == 0, "\(label) at \(t)")
                #expect(endsInEvent ? (got.survival == 0 && rSurvival == 0) : got.survival == nil, "\(label) at \(t): \(got) vs R \(String(describing: rSurvival))")
            }
        }
    }

    @Test("restricted mean survival and reverse-KM median follow-up", arguments: Reference.datasets)
    func restrictedMeanAndFollowUp(_ ds: Reference.Dataset) throws {
        let data = try Self.load(ds.csv)
        for curve in ds.curves {
            let (times, events) = Self.curveData(data, group: curve.group)
            let km = try kaplanMeier(times: times, events: events)
            let label = "\(ds.name) \(curve.group ?? "all")"
            for r in curve.rmst {
                let got = try km.restrictedMean(tau: r.tau)
                if r.error == nil {
                    #expect(Self.same(got.estimate, r.rmean) && Self.same(got.stdErr, r.seRmean, 1e-10),
                            "\(label) tau \(r.tau): \(got.estimate) ± \(got.stdErr)")
                    #expect(Self.same(got.lower, r.waldLower, 1e-10) && Self.same(got.upper, r.waldUpper, 1e-10))
                } else {
                    // R refuses tau before the first time; S = 1 there, so RMST = tau exactly.
                    #expect(got.estimate == r.tau && got.stdErr == 0)
                }
            }
            if let reverse = curve.reverseKM {
                let follow = try medianFollowUp(times: times, events: events)
                #expect(Self.same(follow.median, reverse.median), "\(label) follow-up \(String(describing: follow.median))")
                #expect(follow.minimum == reverse.timeMin && follow.maximum == reverse.timeMax)
            }
        }
    }

    @Test("log-rank and Peto–Peto tests match survdiff", arguments: Reference.datasets.filter { $0.survdiff != nil })
    func logRank(_ ds: Reference.Dataset) throws {
        let tests = try #require(ds.survdiff), labels = try #require(ds.groups)
        let data = try Self.load(ds.csv)
        let groups = try data.group.map { g in try #require(labels.firstIndex(of: g)) }
        for t in tests {
            let got = try logRankTest(times: data.time, events: data.event, groups: groups, labels: labels, rho: t.rho)
            let label = "\(ds.name) rho \(t.rho)"
            #expect(Self.same(got.chisq, t.chisq, 1e-10), "\(label): chisq \(got.chisq)")
            #expect(got.df == t.df)
            #expect(Self.same(got.pValue, t.pValue, 1e-9) || (t.pValue == 0 && got.pValue < 1e-300), "\(label): p \(got.pValue)")
            for g in labels.indices {
                #expect(Self.same(got.observed[g], t.observed[g], 1e-10) && Self.same(got.expected[g], t.expected[g], 1e-10), "\(label) group \(g)")
            }
        }
    }

    /// Klein & Moeschberger (2003) Table 4.1A, the 6-MP arm of Freireich et al. (1963), and
    /// Venables & Ripley's log-rank statistic 16.8 (6-MP vs placebo).
    @Test("published 6-MP values")
    func published() throws {
        let data = try Self.load("km_data/gehan.csv")
        let arm = data.time.indices.filter { data.group[$0] == "6-MP" }
        let km = try kaplanMeier(times: arm.map { data.time[$0] }, events: arm.map { data.event[$0] })
        let expected: [(Double, Double, Double)] = [(6, 0.857, 0.076), (7, 0.807, 0.087), (10, 0.753, 0.096), (13, 0.690, 0.107),
                                                   (16, 0.627, 0.114), (22, 0.538, 0.128), (23, 0.448, 0.135)]
        for (t, s, se) in expected {
            let row = km.survival(at: t)
            #expect(abs(row.survival! - s) < 0.0005 && abs(row.stdErr! - se) < 0.0005, "t = \(t)")
        }
        #expect(km.quantile(0.5).estimate == 23)
        let labels = ["6-MP", "placebo"]
        let test = try logRankTest(times: data.time, events: data.event, groups: data.group.map { labels.firstIndex(of: $0)! }, labels: labels)
        #expect((test.chisq * 10).rounded() / 10 == 16.8 && test.observed == [9, 21])
    }

    @Test("hand-worked curve and properties")
    func handWorked() throws {
        // Times 1, 2+, 3, 3, 4+: S(1) = 4/5, S(3) = 4/5 · (1 − 2/3) = 4/15.
        let km = try kaplanMeier(times: [3, 1, 4, 2, 3], events: [true, true, false, false, true])
        #expect(km.steps.map(\.time) == [1, 2, 3, 4])
        #expect(km.steps.map(\.nRisk) == [5, 4, 3, 1])
        #expect(abs(km.steps[2].survival - 4.0 / 15) < 1e-15)
        // Greenwood: σ² = 1/(5·4) + 2/(3·1).
        #expect(abs(km.steps[2].stdErrLogSurvival! - (1.0 / 20 + 2.0 / 3).squareRoot()) < 1e-15)
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<30 {
            let n = Int.random(in: 1...60, using: &generator)
            let times = (0..<n).map { _ in Double(Int.random(in: 0...20, using: &generator)) }
            let events = (0..<n).map { _ in Bool.random(using: &generator) }
            for transform in ConfidenceTransform.allCases {
                let fit = try kaplanMeier(times: times, events: events, transform: transform)
                #expect(zip(fit.steps, fit.steps.dropFirst()).allSatisfy { $1.survival <= $0.survival })
                #expect(fit.steps.allSatisfy { s in (s.lower ?? 0) <= s.survival + 1e-15 && s.survival <= (s.upper ?? 1) + 1e-15 })
                let shuffled = Array(zip(times, events)).shuffled(using: &generator)
                #expect(try kaplanMeier(times: shuffled.map(\.0), events: shuffled.map(\.1), transform: transform) == fit)
            }
        }
    }

    @Test("bad input is refused")
    func badInput() {
        #expect(throws: SurvivalError.invalidTime(index: 1, value: -1)) { try kaplanMeier(times: [1, -1], events: [true, true]) }
        #expect(throws: SurvivalError.empty) { try kaplanMeier(times: [], events: []) }
        #expect(throws: SurvivalError.invalidTau(0)) { try kaplanMeier(times: [1], events: [true]).restrictedMean(tau: 0) }
    }
}
