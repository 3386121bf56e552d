#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The byte-level CSV scanner of the fast columnar readers (``SurvivalColumns`` for `km`, the
/// counts of `binom --counts`): one pass over a memory-mapped file, only the columns asked for
/// looked at, no String per cell.
///
/// It takes ASCII files with RFC 4180 quoting, LF or CRLF line ends and an optional byte-order
/// mark, and reads them exactly as ``DataTable`` does. Anything else — standard input, a
/// non-ASCII byte, a bare CR, a blank line, a quote inside an unquoted field, an unclosed quote,
/// a duplicate or empty header, a ragged row — makes it stop (nil or false), and the caller reads
/// the file with ``DataTable``, whose messages (file, row, column, value) are the same as ever.
struct CSVColumnScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    /// The unquoted text of a quoted field (quotes are rare; one reused buffer).
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
    }

    /// The header's column names and the number of lines of the file (an upper bound on the
    /// rows, for reserving), or nil when the file is not ASCII or the header is not one the
    /// general reader accepts as it is (duplicate names, a single empty name).
    mutating func readHeader() -> (names: [String], lines: Int)? {
        var lines = 1
        var combined: UInt8 = 0
        for b in bytes {
            combined |= b
            if b == newline { lines += 1 }
        }
        guard combined < 0x80 || position == 3 && !bytes[3...].contains(where: { $0 >= 0x80 }) else { return nil }
        var names: [String] = []
        while true {
            guard nextField() else { return nil }
            names.append(withField { String(decoding: $0, as: UTF8.self) })
            guard let end = fieldEnd() else { return nil }
            if end != comma { break }
        }
        guard Set(names).count == names.count, !(names.count == 1 && names[0].isEmpty) else { return nil }
        return (names, lines)
    }

    /// Reads every data row of `width` fields: `cell(column, bytes)` for each field (the bytes
    /// as the field holds them, unquoted, not trimmed), then `rowEnd()`. Returns false as soon
    /// as a closure does or a row is not plain CSV of that width; true at the end of the file.
    mutating func scanRows(width: Int, cell: (Int, UnsafeBufferPointer<UInt8>) -> Bool, rowEnd: () -> Bool) -> Bool {
        while position < bytes.count {
            for column in 0..<width {
                guard nextField(), withField({ cell(column, $0) }) else { return false }
                guard let end = fieldEnd(), (end == comma) == (column < width - 1) else { return false }
            }
            guard rowEnd() else { return false }
        }
        return true
    }

    /// Where the field last scanned by ``nextField()`` is: a range of the file, or (quoted with
    /// doubled quotes) `scratch`.
    private var fieldRange: Range<Int> = 0..<0
    private var fieldInScratch = false

    /// Calls `body` with the bytes of the field last scanned.
    private func withField<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        fieldInScratch ? scratch.withUnsafeBufferPointer(body) : body(UnsafeBufferPointer(rebasing: bytes[fieldRange]))
    }

    /// Scans one field from `position`: quoted (RFC 4180, doubled quotes) or plain.
    private mutating func nextField() -> Bool {
        fieldInScratch = false
        guard position < bytes.count, bytes[position] == quote else {
            let start = position
            while position < bytes.count {
                let b = bytes[position]
                if b == comma || b == newline || b == carriageReturn { break }
                if b == quote { return false }
                position += 1
            }
            fieldRange = start..<position
            return true
        }
        position += 1
        let start = position
        var doubled = false
        while true {
            guard position < bytes.count else { return false }  // unclosed: the general reader names the row
            if bytes[position] == quote {
                if position + 1 < bytes.count && bytes[position + 1] == quote {
                    doubled = true
                    position += 2
                    continue
                }
                break
            }
            position += 1
        }
        let end = position
        position += 1
        fieldRange = start..<end
        guard doubled else { return true }
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            scratch.append(bytes[i])
            i += bytes[i] == quote ? 2 : 1
        }
        fieldInScratch = true
        return true
    }

    /// Consumes what ends a field: a comma, a line end (LF or CRLF) or the end of the file.
    /// Returns comma or newline; nil for anything else (a blank line, a bare CR, text after a
    /// closing quote).
    private mutating func fieldEnd() -> UInt8? {
        guard position < bytes.count else { return newline }
        switch bytes[position] {
        case comma:
            position += 1
            return comma
        case carriageReturn:
            guard position + 1 < bytes.count, bytes[position + 1] == newline else { return nil }
            position += 2
        case newline:
            position += 1
        default:
            return nil
        }
        // A line end: a blank line after it (other than at the end of the file) is left to the
        // general reader.
        if position < bytes.count && (bytes[position] == newline || bytes[position] == carriageReturn) { return nil }
        return newline
    }
}

/// The missing-value spellings of ``DataTable`` as bytes, compared with a trimmed field.
struct MissingSpellings {
    private let spellings: [[UInt8]]

    init(_ missingValues: Set<String>) {
        spellings = missingValues.map { Array($0.utf8) }
    }

    func contains(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        let text = trimmedASCII(raw)
        return spellings.contains { $0.elementsEqual(text) }
    }
}

/// A read-only memory map of a regular, non-empty file.
struct MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let descriptor: Int32

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0,
              let base = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            _ = close(fd)
            return nil
        }
        _ = madvise(base, Int(info.st_size), MADV_SEQUENTIAL)
        bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: Int(info.st_size))
        descriptor = fd
    }

    func unmap() {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        _ = close(descriptor)
    }
}

private let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

/// The bytes without surrounding spaces and tabs (``trimmingWhitespace(_:)`` on ASCII text).
func trimmedASCII(_ raw: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0, end = raw.count
    while start < end && (raw[start] == UInt8(ascii: " ") || raw[start] == UInt8(ascii: "\t")) { start += 1 }
    while end > start && (raw[end - 1] == UInt8(ascii: " ") || raw[end - 1] == UInt8(ascii: "\t")) { end -= 1 }
    return UnsafeBufferPointer(rebasing: raw[start..<end])
}
