import Foundation

extension Verifier {
    /// `rate-interval`: a rate printed with its confidence interval and an N is reproduced by the
    /// eight interval methods (``BinomialIntervalMethod``) at the level the cell or its headings
    /// state (95% when none does). For `x/n (p%) [lo–hi]` the count is printed; for `12.5% (95% CI
    /// 3.5–29.0)` the counts the percentage allows (``PercentCounts``, at most five) are tried. The
    /// bounds must print as published under one rounding rule (in % when a bound is above 1; a
    /// bound at most 1 may be either). Clopper–Pearson's exact interval — the one verify gives
    /// every count — printing it is no news (the check passed); only other methods printing it is
    /// a note naming them; none, a warning (the paper may use another method, such as a logit or
    /// bootstrap interval, or another level).
    ///
    /// Which check applies depends on what the estimate is (``EstimateKind``): a Kaplan–Meier
    /// survival probability's interval depends on the risk sets and the censoring, so
    /// `rate-interval` is not run there (`survival_estimate`); a median, mean or difference gets
    /// only the `range` check; an estimate the headings do not name gets no ratio check
    /// (`estimate_not_named`).
    ///
    /// `ratio-consistency`: a ratio (HR, OR, RR) with its CI is log-symmetric for the usual Wald
    /// interval, exp(log r ± z·se): √(lower·upper) must print as the estimate (some true values
    /// behind the three printed numbers agree), and a p-value in the same row must lie within the
    /// range of 2Φ(−|log r|/se), se = (log upper − log lower)/(2z), over the true values; a
    /// warning otherwise, since exact, profile-likelihood and score intervals and log-rank
    /// p-values differ from Wald's.
    static func intervalFindings(_ rows: [ReadRow], log: inout CoverageLog) -> [Finding] {
        var findings: [Finding] = []
        for row in rows {
            for c in row.cells {
                switch c.parsed {
                case let .rateCI(x, _, _, lower, upper, level):
                    if let f = rateIntervalFinding(c, counts: x...x, lower: lower, upper: upper, scales: upper.value > 1 ? [100] : [1, 100],
                                                   level: statedLevel(c, printed: level), log: &log) {
                        findings.append(f)
                    }
                case let .estimateCI(estimate, lower, upper, level, percent):
                    switch estimateKind(c, percent: percent) {
                    case .rate:
                        guard let n = c.n, n > 0 else { log.notRun(c.reference, .rateInterval, .noColumnN); continue }
                        guard n <= 100_000 else { log.notRun(c.reference, .rateInterval, .tooLarge); continue }
                        let scale = percent || estimate.value > 1 || upper.value > 1 ? 100.0 : 1.0
                        let asPercent = scale == 100 ? estimate : PrintedNumber(value: estimate.value * 100, decimals: max(0, estimate.decimals - 2))
                        guard let counts = PercentCounts.counts(printing: asPercent, of: n),
                              counts.count <= 5 else { log.notRun(c.reference, .rateInterval, .tooLarge); continue }
                        if let f = rateIntervalFinding(c, counts: counts, lower: lower, upper: upper, scales: [scale],
                                                       level: statedLevel(c, printed: level), log: &log) {
                            findings.append(f)
                        }
                    case .survivalProbability:
                        log.notRun(c.reference, .rateInterval, .survivalEstimate)
                    case .ratio:
                        if let f = ratioFinding(c, row: row, estimate: estimate, lower: lower, upper: upper,
                                                level: statedLevel(c, printed: level) ?? 0.95, log: &log) {
                            findings.append(f)
                        }
                    case .location:
                        continue
                    case .unnamed:
                        log.notRun(c.reference, .ratioConsistency, .estimateNotNamed)
                    }
                default:
                    continue
                }
            }
        }
        return findings
    }

