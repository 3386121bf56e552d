import Foundation
import ZIPFoundation

/// `tables.docx`: every table of the report as a real Word table — a repeated header row, merged
/// group headings (`gridSpan` across, `vMerge` down), section rows across the table, footnote
/// letters as superscripts, the footnotes as paragraphs under their table kept with it — on
/// landscape A4 pages, from the same ``ReportView`` as `report.html`.
///
/// The Kaplan–Meier figure follows the tables on its own page, as an EMF picture (`word/media/
/// figure1.emf`, ``Drawing/emf()``) drawn from the same drawing as `km.svg` and `km.pdf`. EMF is
/// the vector format both Word and LibreOffice show natively; SVG would need a PNG fallback for
/// Word (the `asvg:svgBlip` extension), and TrialStats has no rasteriser to draw one. Checked by
/// converting the document with LibreOffice and looking at the page.
///
/// The file is a ZIP (deflate) of WordprocessingML parts with fixed timestamps, so the same
/// report gives the same bytes.
///
/// **References**: ECMA-376 Part 1 (5th ed., 2016), §17.4 tables (`w:tbl`, `w:gridSpan`,
/// `w:vMerge`, `w:tblHeader`), §17.3 paragraphs and runs; Part 2, Open Packaging Conventions.
extension ReportView {
    /// The Word document's bytes.
    public func docx() throws -> Data {
        var parts: [(String, Data)] = [
            ("[Content_Types].xml", Data(Self.contentTypes.utf8)),
            ("_rels/.rels", Data(Self.packageRelationships.utf8)),
            ("docProps/core.xml", Data(coreProperties().utf8)),
            ("word/_rels/document.xml.rels", Data(documentRelationships().utf8)),
            ("word/document.xml", Data(documentXML().utf8)),
        ]
        if let drawing = figure?.drawing { parts.append(("word/media/figure1.emf", drawing.emf())) }
        let archive = try Archive(data: Data(), accessMode: .create)
        let fixedDate = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01, the earliest ZIP time
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixedDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        guard let bytes = archive.data else { throw OutputError(path: "tables.docx", reason: "the document could not be assembled in memory") }
        return bytes
    }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Default Extension="emf" ContentType="image/x-emf"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    /// `word/_rels/document.xml.rels`: the figure's picture, when there is one.
    func documentRelationships() -> String {
        let image = figure?.drawing == nil ? "" : "<Relationship Id=\"rIdFigure1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/figure1.emf\"/>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(image)</Relationships>"
    }

    /// The figure as an inline picture on a page of its own, scaled to fit the text area
    /// (at most 728 × 420 points, room left for the caption), with its caption under it.
    func figureXML(_ figure: ReportFigure) -> String {
        guard let drawing = figure.drawing else {
            return DOCXParagraph(runs: [.init("Figure 1. ", bold: true), .init(figure.caption),
                                        .init(" The figure is in km.pdf (vector) and km.svg beside this file.")]).xml
        }
        // fit scales the drawing into 728 × 420 points: cx ≤ 728 · 12,700 and cy ≤ 420 · 12,700 EMU, far inside Int.
        let fit = min(1, 728 / drawing.width, 420 / drawing.height)
        let cx = Int((drawing.width * fit * 12700).rounded()), cy = Int((drawing.height * fit * 12700).rounded())  // EMU: 12,700 per point
        let name = escapeXML(drawing.title)
        let picture = "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/>"
            + "<wp:docPr id=\"1\" name=\"Figure 1\" descr=\"\(name)\"/><wp:cNvGraphicFramePr/>"
            + "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
            + "<pic:nvPicPr><pic:cNvPr id=\"1\" name=\"figure1.emf\" descr=\"\(name)\"/><pic:cNvPicPr/></pic:nvPicPr>"
            + "<pic:blipFill><a:blip r:embed=\"rIdFigure1\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
            + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        let figureParagraph = "<w:p><w:pPr><w:pageBreakBefore/><w:keepNext/><w:spacing w:before=\"0\" w:after=\"120\"/></w:pPr>\(picture)</w:p>"
        return figureParagraph + DOCXParagraph(runs: [.init("Figure 1. ", bold: true), .init(figure.caption),
                                                      .init(" Also as km.pdf (vector) and km.svg beside this file.")]).xml
    }

