import Foundation

/// Why output could not be written (exit status 73).
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path that could not be written.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "\(path): cannot be written (\(reason))" }
}

/// Writes text to a file atomically: to a temporary file in the same folder, then renamed over
/// the destination, so a reader never sees a half-written file and a failure leaves any
/// existing file untouched.
public func writeAtomically(_ text: String, to path: String) throws(OutputError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw OutputError(path: path, reason: "folder \(folder.path) does not exist")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw OutputError(path: path, reason: "it is a directory")
    }
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
        throw OutputError(path: path, reason: "permission denied or disk full")
    }
    if rename(temporary.path, path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw OutputError(path: path, reason: reason)
    }
}
