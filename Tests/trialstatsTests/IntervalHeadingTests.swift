import Foundation
import Testing

/// No interval heading promises a level it does not have (issue 18): where an exact or
/// order-statistic interval cannot reach the level asked for, the heading names the level as
/// requested, the short cell is marked and a footnote says which group and why — in the terminal
/// tables and in the report's paired table (HTML and Word are rendered from one table model).
@Suite("interval headings name the level as requested where a group falls short")
struct IntervalHeadingTests {
    static let cohort = CLI.fixture("castle/cohort.csv")

    /// Four patients with the same change: the exact distribution allows only a zero-width interval.
    static let fourEqual = """
        b,a,g
        50,20,X
        60,30,X
        70,40,X
        80,50,X
        10,12,Y
        20,25,Y
        30,31,Y
        40,48,Y
        50,52,Y
        60,69,Y

        """

    /// What the command prints on a wide terminal (one block, notes on one line).
    static func lines(_ arguments: [String]) throws -> [String] {
        let result = try CLI.run(arguments, environment: ["COLUMNS": "400"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.components(separatedBy: "\n")
    }

    @Test("describe: IIM (n = 5) cannot reach 95%, so the heading says requested and the footnote names it")
    func describeShort() throws {
        let lines = try Self.lines(["describe", Self.cohort, "--column", "age", "--by", "basket"])
        let header = try #require(lines.first { $0.hasPrefix("group ") })
        #expect(header.contains("median CI (95% requested)"))
        #expect(!header.contains("95% CI"))
        #expect(lines.first { $0.hasPrefix("IIM ") }?.hasSuffix("93.8% *") == true)
        #expect(lines.filter { $0.hasSuffix(" *") }.count == 1)
        #expect(lines.contains("* 95% is not attainable from order statistics for IIM (n = 5): [min, max] is shown with its achieved level."))
    }

    @Test("describe: when every group reaches the level, the heading keeps it and there is no footnote")
    func describeReached() throws {
        let lines = try Self.lines(["describe", Self.cohort, "--column", "age", "--by", "basket", "--conf-level", "0.9"])
        let header = try #require(lines.first { $0.hasPrefix("group ") })
        #expect(header.contains("median 90% CI") && !header.contains("requested"))
        #expect(!lines.contains { $0.hasPrefix("*") || $0.hasSuffix(" *") })
    }

    @Test("signed-rank: the short group is marked, the heading says requested, the footnote names the group")
    func signedRankShort() throws {
        let lines = try Self.lines(["signed-rank", Self.cohort, "--before", "haq_baseline", "--after", "haq_month6", "--by", "basket"])
        let header = try #require(lines.first { $0.hasPrefix("group ") })
        #expect(header.contains("CI (95% requested)") && !header.contains("95% CI"))
        #expect(lines.first { $0.hasPrefix("IIM ") }?.contains("(93.75%) *") == true)
        for group in ["SLE ", "SSc ", "All "] { #expect(lines.first { $0.hasPrefix(group) }?.contains(" *") == false) }
        #expect(lines.contains("* 95% is not attainable by the exact distribution for IIM (5 pairs): the interval shown has the lower achieved level in parentheses."))
        #expect(lines[1].hasSuffix("CI for the Hodges–Lehmann shift (achieved level in parentheses)"))
    }

    @Test("signed-rank: a zero-width interval of four equal changes is never under a 95% heading")
    func signedRankZeroWidth() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write(Self.fourEqual, named: "four.csv", in: folder)
        let lines = try Self.lines(["signed-rank", file, "--before", "b", "--after", "a", "--by", "g"])
        #expect(lines.first { $0.hasPrefix("group ") }?.contains("CI (95% requested)") == true)
        #expect(lines.first { $0.hasPrefix("X ") }?.contains("-30 to -30 (87.5%) *") == true)
        #expect(lines.contains { $0.hasPrefix("* 95% is not attainable by the exact distribution for X (4 pairs)") })
        let reached = try Self.lines(["signed-rank", file, "--before", "b", "--after", "a", "--conf-level", "0.8"])
        #expect(reached.first { $0.hasPrefix("group ") }?.contains("80% CI") == true)
        #expect(!reached.contains { $0.contains("requested") || $0.hasPrefix("*") })
    }

    @Test("analyze: the paired table's heading says requested; the IIM intervals carry the footnote mark")
    func reportPairedTable() throws {
        let html = AnalyzeCommandTests.output.html
        let start = try #require(html.range(of: "id=\"table-paired\""))
        let end = try #require(html.range(of: "</section>", range: start.upperBound..<html.endIndex))
        let table = String(html[start.lowerBound..<end.lowerBound])
        #expect(table.contains("Change<sup>a</sup><br><span class=\"n\">(CI, 95% requested)</span>"))
        #expect(!table.contains("95% CI"))
        for outcome in ["vas_pga_month6", "haq_month6", "facit_month6"] {
            #expect(table.range(of: "data-cell=\"paired/\(outcome)/IIM/shift\">[^<]*\\[93\\.8%\\]\\)<sup>d</sup>", options: .regularExpression) != nil)
            for group in ["SLE", "SSc", "All"] {
                #expect(table.range(of: "data-cell=\"paired/\(outcome)/\(group)/shift\">[^<]*</td>", options: .regularExpression) != nil)
            }
        }
        #expect(table.contains("<sup>d</sup> 95% is not attainable by the exact distribution with so few pairs: the interval has the lower achieved level in brackets."))
    }

    @Test("tables.docx, from the same table model: the requested level in the heading and the footnote under the table")
    func wordPairedTable() throws {
        let document = try ReportDocumentsTests.part("word/document.xml", of: AnalyzeCommandTests.output.folder.appendingPathComponent("tables.docx"))
        #expect(document.contains(">(CI, 95% requested)</w:t>"))
        #expect(document.contains("95% is not attainable by the exact distribution with so few pairs: the interval has the lower achieved level in brackets."))
    }
}
