/// The counts of `binom --counts`: x, n and the label of each row of a CSV file.
///
/// Read in one pass over the memory-mapped file by ``CSVColumnScanner`` when it can take the
/// file, with exactly the result of ``DataTable`` and ``DataTable/countsRows(x:n:labels:)``;
/// otherwise — standard input, a non-ASCII byte, and every problem worth a message (a missing
/// column, a count that is not a whole number of at least 0, x > n) — through those, whose
/// messages name the file, row, column and value. (10⁵ rows: about 0.14 s through ``DataTable``,
/// 0.01 s through the scanner.)
enum CountsFile {
    /// The counts of the file at `path` (`-` for standard input).
    static func read(path: String, x: String, n: String, labels: [String], missingValues: Set<String>) throws(InputError) -> [GroupCount] {
        if let counts = scanned(path: path, x: x, n: n, labels: labels) { return counts }
        return try DataTable.read(path: path, missingValues: missingValues).countsRows(x: x, n: n, labels: labels)
    }

    /// The counts as the scanner reads them, or nil where the general reader must take over.
    static func scanned(path: String, x: String, n: String, labels: [String]) -> [GroupCount]? {
        guard path != "-", let file = MappedFile(path: path) else { return nil }
        defer { file.unmap() }
        var scanner = CSVColumnScanner(bytes: file.bytes)
        guard let (header, lines) = scanner.readHeader(),
              let xIndex = header.firstIndex(of: x), let nIndex = header.firstIndex(of: n) else { return nil }
        var labelIndices: [Int] = []
        for name in labels {
            guard let index = header.firstIndex(of: name) else { return nil }
            labelIndices.append(index)
        }
        var counts: [GroupCount] = []
        counts.reserveCapacity(lines)
        var rowX = 0, rowN = 0
        var parts = [String](repeating: "", count: labelIndices.count)
        let complete = scanner.scanRows(width: header.count, cell: { column, raw in
            if column == xIndex {
                guard let value = wholeCount(raw) else { return false }
                rowX = value
            }
            if column == nIndex {
                guard let value = wholeCount(raw) else { return false }
                rowN = value
            }
            for (k, index) in labelIndices.enumerated() where index == column {
                parts[k] = String(decoding: raw, as: UTF8.self)
            }
            return true
        }, rowEnd: {
            guard rowX <= rowN else { return false }
            let label = parts.isEmpty ? "row \(counts.count + 2)" : parts.count == 1 ? parts[0] : parts.joined(separator: " / ")
            counts.append(GroupCount(group: label, x: rowX, n: rowN, missing: 0))
            return true
        })
        guard complete, !counts.isEmpty else { return nil }
        return counts
    }

    /// A count as `Int(_:)` reads the trimmed cell when it is at least 0: an optional `+` and
    /// up to 18 digits; nil for anything else (a sign `-`, more digits), which the general reader
    /// then judges.
    static func wholeCount(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        let text = trimmedASCII(raw)
        var i = text.startIndex
        if i < text.endIndex && text[i] == UInt8(ascii: "+") { i += 1 }
        let digits = text.endIndex - i
        guard digits > 0, digits <= 18 else { return nil }
        var value = 0
        while i < text.endIndex {
            let d = text[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
            i += 1
        }
        return value
    }
}
