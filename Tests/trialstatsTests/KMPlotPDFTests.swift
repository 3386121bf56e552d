import Foundation
import Testing
@testable import trialstats
import TrialStatsIO

/// `km --plot FILE.pdf` read by poppler, as a journal's preflight or a reader's viewer would:
/// every font embedded, the text extractable, the same figure the same bytes.
@Suite("trialstats km --plot FILE.pdf: embedded fonts, read by poppler")
struct KMPlotPDFTests {
    static let pdffonts = ["/usr/bin/pdffonts", "/usr/local/bin/pdffonts"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// What an outside program prints on standard output (private HOME, plain PATH), and its status.
    static func output(of tool: String, _ arguments: [String], home: URL) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let names = ["Rheumatoid arthritis with interstitial lung disease", "Systemic lupus erythematosus", "Idiopathic myopathy"]

    /// A three-group cohort with long names, and the km figure of it with bands as PDF.
    static func figure(in folder: URL, named name: String = "km.pdf") throws -> URL {
        var csv = "time,event,group\n"
        for (k, group) in names.enumerated() {
            for j in 1...6 { csv += "\(j * 3 + k),\(j % 2),\"\(group)\"\n" }
        }
        let data = try CLI.write(csv, named: "cohort.csv", in: folder)
        let pdf = folder.appendingPathComponent(name)
        let result = try CLI.run(["km", data, "--time", "time", "--event", "event", "--by", "group", "--plot-ci", "--plot", pdf.path])
        #expect(result.status == 0, "\(result.stderr)")
        return pdf
    }

    @Test("pdffonts lists both faces as embedded TrueType subsets, none missing (issue 18)",
          .enabled(if: pdffonts != nil, "pdffonts is not installed (apt-get install poppler-utils)"))
    func fontsEmbedded() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (status, listing) = try Self.output(of: Self.pdffonts!, [try Self.figure(in: folder).path], home: folder)
        #expect(status == 0)
        // name, type, encoding, emb, sub, uni, object number, generation
        let rows = listing.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
        #expect(rows.count == 2, "\(listing)")
        for row in rows {
            #expect(row.count == 8 && row[1] == "TrueType" && row[2] == "WinAnsi" && row[3] == "yes" && row[4] == "yes", "\(row)")
        }
        #expect(Set(rows.map { $0[0].split(separator: "+").last! }) == ["TrialStatsSans", "TrialStatsSans-Bold"])
    }

    @Test("pdftotext reads every label, the figure's text as drawn (issue 18)",
          .enabled(if: pdftotext != nil, "pdftotext is not installed (apt-get install poppler-utils)"))
    func textExtracted() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let txt = folder.appendingPathComponent("km.txt")
        #expect(try CLI.runTool(Self.pdftotext!, [try Self.figure(in: folder).path, txt.path], home: folder) == 0)
        let text = try String(contentsOf: txt, encoding: .utf8)
        for name in Self.names { #expect(text.contains("\(name) (n = 6"), "\(name) in \(text)") }
        for piece in ["Number at risk", "Survival probability", "Log-rank p", "100%", "Time"] { #expect(text.contains(piece), "\(piece)") }
    }

    @Test("the same figure written twice is the same file")
    func deterministic() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = try Data(contentsOf: try Self.figure(in: folder, named: "a.pdf"))
        let b = try Data(contentsOf: try Self.figure(in: folder, named: "b.pdf"))
        #expect(a == b && a.count > 1000)
    }
}
