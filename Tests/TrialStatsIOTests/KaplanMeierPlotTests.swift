import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TrialStats
@testable import TrialStatsIO

@Suite("Kaplan–Meier figure: one drawing, SVG and PDF")
struct KaplanMeierPlotTests {
    static func curve(_ times: [Double], _ events: [Bool]) throws -> KaplanMeierCurve {
        try kaplanMeier(times: times, events: events, transform: .logLog, confLevel: 0.95)
    }

    static func plot(labels: [String], options: KaplanMeierFigureOptions = .init()) throws -> KaplanMeierPlot {
        let curves = try labels.enumerated().map { k, label in
            (label, try curve([1, 2, 3, 4, 5, 6].map { $0 + Double(k) }, [true, false, true, true, false, true]))
        }
        return KaplanMeierPlot(curves: curves, options: options)
    }

    @Test("labels with markup are escaped in the SVG (issue 11.3)")
    func escaping() throws {
        let svg = try Self.plot(labels: ["\"><img src=x onerror=alert(1)>", "<script>alert(1)</script>"],
                                options: .init(title: "<b>t</b>", endpoint: "a & b")).svg()
        #expect(!svg.contains("<img") && !svg.contains("<script") && !svg.contains("<b>"))
        #expect(svg.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") && svg.contains("&lt;script&gt;"))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
    }

    @Test("the PDF is one page whose cross-reference offsets point at its objects")
    func pdfStructure() throws {
        let pdf = try Self.plot(labels: ["A", "B (ρ ≤ 1)"], options: .init(bands: true, medianLines: true, note: "Log-rank p = 0.81")).pdf()
        let bytes = Array(pdf.utf8)
        #expect(bytes.allSatisfy { $0 < 128 })
        let lines = pdf.components(separatedBy: "\n")
        let start = Int(lines[lines.firstIndex(of: "startxref")! + 1])!
        #expect(pdf.utf8.dropFirst(start).starts(with: "xref".utf8))
        let entries = lines.drop { $0 != "xref" }.dropFirst(3).prefix(7)
        for (k, entry) in entries.enumerated() {
            let offset = Int(entry.prefix(10))!
            #expect(pdf.utf8.dropFirst(offset).starts(with: "\(k + 1) 0 obj".utf8))
        }
        #expect(pdf.contains("(B \\(rho <= 1\\))") && pdf.contains("(Log-rank p = 0.81)"))
    }

    @Test("SVG and PDF draw the same shapes")
    func sameDrawing() throws {
        let d = try Self.plot(labels: ["A", "B", "C"], options: .init(bands: true)).drawing()
        let polylines = d.shapes.filter { if case .polyline = $0 { return true } else { return false } }.count
        #expect(d.svg().components(separatedBy: "<polyline").count - 1 == polylines)
        #expect(d.pdf().components(separatedBy: " S Q\n").count - 1 >= polylines)
    }

    @Test("six groups get six colours, dashes and censor marks; long risk-table labels are cut before the first column")
    func stylesAndFit() throws {
        let names = (1...6).map { "A very long basket name number \($0) that goes on" }
        let p = try Self.plot(labels: names)
        #expect(Set(p.curves.indices.map { Drawing.svgColor(p.style($0).color) }).count == 6)
        #expect(Set(p.curves.indices.map { p.style($0).dash }).count == 6)
        let layout = KaplanMeierPlot.Layout(p)
        var labels = 0
        for shape in p.drawing().shapes {
            guard case let .text(t) = shape, t.data.first?.0 == "group", t.at.x == 34 else { continue }
            labels += 1
            // The label ends before the left edge of the first number ("6", centred on the origin)
            // also when a viewer draws it in a font 15% wider than Helvetica.
            let firstNumberLeft = layout.left - Drawing.textWidth("6", size: 13) / 2 * KaplanMeierPlot.substitution
            #expect(34 + Drawing.textWidth(t.string, size: 13) * KaplanMeierPlot.substitution + 8 < firstNumberLeft, "\(t.string)")
            #expect(t.string.hasSuffix("…"))
        }
        #expect(labels == 6)
    }

