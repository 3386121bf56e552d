#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The survival columns of a CSV file — times, event indicators and group indices — read in one
/// pass over the memory-mapped bytes, parsing only those columns and no String per cell.
///
/// This is the fast path for large files (scanned by ``CSVColumnScanner``). It accepts ASCII
/// files with RFC 4180 quoting, LF or CRLF line ends, an optional byte-order mark and the
/// missing-value spellings of ``DataTable``, and gives exactly what ``DataTable`` followed by the
/// per-cell readers gives (times by
/// ``parseDecimal(_:)``, codes by ``eventCode(_:)``, groups by ``Grouping``). Anything else —
/// standard input, a non-ASCII byte, a bare CR, a blank line, a quote inside an unquoted field,
/// and every problem worth a message (a missing column, a ragged row, a bad value) — makes
/// ``read(path:time:event:by:missingValues:)`` return nil, and the caller reads the file with
/// ``DataTable``, whose messages (file, row, column, value) are therefore the same as ever.
public struct SurvivalColumns: Sendable {
    /// Columns read by another reader.
    public init(source: String, times: [Double], events: [Bool], groups: [Int], labels: [String]) {
        self.source = source
        self.times = times
        self.events = events
        self.groups = groups
        self.labels = labels
    }

    /// The name used in messages: the path as given.
    public var source: String
    /// Follow-up times (finite, ≥ 0), one per data row.
    public var times: [Double]
    /// Event indicators (true = event).
    public var events: [Bool]
    /// 0-based group index of each row; empty without a grouping column.
    public var groups: [Int]
    /// Group labels in order of first appearance (missing values labelled ``Grouping/missingLabel``);
    /// empty without a grouping column.
    public var labels: [String]

    /// Reads `time`, `event` and optionally `by` from the file at `path`, or returns nil when the
    /// file needs the general reader (see the type's documentation).
    public static func read(path: String, time: String, event: String, by: String?,
                            missingValues: Set<String> = DataTable.defaultMissingValues) -> SurvivalColumns? {
        guard path != "-", let file = MappedFile(path: path) else { return nil }
        defer { file.unmap() }
        var parser = Parser(bytes: file.bytes, missingValues: missingValues)
        guard let columns = parser.readAll(time: time, event: event, by: by) else { return nil }
        return SurvivalColumns(source: path, times: columns.times, events: columns.events,
                               groups: by == nil ? [] : columns.groups, labels: by == nil ? [] : columns.labels)
    }
}

/// The survival columns read by ``CSVColumnScanner``; nil where the general reader must take over.
private struct Parser {
    var scanner: CSVColumnScanner
    let missing: MissingSpellings

    init(bytes: UnsafeBufferPointer<UInt8>, missingValues: Set<String>) {
        scanner = CSVColumnScanner(bytes: bytes)
        missing = MissingSpellings(missingValues)
    }

    struct Columns { var times: [Double] = []; var events: [Bool] = []; var groups: [Int] = []; var labels: [String] = [] }

    mutating func readAll(time: String, event: String, by: String?) -> Columns? {
        guard let (header, lines) = scanner.readHeader(),
              let timeIndex = header.firstIndex(of: time), let eventIndex = header.firstIndex(of: event) else { return nil }
        let groupIndex = by.map { header.firstIndex(of: $0) ?? -1 }
        if groupIndex == -1 { return nil }
        var columns = Columns()
        columns.times.reserveCapacity(lines)
        columns.events.reserveCapacity(lines)
        if groupIndex != nil { columns.groups.reserveCapacity(lines) }
        var labelBytes: [[UInt8]] = []
        var lastGroup = 0
        var rowTime: Double?, rowEvent: Bool?, rowGroup = 0
        let missing = missing
        let complete = scanner.scanRows(width: header.count, cell: { column, raw in
            if column == timeIndex {
                guard let t = parseTime(raw, missing) else { return false }
                rowTime = t
            }
            if column == eventIndex {
                guard let e = parseEvent(raw) else { return false }
                rowEvent = e
            }
            if column == groupIndex {
                let text = missing.contains(raw) ? missingLabelBytes : trimmedASCII(raw)
                if labelBytes.indices.contains(lastGroup) && labelBytes[lastGroup].elementsEqual(text) {
                    rowGroup = lastGroup
                } else if let g = labelBytes.firstIndex(where: { $0.elementsEqual(text) }) {
                    lastGroup = g
                    rowGroup = g
                } else {
                    labelBytes.append(Array(text))
                    lastGroup = labelBytes.count - 1
                    rowGroup = lastGroup
                }
            }
            return true
        }, rowEnd: {
            guard let t = rowTime, let e = rowEvent else { return false }
            columns.times.append(t)
            columns.events.append(e)
            columns.groups.append(rowGroup)
            rowTime = nil
            rowEvent = nil
            rowGroup = 0
            return true
        })
        guard complete, !columns.times.isEmpty else { return nil }
        columns.labels = labelBytes.map { String(decoding: $0, as: UTF8.self) }
        return columns
    }
}

