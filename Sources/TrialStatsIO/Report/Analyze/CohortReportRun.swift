import Foundation

/// `analyze`: a cohort read under its plan and analysed, then checked or written as a report
/// folder. Each step stops at the first error with its message and exit status.
public struct CohortReportRun {
    /// Why a run stopped: the one-line message and the exit status (65 bad data or plan, 66 a
    /// file that cannot be read, 73 an output that cannot be written).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public var exitCode: Int32
    }

    public var planPath: String
    public var cohortPath: String
    public var analysis: CohortAnalysis

    /// Reads the plan and the cohort (with the plan's missing values) and runs the analysis.
    public static func load(plan: String, cohort: String) throws(Failure) -> CohortReportRun {
        let planFile: AnalysisPlan
        do { planFile = try AnalysisPlan.read(path: plan) } catch { throw Failure(description: error.description, exitCode: error.exitCode) }
        let table: DataTable
        do {
            table = try DataTable.read(path: cohort, missingValues: planFile.missingValues)
        } catch {
            throw Failure(description: error.description, exitCode: error.exitCode)
        }
        do {
            return CohortReportRun(planPath: plan, cohortPath: cohort, analysis: try CohortAnalysis.run(plan: planFile, table: table))
        } catch {
            throw Failure(description: error.description, exitCode: error.exitCode)
        }
    }

    /// What the plan would analyse (`--check`).
    public func checkSummary() -> String { analysis.checkSummary(planPath: planPath, cohortPath: cohortPath) }

    /// Builds every output document and moves the folder into place at `out` (replacing an
    /// existing folder only with `replace`, never one holding the cohort or the plan). The caller
    /// finishes the folder, or rolls it back when the summary cannot be printed.
    public func write(to out: String, replace: Bool, version: String) throws(Failure) -> (folder: StagedOutputFolder, files: [String]) {
        let provenance = ReportProvenance(version: version, cohortPath: cohortPath, cohortSHA256: Self.checksum(cohortPath),
                                          planPath: planPath, planSHA256: Self.checksum(planPath))
        do {
            let files = try analysis.outputDocuments(provenance: provenance)
            let folder = try StagedOutputFolder(files, to: out, replace: replace, protecting: [cohortPath, planPath])
            try folder.commit()
            return (folder, files.map(\.path))
        } catch {
            throw Failure(description: error.description, exitCode: 73)
        }
    }

    /// A commented starting plan guessed from the cohort's columns (`--init`).
    public static func starterPlan(cohort: String) throws(Failure) -> String {
        do { return AnalysisPlan.starter(for: try DataTable.read(path: cohort)) } catch { throw Failure(description: error.description, exitCode: error.exitCode) }
    }

    /// SHA-256 of a file already read once (so it exists and is readable).
    static func checksum(_ path: String) -> String {
        SHA256Digest(of: FileManager.default.contents(atPath: path) ?? Data()).description
    }
}
