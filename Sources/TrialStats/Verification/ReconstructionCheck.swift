import Foundation

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
        // The rows are examined in order (the coverage log records them so); the searches,
        // independent of one another and each seeded, then run side by side, and their findings
        // are assembled in the rows' order, so the output does not depend on which ends first.
        var jobs: [(pCell: ReadCell, medians: [ReadCell], pairs: Int, grid: ScaleGrid, request: PairedReconstructionRequest)] = []
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
            jobs.append((pCell, medians, n, grid, request))
        }
        let results = reconstructConcurrently(jobs.map(\.request))
        var findings: [Finding] = []
        var done: [RowReconstruction] = []
        for (job, result) in zip(jobs, results) {
            guard let result else { continue }
            let (pCell, medians, n, grid) = (job.pCell, job.medians, job.pairs, job.grid)
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

    /// ``reconstructPairs(_:)`` for each request (nil where it throws), in the requests' order;
    /// the searches run on the processor's cores side by side (CASTLE's four PRO rows: 0.4 s of
    /// CPU, most of `reproduce castle`).
    static func reconstructConcurrently(_ requests: [PairedReconstructionRequest]) -> [PairedReconstruction?] {
        guard requests.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return requests.map { try? reconstructPairs($0) }
        }
        let slots = ReconstructionSlots(count: requests.count)
        defer { slots.release() }
        DispatchQueue.concurrentPerform(iterations: requests.count) { k in
            slots.results[k] = try? reconstructPairs(requests[k])
        }
        return Array(slots.results)
    }
}

/// One result slot per search, each written by exactly one worker of
/// ``Verifier/reconstructConcurrently(_:)`` and read after all of them have finished.
private final class ReconstructionSlots: @unchecked Sendable {
    let results: UnsafeMutableBufferPointer<PairedReconstruction?>

    init(count: Int) {
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
    }

    func release() {
        results.deinitialize()
        results.deallocate()
    }
}
