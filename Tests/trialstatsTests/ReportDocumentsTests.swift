import ArgumentParser
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import trialstats
import TrialStatsIO
import ZIPFoundation

/// The report's documents end to end: report.html from its template, km.svg and km.pdf, and
/// tables.docx, on the bundled cohort and on a cohort whose names are markup.
@Suite("analyze documents: template, escaping, Word tables, commands that parse")
struct ReportDocumentsTests {
    static let cohort = CLI.fixture("castle/cohort.csv")
    static let plan = CLI.fixture("castle/plan.yaml")

    static func view(cohort: String = cohort, plan: String = plan) throws -> ReportView {
        let p = try AnalysisPlan.read(path: plan)
        let table = try DataTable.read(path: cohort, missingValues: p.missingValues)
        let analysis = try CohortAnalysis.run(plan: p, table: table)
        return analysis.reportView(provenance: ReportProvenance(version: "test", cohortPath: cohort, cohortSHA256: "0", planPath: plan, planSHA256: "0"),
                                   figure: nil)
    }

    /// The text of a part of a ZIP file.
    static func part(_ path: String, of docx: URL) throws -> String {
        let archive = try Archive(url: docx, accessMode: .read)
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    @Test("every command line the Methods print parses back with the CLI's own option types (issue 11.3)")
    func commandsParse() throws {
        let commands = try Self.view().commands
        #expect(commands.map(\.first) == ["describe", "describe", "describe", "describe", "describe", "compare", "compare",
                                          "signed-rank", "signed-rank", "signed-rank", "binom", "km", "km"])
        for arguments in commands {
            let command = try TrialStatsCommand.parseAsRoot(arguments)
            switch arguments[0] {
            case "describe": #expect(command is Describe)
            case "signed-rank": #expect(command is SignedRank)
            case "binom": #expect(command is Binom)
            case "compare":
                // Table 1's p-values: the continuous variables by Kruskal–Wallis, the counts by Fisher.
                let compare = try #require(command as? Compare)
                #expect(compare.by == "basket")
                #expect(compare.test == .kruskal
                    ? compare.column == ["age", "disease_duration_years", "vas_pga_baseline", "haq_baseline", "facit_baseline"]
                    : compare.test == .fisher && compare.column == ["sex", "kidney", "lungs"], "\(arguments)")
            case "km":
                let km = try #require(command as? KM)
                #expect(km.figure.endpoint == "Drug-free survival" && (km.figure.plot == "km.svg" || km.figure.plot == "km.pdf"))
            default: Issue.record("unexpected command \(arguments)")
            }
        }
    }

    static let hostileColumn = "<script>alert(1)</script>"
    static let hostileBasket = "\"><img src=x onerror=alert(1)>"

    /// A cohort whose column and basket names are markup, analysed by the CLI.
    static func hostileReport() throws -> URL {
        let folder = try CLI.temporaryFolder()
        var rows = ["id,basket,\"\(hostileColumn)\",time,event,response"]
        for k in 0..<12 {
            let basket = k % 2 == 0 ? "\"\(hostileBasket.replacingOccurrences(of: "\"", with: "\"\""))\"" : "B & 'C'"
            rows.append("P\(k),\(basket),\(40 + k),\(3 + k),\(k % 3 == 0 ? 0 : 1),\(k % 2)")
        }
        let cohort = try CLI.write(rows.joined(separator: "\n") + "\n", named: "cohort.csv", in: folder)
        let plan = try CLI.write("""
            title: "<b>bold</b> & title"
            basket: basket
            baseline:
              - column: "\(hostileColumn)"
                label: "\(hostileColumn)"
            responses:
              - {column: response, label: Response}
            survival:
              label: "Survival <i>"
              time: time
              event: event
              bands: true
              title: "<title>"
            """, named: "plan.yaml", in: folder)
        let result = try CLI.run(["analyze", cohort, "--plan", plan, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 0, "\(result.stderr)")
        return folder.appendingPathComponent("out")
    }

    @Test("a column named <script> and a basket named \"><img …> appear escaped in report.html, km.svg and tables.docx (issue 11.3)")
    func escaping() throws {
        let out = try Self.hostileReport()
        defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let svg = try String(contentsOf: out.appendingPathComponent("km.svg"), encoding: .utf8)
        let document = try Self.part("word/document.xml", of: out.appendingPathComponent("tables.docx"))
        for (name, text) in [("report.html", html), ("km.svg", svg), ("document.xml", document)] {
            #expect(!text.contains("<script") && !text.contains("<img") && !text.contains("<b>bold") && !text.contains("<i>") && !text.contains("<title><"), "\(name)")
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(svg.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") && svg.contains("B &amp; &#39;C&#39;"))
        #expect(document.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && document.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(XMLParser(data: Data(svg.utf8)).parse() && XMLParser(data: Data(document.utf8)).parse())
    }

    @Test("km --plot: a basket named \"><img …>, a title and an endpoint with markup appear escaped in the SVG (issue 11.3)")
    func kmPlotEscaping() throws {
        let out = try Self.hostileReport()
        let folder = out.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plot = folder.appendingPathComponent("km.svg").path
        let result = try CLI.run(["km", folder.appendingPathComponent("cohort.csv").path, "--time", "time", "--event", "event", "--by", "basket",
                                  "--plot", plot, "--plot-title", Self.hostileColumn, "--plot-endpoint", "<i>Survival</i>", "--plot-ci"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        #expect(!svg.contains("<script") && !svg.contains("<img") && !svg.contains("<i>"))
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && svg.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
                && svg.contains("&lt;i&gt;Survival&lt;/i&gt;") && svg.contains("B &amp; &#39;C&#39;"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }

    @Test("tables.docx holds every cell of every report table, header spans as gridSpan/vMerge, footnotes under the table")
    func docxContents() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.run(["analyze", Self.cohort, "--plan", Self.plan, "--out", out.path]).status == 0)
        let docx = out.appendingPathComponent("tables.docx")
        let document = try Self.part("word/document.xml", of: docx)
        #expect(XMLParser(data: Data(document.utf8)).parse())
        #expect(try Self.part("[Content_Types].xml", of: docx).contains("wordprocessingml.document.main+xml"))
        let view = try Self.view()
        #expect(document.components(separatedBy: "<w:tbl>").count - 1 == view.tables.count)
        for table in view.tables {
            for row in table.rows { for cell in row.cells { #expect(document.contains(">\(Self.escaped(cell.text))</w:t>"), "\(table.id): \(cell.text)") } }
            for row in table.header { for cell in row.cells { #expect(document.contains(">\(Self.escaped(cell.text))</w:t>"), "\(table.id): \(cell.text)") } }
            for note in table.footnotes { for part in note.parts { #expect(document.contains(Self.escaped(part.text)), "\(part.text)") } }
        }
        // The survival table: "Survival, % (95% CI)" across the three landmarks; Basket spans the two header rows.
        #expect(document.contains("<w:gridSpan w:val=\"3\"/></w:tcPr>") || document.contains("<w:gridSpan w:val=\"3\"/><w:tcBorders>"))
        #expect(document.contains("<w:vMerge w:val=\"restart\"/>") && document.contains("<w:vMerge w:val=\"continue\"/>"))
        #expect(document.contains("<w:tblHeader/>"))
    }

    static let libreOffice = ["/usr/bin/libreoffice", "/usr/bin/soffice", "/usr/local/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// tables.docx converted to PDF by LibreOffice, and the PDF's text (pdftotext), without
    /// whitespace: cells wrap inside their column (at spaces and after dashes), and pdftotext
    /// interleaves the lines of neighbouring cells, so tests compare piece by piece.
    static func convertedText(_ docx: URL, in folder: URL) throws -> (pdf: URL, compact: String) {
        #expect(try CLI.runTool(libreOffice!, ["--headless", "--convert-to", "pdf", "--outdir", folder.path, docx.path], home: folder) == 0)
        let pdf = folder.appendingPathComponent(docx.deletingPathExtension().lastPathComponent + ".pdf")
        let txt = folder.appendingPathComponent("converted.txt")
        #expect(try CLI.runTool(pdftotext!, [pdf.path, txt.path], home: folder) == 0)
        return (pdf, try String(contentsOf: txt, encoding: .utf8).filter { !$0.isWhitespace })
    }

    /// Every piece of every cell of `view`'s tables, and every text of the figure, is in the
    /// converted PDF's text.
    static func expectEveryCellAndTheFigure(_ view: ReportView, drawing: Drawing?, in compact: String) {
        for table in view.tables {
            for row in table.header { for cell in row.cells { for piece in cell.text.split(whereSeparator: { $0 == " " || $0 == "–" }) { #expect(compact.contains(piece), "\(table.id) heading: \(cell.text)") } } }
            for row in table.rows {
                for cell in row.cells {
                    for piece in cell.text.split(whereSeparator: { $0 == " " || $0 == "–" }) { #expect(compact.contains(piece), "\(table.id): \(cell.text)") }
                }
            }
        }
        // The figure is a picture in the document (EMF); LibreOffice draws its text as text.
        if let drawing {
            let texts = drawing.shapes.compactMap { shape -> String? in if case let .text(t) = shape { return t.string } else { return nil } }
            #expect(texts.count > 10)
            for text in texts { #expect(compact.contains(text.filter { !$0.isWhitespace }), "figure text \(text)") }
        }
    }

    @Test("LibreOffice opens tables.docx: the PDF it converts to holds the text of every cell and the figure, on a page of its own (issue 18)",
          .enabled(if: libreOffice != nil && pdftotext != nil, "LibreOffice or pdftotext is not installed (apt-get install libreoffice-writer-nogui poppler-utils)"))
    func libreOfficeConverts() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.run(["analyze", Self.cohort, "--plan", Self.plan, "--out", out.path]).status == 0)
        let (pdf, compact) = try Self.convertedText(out.appendingPathComponent("tables.docx"), in: folder)
        let p = try AnalysisPlan.read(path: Self.plan)
        let analysis = try CohortAnalysis.run(plan: p, table: try DataTable.read(path: Self.cohort, missingValues: p.missingValues))
        Self.expectEveryCellAndTheFigure(try Self.view(), drawing: analysis.survival.map { analysis.kaplanMeierFigure($0).drawing() }, in: compact)
        // The figure is on a page of its own, after the tables: pdftotext separates pages with a form feed.
        let pages = try Self.pageTexts(pdf, in: folder)
        let figurePage = try #require(pages.last { !$0.isEmpty })
        #expect(figurePage.contains("Figure1.") && figurePage.contains("Numberatrisk") && !figurePage.contains("Table"), "\(figurePage)")
    }

    /// The text of each page of a PDF, without whitespace.
    static func pageTexts(_ pdf: URL, in folder: URL) throws -> [String] {
        let txt = folder.appendingPathComponent("pages.txt")
        #expect(try CLI.runTool(pdftotext!, [pdf.path, txt.path], home: folder) == 0)
        return try String(contentsOf: txt, encoding: .utf8).split(separator: "\u{0C}", omittingEmptySubsequences: false)
            .map { $0.filter { !$0.isWhitespace } }
    }

    /// Issue 18's done-means on a cohort the project has not seen: five baskets with long names,
    /// one of 2 patients (AnalyzePlanStarterTests' cohort, its plan from --init with compare: and
    /// bands on). LibreOffice converts tables.docx, every cell's text and the figure's are in the
    /// PDF, and no interval heading promises a level a cell under it does not reach.
    @Test("five long-named baskets, one of 2 patients: tables.docx converts with every cell and the figure; no heading promises a level not reached (issue 18)",
          .enabled(if: libreOffice != nil && pdftotext != nil, "LibreOffice or pdftotext is not installed (apt-get install libreoffice-writer-nogui poppler-utils)"))
    func fiveLongBaskets() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try CLI.write(AnalyzePlanStarterTests.cohort(), named: "unseen.csv", in: folder)
        let start = try CLI.run(["analyze", cohort, "--init"])
        #expect(start.status == 0, "\(start.stderr)")
        let planText = start.stdout.replacingOccurrences(of: "\n# compare: true ", with: "\ncompare: true   ")
            .replacingOccurrences(of: "  # bands: true\n", with: "  bands: true\n")
        #expect(planText.contains("\ncompare: true") && planText.contains("\n  bands: true\n"))
        let plan = try CLI.write(planText, named: "plan.yaml", in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["analyze", cohort, "--plan", plan, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let view = try Self.view(cohort: cohort, plan: plan)
        #expect(view.tables.first?.header.first?.cells.map(\.text).contains("Neuromyelitis optica spectrum disorder") == true)

        // No heading says "95% CI" above a cell whose interval reaches less ("[75%]").
        let achieved = try NSRegularExpression(pattern: "\\[([0-9.]+)%\\]")
        for table in view.tables {
            let headings = table.header.flatMap(\.cells).map { "\($0.text) \($0.sub ?? "")" }
            let promises = headings.contains { $0.contains("\(view.level) CI") && !$0.contains("requested") }
            for row in table.rows {
                for cell in row.cells {
                    for m in achieved.matches(in: cell.text, range: NSRange(cell.text.startIndex..., in: cell.text)) {
                        let level = Double(String(cell.text[Range(m.range(at: 1), in: cell.text)!]))!
                        #expect(!(promises && level < 95), "\(table.id): \"\(cell.text)\" under a heading that promises \(view.level)")
                        if level < 95 { #expect(cell.mark != nil, "\(table.id): \(cell.text) is not marked") }
                    }
                }
            }
        }
        let paired = try #require(view.tables.first { $0.id == "table-paired" })
        #expect(paired.header.flatMap(\.cells).contains { $0.sub == "(CI, 95% requested)" })

        let (_, compact) = try Self.convertedText(out.appendingPathComponent("tables.docx"), in: folder)
        let p = try AnalysisPlan.read(path: plan)
        let analysis = try CohortAnalysis.run(plan: p, table: try DataTable.read(path: cohort, missingValues: p.missingValues))
        Self.expectEveryCellAndTheFigure(view, drawing: analysis.survival.map { analysis.kaplanMeierFigure($0).drawing() }, in: compact)
    }
}
