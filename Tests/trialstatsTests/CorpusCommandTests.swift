import Foundation
import Testing
import TestSupport

@Suite("trialstats verify --corpus")
struct CorpusCommandTests {
    /// A small corpus from the fixtures: the CASTLE summary, five JATS and six HTML documents,
    /// three copies each, and a page without a table.
    private func makeCorpus() throws -> (folder: URL, count: Int) {
        let folder = try CLI.temporaryFolder()
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        var sources = [CLI.fixture("castle/castle-summary-as-published.txt")]
        for sub in ["documents/jats", "documents/html"] {
            let dir = CLI.fixture(sub)
            sources += try FileManager.default.contentsOfDirectory(atPath: dir).sorted().map { dir + "/" + $0 }
        }
        var count = 0
        for copy in 1...3 {
            for source in sources {
                count += 1
                let ext = (source as NSString).pathExtension
                try FileManager.default.copyItem(atPath: source, toPath: corpus.appendingPathComponent("copy\(copy)/doc-\(count).\(ext)").path,
                                                  creatingFolder: true)
            }
        }
        try "<html><body><p>No table here.</p></body></html>".write(to: corpus.appendingPathComponent("broken.html"), atomically: false, encoding: .utf8)
        return (folder, count + 1)
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    private func ids(_ path: String) throws -> [String] {
        try lines(path).map { try #require(try jsonObject($0)["id"] as? String) }
    }

    @Test("one line per document with its tables, cells, findings and coverage; a bad document is a line with its error; the summary")
    func run() throws {
        let (folder, count) = try makeCorpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("results.jsonl").path
        let result = try CLI.run(["verify", "--corpus", folder.appendingPathComponent("corpus").path, "--jobs", "2", "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let got = try ids(output)
        #expect(got.count == count && Set(got).count == count)
        let records = try lines(output).map(jsonObject)
        let broken = try #require(records.first { $0["id"] as? String == "broken.html" })
        #expect((broken["error"] as? String)?.hasSuffix("broken.html: no table found (read as html)") == true)
        let castle = try #require(records.first { ($0["id"] as? String)?.hasSuffix(".txt") == true })
        #expect(Set(castle.keys) == ["id", "kind", "provenance", "tables", "cells", "parsed", "findings", "coverage"])
        #expect((castle["cells"] as? NSNumber)?.intValue == 328 && (castle["tables"] as? [String])?.count == 4)
        // The same findings as verify on the document alone.
        let alone = try jsonObject(try CLI.run(["verify", CLI.fixture("castle/castle-summary-as-published.txt"), "--format", "json"]).stdout)
        let findings = try #require(castle["findings"] as? [[String: Any]])
        #expect(findings.count == (alone["findings"] as? [[String: Any]])?.count && findings.count > 0)
        #expect(findings.map { $0["check"] as? String } == (alone["findings"] as? [[String: Any]])?.map { $0["check"] as? String })
        let coverage = try #require(castle["coverage"] as? [String: Any])
        #expect((coverage["cells"] as? NSNumber)?.intValue == 328 && coverage["checks"] is [String: Any])
        let jats = try #require(records.first { ($0["provenance"] as? [String: Any])?["pmcid"] as? String == "PMC3585041" })
        #expect((jats["cells"] as? NSNumber)?.intValue == 36)
        #expect(result.stdout.hasPrefix("Corpus: \(count) documents (\(count - 1) verified, 1 could not be read; 0 were already in \(output)).\nTables: "))
        #expect(result.stdout.contains("Findings by check:\n"))
        #expect(result.stderr.contains("verify --corpus: \(count)/\(count) documents, 1 could not be read"))
    }

    @Test("an interrupted run finishes the rest when run again, without redoing what was done")
    func resume() throws {
        let (folder, count) = try makeCorpus()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus").path
        let output = folder.appendingPathComponent("results.jsonl").path
        // A run cut off while writing: ten complete lines and half of the eleventh.
        #expect(try CLI.run(["verify", "--corpus", corpus, "--output", output]).status == 0)
        let complete = try lines(output)
        let kept = complete.prefix(10).joined(separator: "\n") + "\n" + complete[10].prefix(40)
        try kept.write(toFile: output, atomically: false, encoding: .utf8)
        let rerun = try CLI.run(["verify", "--corpus", corpus, "--output", output])
        #expect(rerun.status == 0)
        #expect(rerun.stderr.contains("\(count - 10)/\(count - 10) documents, 10 already done"))
        let after = try lines(output)
        #expect(Array(after.prefix(10)) == Array(complete.prefix(10)))
        let completeIDs = Set(try complete.map { try #require(try jsonObject($0)["id"] as? String) })
        let afterIDs = Set(try ids(output))
        #expect(after.count == count && afterIDs == completeIDs)
        // A third run has nothing left to do.
        let third = try CLI.run(["verify", "--corpus", corpus, "--output", output])
        let afterThird = try lines(output)
        #expect(third.stderr.contains("0/0 documents, \(count) already done") && afterThird == after)

        // A real interruption (SIGINT once the first result is written), then a rerun.
        try FileManager.default.removeItem(atPath: output)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["verify", "--corpus", corpus, "--output", output, "--jobs", "1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<2000 where ((try? lines(output))?.count ?? 0) < 1 { usleep(5000) }
        process.interrupt()
        process.waitUntilExit()
        let before = (try? lines(output)) ?? []
        #expect(try CLI.run(["verify", "--corpus", corpus, "--output", output]).status == 0)
        let finished = try lines(output)
        let finishedIDs = try ids(output)
        #expect(finished.count == count && Set(finishedIDs).count == count)
        // What was written before the interruption stays as it was (a partial last line is redone).
        #expect(Array(finished.prefix(max(0, before.count - 1))) == Array(before.prefix(max(0, before.count - 1))))
    }

    @Test("usage: --corpus needs --output; not with a document; --jobs bounded; a missing corpus")
    func usage() throws {
        let noOutput = try CLI.run(["verify", "--corpus", "/tmp"])
        #expect(noOutput.status == 64 && noOutput.stderr.contains("--corpus writes its results to --output FILE (JSON lines)."))
        let both = try CLI.run(["verify", "x.csv", "--corpus", "/tmp", "--output", "/tmp/r.jsonl"])
        #expect(both.status == 64 && both.stderr.contains("Give one document or cells file, or --corpus DIR-or-list."))
        let jobs = try CLI.run(["verify", "--corpus", "/tmp", "--output", "/tmp/r.jsonl", "--jobs", "0"])
        #expect(jobs.status == 64 && jobs.stderr.contains("--jobs must be between 1 and 256; got 0."))
        let missing = try CLI.run(["verify", "--corpus", "/no/such/corpus", "--output", "/tmp/trialstats-never.jsonl"])
        #expect(missing.status == 66)
    }
}

extension FileManager {
    fileprivate func copyItem(atPath source: String, toPath destination: String, creatingFolder: Bool) throws {
        try createDirectory(atPath: (destination as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try copyItem(atPath: source, toPath: destination)
    }
}
