import Foundation

/// Bounds on the order statistics of one group implied by its printed quantiles under one
/// quantile definition: lower[i] ≤ x₍ᵢ₎ ≤ upper[i] (1-based; nil where nothing is known).
struct OrderStatisticBounds {
    var n: Int
    var lower: [Int: Double] = [:]
    var upper: [Int: Double] = [:]

    /// Adds the constraint that the p-quantile lies in [lo, hi], using necessary conditions only:
    /// Q = (1 − h)x₍ⱼ₎ + h·x₍ⱼ₊₁₎ implies x₍ⱼ₎ ≤ hi and x₍ⱼ₊₁₎ ≥ lo (or both for x₍ⱼ₎ when h = 0).
    mutating func add(p: Double, lo: Double, hi: Double, type: QuantileType) {
        let (j, h) = quantilePosition(n: n, p: p, type: type)
        if h == 0 {
            tighten(j, lo: lo, hi: hi)
        } else {
            tighten(j, lo: nil, hi: hi)
            tighten(min(j + 1, n), lo: lo, hi: nil)
        }
    }

    private mutating func tighten(_ i: Int, lo: Double?, hi: Double?) {
        if let lo { lower[i] = max(lower[i] ?? -.infinity, lo) }
        if let hi { upper[i] = min(upper[i] ?? .infinity, hi) }
    }

    /// The most values that can be ≤ v: those below the first order statistic forced above v.
    func maxCountAtMost(_ v: Double) -> Int {
        let forcedAbove = lower.filter { $0.value > v }.map(\.key).min()
        return forcedAbove.map { $0 - 1 } ?? n
    }

    /// The fewest values that must be < v: all up to the last order statistic forced below v.
    func minCountBelow(_ v: Double) -> Int {
        upper.filter { $0.value < v }.map(\.key).max() ?? 0
    }
}

extension Verifier {
    /// The widest interval of true values that print as `number` under any rounding rule,
    /// closed at both ends (so that a check built on it never raises a false alarm).
    static func lenientInterval(_ number: PrintedNumber) -> (Double, Double) {
        let unit = pow10(-number.decimals)
        return (number.value - unit / 2 - 1e-12, number.value + unit + 1e-12)
    }

    /// Whether some true values a ≤ b can print as `first` and `second` under one rounding rule
    /// (the same rule for both numbers of a cell).
    static func canBeOrdered(_ first: PrintedNumber, _ second: PrintedNumber) -> Bool {
        RoundingRule.allCases.contains { rule in
            let a = first.interval(rule: rule), b = second.interval(rule: rule)
            let tolerance = 1e-12 * max(1, abs(a.lower), abs(b.upper))
            if a.lower < b.upper - tolerance { return true }
            return abs(a.lower - b.upper) <= tolerance && a.lowerIncluded && b.upperIncluded
        }
    }

    /// `quantile-order`: min ≤ Q1 ≤ median ≤ Q3 ≤ max must hold for some true values behind the
    /// printed ones, rounded to the printed decimals under one rule (half-up, half-even or
    /// truncation): "44 (45–69)" is impossible, "44 (44–69)" is not.
    static func quantileOrderFindings(_ cells: [ReadCell]) -> [Finding] {
        var findings: [Finding] = []
        for c in cells {
            let ordered: [(String, PrintedNumber)]
            switch c.parsed {
            case let .medianIQR(m, q1, q3): ordered = [("first quartile", q1), ("median", m), ("third quartile", q3)]
            case let .medianRange(m, lo, hi): ordered = [("minimum", lo), ("median", m), ("maximum", hi)]
            default: continue
            }
            for (a, b) in zip(ordered, ordered.dropFirst()) where !canBeOrdered(a.1, b.1) {
                findings.append(Finding(severity: .error, check: "quantile-order", cell: c.reference, text: c.cell.text,
                                        message: "The \(a.0) (\(a.1.text)) is larger than the \(b.0) (\(b.1.text)); a \(a.0) can never exceed the \(b.0)."))
                break
            }
        }
        return findings
    }

