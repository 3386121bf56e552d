import Foundation
import Testing

/// Terminal tables fit the width (issue 18): `COLUMNS`, else 100 columns when standard output is
/// not a terminal. A wider table moves its optional columns to a block under the first, repeating
/// the group column; a table that fits prints as before.
@Suite("terminal tables fit the width")
struct TableWidthTests {
    static let cohort = CLI.fixture("castle/cohort.csv")

    static let wide: [(String, [String])] = [
        ("signed-rank --by", ["signed-rank", cohort, "--before", "haq_baseline", "--after", "haq_month6", "--by", "basket"]),
        ("km --at 10,20 from dates", ["km", cohort, "--start", "infusion_date", "--end", "drug_free_end", "--event", "drug_free_event",
                                      "--by", "basket", "--unit", "months", "--at", "10,20"]),
        ("km --at 10,20 --tau 30, typed times", ["km", CLI.fixture("reference/km_data/gehan.csv"), "--time", "time", "--event", "status",
                                                 "--by", "group", "--unit", "weeks", "--at", "10,20", "--tau", "30"]),
        ("describe --probs", ["describe", cohort, "--column", "age", "--by", "basket", "--probs", "0.1,0.9"]),
    ]

    /// Outputs of other shapes that are wider than 100 columns unless fitted: a table with
    /// optional columns, and reports whose long sentences wrap.
    static let other: [(String, [String])] = [
        ("compare, three variables by basket", ["compare", cohort, "--column", "age", "--column", "sex", "--column", "haq_baseline", "--by", "basket"]),
        ("reproduce castle", ["reproduce", "castle", "--no-reconstruct"]),
        ("reconstruct", ["reconstruct", "--n", "24", "--before", "1.1 [0.1; 2.0]", "--after", "0.3 [0.0; 0.3]", "--p", "P = 0.0030",
                         "--min", "0", "--max", "3", "--step", "0.125", "--profile", "r-legacy"]),
    ]