/// A time as ``parseDecimal(_:)`` reads it; nil for missing, non-numeric or negative cells.
private func parseTime(_ raw: UnsafeBufferPointer<UInt8>, _ missing: MissingSpellings) -> Double? {
    guard !missing.contains(raw), let t = parseDecimalBytes(trimmedASCII(raw)), t >= 0 else { return nil }
    return t
}

/// An event code as ``eventCode(_:)`` reads it: 1/0, true/false, event/censored in any case.
private func parseEvent(_ raw: UnsafeBufferPointer<UInt8>) -> Bool? {
    let text = trimmedASCII(raw)
    func equals(_ word: StaticString) -> Bool {
        guard text.count == word.utf8CodeUnitCount else { return false }
        for (i, c) in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount).enumerated() {
            let b = text[i]
            if b != c && !(b >= 0x41 && b <= 0x5A && b + 0x20 == c) { return false }
        }
        return true
    }
    if equals("1") || equals("true") || equals("event") { return true }
    if equals("0") || equals("false") || equals("censored") { return false }
    return nil
}

/// ``Grouping/missingLabel`` as bytes, allocated once for the life of the process.
nonisolated(unsafe) private let missingLabelBytes: UnsafeBufferPointer<UInt8> = {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Grouping.missingLabel.utf8.count)
    _ = buffer.initialize(from: Grouping.missingLabel.utf8)
    return UnsafeBufferPointer(buffer)
}()

/// ``parseDecimal(_:)`` on trimmed ASCII bytes: the same grammar (sign, digits, point, exponent)
/// and the same correctly rounded value. Up to 19 significant digits and a power of ten within
/// ±22 are computed exactly (Clinger's fast path: one correctly rounded multiplication or
/// division of two exact doubles); other numbers go through `Double(String)`.
func parseDecimalBytes(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = 0
    let n = text.count
    var negative = false
    if i < n && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) { negative = text[i] == UInt8(ascii: "-"); i += 1 }
    var mantissa: UInt64 = 0, digits = 0, fractionDigits = 0, significant = 0
    var inFraction = false
    while i < n {
        let b = text[i]
        if b >= 0x30 && b <= 0x39 {
            digits += 1
            if inFraction { fractionDigits += 1 }
            if mantissa != 0 || b != 0x30 { significant += 1 }
            if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b - 0x30) }
        } else if b == UInt8(ascii: ".") && !inFraction {
            inFraction = true
        } else {
            break
        }
        i += 1
    }
    guard digits > 0 else { return nil }
    var exponent = 0
    if i < n {
        guard text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") else { return nil }
        i += 1
        var exponentNegative = false
        if i < n && (text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-")) { exponentNegative = text[i] == UInt8(ascii: "-"); i += 1 }
        var exponentDigits = 0
        while i < n, text[i] >= 0x30 && text[i] <= 0x39 {
            if exponent < 100_000 { exponent = exponent * 10 + Int(text[i] - 0x30) }
            exponentDigits += 1
            i += 1
        }
        guard exponentDigits > 0, i == n else { return nil }
        if exponentNegative { exponent = -exponent }
    }
    let power = exponent - fractionDigits
    if significant <= 19, mantissa <= 1 << 53, (-22...22).contains(power) {
        var value = Double(mantissa)
        if power >= 0 { value *= powersOfTen[power] } else { value /= powersOfTen[-power] }
        guard value.isFinite else { return nil }
        return negative ? -value : value
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { return nil }
    return value
}

private let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { r, _ in r * 10 } }
