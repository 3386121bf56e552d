/// One group's count of yes (x) among the non-missing values (n) of a binary column.
public struct GroupCount: Sendable, Equatable {
    public var group: String
    public var x: Int
    public var n: Int
    /// Missing cells (left out of n).
    public var missing: Int
}

/// What a binary cell may hold, in messages.
public let binaryValuesExpected = "1/0, yes/no, true/false or responder/non-responder"

extension DataTable {
    /// A binary column (codes by ``responseCode(_:)``): nil for missing cells; any other value
    /// stops at the first row holding it, with `expected` and the values the column holds.
    public func binaryColumn(_ column: String, expected: String = binaryValuesExpected) throws(InputError) -> [Bool?] {
        let values = try textColumn(column)
        var codes: [Bool?] = []
        codes.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            guard let value else { codes.append(nil); continue }
            guard let code = responseCode(value) else {
                let found = columnList(Array(Set(values.compactMap { $0 })).sorted())
                throw InputError.invalidValue(file: source, row: i + 2, column: column, value: value,
                                              expected: "\(expected); the column holds \(found)")
            }
            codes.append(code)
        }
        return codes
    }
}

extension GroupedRows {
    /// Yes among the non-missing values of binary `codes` in each group.
    public func counts(_ codes: [Bool?]) -> [GroupCount] {
        zip(labels, rows).map { label, rows in
            var x = 0, n = 0
            for r in rows {
                guard let code = codes[r] else { continue }
                n += 1
                if code { x += 1 }
            }
            return GroupCount(group: label, x: x, n: n, missing: rows.count - n)
        }
    }
}