    @Test("compare, reproduce and reconstruct: wider than 100 at 400 columns, no line over 100 when piped, the same words",
          arguments: other.map(\.0))
    func otherOutputsFit(_ name: String) throws {
        let arguments = try #require(Self.other.first { $0.0 == name }).1
        let wide = try Self.lines(arguments, columns: "400")
        let piped = try Self.lines(arguments, columns: nil)
        #expect(try Self.lines(arguments, columns: "100") == piped)
        #expect(wide.contains { $0.count > 100 })
        for line in piped { #expect(line.count <= 100, "\(line.count): \(line)") }
        // Wrapping and moving columns lose no word (compared as a multiset, ignoring rules).
        func words(_ lines: [String]) -> [String] {
            lines.flatMap { $0.split(separator: " ").map(String.init) }.filter { !$0.allSatisfy { $0 == "-" } }.sorted()
        }
        if name.hasPrefix("compare") {
            // The label column is repeated in the second block.
            let labels = ["variable", "age", "sex", "haq_baseline"]
            #expect(words(piped) == (words(wide) + labels).sorted())
        } else {
            #expect(words(piped) == words(wide))
        }
    }

    static func lines(_ arguments: [String], columns: String?) throws -> [String] {
        let result = try CLI.run(arguments, environment: columns.map { ["COLUMNS": $0] } ?? [:])
        #expect(result.status == 0, "\(result.stderr)")
        var lines = result.stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test("at 100 columns (COLUMNS=100, and piped without COLUMNS) no line is longer than 100", arguments: wide.map(\.0))
    func fitsHundred(_ name: String) throws {
        let arguments = try #require(Self.wide.first { $0.0 == name }).1
        let piped = try Self.lines(arguments, columns: nil)
        #expect(try Self.lines(arguments, columns: "100") == piped)
        for line in piped { #expect(line.count <= 100, "\(line.count): \(line)") }
        // Two blocks, each headed by the group column, each listing every group.
        let headers = piped.indices.filter { piped[$0].hasPrefix("group ") }
        #expect(headers.count == 2)
        let groups = arguments.contains { $0.hasSuffix("gehan.csv") } ? ["6-MP", "placebo", "All"] : ["SLE", "SSc", "IIM", "All"]
        for h in headers {
            #expect(piped[h + 1].allSatisfy { $0 == "-" || $0 == " " })
            #expect(piped[(h + 2)..<(h + 2 + groups.count)].map { String($0.prefix { $0 != " " }) } == groups)
        }
    }

    @Test("every heading of the wide table is printed once across the blocks", arguments: wide.map(\.0))
    func noColumnLost(_ name: String) throws {
        let arguments = try #require(Self.wide.first { $0.0 == name }).1
        let wide = try Self.lines(arguments, columns: "400")
        let narrow = try Self.lines(arguments, columns: "100")
        let wideHeader = try #require(wide.first { $0.hasPrefix("group ") })
        #expect(wide.filter { $0.hasPrefix("group ") }.count == 1)
        #expect(wide.contains { $0.count > 100 })
        let blocks = narrow.filter { $0.hasPrefix("group ") }.joined(separator: "  ")
        // The headings, split at two or more spaces, are the same set, the group column twice.
        func headings(_ line: String) -> [String] {
            line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(headings(blocks).filter { $0 != "group" }.sorted() == headings(wideHeader).filter { $0 != "group" }.sorted())
    }

    @Test("signed-rank keeps the test and the shift with its interval in the first block")
    func signedRankFirstBlock() throws {
        let lines = try Self.lines(Self.wide[0].1, columns: "100")
        let first = try #require(lines.first { $0.hasPrefix("group ") })
        for heading in ["pairs", "method", "V", " p ", "HL shift", "CI (95% requested)"] { #expect(first.contains(heading), "\(heading)") }
        let second = try #require(lines.last { $0.hasPrefix("group ") })
        for heading in [" z", "median d", "sign test p"] { #expect(second.contains(heading), "\(heading)") }
    }

    @Test("describe moves mean and SD together, and the quantiles", arguments: ["100", "90"])
    func describeGroups(_ columns: String) throws {
        let lines = try Self.lines(Self.wide[3].1, columns: columns)
        let headers = lines.filter { $0.hasPrefix("group ") }
        #expect(headers.count == 2)
        #expect(headers[0].contains("median CI (95% requested)") && headers[0].contains("achieved"))
        #expect(!headers[0].contains("mean") && !headers[0].contains("Q("))
        #expect(headers[1].contains("mean") && headers[1].contains("SD") && headers[1].contains("Q(0.1)") && headers[1].contains("Q(0.9)"))
        for line in lines { #expect(line.count <= Int(columns)!, "\(line)") }
    }

    @Test("a table that fits prints the same at any width from its own up")
    func fitsUnchanged() throws {
        let binom = ["binom", "9", "10", "--p0", "0.5"]
        let reference = try Self.lines(binom, columns: "400")
        #expect(try Self.lines(binom, columns: "100") == reference)
        #expect(try Self.lines(binom, columns: nil) == reference)
        let describe = ["describe", Self.cohort, "--column", "age"]
        let all = try Self.lines(describe, columns: "400")
        let width = try #require(all.map(\.count).max())
        #expect(try Self.lines(describe, columns: String(width)) == all)
        #expect(try Self.lines(describe, columns: String(width - 1)) != all)
    }

    @Test("verify: findings longer than the width wrap at spaces, each under its finding; JSON and CSV are not wrapped")
    func verifyWraps() throws {
        let cells = CLI.fixture("castle/castle-published-cells.csv")
        let wide = try CLI.run(["verify", cells], environment: ["COLUMNS": "400"]).stdout
        let narrow = try CLI.run(["verify", cells]).stdout
        #expect(wide.split(separator: "\n").contains { $0.count > 200 })
        for line in narrow.split(separator: "\n") { #expect(line.count <= 100, "\(line.count): \(line)") }
        // The same words in the same order: only line breaks and indents differ.
        #expect(narrow.split(whereSeparator: \.isWhitespace) == wide.split(whereSeparator: \.isWhitespace))
        // A finding's sentence continues at its own indent of six.
        let lines = narrow.components(separatedBy: "\n")
        let sentence = try #require(lines.firstIndex { $0.hasPrefix("      The first quartile (45) is larger than the median (44)") })
        #expect(lines[sentence + 1].hasPrefix("      median.") || lines[sentence + 1].hasPrefix("      ") && !lines[sentence + 1].hasPrefix("       "))
        for format in ["json", "csv"] {
            #expect(try CLI.run(["verify", cells, "--format", format], environment: ["COLUMNS": "40"]).stdout
                    == CLI.run(["verify", cells, "--format", format], environment: ["COLUMNS": "400"]).stdout)
        }
    }
}
