import Foundation
import TrialStats
import TrialStatsIO

/// `trialstats verify --corpus`: verifies every document of a folder or list on `jobs` threads,
/// appending one JSON line per document to the output as each finishes. Documents whose id is
/// already in the output are skipped, so an interrupted run is finished by running it again.
public struct CorpusRun: Sendable {
    public var corpus: String
    public var jobs: Int
    public var output: String
    public var confLevel: Double
    public var reconstruct: Bool

    public init(corpus: String, jobs: Int, output: String, confLevel: Double, reconstruct: Bool) {
        self.corpus = corpus
        self.jobs = jobs
        self.output = output
        self.confLevel = confLevel
        self.reconstruct = reconstruct
    }

    /// Every core, the default of --jobs.
    public static let defaultJobs = ProcessInfo.processInfo.activeProcessorCount

    /// The extensions a folder is searched for.
    public static let extensions: Set<String> = ["txt", "text", "md", "markdown", "html", "htm", "xhtml", "xml", "nxml", "csv"]

    /// The largest number of documents one run takes (a list or folder beyond it is split into shards).
    public static let maxDocuments = 10_000_000

    /// Verifies the documents not yet in the output and returns the summary of all of them.
    /// - Throws: ``OutputError`` when the output cannot be written.
    public func run() throws -> String {
        let documents = try listDocuments()
        var done = try previousResults()
        var tally = CorpusTally()
        for line in done.lines { tally.add(line) }
        let todo = documents.filter { !done.ids.contains($0.id) }
        let handle = try openForAppend(truncatingTo: done.validLength)
        defer { try? handle.close() }

        let state = CorpusState(total: todo.count, skipped: documents.count - todo.count)
        DocumentReader.prepareForThreads()
        let workers = max(1, min(jobs, todo.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.next() {
                let line = verifyOne(todo[index])
                state.finish(line, handle: handle)
            }
        }
        if let error = state.writeError { throw OutputError(path: output, reason: error) }
        state.progress(final: true)
        for line in state.lines { tally.add(line) }
        done.ids.formUnion(todo.map(\.id))
        return tally.summary(documents: documents.count, skipped: documents.count - todo.count, output: output)
    }

    /// One document's result line: its id and what verify found, or its error.
    func verifyOne(_ document: (id: String, path: String)) -> JSONValue {
        do {
            let input = try LoadedCells.read(document.path)
            let report = Verifier.verify(input.published, confLevel: confLevel, reconstruct: reconstruct)
            let full = verifyJSON(report)
            var fields: [(String, JSONValue)] = [
                ("id", .string(document.id)), ("kind", .string(input.kind.rawValue)),
                ("provenance", .object(input.provenance.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ("tables", .array(input.tables.map { .string($0) })),
                ("cells", .int(report.cells)), ("parsed", .int(report.parsed)),
                ("findings", full["findings"] ?? .array([])),
            ]
            fields.append(("coverage", coverageSummary(full)))
            return .object(fields)
        } catch let error as InputError {
            return .object([("id", .string(document.id)), ("error", .string(error.description))])
        } catch let error as ReportDataError {
            return .object([("id", .string(document.id)), ("error", .string(error.description))])
        } catch {
            return .object([("id", .string(document.id)), ("error", .string("\(error)"))])
        }
    }

    /// Checks passed, failed and not run over the document's cells when the report lists them;
    /// always the cells read and not read.
    func coverageSummary(_ full: JSONValue) -> JSONValue {
        var counts: [(String, JSONValue)] = [("cells", full["cells"] ?? .int(0)), ("parsed", full["parsed"] ?? .int(0))]
        if case let .array(unparsed)? = full["unparsed"] { counts.append(("unparsed", .int(unparsed.count))) }
        if case let .array(cells)? = full["coverage"] {
            var byStatus: [String: Int] = [:]
            for cell in cells {
                guard case let .array(checks)? = cell["checks"] else { continue }
                for check in checks { if case let .string(status)? = check["status"] { byStatus[status, default: 0] += 1 } }
            }
            counts.append(("checks", .object(byStatus.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })))
        }
        return .object(counts)
    }

    /// The documents: a folder's files with a known extension (searched recursively, in path
    /// order; id = path below the folder), or a list file of paths, one a line (`#` comments;
    /// relative paths from the list's folder; id = the line).
    func listDocuments() throws -> [(id: String, path: String)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: corpus, isDirectory: &isDirectory) else { throw InputError.notFound(file: corpus) }
        var out: [(id: String, path: String)] = []
        if isDirectory.boolValue {
            let base = URL(fileURLWithPath: corpus).standardizedFileURL
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
                throw InputError.unreadable(file: corpus, reason: "the folder cannot be listed")
            }
            for case let url as URL in walker where Self.extensions.contains(url.pathExtension.lowercased()) {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                let path = url.standardizedFileURL.path
                let id = path.hasPrefix(base.path + "/") ? String(path.dropFirst(base.path.count + 1)) : path
                out.append((id, path))
                guard out.count <= Self.maxDocuments else { throw ReportDataError("\(corpus): more than \(Self.maxDocuments) documents; split the corpus into shards (see the README)") }
            }
            out.sort { $0.id < $1.id }
        } else {
            guard let text = try? String(contentsOfFile: corpus, encoding: .utf8) else { throw InputError.unreadable(file: corpus, reason: "not a UTF-8 list of paths") }
            let folder = URL(fileURLWithPath: corpus).deletingLastPathComponent()
            var seen = Set<String>()
            for raw in text.split(whereSeparator: \.isNewline) {
                let line = raw.trimmingCharacters(in: .whitespaces)
                guard !line.isEmpty, !line.hasPrefix("#"), seen.insert(line).inserted else { continue }
                out.append((line, line.hasPrefix("/") ? line : folder.appendingPathComponent(line).path))
                guard out.count <= Self.maxDocuments else { throw ReportDataError("\(corpus): more than \(Self.maxDocuments) documents; split the list into shards (see the README)") }
            }
        }
        return out
    }

    /// The ids already in the output, its complete lines, and the length up to the last complete
    /// line (an interrupted write leaves a partial line, which is cut off and redone).
    func previousResults() throws -> (ids: Set<String>, lines: [JSONValue], validLength: UInt64) {
        guard FileManager.default.fileExists(atPath: output) else { return ([], [], 0) }
        guard let data = FileManager.default.contents(atPath: output) else { throw InputError.unreadable(file: output, reason: "cannot read the results so far") }
        var ids = Set<String>(), lines: [JSONValue] = []
        var validLength: UInt64 = 0
        var start = data.startIndex
        while let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = data[start..<newline]
            start = newline + 1
            guard let value = JSONValue.parse(line), case let .string(id)? = value["id"] else { break }
            ids.insert(id)
            lines.append(value)
            validLength = UInt64(start - data.startIndex)
        }
        return (ids, lines, validLength)
    }

    func openForAppend(truncatingTo length: UInt64) throws(OutputError) -> FileHandle {
        if !FileManager.default.fileExists(atPath: output) {
            guard FileManager.default.createFile(atPath: output, contents: nil) else {
                throw OutputError(path: output, reason: "cannot create the file")
            }
        }
        guard let handle = FileHandle(forUpdatingAtPath: output) else { throw OutputError(path: output, reason: "cannot open it for writing") }
        do {
            try handle.truncate(atOffset: length)
            try handle.seekToEnd()
        } catch {
            throw OutputError(path: output, reason: error.localizedDescription)
        }
        return handle
    }
}

