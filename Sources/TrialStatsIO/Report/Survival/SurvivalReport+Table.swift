import Foundation
import TrialStats

extension SurvivalReport {
    /// `trialstats km`'s table for people: per group n, events, the median with its interval,
    /// follow-up, RMST and the landmarks; the group test below.
    public func table() -> TextTable {
        let level = formatForPeople(settings.confLevel * 100, significant: 4) + "%"
        let u = settings.unit.map { " (\($0))" } ?? ""
        var header = ["group", "n", "events", "median\(u)", "\(level) CI", "follow-up median [range]"]
        if let tau = settings.tau { header.append("RMST to \(formatForPeople(tau)) (\(level) CI)") }
        header += settings.landmarks.map { "S(\(formatForPeople($0)))" }
        let rows = groups.map { r -> [String] in
            let m = r.median
            var cells = [r.group, String(r.curve.n), String(r.curve.events),
                         m.estimate.map(time) ?? "not reached",
                         "\(m.lower.map(time) ?? "—") to \(m.upper.map(time) ?? "not reached")",
                         "\(r.followUp.median.map(time) ?? "—") [\(time(r.followUp.minimum))–\(time(r.followUp.maximum))]"]
            if let rm = r.rmst {
                let four = { (v: Double) in settings.timeDecimals == nil ? formatForPeople(v, significant: 4) : time(v) }
                cells.append("\(four(rm.estimate)) (\(four(rm.lower)) to \(four(rm.upper)))")
            }
            cells += r.landmarks.map { a in
                guard let s = a.survival else { return "not estimable" }
                return "\(percent(s)) (\(a.lower.map(percent) ?? "—")–\(a.upper.map(percent) ?? "—")), n=\(a.nRisk)"
            }
            return cells
        }
        var footer: [String] = []
        if let l = logRank {
            footer.append("")
            footer.append("\(l.rho == 0 ? "Log-rank test" : "Fleming–Harrington test, rho = \(formatForPeople(l.rho))"): chi-square = \(formatForPeople(l.chisq, significant: 4)) on \(l.df) df, p = \(formatPValue(l.pValue))")
        }
        return TextTable(title: ["Kaplan–Meier estimates; \(settings.confType.rawValue) \(level) intervals; medians and CIs as R \(settings.medianRule.rawValue)(survfit)", ""],
                         header: header, rows: rows, rightAligned: Set(1..<header.count), footer: footer,
                         optionalColumns: (6..<header.count).map { [$0] })
    }

    /// A time as printed: fixed decimals when converted from dates (``Settings/timeDecimals``),
    /// else six significant digits.
    private func time(_ t: Double) -> String {
        settings.timeDecimals.map { DecimalText.fixed(t, decimals: $0) } ?? formatForPeople(t)
    }

    private func percent(_ p: Double) -> String { DecimalText.fixed(p * 100, decimals: 1) + "%" }
}
