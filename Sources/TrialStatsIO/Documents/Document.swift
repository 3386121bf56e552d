import TrialStats

/// The kinds of document the readers understand.
public enum DocumentKind: String, CaseIterable, Sendable {
    /// Text pasted from a PDF or a web page: tab-separated or space-aligned blocks among prose.
    case text
    /// Markdown pipe tables.
    case markdown
    /// An HTML page (a journal's or PubMed Central's), read with libxml2's HTML parser.
    case html
    /// JATS XML (PubMed Central's open-access subset), read with FoundationXML.
    case jats
    /// A CSV of published cells (`table,section,row,column,column_n,text`), kept as it is.
    case cells
}

/// One cell extracted from a document: where it stands and its text exactly as printed (the
/// ``PublishedCell`` the verifier reads, whose fields it answers to: `cell.row`, `cell.text`), with
/// the footnote marks printed beside it (as superscripts or links) separated from the value.
@dynamicMemberLookup
public struct DocumentCell: Equatable, Sendable {
    /// The cell as the verifier reads it.
    public var published: PublishedCell
    /// The footnote marks printed beside the value.
    public var footnotes: [String]

    /// Creates a cell of a document's table.
    public init(table: String, section: String, row: String, column: String, columnN: Int?, text: String, footnotes: [String] = []) {
        published = PublishedCell(table: table, section: section, row: row, column: column, columnN: columnN, text: text)
        self.footnotes = footnotes
    }

    /// The published cell's fields (table, section, row, column, columnN, text).
    public subscript<T>(dynamicMember path: WritableKeyPath<PublishedCell, T>) -> T {
        get { published[keyPath: path] }
        set { published[keyPath: path] = newValue }
    }
}

/// A table found in a document, read into cells.
public struct DocumentTable: Equatable, Sendable {
    /// The table's name: its label and caption (`Table 1: Baseline characteristics`), or
    /// `Untitled table at line N` / `Untitled table K` when nothing names it.
    public var name: String
    /// The value columns' names, after the N and any statistic they state were taken out.
    public var columns: [String]
    /// The N each value column states (header or N row), when it states one.
    public var columnN: [Int?]
    /// The cells, row by row.
    public var cells: [DocumentCell]
}

/// A document read into tables, with what identifies it (DOI, PMCID, PMID when it states them).
public struct Document: Equatable, Sendable {
    public var kind: DocumentKind
    /// Identifiers found in the document, in a fixed order: `doi`, `pmcid`, `pmid`.
    public var provenance: [String: String]
    public var tables: [DocumentTable]

    public init(kind: DocumentKind, provenance: [String: String] = [:], tables: [DocumentTable]) {
        self.kind = kind
        self.provenance = provenance
        self.tables = tables
    }

    /// Every cell of every table, in document order.
    public var cells: [DocumentCell] { tables.flatMap(\.cells) }
}

/// A problem with a document as a whole.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parser could not read the document at all.
    case unreadable(kind: DocumentKind, reason: String)
    /// The document holds no table.
    case noTables(kind: DocumentKind)

    public var description: String {
        switch self {
        case let .unreadable(kind, reason): return "not readable as \(kind.rawValue): \(reason)"
        case let .noTables(kind): return "no table found (read as \(kind.rawValue))"
        }
    }
}