    func coreProperties() -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(escapeXML(title))</dc:title>\
        <dc:creator>TrialStats \(escapeXML(version))</dc:creator></cp:coreProperties>
        """
    }

    /// `word/document.xml`: the title, then each table with its caption and footnotes.
    func documentXML() -> String {
        var body = DOCXParagraph(runs: [.init(title, bold: true, size: 28)]).xml
        body += DOCXParagraph(runs: [.init("\(summary) TrialStats \(version). Tables as in report.html; every number also in analysis.json.", size: 18)]).xml
        for table in tables { body += tableXML(table) }
        if let figure { body += figureXML(figure) }
        // Landscape A4 with 2 cm margins.
        body += "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
            + "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
        let namespaces = "xmlns:w=\"\(Self.wordNamespace)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
            + "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\""
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document \(namespaces)><w:body>\(body)</w:body></w:document>"
    }

    /// Text width of a landscape A4 page between 2 cm margins, in twentieths of a point.
    static let pageWidth = 14570

    func tableXML(_ t: ReportTable) -> String {
        var out = DOCXParagraph(runs: [.init("Table \(t.number). ", bold: true), .init(t.caption)], keepNext: true, spaceBefore: 240).xml
        let widths = columnWidths(t)
        out += "<w:tbl><w:tblPr><w:tblW w:w=\"\(Self.pageWidth)\" w:type=\"dxa\"/>"
            + "<w:tblBorders><w:top w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"000000\"/>"
            + "<w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblCellMar><w:left w:w=\"70\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
        out += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        out += headerRowsXML(t, widths: widths)
        for row in t.rows { out += bodyRowXML(row, widths: widths) }
        out += "</w:tbl>"
        for (k, note) in t.footnotes.enumerated() {
            let runs = note.parts.flatMap { part -> [DOCXRun] in
                (part.mark.map { [DOCXRun($0, superscript: true, size: 16)] } ?? []) + [DOCXRun(part.text, size: 16, code: part.code)]
            }
            out += DOCXParagraph(runs: runs, keepNext: k < t.footnotes.count - 1, spaceBefore: k == 0 ? 60 : 0).xml
        }
        return out
    }

    /// Column widths in proportion to the longest text of each column with its footnote mark (at
    /// least 8 characters, so that a p-value such as "0.99ᵃ" does not break, or the heading; the
    /// label column 16 to 40), summing to the page width.
    func columnWidths(_ t: ReportTable) -> [Int] {
        var longest = Array(repeating: 8, count: max(1, t.columns))
        longest[0] = 16
        if let first = t.header.first {
            var column = 0
            for cell in first.cells {
                if cell.colspan == nil, column < longest.count { longest[column] = max(longest[column], cell.text.count + 2) }
                column += cell.colspan ?? 1
            }
        }
        for row in t.rows {
            var column = 0
            for cell in row.cells {
                if cell.colspan == nil, column < longest.count {
                    longest[column] = max(longest[column], cell.text.count + (cell.sub?.count ?? 0) + (cell.mark.map { $0.count + 1 } ?? 0))
                }
                column += cell.colspan ?? 1
            }
        }
        longest[0] = min(longest[0], 40)
        let total = longest.reduce(0, +)
        var widths = longest.map { Self.pageWidth * $0 / total }
        // Long headings (five basket names) would leave a short column (P) narrower than its
        // text: every column gets room for up to 10 characters of 9 pt (100 twips each) and its
        // margins, taken from the columns wider than that.
        let floor = longest.map { min($0, 10) * 100 + 160 }
        let deficit = zip(widths, floor).reduce(0) { $0 + max(0, $1.1 - $1.0) }
        let spare = zip(widths, floor).reduce(0) { $0 + max(0, $1.0 - $1.1) }
        if deficit > 0, spare > deficit {
            widths = zip(widths, floor).map { w, f in w < f ? f : w - (w - f) * deficit / spare }
        }
        widths[0] += Self.pageWidth - widths.reduce(0, +)
        return widths
    }

    /// Header rows, repeated on every page; a cell spanning rows is a `vMerge` restart above
    /// `vMerge` continuations at the same grid columns below.
    func headerRowsXML(_ t: ReportTable, widths: [Int]) -> String {
        var out = ""
        var pending: [Int: (rows: Int, span: Int)] = [:]  // grid column → rows still covered below
        for (r, row) in t.header.enumerated() {
            let last = r == t.header.count - 1
            out += "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
            var cells = row.cells[...]
            var column = 0
            while column < widths.count {
                if let cover = pending[column], cover.rows > 0 {
                    pending[column] = cover.rows > 1 ? (cover.rows - 1, cover.span) : nil
                    out += cellXML([], widths: widths, column: column, span: cover.span, merge: "continue", bottomRule: last, align: column > 0)
                    column += cover.span
                    continue
                }
                guard let cell = cells.popFirst() else { break }
                let span = cell.colspan ?? 1
                if let rows = cell.rowspan { pending[column] = (rows - 1, span) }
                var runs = [DOCXRun(cell.text, bold: true)]
                if let mark = cell.mark { runs.append(DOCXRun(mark, bold: true, superscript: true)) }
                if let sub = cell.sub { runs.append(DOCXRun(sub, lineBreak: true)) }
                out += cellXML(runs, widths: widths, column: column, span: span, merge: cell.rowspan == nil ? nil : "restart",
                               bottomRule: last || (cell.colspan ?? 1) > 1, align: column > 0)
                column += span
            }
            out += "</w:tr>"
        }
        return out
    }

    func bodyRowXML(_ row: ReportRow, widths: [Int]) -> String {
        var out = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        var column = 0
        for cell in row.cells where column < widths.count {
            let span = min(cell.colspan ?? 1, widths.count - column)
            // A section row's heading is bold; a number in it (Table 1's p-value) is not.
            var runs = [DOCXRun(cell.text, bold: row.section && cell.key == nil)]
            if let sub = cell.sub { runs.append(DOCXRun(sub)) }
            if let mark = cell.mark { runs.append(DOCXRun(mark, superscript: true)) }
            out += cellXML(runs, widths: widths, column: column, span: span, merge: nil, bottomRule: false, align: column > 0 && (!row.section || cell.key != nil),
                           indent: cell.indent, topRule: row.groupStart)
            column += span
        }
        return out + "</w:tr>"
    }

    func cellXML(_ runs: [DOCXRun], widths: [Int], column: Int, span: Int, merge: String?, bottomRule: Bool, align: Bool,
                 indent: Bool = false, topRule: Bool = false) -> String {
        let width = widths[column..<min(widths.count, column + span)].reduce(0, +)
        var properties = "<w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if span > 1 { properties += "<w:gridSpan w:val=\"\(span)\"/>" }
        if let merge { properties += "<w:vMerge w:val=\"\(merge)\"/>" }
        if bottomRule || topRule {
            properties += "<w:tcBorders>" + (topRule ? "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"999999\"/>" : "")
                + (bottomRule ? "<w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/>" : "") + "</w:tcBorders>"
        }
        properties += "<w:vAlign w:val=\"\(merge == nil ? "top" : "bottom")\"/>"
        // Every paragraph of a table keeps with the next, so the table and its footnotes stay on one page.
        let paragraph = DOCXParagraph(runs: runs, keepNext: true, center: align, indent: indent ? 240 : 0)
        return "<w:tc><w:tcPr>\(properties)</w:tcPr>\(paragraph.xml)</w:tc>"
    }
}

/// A run of text with its formatting (sizes in half-points; 18 = 9 pt).
struct DOCXRun {
    var text: String
    var bold = false
    var superscript = false
    var size = 18
    var code = false
    /// Start on a new line.
    var lineBreak = false

    init(_ text: String, bold: Bool = false, superscript: Bool = false, size: Int = 18, code: Bool = false, lineBreak: Bool = false) {
        self.text = text
        self.bold = bold
        self.superscript = superscript
        self.size = size
        self.code = code
        self.lineBreak = lineBreak
    }

    var xml: String {
        var properties = code ? "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\"/>" : ""
        if bold { properties += "<w:b/>" }
        properties += "<w:sz w:val=\"\(size)\"/>"
        if superscript { properties += "<w:vertAlign w:val=\"superscript\"/>" }
        return "<w:r><w:rPr>\(properties)</w:rPr>\(lineBreak ? "<w:br/>" : "")<w:t xml:space=\"preserve\">\(escapeXML(text))</w:t></w:r>"
    }
}

struct DOCXParagraph {
    var runs: [DOCXRun]
    var keepNext = false
    var spaceBefore = 0
    var center = false
    var indent = 0

    var xml: String {
        var properties = keepNext ? "<w:keepNext/>" : ""
        properties += "<w:spacing w:before=\"\(spaceBefore)\" w:after=\"0\"/>"
        if indent > 0 { properties += "<w:ind w:left=\"\(indent)\"/>" }
        if center { properties += "<w:jc w:val=\"center\"/>" }
        return "<w:p><w:pPr>\(properties)</w:pPr>" + runs.map(\.xml).joined() + "</w:p>"
    }
}

extension CohortAnalysis {
    /// Every file of the output folder as bytes: ``outputFiles(provenance:)`` and `tables.docx`
    /// after the figure.
    public func outputDocuments(provenance: ReportProvenance) throws(OutputError) -> [(path: String, data: Data)] {
        var files = outputFiles(provenance: provenance).map { (path: $0.path, data: Data($0.contents.utf8)) }
        // The figure km.svg and km.pdf hold, from the same drawing.
        let drawing = survival.map { kaplanMeierFigure($0).drawing() }
        var view = reportView(provenance: provenance, figure: drawing?.svg())
        view.figure?.drawing = drawing
        let docx: Data
        do { docx = try view.docx() } catch let error as OutputError { throw error } catch {
            throw OutputError(path: "tables.docx", reason: "the document could not be assembled: \(error)")
        }
        let at = (files.firstIndex { $0.path.hasPrefix("tables/") }) ?? files.count
        files.insert((path: "tables.docx", data: docx), at: at)
        return files
    }
}
