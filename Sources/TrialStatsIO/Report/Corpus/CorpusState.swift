import Foundation

/// What the worker threads share: the next document, the lines written, progress.
final class CorpusState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private(set) var lines: [JSONValue] = []
    private var failed = 0
    private var lastProgress = Date.distantPast
    private(set) var writeError: String?
    let total: Int
    let skipped: Int

    init(total: Int, skipped: Int) {
        self.total = total
        self.skipped = skipped
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < total, writeError == nil else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Appends the line to the output at once (one write per line) and updates the progress line.
    func finish(_ line: JSONValue, handle: FileHandle) {
        let text = oneLine(line) + "\n"
        lock.lock()
        defer { lock.unlock() }
        guard writeError == nil else { return }
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            writeError = error.localizedDescription
            return
        }
        lines.append(line)
        if line["error"] != nil { failed += 1 }
        if Date().timeIntervalSince(lastProgress) > (Self.interactive ? 0.2 : 10) { progressLocked(final: false) }
    }

    /// The JSON on one line: the serializer's line breaks and indentation fall between tokens
    /// (a line break inside a string is written as `\n`), so dropping them keeps the same value.
    private func oneLine(_ value: JSONValue) -> String {
        var out = ""
        var skipping = false
        for ch in value.serialized() {
            if ch == "\n" { skipping = true; continue }
            if skipping && ch == " " { continue }
            skipping = false
            out.append(ch)
        }
        return out
    }

    func progress(final: Bool) {
        lock.lock()
        defer { lock.unlock() }
        progressLocked(final: final)
    }

    /// Standard error is a terminal: the progress line is rewritten in place (else a line every 10 s).
    static let interactive = isatty(2) == 1

    private func progressLocked(final: Bool) {
        lastProgress = Date()
        let skippedText = skipped > 0 ? ", \(skipped) already done" : ""
        let text = "verify --corpus: \(lines.count)/\(total) documents\(skippedText), \(failed) could not be read"
        let line = Self.interactive ? "\r" + text + (final ? "\n" : "") : text + "\n"
        writeStandardError(line)
    }
}
