import Foundation

extension Verifier {
    /// The words a row label uses for a statistic rather than for the variable ("Age, mean (SD)"
    /// and "Age, range" are both about "age"; "Mean (SD)" and "Range" under an "Age" section are
    /// about the section).
    static let statisticWords: Set<String> = ["mean", "sd", "range", "min", "max", "minimum", "maximum", "median", "iqr", "n",
                                              "±", "to", "and", "or", "standard", "deviation", "interquartile"]

    /// The variable a row label names once its statistic words are removed (lower case), empty when
    /// the label is only a statistic.
    static func variableStem(_ label: String) -> String {
        let words = label.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        return words.filter { !statisticWords.contains($0) }.joined(separator: " ")
    }

    /// The range printed for a mean's variable and patients: found, more than one candidate, or none.
    enum RangePartner {
        case found(ReadCell, PrintedNumber, PrintedNumber)
        case ambiguous
        /// The range column beside the mean could not be read.
        case unreadable
        case none
    }

    /// The range cell printed for the same variable, patients and table as a mean cell.
    ///
    /// In another row of the same column: a row label naming the same variable (or both only
    /// statistics): "Age, mean (SD)" and "Age, range", or "Mean (SD)" and "Range" under an "Age"
    /// section. In another column of the same row (PMC5882834 Table 3: "Baseline mean (±SD)" then
    /// "Baseline range"): a column heading naming the same thing once its statistic words are
    /// removed ("Follow-up mean (±SD)" and "Follow-up range"), else the column just after the
    /// mean's when its heading announces a range (the table's "Basline mean (±SD)" is followed
    /// by "Baseline range"). A range column whose N differs from the mean's is another population.
    /// Two candidates for one mean: ambiguous, and the check says so.
    static func rangePartner(of c: ReadCell, in cells: [ReadCell]) -> RangePartner {
        let stem = variableStem(c.cell.row)
        for other in cells where other.cell.table == c.cell.table && other.cell.section == c.cell.section
            && other.cell.column == c.cell.column && other.cell.row != c.cell.row {
            guard case let .range(lo, hi) = other.parsed, variableStem(other.cell.row) == stem else { continue }
            return .found(other, lo, hi)
        }
        let row = cells.filter { $0.cell.table == c.cell.table && $0.cell.section == c.cell.section && $0.cell.row == c.cell.row }
        func isRange(_ o: ReadCell) -> Bool {
            guard o.cell.column != c.cell.column, case .range = o.parsed else { return false }
            return o.cell.columnN == nil || c.n == nil || o.cell.columnN == c.n
        }
        let columnStem = variableStem(c.cell.column)
        let sameStem = row.filter { isRange($0) && variableStem($0.cell.column) == columnStem }
        if sameStem.count > 1 { return .ambiguous }
        var partner = sameStem.first
        if partner == nil, let i = row.firstIndex(where: { $0.cell.column == c.cell.column }), i + 1 < row.count {
            let next = row[i + 1]
            // The next column, unless another mean of the row names it exactly.
            let claimed = row.contains { o in
                guard case .meanSD = o.parsed, o.cell.column != c.cell.column else { return false }
                return variableStem(o.cell.column) == variableStem(next.cell.column)
            }
            if LabelStatistic(label: next.cell.column) == .range, !claimed {
                if next.isUnreadable { return .unreadable }
                if isRange(next) { partner = next }
            }
        }
        guard let partner, case let .range(lo, hi) = partner.parsed else { return .none }
        return .found(partner, lo, hi)
    }

