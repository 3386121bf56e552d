import Foundation
import Testing
import TestSupport

/// A second study, as a folder: a manifest, a few published cells and response counts.
enum SecondStudy {
    static let manifest = """
        study: demo
        heading: |
          DEMO trial (8 patients) — published statistics checked
          ======================================================
        cells:
          file: cells.csv
          described_as: The two tables
        verified: |
          Every n (%) cell and every median was checked.
        efficacy:
          file: counts.csv
          source_prefix: DEMO
          table: text
          endpoint_contains: month 6
          title: Response at month 6 with its exact {level} interval
        p_values:
          title: "The printed p-values"
        closing: No certificates for DEMO ({level} intervals above).

        """
    static let cells = """
        table,section,row,column,column_n,text
        Table 1,,"Female, N (%)",All,10,3 (33%)
        Table 1,,"Age, median (IQR)",All,10,44 (45–69)
        Table 2,,"VAS, median [IQR]",Baseline,8,60.0 [50.0; 70.0]
        Table 2,,"VAS, median [IQR]",Month 6,8,20.0 [10.0; 30.0]
        Table 2,,"VAS, median [IQR]",P,,P = 0.0001

        """
    static let counts = """
        source,table,endpoint,group,x,n,printed
        DEMO (2027),text,response at month 6,All,6,8,
        DEMO (2027),text,response at month 3,All,2,8,
        OTHER (2020),text,response at month 6,All,1,2,

        """

    /// Writes the folder (with `manifest` replaced when given) and returns its path.
    static func folder(in parent: URL, manifest: String = manifest) throws -> String {
        let folder = parent.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try CLI.write(manifest, named: "study.yaml", in: folder)
        _ = try CLI.write(cells, named: "cells.csv", in: folder)
        _ = try CLI.write(counts, named: "counts.csv", in: folder)
        return folder.path
    }
}

@Suite("trialstats reproduce: the study manifest")
struct ReproduceCommandTests {
    @Test("reproduce castle finds its bundled study from any folder, and prints what --fixtures Fixtures/castle prints")
    func bundledStudy() throws {
        let elsewhere = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let bundled = try CLI.run(["reproduce", "castle", "--no-reconstruct"], in: elsewhere)
        #expect(bundled.status == 0, "\(bundled.stderr)")
        let named = try CLI.run(["reproduce", "castle", "--fixtures", CLI.fixture("castle"), "--no-reconstruct"], in: elsewhere)
        #expect(named.status == 0 && named.stdout == bundled.stdout)
        #expect(bundled.stdout.hasPrefix("CASTLE trial (CD19 CAR-T in SLE, SSc and IIM; 24 patients: 10/9/5) — published statistics checked\n"))
        #expect(bundled.stdout.hasSuffix("your own with trialstats reconstruct.\n"))
    }

