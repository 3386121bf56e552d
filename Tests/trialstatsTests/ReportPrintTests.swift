import Foundation
import Testing

/// The HTML report printed as a reader prints it: headless Chromium's "print to PDF" on A4 and
/// Letter, the PDF's text read page by page with pdftotext. Each table must sit on one page with
/// its caption and footnotes, and the label column must be wide enough that a label of a few words
/// stays on one line.
@Suite("analyze report printed to PDF (A4 and Letter)")
struct ReportPrintTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let enabled = chromium != nil && pdftotext != nil

    /// The report of `cohort` under `plan`, printed on `paper` ("A4" or "letter"); the text of
    /// each page (pdftotext's layout mode keeps a table row on one line).
    static func printedPages(cohort: String, plan: String, paper: String) throws -> [String] {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("report")
        let result = try CLI.run(["analyze", cohort, "--plan", plan, "--out", out.path])
        try #require(result.status == 0, "analyze: \(result.stderr)")
        // The paper size is the reader's choice in the print dialog; here a page rule says it.
        var html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        let head = try #require(html.range(of: "</head>"))
        html.replaceSubrange(head, with: "<style>@page { size: \(paper); }</style></head>")
        let page = out.appendingPathComponent("print.html")
        try html.write(to: page, atomically: false, encoding: .utf8)
        let pdf = folder.appendingPathComponent("report.pdf")
        let status = try CLI.runTool(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                         "--print-to-pdf=\(pdf.path)", page.absoluteString], home: folder)
        try #require(status == 0 && FileManager.default.fileExists(atPath: pdf.path), "chromium --print-to-pdf failed (\(status))")
        let text = folder.appendingPathComponent("report.txt")
        try #require(try CLI.runTool(pdftotext!, ["-layout", pdf.path, text.path], home: folder) == 0)
        // pdftotext ends every page with a form feed.
        var pages = try String(contentsOf: text, encoding: .utf8).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// Text with runs of whitespace made single spaces (pdftotext aligns columns with spaces).
    static func squeezed(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The page numbers (0-based) whose text holds `needle`, compared with whitespace squeezed.
    static func pages(holding needle: String, in pages: [String]) -> [Int] {
        let n = squeezed(needle)
        return pages.indices.filter { squeezed(pages[$0]).contains(n) }
    }

    /// A table's caption, its footnotes and its last row on one page; every short row label on
    /// one line of that page.
    static func checkTables(_ pages: [String], captions: [String], footnotes: [String: [String]], labels: [String: [String]],
                            context: String) {
        for caption in captions {
            let on = Self.pages(holding: caption, in: pages)
            #expect(on.count == 1, "\(context): caption \"\(caption)\" on pages \(on)")
            guard let page = on.first else { continue }
            for note in footnotes[caption] ?? [] {
                #expect(Self.pages(holding: note, in: pages).contains(page), "\(context): footnote \"\(note)\" not on the page of \"\(caption)\" (\(page + 1))")
            }
            let lines = pages[page].split(separator: "\n").map { squeezed(String($0)) }
            for label in labels[caption] ?? [] {
                #expect(lines.contains { $0.contains(label) }, "\(context): label \"\(label)\" is broken across lines on page \(page + 1)")
            }
        }
    }

    @Test("the bundled cohort's report prints with every table whole and its labels on one line",
          .enabled(if: enabled, "headless Chromium or pdftotext is not installed (apt-get install chromium poppler-utils)"),
          arguments: ["A4", "letter"])
    func bundledCohort(paper: String) throws {
        let pages = try Self.printedPages(cohort: CLI.fixture("castle/cohort.csv"), plan: CLI.fixture("castle/plan.yaml"), paper: paper)
        #expect(pages.count >= 3 && pages.count <= 12, "\(paper): \(pages.count) pages")
        Self.checkTables(pages,
                         captions: ["Table 1. Baseline characteristics of the patients, by basket.",
                                    "Table 2. Patient-reported outcomes: Baseline and Month 6",
                                    "Table 3. Patients whose change reached the minimal clinically important difference"],
                         footnotes: ["Table 1. Baseline characteristics of the patients, by basket.": ["IQR, interquartile range"],
                                     "Table 2. Patient-reported outcomes: Baseline and Month 6": ["Pairs: patients with both values", "Holm adjustment across the 3 outcomes"]],
                         labels: ["Table 1. Baseline characteristics of the patients, by basket.": ["Disease duration (years), median [IQR]", "VAS patient global (mm), median [IQR]", "Kidney involvement, n (%)"],
                                  "Table 2. Patient-reported outcomes: Baseline and Month 6": ["VAS patient global assessment (mm)", "HAQ-DI", "FACIT-Fatigue"]],
                         context: paper)
        // The figure stays whole: its legend and its caption on one page.
        let figure = Self.pages(holding: "Figure 1. Drug-free survival by basket", in: pages)
        #expect(figure.count == 1 && Self.pages(holding: "Number at risk", in: pages) == figure, "\(paper): figure on \(figure)")
    }

    @Test("five baskets with long names and a basket of two patients print with every table whole",
          .enabled(if: enabled, "headless Chromium or pdftotext is not installed (apt-get install chromium poppler-utils)"),
          arguments: ["A4", "letter"])
    func longBasketNames(paper: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["Systemic lupus erythematosus", "Diffuse cutaneous systemic sclerosis", "Idiopathic inflammatory myopathy",
                     "Limited cutaneous systemic sclerosis", "Overlap syndrome"]
        let sizes = [8, 6, 5, 3, 2]
        let source = try String(contentsOfFile: CLI.fixture("castle/cohort.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        var rows = [source[0]]
        var k = 0
        for (name, size) in zip(names, sizes) {
            for _ in 0..<size {
                k += 1
                var fields = source[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[1] = "\"\(name)\""
                rows.append(fields.joined(separator: ","))
            }
        }
        let cohort = try CLI.write(rows.joined(separator: "\n") + "\n", named: "cohort.csv", in: folder)
        var plan = try String(contentsOfFile: CLI.fixture("castle/plan.yaml"), encoding: .utf8)
        plan = plan.replacingOccurrences(of: "baskets: [SLE, SSc, IIM]", with: "baskets: [\(names.map { "\"\($0)\"" }.joined(separator: ", "))]")
        let planPath = try CLI.write(plan, named: "plan.yaml", in: folder)
        let pages = try Self.printedPages(cohort: cohort, plan: planPath, paper: paper)
        Self.checkTables(pages,
                         captions: ["Table 1. Baseline characteristics of the patients, by basket.",
                                    "Table 2. Patient-reported outcomes: Baseline and Month 6",
                                    "Table 3. Patients whose change reached the minimal clinically important difference"],
                         footnotes: ["Table 1. Baseline characteristics of the patients, by basket.": ["IQR, interquartile range"],
                                     "Table 2. Patient-reported outcomes: Baseline and Month 6": ["Pairs: patients with both values"]],
                         labels: ["Table 1. Baseline characteristics of the patients, by basket.": ["Kidney involvement, n (%)"]],
                         context: "\(paper), five baskets")
        // Every basket's name is printed whole somewhere (headers may wrap it; the figure's legend does not).
        for name in names { #expect(!Self.pages(holding: name, in: pages).isEmpty, "\(paper): \(name) missing") }
    }
}
