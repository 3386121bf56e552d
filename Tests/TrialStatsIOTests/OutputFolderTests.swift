import Foundation
import Testing
@testable import TrialStatsIO

@Suite("Writing an output folder atomically")
struct OutputFolderTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trialstats-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    func listing(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test("writes every file, with subfolders, and leaves no temporary folder")
    func writes() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("report").path
        try writeFolderAtomically([("a.txt", "A"), ("tables/b.csv", "x\n1\n")], to: out, replace: false)
        #expect(try listing(root) == ["report"])
        #expect(try String(contentsOfFile: out + "/tables/b.csv", encoding: .utf8) == "x\n1\n")
        #expect(try String(contentsOfFile: out + "/a.txt", encoding: .utf8) == "A")
    }

    @Test("an existing folder is kept unless replace is asked for; then it is replaced whole")
    func existing() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("report").path
        try writeFolderAtomically([("old.txt", "old")], to: out, replace: false)
        #expect(throws: OutputError(path: out, reason: "it already exists; give --force to replace it")) {
            try writeFolderAtomically([("new.txt", "new")], to: out, replace: false)
        }
        #expect(try listing(URL(fileURLWithPath: out)) == ["old.txt"])
        try writeFolderAtomically([("new.txt", "new")], to: out, replace: true)
        #expect(try listing(URL(fileURLWithPath: out)) == ["new.txt"])
        #expect(try listing(root) == ["report"])
    }

    @Test("never replaces a file, nor a folder holding an input")
    func protectsInputs() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let input = root.appendingPathComponent("cohort.csv").path
        try "a\n1\n".write(toFile: input, atomically: false, encoding: .utf8)
        #expect(throws: OutputError(path: input, reason: "it is a file, not a folder; it is left as it is")) {
            try writeFolderAtomically([("x", "y")], to: input, replace: true)
        }
        #expect(throws: OutputError(path: root.path, reason: "it holds the input \(input), which would be overwritten")) {
            try writeFolderAtomically([("x", "y")], to: root.path, replace: true, protecting: [input])
        }
        #expect(try String(contentsOfFile: input, encoding: .utf8) == "a\n1\n")
        #expect(try listing(root) == ["cohort.csv"])
    }

    @Test("a missing parent folder is an output error and nothing is written")
    func missingParent() {
        #expect(throws: OutputError(path: "/nonexistent/dir/out", reason: "folder /nonexistent/dir does not exist")) {
            try writeFolderAtomically([("x", "y")], to: "/nonexistent/dir/out", replace: false)
        }
    }
}
