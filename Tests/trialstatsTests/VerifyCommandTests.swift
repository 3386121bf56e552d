import Foundation
import Testing
import TestSupport

@Suite("trialstats verify and reproduce, end to end")
struct VerifyCommandTests {
    @Test("verify: JSON shape, all CASTLE cells parsed, exit 0 whatever was found")
    func json() throws {
        let result = try CLI.run(["verify", CLI.fixture("castle/castle-published-cells.csv"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(Set(object.keys) == ["command", "cells", "parsed", "warnings", "unparsed", "findings", "intervals", "coverage"])
        #expect((object["cells"] as? NSNumber)?.intValue == 328 && (object["parsed"] as? NSNumber)?.intValue == 328)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(Set(findings[0].keys) == ["severity", "check", "table", "section", "row", "column", "text", "message", "related"])
        // Four errors: the grade-4 leukocyte row is one typo in SSc, not two errors.
        #expect(findings.filter { $0["severity"] as? String == "error" }.count == 4)
        // The plain transcription, without variable/population columns, still compares FACIT across tables.
        #expect(findings.contains { $0["check"] as? String == "cross-table" && $0["text"] as? String == "25.5 [13.3; 38.3]" })
        let coverage = try #require(object["coverage"] as? [[String: Any]])
        #expect(coverage.count == 328)
        let ssc = try #require(coverage.first { ($0["row"] as? String)?.hasPrefix("Patients <1,000 cells/ μ l (grade 4)") == true && $0["column"] as? String == "SSc" })
        #expect(Set(ssc.keys) == ["table", "section", "row", "column", "text", "read_as", "checks"])
        let checks = try #require(ssc["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["check"] as? String == "count-bounds" && $0["status"] as? String == "failed" })
        #expect((ssc["read_as"] as? [String: Any])?["statistic"] as? String == "n (%)")
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
        // A misnamed N column: nothing is silently skipped.
        let misnamed = try CLI.run(["verify", "-"], stdin: "table,row,column,N,text\nT,x,A,4,3 (90%)\n")
        #expect(misnamed.status == 0)
        for text in ["WARNING: The column \"N\" is not known and was ignored (did you mean \"column_n\"?).",
                     "WARNING: There is no column_n column", "WARNING: 1 count cell has no N", "count-bounds: no column N — 1 cell"] {
            #expect(misnamed.stdout.contains(text), "missing \(text) in \(misnamed.stdout)")
        }
        let csv = try CLI.run(["verify", "-", "--format", "csv"], stdin: "table,section,row,column,column_n,text\nT,S,\"X, n (%)\",A,10,3 (33%)\n")
        #expect(csv.stdout.hasPrefix("severity,check,table,section,row,column,text,message\n") && csv.stdout.contains("percent-rounding,T,S,"))
        let badN = try CLI.run(["verify", "-"], stdin: "table,row,column,column_n,text\nT,x,A,ten,1 (10%)\n")
        #expect(badN.status == 65 && badN.stderr.contains("row 2, column \"column_n\": value \"ten\""))
    }

    @Test("reproduce castle: the report names what cannot be true and the intervals")
    func reproduce() throws {
        let result = try CLI.run(["reproduce", "castle", "--fixtures", CLI.fixture("castle"), "--no-reconstruct"])
        #expect(result.status == 0, "\(result.stderr)")
        for text in ["328 cells, 328 read", "What cannot be true", "\"44 (45–69)\"", "SLE 8 + SSc 5 + IIM 2 = 15", "A typo: SSc prints 11 where 2 fits",
                     "9/10   90.0   55.5 to 99.7", "HAQ (score), median [IQR]: P = 0.0030 with 24 pairs"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
        let json = try jsonObject(try CLI.run(["reproduce", "castle", "--fixtures", CLI.fixture("castle"), "--format", "json"]).stdout)
        #expect(Set(json.keys) == ["command", "study", "verify", "efficacy", "reconstructions", "p_values"])
        // Each of the four PRO rows has a certificate: data on the scale that print every number.
        let reconstructions = try #require(json["reconstructions"] as? [[String: Any]])
        #expect(reconstructions.count == 4 && reconstructions.allSatisfy { $0["feasible"] as? Bool == true })
        let haq = try #require(reconstructions.first { ($0["row"] as? String)?.hasPrefix("HAQ") == true })
        #expect((haq["profiles_reproducing"] as? [String] ?? []).contains("spss"))
    }
}

@Suite("trialstats verify with patient-level data")
struct VerifyDataTests {
    @Test("recomputes mapped cells and names the settings that reproduce them")
    func recompute() throws {
        let result = try CLI.run(["verify", CLI.fixture("verify-example/cells.csv"), "--data", CLI.fixture("castle/synthetic-cohort.csv"),
                                  "--map", CLI.fixture("verify-example/map.csv"), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        let recomputed = try #require(object["recomputed"] as? [[String: Any]])
        #expect(recomputed.count == 9)
        func settings(_ row: String, _ column: String) -> [String] {
            recomputed.first { ($0["row"] as? String)?.hasPrefix(row) == true && $0["column"] as? String == column }?["settings"] as? [String] ?? ["missing"]
        }
        // 32.25 prints as 32.3 only when ties round up.
        #expect(settings("Age", "SLE") == ["type 7, half-up"])
        #expect(settings("Age", "SSc").isEmpty && settings("Response", "SSc").isEmpty)
        #expect(settings("Response", "All") == ["half-up", "half-even"])
        #expect(settings("VAS-PGA", "p").contains("profile spss") && settings("VAS-PGA", "p").contains("exact"))
        let errors = (object["findings"] as? [[String: Any]] ?? []).filter { $0["check"] as? String == "recompute" }
        #expect(errors.count == 2)
    }

    /// Issue 13: inputs that trapped or hung verify now give a finding, a reason or a one-line error.
    @Test("issue 13: extreme counts, zero pairs and an empty data_column neither trap nor hang")
    func extremes() throws {
        let header = "table,section,row,column,column_n,text\n"
        let huge = try CLI.run(["verify", "-", "--format", "json"], stdin: header + "T,,X,A,10,99999999999999999999 (50%)\nT,,X,B,10,9223372036854775807 (100%)\n")
        let hugeJSON = try jsonObject(huge.stdout)
        #expect(huge.status == 0 && (hugeJSON["unparsed"] as? [Any])?.count == 2)
        let wide = try CLI.run(["verify", "-"], stdin: header + "T,,\"X, n (%)\",A,100000000,100000001 (1%)\n")
        #expect(wide.status == 0 && wide.stdout.contains("any of 500000 to 1999999 (1500000 counts)") && wide.stdout.utf8.count < 5_000)
        let tooBig = try CLI.run(["verify", "-"], stdin: header + "T,,X,A,9223372036854775807,1 (0%)\n")
        #expect(tooBig.status == 65 && tooBig.stderr.contains("a whole number of patients from 0 to 10^12"))
        let zeroPairs = try CLI.run(["verify", "-", "--no-reconstruct"], stdin: header + "T,,\"V, median [IQR]\",Baseline,0,63 [50; 70]\nT,,\"V, median [IQR]\",6 months,0,19 [7; 40]\nT,,\"V, median [IQR]\",p,,P = 0.001\n")
        #expect(zeroPairs.status == 0 && zeroPairs.stdout.contains("p-value: no column N — 1 cell"))
        // A scale of 1e19 (issue 13 item 3): the reconstruction does not run on it, and says why.
        let scale = try CLI.run(["verify", "-"], stdin: "table,section,row,column,column_n,text,scale_min,scale_max,scale_step\n"
                                + "T,,\"V, median [IQR]\",Baseline,24,63.0 [52.8; 74.8],0,1e19,1\nT,,\"V, median [IQR]\",6 months,24,19.0 [7.3; 48.8],0,1e19,1\n"
                                + "T,,\"V, median [IQR]\",p,,P < 0.0001,,,\n")
        #expect(scale.status == 0 && scale.stdout.contains("reconstruction: too large to check — 1 cell"), "\(scale.stdout)")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try CLI.write("table,row,column,data_column\nTable 1,\"Age (years), median (IQR)\",SLE,\n", named: "m.csv", in: folder)
        let empty = try CLI.run(["verify", CLI.fixture("verify-example/cells.csv"), "--data", CLI.fixture("castle/synthetic-cohort.csv"), "--map", map])
        #expect(empty.status == 65 && empty.stderr.contains("column \"data_column\"") && empty.stderr.split(separator: "\n").count == 1, "\(empty.stderr)")
    }

    @Test("--data without --map is a usage error; an unknown mapped row names the map row")
    func usage() throws {
        let lone = try CLI.run(["verify", CLI.fixture("verify-example/cells.csv"), "--data", CLI.fixture("castle/synthetic-cohort.csv")])
        #expect(lone.status == 64 && lone.stderr.contains("--data and --map go together."))
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let map = try CLI.write("table,row,column,data_column\nTable 9,Nothing,All,age\n", named: "m.csv", in: folder)
        let bad = try CLI.run(["verify", CLI.fixture("verify-example/cells.csv"), "--data", CLI.fixture("castle/synthetic-cohort.csv"), "--map", map])
        #expect(bad.status == 65 && bad.stderr.contains("m.csv, row 2, column \"row\": value \"Nothing\""))
    }
}
