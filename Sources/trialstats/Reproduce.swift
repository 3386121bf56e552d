import ArgumentParser
import TrialStatsIO

/// `trialstats reproduce castle`: a study's published statistics checked end to end, as its
/// manifest (`study.yaml` in the study's folder) describes.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Check a bundled trial's published tables end to end and print a report (the main job).",
        usage: "trialstats reproduce [<options>] <study>",
        discussion: """
            reproduce castle reads the CASTLE trial's four tables as printed (Fixtures/castle/), \
            checks every cell (see trialstats verify), gives the exact confidence interval the \
            paper leaves out for every proportion, and examines the patient-reported-outcome \
            p-values. What is particular to a study (its files, rows and wording) is in study.yaml \
            in its folder. The folder is --fixtures DIR, else the study of that name bundled with \
            the program.
            """)

    @Argument(help: ArgumentHelp("The study: castle (bundled), or the study of the folder given with --fixtures.", valueName: "study"))
    var study: String

    @Option(help: ArgumentHelp("Folder holding the study's manifest (study.yaml) and files (default: the bundled study).", valueName: "dir"))
    var fixtures: String?

    @Flag(name: .customLong("no-reconstruct"), help: "Skip the reconstruction of the patient-reported-outcome rows (a few seconds).")
    var noReconstruct = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard fixtures == nil, let names = StudyFolder.bundledStudies()?.names, !names.contains(study) else { return }
        throw ValidationError("The value '\(study)' is invalid for '<study>'. Please provide one of \(names.map { "'\($0)'" }.joined(separator: ", ")), or the study's folder with --fixtures DIR.")
    }

    func run() throws {
        try runReporting({
            let folder = try StudyFolder.locate(study: study, fixtures: fixtures)
            let result = try StudyReproduction.run(folder, confLevel: common.confLevel, reconstruct: !noReconstruct)
            switch common.format {
            case .json: return result.json().serialized() + "\n"
            case .csv: return result.csv().serialized()
            case .table: return result.text(width: common.tableWidth)
            }
        }, output: common.output)
    }
}
