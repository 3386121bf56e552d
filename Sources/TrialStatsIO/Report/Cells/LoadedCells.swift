import Foundation
import TrialStats

/// The cells a verify or cells input holds: extracted from a document, or read from a cells CSV.
public struct LoadedCells: Sendable {
    public var source: String
    public var kind: DocumentKind
    public var provenance: [String: String]
    /// Table names in order of appearance.
    public var tables: [String]
    public var cells: [DocumentCell]
    /// The cells as the verifier reads them (a cells CSV keeps its optional columns).
    public var published: [PublishedCell]
    /// A cells CSV's unknown columns or missing column_n, for the top of the verify report.
    public var warnings: [CellsFileWarning] = []

    /// Reads `path` (or standard input for `-`) as a document or a cells CSV.
    public static func read(_ path: String) throws -> LoadedCells {
        let source = path == "-" ? "<stdin>" : path
        let data = try readInputFile(path == "-" ? nil : path, source: source)
        let kind = DocumentReader.kind(path: path, content: data)
        if kind == .cells {
            let text = try decodeUTF8(data, source: source)
            let table = try DataTable.parse(text, source: source, missingValues: [])
            let published = try readPublishedCells(table)
            var tables: [String] = []
            for c in published where !tables.contains(c.table) { tables.append(c.table) }
            return LoadedCells(source: source, kind: kind, provenance: [:], tables: tables,
                               cells: published.map { DocumentCell(table: $0.table, section: $0.section, row: $0.row, column: $0.column, columnN: $0.columnN, text: $0.text) },
                               published: published, warnings: cellsFileWarnings(table))
        }
        do {
            let document = try DocumentReader.read(data, kind: kind)
            return LoadedCells(source: source, kind: kind, provenance: document.provenance, tables: document.tables.map(\.name),
                               cells: document.cells, published: document.cells.map(\.published))
        } catch {
            throw ReportDataError("\(source): \(error)")
        }
    }

    /// The cells JSON document: the source, its kind and provenance, the tables and every cell.
    public func json() -> JSONValue {
        .object([
            ("command", .string("cells")),
            ("source", .string(source)),
            ("kind", .string(kind.rawValue)),
            ("provenance", .object(provenance.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("tables", .array(tables.map { .string($0) })),
            ("cells", .array(cells.map { c in
                .object([("table", .string(c.table)), ("section", .string(c.section)), ("row", .string(c.row)), ("column", .string(c.column)),
                         ("column_n", c.columnN.map { .int($0) } ?? .null), ("text", .string(c.text)),
                         ("footnotes", .array(c.footnotes.map { .string($0) }))])
            })),
        ])
    }

    /// Every cell as CSV: table,section,row,column,column_n,text,footnotes.
    public func csv() -> CSVOutput {
        CSVOutput(header: ["table", "section", "row", "column", "column_n", "text", "footnotes"], rows: cells.map { c in
            [.text(c.table), .text(c.section), .text(c.row), .text(c.column), c.columnN.map { .int($0) } ?? .text(""), .text(c.text),
             .text(c.footnotes.joined(separator: " "))]
        })
    }
}