    /// `sd-bounds` (and `mean-bounds` across rows): a mean ± SD of n values against the printed
    /// range of the same variable (a `range` row beside it in the same column, or a range column
    /// beside it in the same row: ``rangePartner(of:in:)``), or against the instrument's scale
    /// (`scale_min`, `scale_max`).
    ///
    /// With every value in [a, b] and mean μ, the sample SD is at most √(n/(n − 1)·(b − μ)(μ − a))
    /// (Bhatia & Davis 2000, for the sample variance); with a printed range the minimum and the
    /// maximum are both values, so the SD is at least (b − a)/√(2(n − 1)) (the other n − 2 values
    /// at the midpoint), and the mean lies within [(a(n − 1) + b)/n, (a + b(n − 1))/n]. Every
    /// bound is taken over all true values behind the printed numbers (half-up, half-even or
    /// truncation), so only what no reading of the rounding allows is an error.
    static func spreadFindings(_ cells: [ReadCell], log: inout CoverageLog) -> [Finding] {
        var findings: [Finding] = []
        for c in cells {
            guard case let .meanSD(mean, sd) = c.parsed else { continue }
            let found = rangePartner(of: c, in: cells)
            var partner: (ReadCell, PrintedNumber, PrintedNumber)?
            if case let .found(other, lo, hi) = found { partner = (other, lo, hi) }
            let scale: (Double, Double)? = c.cell.scaleMin.flatMap { lo in c.cell.scaleMax.map { (lo, $0) } }
            if case .ambiguous = found, scale == nil { log.notRun(c.reference, .sdBounds, .ambiguousPartner); continue }
            if case .unreadable = found { log.notRun(c.reference, .sdBounds, .unreadableNeighbour); continue }
            guard partner != nil || scale != nil else { continue }
            guard let n = c.n, n > 1 else { log.notRun(c.reference, .sdBounds, .noColumnN); continue }
            if let other = partner?.0, other.isUnreadable { log.notRun(c.reference, .sdBounds, .unreadableNeighbour); continue }
            log.ran(c.reference, .sdBounds)
            let size = Double(n)
            let m = roundedMeanValues(mean), s = roundedMeanValues(sd)
            // The widest [a, b] the printed numbers allow, and the narrowest (for the smallest SD).
            let a: Double, b: Double, from: String
            var narrow: (Double, Double)?
            if let (other, lo, hi) = partner {
                log.ran(other.reference, .sdBounds)
                a = lo.trueValues.lowerBound
                b = hi.trueValues.upperBound
                narrow = (lo.trueValues.upperBound, hi.trueValues.lowerBound)
                from = "range"
                let smallestMean = (a * (size - 1) + hi.trueValues.lowerBound) / size
                let largestMean = (lo.trueValues.upperBound + b * (size - 1)) / size
                if !m.overlaps(smallestMean...max(smallestMean, largestMean)) {
                    findings.append(Finding(severity: .error, check: .meanBounds, cell: c.reference, text: c.cell.text,
                                            detail: .meanBounds(mean: mean, n: n, smallest: smallestMean, largest: largestMean, from: "range"),
                                            related: [other.reference]))
                    continue
                }
            } else if let (lo, hi) = scale {
                a = lo
                b = hi
                from = "scale"
                if !m.overlaps(a...max(a, b)) {
                    findings.append(Finding(severity: .error, check: .meanBounds, cell: c.reference, text: c.cell.text,
                                            detail: .meanBounds(mean: mean, n: n, smallest: a, largest: b, from: "scale")))
                    continue
                }
            } else { continue }
            // The largest SD: μ as near the middle of [a, b] as the printed mean allows.
            let middle = (a + b) / 2
            let mu = min(max(middle, m.lowerBound), m.upperBound)
            let largest = (size / (size - 1) * max(0, (b - mu) * (mu - a))).squareRoot()
            var smallest = 0.0
            if let (lo, hi) = narrow, hi > lo { smallest = (hi - lo) / (2 * (size - 1)).squareRoot() }
            if s.lowerBound > largest || s.upperBound < smallest {
                findings.append(Finding(severity: .error, check: .sdBounds, cell: c.reference, text: c.cell.text,
                                        detail: .sdBounds(sd: sd, mean: mean, n: n, smallest: smallest, largest: largest, from: from),
                                        related: partner.map { [$0.0.reference] } ?? []))
            }
        }
        return findings
    }
}
