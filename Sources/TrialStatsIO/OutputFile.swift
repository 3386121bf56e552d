import Foundation

/// Why output could not be written (exit status 73).
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path that could not be written ("standard output" for standard output).
    public var path: String
    /// What went wrong.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(messageValue(path)): cannot be written (\(reason))" }
}

/// Writes text to a file atomically: to a temporary file in the same folder, then renamed over
/// the destination, so a reader never sees a half-written file and a failure leaves any
/// existing file untouched. See ``StagedOutputFile`` for symbolic links and special files.
public func writeAtomically(_ text: String, to path: String) throws(OutputError) {
    try StagedOutputFile(text, to: path).commit()
}

/// An output file written in two steps, so that a command can prepare every file it writes
/// before it writes any of them to its final place.
///
/// - A regular file (or a new path) is written to a temporary file beside it
///   (`.trialstats-PID-RANDOM.tmp`, a short name whatever the length of the destination's) when
///   staged, and renamed over the destination on ``commit()``; ``discard()`` removes the
///   temporary file. The destination is never half-written.
/// - A symbolic link is followed: its target is written (as above), the link stays a link.
/// - A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe) cannot be replaced
///   atomically and must not be replaced by a regular file: it is opened and written through on
///   ``commit()``.
/// - A folder is refused.
public final class StagedOutputFile {
    /// The path as given (for messages).
    public let path: String
    private let destination: String
    private let text: String
    private var temporary: String?
    private var done = false

    /// Checks the destination and, for a regular file, writes the temporary file.
    /// - Throws: ``OutputError`` naming the path when the folder is missing, the path is a folder,
    ///   or the temporary file cannot be written (permission, full disk).
    public init(_ text: String, to path: String) throws(OutputError) {
        self.path = path
        self.text = text
        destination = try resolvedDestination(path)
        var info = stat()
        if stat(destination, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw OutputError(path: path, reason: "it is a directory")
            case S_IFREG: break
            default: return  // a device, FIFO or socket: written through on commit
            }
        } else {
            let folder = (destination as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            let folderPath = folder.isEmpty ? "." : folder
            guard FileManager.default.fileExists(atPath: folderPath, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw OutputError(path: path, reason: "folder \(folderPath) does not exist")
            }
        }
        temporary = try writeTemporary(text, beside: destination, reportedAs: path)
    }

    /// Puts the file in place: renames the temporary file over the destination, or writes
    /// through a special file.
    public func commit() throws(OutputError) {
        guard !done else { return }
        done = true
        guard let temporary else {
            let fd = open(destination, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
            defer { close(fd) }
            try writeAll(text, to: fd, reportedAs: path)
            return
        }
        if rename(temporary, destination) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Removes the temporary file; the destination is left as it was.
    public func discard() {
        guard !done else { return }
        done = true
        if let temporary { unlink(temporary) }
    }

    deinit { discard() }
}

/// Writes all of `text` to standard output, unbuffered.
/// - Throws: ``OutputError`` for "standard output" when a write fails (a full disk, `/dev/full`,
///   a closed descriptor).
public func writeStandardOutput(_ text: String) throws(OutputError) {
    try writeAll(text, to: STDOUT_FILENO, reportedAs: "standard output")
}

/// Writes text to standard error; a failure is ignored (there is nowhere left to report it).
public func writeStandardError(_ text: String) {
    try? writeAll(text, to: STDERR_FILENO, reportedAs: "standard error")
}

/// Makes sure descriptors 0, 1 and 2 are open, so that no file the program opens later takes
/// the number of a closed standard stream: a closed one is replaced by `/dev/null` opened
/// read-only, on which a write fails (and standard output is then reported as not writable).
public func reserveStandardDescriptors() {
    for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
        let opened = open("/dev/null", O_RDONLY)
        if opened >= 0, opened != fd {
            dup2(opened, fd)
            close(opened)
        }
    }
}

/// The path that a write to `path` should reach: `path` itself, or the final target of a chain
/// of symbolic links (at most 40, as the kernel allows).
private func resolvedDestination(_ path: String) throws(OutputError) -> String {
    var current = path
    for _ in 0..<40 {
        var info = stat()
        guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(current, &buffer, Int(PATH_MAX))
        guard count > 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
    }
    throw OutputError(path: path, reason: "too many levels of symbolic links")
}

/// Writes `text` into a new temporary file in the folder of `destination` and returns its path.
private func writeTemporary(_ text: String, beside destination: String, reportedAs path: String) throws(OutputError) -> String {
    let folder = (destination as NSString).deletingLastPathComponent
    let pid = ProcessInfo.processInfo.processIdentifier
    for _ in 0..<100 {
        let name = ".trialstats-\(pid)-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let temporary = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 {
            if errno == EEXIST { continue }
            throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
        do throws(OutputError) {
            try writeAll(text, to: fd, reportedAs: path)
            guard fsync(fd) == 0 || errno == EINVAL else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputError(path: path, reason: reason)
        }
        return temporary
    }
    throw OutputError(path: path, reason: "no free temporary name in its folder")
}

/// Writes every byte of `text` to `fd`, retrying short and interrupted writes.
private func writeAll(_ text: String, to fd: Int32, reportedAs path: String) throws(OutputError) {
    var text = text
    // The text's own bytes (every text the program makes is stored as contiguous UTF-8: no copy).
    let failure: Int32? = text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
    if let failure { throw OutputError(path: path, reason: String(cString: strerror(failure))) }
}
