/// A paired p-value row examined by reconstruction: whether any data on the instrument's scale
/// print the row's medians, quartiles and p-value.
public struct RowReconstruction: Equatable, Sendable {
    /// The p-value cell.
    public var cell: CellReference
    /// The row's printed texts: before, after, p-value.
    public var before: String
    public var after: String
    public var pValue: String
    /// The reconstruction (type 7, half-up, any software profile, seed 1).
    public var result: PairedReconstruction
}

extension Verifier {
    /// `reconstruction`: for each paired p-value row whose cells state the instrument's scale
    /// (`scale_min`, `scale_max`, `scale_step`), searches for paired data on that grid whose
    /// medians and quartiles (type 7, rounded half-up) and signed-rank p-value (any profile) print
    /// as published (``reconstructPairs(_:)``). Marginals that no grid data can print are an error;
    /// a p-value the search could not reach is a warning (the search is not exhaustive); a
    /// certificate found raises nothing and is reported with the p-values the search found.
    static func reconstructionFindings(_ rows: [ReadRow], log: inout CoverageLog) -> ([Finding], [RowReconstruction]) {
        var findings: [Finding] = []
        var done: [RowReconstruction] = []
        for row in rows {
            guard let pCell = row.cells.first(where: { if case .pValue = $0.parsed { return true } else { return false } }),
                  case let .pValue(p) = pCell.parsed else { continue }
            let medians = row.cells.filter { if case .medianIQR = $0.parsed { return true } else { return false } }
            guard medians.count == 2 else { log.notRun(pCell.reference, .reconstruction, .notAPairedRow); continue }
            guard let n = pairsCount(row) ?? medians.compactMap({ $0.cell.columnN }).min(), n >= 1 else { log.notRun(pCell.reference, .reconstruction, .noColumnN); continue }
            guard let scaled = medians.first(where: { $0.cell.scaleMin != nil && $0.cell.scaleMax != nil && $0.cell.scaleStep != nil }),
                  let minimum = scaled.cell.scaleMin, let maximum = scaled.cell.scaleMax, let step = scaled.cell.scaleStep,
                  case let .medianIQR(m0, a0, b0) = medians[0].parsed, case let .medianIQR(m1, a1, b1) = medians[1].parsed
            else { log.notRun(pCell.reference, .reconstruction, .noScale); continue }
            // The grids the reconstruction searches: values within ±10⁹, steps of at least 10⁻⁹, up to 1,000 pairs.
            guard n <= 1000, abs(minimum) <= 1e9, abs(maximum) <= 1e9, step >= 1e-9 else {
                log.notRun(pCell.reference, .reconstruction, .tooLarge)
                continue
            }
            guard let grid = try? ScaleGrid(minimum: minimum, maximum: maximum, step: step) else {
                log.notRun(pCell.reference, .reconstruction, .noScale)
                continue
            }
            log.ran(pCell.reference, .reconstruction)
            let before = PrintedMedianIQR(median: m0, lowerQuartile: a0, upperQuartile: b0)
            let after = PrintedMedianIQR(median: m1, lowerQuartile: a1, upperQuartile: b1)
            let request = PairedReconstructionRequest(pairs: n, before: before, after: after, pValue: p, grid: grid)
            guard let result = try? reconstructPairs(request) else { continue }
            done.append(RowReconstruction(cell: pCell.reference, before: medians[0].cell.text, after: medians[1].cell.text,
                                          pValue: pCell.cell.text, result: result))
            if result.feasible { continue }
            let related = medians.map(\.reference)
            if let range = result.pRange {
                findings.append(Finding(severity: .warning, check: .reconstruction, cell: pCell.reference, text: pCell.cell.text,
                                        detail: .reconstructionNotFound(before: medians[0].cell.text, after: medians[1].cell.text, pMin: range.min, pMax: range.max),
                                        related: related))
            } else {
                findings.append(Finding(severity: .error, check: .reconstruction, cell: pCell.reference, text: pCell.cell.text,
                                        detail: .reconstructionImpossible(pairs: n, scale: "\(grid)", before: medians[0].cell.text, after: medians[1].cell.text, reason: result.reason),
                                        related: related))
            }
        }
        return (findings, done)
    }
}
