import Foundation
import Testing
import TrialStats
@testable import TrialStatsIO

@Suite("Study manifests: the typed model of study.yaml and the bundled studies")
struct StudyManifestTests {
    static let castleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/castle").path

    @Test("Fixtures/castle/study.yaml reads into the model, every file it names exists")
    func castle() throws {
        let folder = try StudyFolder(path: Self.castleFolder)
        let m = folder.manifest
        #expect(m.study == "castle" && m.cells.file == "castle-cells-annotated.csv" && m.cells.describedAs == "The four tables")
        #expect(m.efficacy == StudyManifest.Efficacy(file: "response-counts.csv", sourcePrefix: "CASTLE", table: "text", endpointContains: "week 24",
                                                     title: "Efficacy at week 24 with the exact (Clopper–Pearson) {level} interval the paper does not print"))
        #expect(m.heading.hasSuffix("checked\n" + String(repeating: "=", count: 99) + "\n"))
        for file in [m.cells.file, m.efficacy!.file] { #expect(FileManager.default.fileExists(atPath: folder.file(file))) }
    }

    @Test("the optional parts may be left out; a misspelt or missing key is an error naming the file")
    func optionalAndErrors() throws {
        let minimal = try StudyManifest.parse("study: x\nheading: X\ncells:\n  file: c.csv\n  described_as: The table\n", source: "x.yaml")
        #expect(minimal.efficacy == nil && minimal.pValues == nil && minimal.verified == nil && minimal.closing == nil)
        #expect(throws: ReportDataError("x.yaml: unknown key \"efficacies\"; the keys are study, heading, cells, verified, efficacy, p_values, closing")) {
            try StudyManifest.parse("study: x\nheading: X\nefficacies: []\n", source: "x.yaml")
        }
        #expect(throws: ReportDataError("x.yaml: no \"cells.described_as\"; see Fixtures/castle/study.yaml for the keys")) {
            try StudyManifest.parse("study: x\nheading: X\ncells:\n  file: c.csv\n", source: "x.yaml")
        }
    }

    @Test("castle is bundled beside the program, with the same manifest as Fixtures/castle")
    func bundled() throws {
        let bundled = try #require(StudyFolder.bundledStudies())
        #expect(bundled.names == ["castle"])
        #expect(try StudyFolder.locate(study: "castle", fixtures: nil).manifest == (try StudyFolder(path: Self.castleFolder)).manifest)
    }

    @Test("the reproduction's text fills {level} from the confidence level")
    func level() throws {
        let folder = try StudyFolder(path: Self.castleFolder)
        let ninety = try StudyReproduction.run(folder, confLevel: 0.9, reconstruct: false)
        #expect(ninety.filled("the exact {level} interval") == "the exact 90% interval")
        #expect(ninety.text().contains("Efficacy at week 24 with the exact (Clopper–Pearson) 90% interval the paper does not print"))
    }
}