    /// `pooled-quantile`: the total column's median and quartiles must be possible given the
    /// subgroups' printed medians and quartiles and their sizes. For each Hyndman–Fan definition,
    /// each group's printed quantiles bound its order statistics; counting how many values can be
    /// (or must be) below a threshold across the groups bounds the pooled order statistics. An error
    /// when no definition allows the printed pooled values; a warning when R's default type 7 does
    /// not but another does. Only necessary conditions are used, so a consistent table raises
    /// nothing. Rows where a cell already fails `quantile-order` are skipped.
    static func pooledQuantileFindings(_ rows: [ReadRow], skipping broken: Set<CellReference>) -> [Finding] {
        var findings: [Finding] = []
        for row in rows where !row.cells.contains(where: { broken.contains($0.reference) }) {
            guard let total = row.cells.first(where: { isTotalColumn($0.cell.column) }),
                  case let .medianIQR(tm, tq1, tq3) = total.parsed, let totalN = total.cell.columnN else { continue }
            let parts = row.cells.filter { !isTotalColumn($0.cell.column) && $0.cell.columnN != nil }
            guard parts.count >= 2, parts.reduce(0, { $0 + $1.cell.columnN! }) == totalN else { continue }
            var groups: [(ReadCell, [(Double, PrintedNumber)])] = []
            for p in parts {
                guard case let .medianIQR(m, q1, q3) = p.parsed else { groups = []; break }
                groups.append((p, [(0.25, q1), (0.5, m), (0.75, q3)]))
            }
            guard groups.count == parts.count else { continue }
            let pooled: [(String, Double, PrintedNumber)] = [("first quartile", 0.25, tq1), ("median", 0.5, tm), ("third quartile", 0.75, tq3)]
            var feasibleTypes: [QuantileType] = []
            var type7Reason: String?
            for type in QuantileType.allCases {
                let bounds = groups.map { cell, printed -> OrderStatisticBounds in
                    var b = OrderStatisticBounds(n: cell.cell.columnN!)
                    for (p, number) in printed {
                        let (lo, hi) = lenientInterval(number)
                        b.add(p: p, lo: lo, hi: hi, type: type)
                    }
                    return b
                }
                var reason: String?
                for (name, p, number) in pooled {
                    let (lo, hi) = lenientInterval(number)
                    let (j, h) = quantilePosition(n: totalN, p: p, type: type)
                    let maxAtMost = bounds.reduce(0) { $0 + $1.maxCountAtMost(hi) }
                    let minBelow = bounds.reduce(0) { $0 + $1.minCountBelow(lo) }
                    let allowedBelow = h == 0 ? j - 1 : j
                    if maxAtMost < j {
                        let detail = zip(groups, bounds).map { "\($0.0.cell.column) \($1.maxCountAtMost(hi))" }.joined(separator: ", ")
                        reason = "the pooled \(name) \(number.text) needs at least \(j) of \(totalN) values at or below it, but the subgroups' printed quartiles allow at most \(maxAtMost) (\(detail))"
                        break
                    }
                    if minBelow > allowedBelow {
                        let detail = zip(groups, bounds).map { "\($0.0.cell.column) \($1.minCountBelow(lo))" }.joined(separator: ", ")
                        reason = "the pooled \(name) \(number.text) allows at most \(allowedBelow) of \(totalN) values below it, but the subgroups' printed quartiles force at least \(minBelow) (\(detail))"
                        break
                    }
                }
                if reason == nil { feasibleTypes.append(type) }
                if type == .type7 { type7Reason = reason }
            }
            let related = parts.map(\.reference)
            if feasibleTypes.isEmpty {
                findings.append(Finding(severity: .error, check: "pooled-quantile", cell: total.reference, text: total.cell.text,
                                        message: "Under every quantile definition (types 1–9), \(type7Reason ?? "the pooled quartiles are impossible"); the \(total.cell.column) column cannot be the union of the subgroups.",
                                        related: related))
            } else if !feasibleTypes.contains(.type7), let type7Reason {
                findings.append(Finding(severity: .warning, check: "pooled-quantile", cell: total.reference, text: total.cell.text,
                                        message: "Under R's default quantile type 7, \(type7Reason); possible only under type\(feasibleTypes.count > 1 ? "s" : "") \(feasibleTypes.map { String($0.rawValue) }.joined(separator: ", ")).",
                                        related: related))
            }
        }
        return findings
    }

    /// `cross-table`: the same variable and population printed in two tables must agree after
    /// rounding (the intervals of values behind the two printed numbers overlap). Cells are
    /// matched by the optional `variable` and `population` columns, else by section and row label.
    static func crossTableFindings(_ cells: [ReadCell]) -> [Finding] {
        var findings: [Finding] = []
        var seen: [String: ReadCell] = [:]
        for c in cells {
            let variable = (c.cell.variable ?? (c.cell.section + " / " + c.cell.row)).lowercased()
            let key = variable + "\u{1F}" + c.cell.populationName.lowercased()
            guard let earlier = seen[key] else { seen[key] = c; continue }
            guard earlier.cell.table != c.cell.table else { continue }
            let pairs: [(String, PrintedNumber, PrintedNumber)]
            switch (earlier.parsed, c.parsed) {
            case let (.medianIQR(m1, a1, b1), .medianIQR(m2, a2, b2)):
                pairs = [("median", m1, m2), ("first quartile", a1, a2), ("third quartile", b1, b2)]
            case let (.count(x1, _), .count(x2, _)):
                pairs = [("count", PrintedNumber(value: Double(x1), decimals: 0), PrintedNumber(value: Double(x2), decimals: 0))]
            default: continue
            }
            for (name, first, second) in pairs {
                let (lo1, hi1) = lenientInterval(first), (lo2, hi2) = lenientInterval(second)
                if hi1 < lo2 || hi2 < lo1 {
                    findings.append(Finding(severity: .warning, check: "cross-table", cell: c.reference, text: c.cell.text,
                                            message: "\(c.cell.table) prints the \(name) of \(c.cell.variable ?? c.cell.row) (\(c.cell.populationName)) as \(second.text), but \(earlier.cell.table) prints \(first.text) for the same patients; no rounding reconciles them.",
                                            related: [earlier.reference]))
                }
            }
        }
        return findings
    }
}
