import Foundation
import Testing

@Suite("trialstats verify and reproduce, end to end")
struct VerifyCommandTests {
    @Test("verify: JSON shape, all CASTLE cells parsed, exit 0 whatever was found")
    func json() throws {
        let result = try CLI.run(["verify", CLI.fixture("castle/castle-published-cells.csv"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(Set(object.keys) == ["command", "cells", "parsed", "unparsed", "findings", "intervals"])
        #expect((object["cells"] as? NSNumber)?.intValue == 328 && (object["parsed"] as? NSNumber)?.intValue == 328)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(Set(findings[0].keys) == ["severity", "check", "table", "section", "row", "column", "text", "message", "related"])
        #expect(findings.filter { $0["severity"] as? String == "error" }.count == 5)
        let intervals = try #require(object["intervals"] as? [[String: Any]])
        #expect(intervals.count == 159)
        // Skin, SLE: 10/10 → Clopper–Pearson lower bound 0.025^(1/10).
        let skin = try #require(intervals.first { $0["row"] as? String == "Skin, N (%)" && $0["column"] as? String == "SLE" })
        #expect(abs(exactDouble(skin["lower"])! - pow(0.025, 0.1)) < 1e-12 && exactDouble(skin["upper"]) == 1)
    }

    @Test("--fail-on error exits 1 when errors exist; a clean table exits 0")
    func failOn() throws {
        let failing = try CLI.run(["verify", CLI.fixture("castle/castle-published-cells.csv"), "--fail-on", "error", "--format", "csv"])
        #expect(failing.status == 1)
        let clean = try CLI.run(["verify", "-", "--fail-on", "warning"], stdin: "table,section,row,column,column_n,text\nT,,\"Female, N (%)\",All,10,7 (70%)\n")
        #expect(clean.status == 0 && clean.stdout.contains("Findings: 0 errors, 0 warnings, 0 notes."))
    }

    @Test("verify: bad cells file")
    func badInput() throws {
        let missing = try CLI.run(["verify", "-"], stdin: "table,row,column\nT,x,A\n")
        #expect(missing.status == 65 && missing.stderr.contains("no column \"text\""))
        let badN = try CLI.run(["verify", "-"], stdin: "table,row,column,column_n,text\nT,x,A,ten,1 (10%)\n")
        #expect(badN.status == 65 && badN.stderr.contains("row 2, column \"column_n\": value \"ten\""))
    }

    @Test("reproduce castle: the report names what cannot be true and the intervals")
    func reproduce() throws {
        let result = try CLI.run(["reproduce", "castle", "--fixtures", CLI.fixture("castle")])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["328 cells, 328 read", "What cannot be true", "\"44 (45–69)\"", "SLE 8 + SSc 5 + IIM 2 = 15",
                     "9/10   90.0   55.5 to 99.7", "HAQ (score), median [IQR]: P = 0.0030 with 24 pairs"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
        let json = try jsonObject(try CLI.run(["reproduce", "castle", "--fixtures", CLI.fixture("castle"), "--format", "json"]).stdout)
        #expect(Set(json.keys) == ["command", "study", "verify", "efficacy", "p_values"])
    }
}