    @Test("a band whose first limits are undefined (censored before the first event) starts at 1 and follows the limits")
    func bandBeforeFirstEvent() throws {
        // Censored at 1 while the estimate is 1: the log-log limits are undefined there (R: NA).
        let c = try Self.curve([1, 2, 3, 4, 5, 6, 7, 8], [false, true, true, false, true, true, false, true])
        #expect(c.steps[0].lower == nil && c.steps[0].upper == nil && c.steps[0].survival == 1)
        let p = KaplanMeierPlot(curves: [("A", c)], options: .init(bands: true))
        let upper = p.stepPoints(c, value: { $0.upper }, end: 8)
        let lower = p.stepPoints(c, value: { $0.lower }, end: 8)
        // Not a flat line at 1: the band takes the defined limits after the first event.
        #expect(upper.contains { $0.1 < 1 } && lower.contains { $0.1 < 0.5 })
        #expect(lower.first! == (0, 1) && lower[1].0 == 2)
        let defined = c.steps.compactMap(\.lower)
        #expect(Set(lower.dropFirst().map(\.1)).isSubset(of: Set(defined + [1])))
    }

    @Test("breaks too close for their labels: every k-th break gets its label and numbers at risk, and neighbours never touch")
    func riskStride() throws {
        let big = try Self.curve((1...400).map(Double.init), (1...400).map { $0 % 3 != 0 })
        let p = KaplanMeierPlot(curves: [("A", big)], options: .init(timeMax: 400, timeStep: 10))
        let layout = KaplanMeierPlot.Layout(p)
        #expect(layout.ticks.count == 41 && layout.riskStride > 1)
        let xs = p.drawing().shapes.compactMap { shape -> Double? in
            guard case let .text(t) = shape, t.data.first?.0 == "time" else { return nil }
            return t.at.x
        }
        #expect(xs.count == (layout.ticks.count + layout.riskStride - 1) / layout.riskStride)
        let room = Drawing.textWidth("400", size: 13) * KaplanMeierPlot.substitution
        #expect(zip(xs, xs.dropFirst()).allSatisfy { $1 - $0 > room })
        // The break labels under the axis are thinned the same way, above the same numbers.
        let labelXs = p.drawing().shapes.compactMap { shape -> Double? in
            guard case let .text(t) = shape, t.at.y == layout.top + layout.plotHeight + 20 else { return nil }
            return t.at.x
        }
        #expect(labelXs == xs)
        // Few breaks: every break has its number.
        #expect(KaplanMeierPlot.Layout(try Self.plot(labels: ["A", "B"])).riskStride == 1)
    }
    @Test("time axis: --plot-max cuts the curves, --plot-by sets the breaks")
    func axis() throws {
        let p = try Self.plot(labels: ["A"], options: .init(timeMax: 4, timeStep: 1))
        let layout = KaplanMeierPlot.Layout(p)
        #expect(layout.ticks == [0, 1, 2, 3, 4] && layout.axisMax == 4)
        for shape in p.drawing().shapes { if case let .polyline(points, _) = shape { #expect(points.allSatisfy { $0.x <= layout.left + layout.plotWidth + 0.001 }) } }
        #expect(KaplanMeierPlot.ticks(upTo: 10, by: 0.1) == nil)
    }

    @Test("the figure prints the p-value as the report's table does: p < 0.0001, p = 0.xx")
    func journalP() throws {
        let times = (1...30).map(Double.init) + (101...130).map(Double.init)
        let strong = try logRankTest(times: times, events: times.map { _ in true }, groups: times.indices.map { $0 < 30 ? 0 : 1 }, labels: ["a", "b"], rho: 0)
        #expect(strong.pValue < 1e-4)
        #expect(KaplanMeierFigureOptions.comparisonNote(strong) == "Log-rank p < 0.0001")
        let mixed = try logRankTest(times: times, events: times.map { _ in true }, groups: times.indices.map { $0 % 2 }, labels: ["a", "b"], rho: 1)
        #expect(KaplanMeierFigureOptions.comparisonNote(mixed) == "Fleming–Harrington (ρ = 1) p = \(PaperFormat.pValue(mixed.pValue))")
    }
}
