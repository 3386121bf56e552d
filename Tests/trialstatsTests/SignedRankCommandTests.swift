import Foundation
import Testing
import TestSupport

@Suite("trialstats signed-rank, end to end")
struct SignedRankCommandTests {
    static let keys = ["group", "n_pairs", "n_missing", "n_zero", "n_used", "has_ties", "method", "correct", "zero_method",
                       "alternative", "mu", "statistic_v", "statistic_s", "z", "p_value", "estimate", "conf_low", "conf_high",
                       "conf_level", "achieved_conf_level", "median_difference", "effect_size_r", "rank_biserial", "sign_test_p_value"]

    /// The Hollander & Wolfe depression data as a CSV: V = 5 for second − first visit.
    static let depression = """
        patient,visit1,visit2,site
        1,1.83,0.878,A
        2,0.50,0.647,A
        3,1.62,0.598,B
        4,2.48,2.05,A
        5,1.68,1.06,B
        6,1.88,1.29,B
        7,1.55,1.06,A
        8,3.06,3.14,B
        9,1.30,1.29,A
        10,NA,1.5,B

        """

    @Test("JSON shape, groups then All, missing pairs counted, published values")
    func json() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write(Self.depression, named: "hw.csv", in: folder)
        let result = try CLI.run(["signed-rank", file, "--before", "visit1", "--after", "visit2", "--by", "site", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(object["command"] as? String == "signed-rank")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["A", "B", "All"])
        for g in groups { #expect(Set(g.keys) == Set(Self.keys)) }
        let positions = Self.keys.map { result.stdout.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
        let all = groups[2]
        #expect((all["n_pairs"] as? NSNumber)?.intValue == 9 && (all["n_missing"] as? NSNumber)?.intValue == 1)
        #expect(exactDouble(all["statistic_v"]) == 5 && all["method"] as? String == "exact")
        #expect(exactDouble(all["p_value"]) == 0.0390625)
        #expect(exactDouble(all["statistic_s"]) == -17.5)
    }

    @Test("--profile sets the method and zero handling and is recorded")
    func profile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("b,a\n1,2\n2,2\n3,5\n4,3\n5,9\n6,8\n7,7\n8,13\n", named: "p.csv", in: folder)
        let legacy = try jsonObject(try CLI.run(["signed-rank", file, "--before", "b", "--after", "a", "--profile", "r-legacy", "--format", "json"]).stdout)
        #expect(legacy["profile"] as? String == "r-legacy")
        let g = try #require((legacy["groups"] as? [[String: Any]])?.first)
        #expect(g["method"] as? String == "normal" && g["correct"] as? Bool == true && (g["n_zero"] as? NSNumber)?.intValue == 2)
        let r = try #require((try jsonObject(try CLI.run(["signed-rank", file, "--before", "b", "--after", "a", "--profile", "r", "--format", "json"]).stdout)["groups"] as? [[String: Any]])?.first)
        #expect(r["method"] as? String == "exact-conditional" && r["zero_method"] as? String == "pratt")
    }

    @Test("every difference zero: p = 1, interval null, no error")
    func allZeros() throws {
        let result = try CLI.run(["signed-rank", "-", "--before", "b", "--after", "a", "--format", "json"], stdin: "b,a\n1,1\n2,2\n0.3,0.3\n")
        #expect(result.status == 0)
        let g = try #require((try jsonObject(result.stdout)["groups"] as? [[String: Any]])?.first)
        #expect(exactDouble(g["p_value"]) == 1 && g["z"] is NSNull && g["conf_low"] is NSNull)
        #expect(!result.stdout.contains("NaN") && !result.stdout.contains("inf"))
    }

    @Test("CSV: one row per group with the JSON fields")
    func csv() throws {
        let result = try CLI.run(["signed-rank", CLI.fixture("castle/synthetic-cohort.csv"), "--before", "haq_baseline", "--after", "haq_month6",
                                  "--by", "basket", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first.map(String.init) == Self.keys.joined(separator: ","))
        #expect(lines.count == 5)
    }

    @Test("bad input: exit status and a one-line message", arguments: [
        (["signed-rank", "DATA", "--before", "b", "--after", "x"], Int32(65), "no column \"x\"; the columns are \"b\", \"a\""),
        (["signed-rank", "DATA", "--before", "b", "--after", "a", "--method", "fast"], 64, "--method"),
        (["signed-rank", "DATA", "--before", "b", "--after", "a", "--zero-method", "drop"], 64, "--zero-method"),
        (["signed-rank", "DATA", "--before", "b", "--after", "a", "--profile", "stata"], 64, "--profile"),
        (["signed-rank", "BAD", "--before", "b", "--after", "a"], 65, "row 3, column \"a\": value \"n/a\" is not a number"),
        (["signed-rank", "EMPTY", "--before", "b", "--after", "a"], 65, "no row with both \"b\" and \"a\" present"),
    ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("b,a\n1,2\n3,5\n", named: "d.csv", in: folder)
        let bad = try CLI.write("b,a\n1,2\n3,n/a\n", named: "bad.csv", in: folder)
        let empty = try CLI.write("b,a\n1,NA\nNA,2\n", named: "e.csv", in: folder)
        let out = folder.appendingPathComponent("o.json").path
        let args = arguments.map { ["DATA": data, "BAD": bad, "EMPTY": empty][$0] ?? $0 } + ["--output", out]
        let result = try CLI.run(args)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count <= 2)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("--help documents methods, zero methods and profiles with defaults")
    func help() throws {
        let result = try CLI.run(["signed-rank", "--help"])
        #expect(result.status == 0)
        for text in ["--before", "--after", "--method", "auto, exact, normal, t", "--no-correct", "--zero-method", "wilcox, pratt, zsplit",
                     "--profile", "r-legacy", "spss", "--mu", "0.0)", "two-sided, less, greater", "4e10"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }
}

extension SignedRankCommandTests {
    /// Issue 12 item 9: a group without a complete pair is reported (n = 0, nulls, a note) and the
    /// other groups are still tested; only an input without any pair stops (see badInput).
    @Test("issue 12.9: an empty basket does not stop signed-rank --by", arguments: ["json", "csv", "table"])
    func emptyBasket(format: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,b,a\nA,10,8\nA,12,9\nB,NA,5\nA,14,15\nC,9,2\nC,7,3\n", named: "d.csv", in: folder)
        let result = try CLI.run(["signed-rank", data, "--before", "b", "--after", "a", "--by", "g", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        switch format {
        case "json":
            let groups = try #require(try jsonObject(result.stdout)["groups"] as? [[String: Any]])
            #expect(groups.map { $0["group"] as? String } == ["A", "B", "C", "All"])
            #expect(groups[1]["n_pairs"] as? Int == 0 && groups[1]["n_missing"] as? Int == 1 && groups[1]["p_value"] is NSNull)
            #expect(groups[1]["estimate"] is NSNull && groups[1]["method"] is NSNull && groups[1]["note"] as? String == "no non-missing values")
            #expect(groups[3]["n_pairs"] as? Int == 5 && exactDouble(groups[3]["p_value"]) == 0.125)
            #expect(groups[0]["note"] == nil)
        case "csv":
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.count == 5 && lines[2].hasPrefix("B,0,1,0,0,,,,,two-sided,0,,,,,,,,0.95,,,,,"))
        default:
            #expect(result.stdout.contains("\nB      0 (+1 missing)      0  —     —"))
            #expect(result.stdout.hasSuffix("B: no non-missing values\n"))
        }
    }

    @Test("issue 13: a group named All is refused with the row, column and value")
    func groupNamedAll() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,b,a\nA,10,8\nAll,12,9\nA,14,15\n", named: "d.csv", in: folder)
        let result = try CLI.run(["signed-rank", data, "--before", "b", "--after", "a", "--by", "g"])
        #expect(result.status == 65 && result.stdout.isEmpty)
        #expect(result.stderr == "trialstats: error: \(data), row 3, column \"g\": value \"All\" is not allowed; expected a group name other than \"All\", which names the row of all groups together\n")
    }

    @Test("issue 12.8: --mu takes a negative value as typed")
    func negativeMu() throws {
        let spaced = try CLI.run(["signed-rank", CLI.fixture("castle/synthetic-cohort.csv"), "--before", "vas_pga_baseline", "--after", "vas_pga_month6", "--mu", "-20", "--format", "json"])
        let joined = try CLI.run(["signed-rank", CLI.fixture("castle/synthetic-cohort.csv"), "--before", "vas_pga_baseline", "--after", "vas_pga_month6", "--mu=-20", "--format", "json"])
        #expect(spaced.status == 0, "\(spaced.stderr)")
        #expect(spaced.stdout == joined.stdout)
        let group = try #require((try jsonObject(spaced.stdout)["groups"] as? [[String: Any]])?.first)
        #expect(exactDouble(group["mu"]) == -20)
        // The table's title writes the shifted difference with one sign: "after − before + 20".
        let table = try CLI.run(["signed-rank", CLI.fixture("castle/synthetic-cohort.csv"), "--before", "vas_pga_baseline", "--after", "vas_pga_month6", "--mu", "-20"])
        #expect(table.stdout.contains("vas_pga_month6 − vas_pga_baseline + 20,"), "\(table.stdout.prefix(200))")
        #expect(!table.stdout.contains("− -"))
        let positive = try CLI.run(["signed-rank", CLI.fixture("castle/synthetic-cohort.csv"), "--before", "vas_pga_baseline", "--after", "vas_pga_month6", "--mu", "5"])
        #expect(positive.stdout.contains("vas_pga_month6 − vas_pga_baseline − 5,"), "\(positive.stdout.prefix(200))")
        let infinite = try CLI.run(["signed-rank", CLI.fixture("castle/synthetic-cohort.csv"), "--before", "vas_pga_baseline", "--after", "vas_pga_month6", "--mu", "-inf"])
        #expect(infinite.status == 64 && infinite.stderr.contains("--mu \"-inf\" is not a decimal number"), "\(infinite.stderr)")
    }
}
