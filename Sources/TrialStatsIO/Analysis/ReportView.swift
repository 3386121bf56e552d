import Foundation
import TrialStats

/// What the report shows, as plain values and no markup: the tables (header rows with spans,
/// body rows, footnotes), the figure, the methods with the commands that reproduce each table,
/// and the provenance. `report.html` renders it through a Mustache template (every value escaped
/// unless the template says otherwise, and only the figure's SVG is inserted as is); `tables.docx`
/// renders the same tables as Word tables. Tests read it without parsing HTML.
public struct ReportView: Sendable {
    public var title: String
    public var note: String?
    public var version: String
    /// The nominal level as printed ("95%").
    public var level: String
    /// "24 patients in 3 baskets (SLE 10, SSc 9, IIM 5)."
    public var summary: String
    public var cohortPath: String
    public var planPath: String
    public var tables: [ReportTable]
    public var figure: ReportFigure?
    public var methods: [ReportMethodsSection]
    public var provenance: [ReportProvenanceRow]
    public var planText: String

    /// Every command line the methods print, as arguments after `trialstats`.
    public var commands: [[String]] { methods.flatMap { $0.commands.map(\.arguments) } }
}

/// One table: a caption, header rows (cells may span columns and rows), body rows, footnotes.
public struct ReportTable: Sendable {
    /// HTML id, e.g. "table-survival".
    public var id: String
    public var number: Int
    public var caption: String
    public var header: [ReportHeaderRow]
    public var rows: [ReportRow]
    public var footnotes: [ReportParagraph]
    /// Columns of the body.
    public var columns: Int
}

public struct ReportHeaderRow: Sendable {
    public var cells: [ReportHeaderCell]
}

public struct ReportHeaderCell: Sendable {
    public var text: String
    /// A second, lighter line ("(N = 10)", "median [IQR]").
    public var sub: String?
    /// Footnote letter.
    public var mark: String?
    /// nil for 1.
    public var colspan: Int?
    public var rowspan: Int?
    public init(_ text: String, sub: String? = nil, mark: String? = nil, colspan: Int? = nil, rowspan: Int? = nil) {
        self.text = text
        self.sub = sub
        self.mark = mark
        self.colspan = colspan.flatMap { $0 > 1 ? $0 : nil }
        self.rowspan = rowspan.flatMap { $0 > 1 ? $0 : nil }
    }
}

public struct ReportRow: Sendable {
    /// A heading row across the whole table ("VAS pain (lower is better)").
    public var section: Bool = false
    /// Draw a rule above the row.
    public var groupStart: Bool = false
    public var cells: [ReportCell]
    /// The CSS classes ("section group-start"), nil for none.
    public var classes: String? {
        let names = (section ? ["section"] : []) + (groupStart ? ["group-start"] : [])
        return names.isEmpty ? nil : names.joined(separator: " ")
    }
}

public struct ReportCell: Sendable {
    public var text: String
    /// A lighter part after the text (" (lower is better)").
    public var sub: String?
    /// `data-cell` key of a number cell ("survival/SLE/median"); nil for labels.
    public var key: String?
    public var mark: String?
    /// An indented label (a level under its variable).
    public var indent: Bool = false
    public var colspan: Int?
    public init(_ text: String, sub: String? = nil, key: String? = nil, mark: String? = nil, indent: Bool = false, colspan: Int? = nil) {
        self.text = text
        self.sub = sub
        self.key = key
        self.mark = mark
        self.indent = indent
        self.colspan = colspan
    }
}

/// Running text with code spans, superscript marks and number cells.
public struct ReportParagraph: Sendable {
    public var parts: [ReportInline]
    public init(_ parts: [ReportInline]) { self.parts = parts }
    public init(_ text: String) { parts = [.init(text)] }
    public var plainText: String { parts.map { ($0.mark ?? "") + $0.text }.joined() }
}

public struct ReportInline: Sendable {
    public var text: String
    public var code: Bool = false
    /// A footnote letter before the text.
    public var mark: String?
    /// `data-cell` key when the text is a number others look up.
    public var key: String?
    public init(_ text: String, code: Bool = false, mark: String? = nil, key: String? = nil) {
        self.text = text
        self.code = code
        self.mark = mark
        self.key = key
    }
    public static func code(_ text: String) -> ReportInline { .init(text, code: true) }
}

/// The figure: the SVG (drawn and escaped by ``Drawing``) and its caption; the drawing itself
/// when a renderer needs another format (`tables.docx` embeds it as EMF).
public struct ReportFigure: Sendable {
    public var svg: String
    public var caption: String
    public var drawing: Drawing? = nil
}

public struct ReportMethodsSection: Sendable {
    public var heading: String
    public var paragraphs: [ReportParagraph]
    /// Settings per outcome (a bulleted list), empty for none.
    public var items: [ReportParagraph] = []
    public var commands: [ReportCommand] = []
    /// Paragraphs after the commands.
    public var after: [ReportParagraph] = []
}

/// A `trialstats` command line: the arguments, and the line as a POSIX shell reads it.
public struct ReportCommand: Sendable {
    public var arguments: [String]
    public var text: String { (["trialstats"] + arguments.map(shellQuote)).joined(separator: " ") }
    public init(_ arguments: [String]) { self.arguments = arguments }
}

public struct ReportProvenanceRow: Sendable {
    public var term: String
    public var value: String
    public var code: Bool
    public var key: String?
}

/// Quotes a word for a POSIX shell when it needs it.
func shellQuote(_ word: String) -> String {
    let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,+@%".contains($0) }
    return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