    /// `rate-interval` on one cell: the methods whose interval for some count in `counts` of the
    /// cell's N prints as the bounds (at `level`, 95% when nil) on one of `scales` (100 for %).
    static func rateIntervalFinding(_ c: ReadCell, counts: ClosedRange<Int>, lower: PrintedNumber, upper: PrintedNumber,
                                    scales: [Double], level: Double?, log: inout CoverageLog) -> Finding? {
        guard let n = c.n, n > 0 else { log.notRun(c.reference, .rateInterval, .noColumnN); return nil }
        guard n <= 100_000 else { log.notRun(c.reference, .rateInterval, .tooLarge); return nil }
        guard counts.upperBound <= n else { return nil }  // count-bounds reports it
        let confLevel = level ?? 0.95
        log.ran(c.reference, .rateInterval)
        var methods: [String] = []
        var count = counts.lowerBound
        for x in counts {
            for method in BinomialIntervalMethod.allCases {
                guard let ci = try? binomialInterval(successes: x, trials: n, method: method, confLevel: confLevel) else { continue }
                let prints = scales.contains { scale in
                    RoundingRule.allCases.contains { rule in
                        lower.isPrinted(from: ci.lower * scale, rule: rule) && upper.isPrinted(from: ci.upper * scale, rule: rule)
                    }
                }
                if prints && !methods.contains(method.rawValue) { methods.append(method.rawValue); count = x }
            }
        }
        if methods.contains(BinomialIntervalMethod.clopperPearson.rawValue) { return nil }
        return Finding(severity: methods.isEmpty ? .warning : .note, check: .rateInterval, cell: c.reference, text: c.cell.text,
                       detail: .rateInterval(count: count, n: n, lower: lower, upper: upper, level: confLevel, levelPrinted: level != nil, methods: methods))
    }

    /// `ratio-consistency` on one ratio cell of a row (the p-value, when printed, in the same row).
    static func ratioFinding(_ c: ReadCell, row: ReadRow, estimate: PrintedNumber, lower: PrintedNumber, upper: PrintedNumber,
                             level confLevel: Double, log: inout CoverageLog) -> Finding? {
        guard estimate.value > 0, lower.value > 0, upper.value > lower.value else { return nil }
        log.ran(c.reference, .ratioConsistency)
        let e = estimate.trueValues, a = lower.trueValues, b = upper.trueValues
        guard a.lowerBound > 0 else { return nil }
        let centre = (a.lowerBound * b.lowerBound).squareRoot()...(a.upperBound * b.upperBound).squareRoot()
        let printedP = row.cells.compactMap { cell -> PrintedPValue? in if case let .pValue(p) = cell.parsed { return p } else { return nil } }.first
        var pRange: ClosedRange<Double>?
        if let z = try? GSL.normalQuantile(1 - (1 - confLevel) / 2) {
            var ps: [Double] = []
            for r in [e.lowerBound, e.upperBound] { for lo in [a.lowerBound, a.upperBound] { for hi in [b.lowerBound, b.upperBound] where hi > lo {
                let se = (Foundation.log(hi) - Foundation.log(lo)) / (2 * z)
                ps.append(2 * GSL.normalSurvival(abs(Foundation.log(r)) / se))
            } } }
            if let lo = ps.min(), let hi = ps.max() { pRange = lo...hi }
        }
        let centred = centre.overlaps(e)
        var pAgrees = true
        if let printedP, let pRange {
            switch printedP.relation {
            case .equal: pAgrees = printedP.number.trueValues.overlaps(pRange)
            case .less, .lessOrEqual: pAgrees = pRange.lowerBound < printedP.number.value
            case .greater: pAgrees = pRange.upperBound > printedP.number.value
            }
        }
        guard !centred || !pAgrees else { return nil }
        return Finding(severity: .warning, check: .ratioConsistency, cell: c.reference, text: c.cell.text,
                       detail: .ratioConsistency(estimate: estimate, lower: lower, upper: upper,
                                                 impliedEstimate: (lower.value * upper.value).squareRoot(),
                                                 impliedP: pAgrees ? nil : pRange.map { ($0.lowerBound + $0.upperBound) / 2 },
                                                 printedP: pAgrees ? nil : printedP),
                       related: [])
    }
}