    @Test("a second study needs a folder, not code")
    func secondStudy() throws {
        let parent = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = try SecondStudy.folder(in: parent)
        let result = try CLI.run(["reproduce", "demo", "--fixtures", folder, "--no-reconstruct"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(Array(lines.prefix(5)) == [
            "DEMO trial (8 patients) — published statistics checked",
            "======================================================",
            "",
            "The two tables were read as printed: 5 cells, 5 read.",
            "Findings: 3 that cannot be true, 0 doubtful, 0 notes.",
        ])
        for text in ["\"44 (45–69)\"", "\"3 (33%)\"", "What was verified\n-----------------\nEvery n (%) cell and every median was checked.\n",
                     "Response at month 6 with its exact 95% interval",
                     // R 4.2: binom.test(6, 8)$conf.int = 0.3491442, 0.9681460
                     "All: response at month 6  6/8  75.0  34.9 to 96.8",
                     "Intervals for all 1 n (%) cells: trialstats reproduce demo --format json",
                     // With 8 pairs the exact test reaches 2/2^8 = 0.0078 at best: P = 0.0001 is one of the three errors.
                     "The printed p-values\n--------------------\nVAS, median [IQR]: P = 0.0001 with 8 pairs — not attainable (the exact test reaches 0.0078",
                     "No certificates for DEMO (95% intervals above).\n"] {
            #expect(result.stdout.contains(text), "missing \(text) in\n\(result.stdout)")
        }
        #expect(!result.stdout.contains("month 3") && !result.stdout.contains("CASTLE"))
        let json = try jsonObject(try CLI.run(["reproduce", "demo", "--fixtures", folder, "--no-reconstruct", "--format", "json"]).stdout)
        #expect(json["study"] as? String == "demo")
        let efficacy = try #require(json["efficacy"] as? [[String: Any]])
        #expect(efficacy.count == 1 && efficacy[0]["x"] as? Int == 6 && efficacy[0]["n"] as? Int == 8)
        #expect(abs(exactDouble(efficacy[0]["lower"])! - 0.3491442056) < 1e-9 && abs(exactDouble(efficacy[0]["upper"])! - 0.9681459738) < 1e-9)
    }

    @Test("a manifest that cannot be used names its file: another study, an unknown key, a missing key, no manifest")
    func badManifests() throws {
        let parent = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let folder = try SecondStudy.folder(in: parent)
        let other = try CLI.run(["reproduce", "castle", "--fixtures", folder])
        #expect(other.status == 65 && other.stderr == "trialstats: error: \(folder)/study.yaml: describes the study \"demo\", not \"castle\"\n")
        _ = try SecondStudy.folder(in: parent, manifest: SecondStudy.manifest + "closeing: typo\n")
        let unknown = try CLI.run(["reproduce", "demo", "--fixtures", folder])
        #expect(unknown.status == 65 && unknown.stderr.contains("study.yaml: unknown key \"closeing\""), "\(unknown.stderr)")
        _ = try SecondStudy.folder(in: parent, manifest: "study: demo\nheading: x\n")
        let missing = try CLI.run(["reproduce", "demo", "--fixtures", folder])
        #expect(missing.status == 65 && missing.stderr.contains("study.yaml: no \"cells\""), "\(missing.stderr)")
        let none = try CLI.run(["reproduce", "castle", "--fixtures", parent.path])
        #expect(none.status == 66 && none.stderr == "trialstats: error: \(parent.path)/study.yaml: no such file\n")
        let unbundled = try CLI.run(["reproduce", "demo"])
        #expect(unbundled.status == 64 && unbundled.stderr.contains("Please provide one of 'castle', or the study's folder with --fixtures DIR."))
    }

    @Test("--conf-level 0.9 changes every 95% that reproduce and verify print")
    func confLevel() throws {
        let table = try CLI.run(["reproduce", "castle", "--no-reconstruct", "--conf-level", "0.9"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.contains("95") && table.stdout.contains("exact (Clopper–Pearson) 90% interval") && table.stdout.contains("90% CI"))
        let parent = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let demo = try CLI.run(["reproduce", "demo", "--fixtures", try SecondStudy.folder(in: parent), "--no-reconstruct", "--conf-level", "0.9"])
        // R 4.2: binom.test(6, 8, conf.level = 0.9)$conf.int = 0.4003106, 0.9536107
        #expect(demo.stdout.contains("exact 90% interval") && demo.stdout.contains("40.0 to 95.4") && demo.stdout.contains("(90% intervals above)"))
        #expect(!demo.stdout.contains("95%"))
        let verify = try CLI.run(["verify", CLI.fixture("castle/castle-published-cells.csv"), "--no-reconstruct", "--conf-level", "0.9"])
        #expect(verify.status == 0 && verify.stdout.contains("159 n (%) cells have an exact 90% interval") && !verify.stdout.contains("95%"))
        let json = try jsonObject(try CLI.run(["reproduce", "castle", "--no-reconstruct", "--conf-level", "0.9", "--format", "json"]).stdout)
        let efficacy = try #require(json["efficacy"] as? [[String: Any]])
        // SLE DORIS remission 9/10; R 4.2: binom.test(9, 10, conf.level = 0.9)$conf.int[1] = 0.6058367
        let sle = try #require(efficacy.first { ($0["label"] as? String)?.hasPrefix("SLE") == true })
        #expect(abs(exactDouble(sle["lower"])! - 0.6058367) < 1e-7)
    }
}
