import Foundation
import Testing
import TestSupport
@testable import TrialStats

@Suite("Landmark survival")
struct SurvivalAtTimesTests {
    static func transform(_ name: String) -> ConfidenceTransform { name == "arcsin" ? .arcsine : ConfidenceTransform(rawValue: name)! }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (x?, y?): return agrees(x, y, relative: 1e-12, absolute: 1e-15)
        default: return false
        }
    }

    /// R 4.2.2, survival 3.5.3: summary(survfit(Surv(c(1, 2, 2, 3, 4), c(1, 1, 0, 1, 1)) ~ 1),
    /// times = c(5, 10), extend = TRUE) gives surv 0, n.risk 0 (Fixtures/reference/km_issue12.R).
    @Test("issue 12.2: landmarks after a curve has reached 0 are 0")
    func afterReachingZero() throws {
        let km = try kaplanMeier(times: [1, 2, 2, 3, 4], events: [true, true, false, true, true])
        for t in [4.0, 5, 10] {
            let got = km.survival(at: t)
            #expect(got.survival == 0 && got.stdErr == nil && got.lower == nil && got.upper == nil, "t = \(t)")
        }
        #expect(km.survival(at: 5).nRisk == 0 && km.survival(at: 4).nRisk == 1)
    }

    @Test("issue 12.2: landmarks before, at and after the last time, against summary(extend = TRUE)")
    func againstR() throws {
        let cases = try #require(SurvivalConventionsFixture.shared?.landmarks)
        #expect(cases.count == 5)
        for c in cases {
            let events = c.status.map { $0 == 1 }
            for fit in c.fits {
                let km = try kaplanMeier(times: c.time, events: events, transform: Self.transform(fit.conf_type))
                let endsInCensoring = km.steps.last!.survival > 0
                for (i, t) in fit.time.enumerated() {
                    let got = km.survival(at: t)
                    let label = "\(c.name) \(fit.conf_type) at \(t)"
                    #expect(got.nRisk == fit.n_risk[i], "\(label)")
                    if t > km.lastTime && endsInCensoring {
                        // R extends the last value; nobody is followed here, so TrialStats says not estimable.
                        #expect(got.survival == nil && Self.same(fit.surv[i], km.steps.last!.survival), "\(label)")
                    } else {
                        #expect(Self.same(got.survival, fit.surv[i]) && Self.same(got.stdErr, fit.std_err[i])
                                && Self.same(got.lower, fit.lower[i]) && Self.same(got.upper, fit.upper[i]), "\(label): \(got)")
                    }
                }
            }
        }
    }
}
