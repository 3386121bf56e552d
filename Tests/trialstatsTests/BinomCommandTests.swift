import Foundation
import Testing
import TestSupport

@Suite("trialstats binom, end to end")
struct BinomCommandTests {
    @Test("one proportion: JSON shape and R binom.test values")
    func single() throws {
        let result = try CLI.run(["binom", "9", "10", "--p0", "0.5", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(Set(object.keys) == ["command", "conf_level", "alternative", "groups"])
        #expect(object["alternative"] as? String == "two-sided")
        let group = try #require((object["groups"] as? [[String: Any]])?.first)
        #expect(Set(group.keys) == ["label", "x", "n", "estimate", "intervals", "test"])
        #expect(exactDouble(group["estimate"]) == 0.9)
        let interval = try #require((group["intervals"] as? [[String: Any]])?.first)
        #expect(interval["method"] as? String == "clopper-pearson")
        // sprintf("%.17g", binom.test(9, 10)$conf.int), R 4.2.2.
        #expect(abs(exactDouble(interval["lower"])! - 0.55498388297180457) < 1e-14)
        #expect(abs(exactDouble(interval["upper"])! - 0.99747142145553824) < 1e-14)
        let test = try #require(group["test"] as? [String: Any])
        // 2 · 11/1024 and 2 · 6/1024.
        #expect(abs(exactDouble(test["p_value"])! - 0.021484375) < 1e-15)
        #expect(abs(exactDouble(test["mid_p_value"])! - 0.01171875) < 1e-15)
    }

    @Test("without --p0 the test is null; --method all gives every method in order")
    func allMethods() throws {
        let result = try CLI.run(["binom", "0", "24", "--method", "all", "--format", "json"])
        let group = try #require((try jsonObject(result.stdout)["groups"] as? [[String: Any]])?.first)
        #expect(group["test"] is NSNull)
        let methods = (group["intervals"] as? [[String: Any]] ?? []).compactMap { $0["method"] as? String }
        #expect(methods == ["clopper-pearson", "mid-p", "blaker", "wilson", "wilson-cc", "jeffreys", "agresti-coull", "wald"])
    }

    @Test("--counts: the long-format CSV of intervals, n = 0 rows not estimable")
    func counts() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("basket,endpoint,x,n\nSLE,\"DORIS, week 24\",9,10\nIIM,none yet,0,0\nAll,any,22,24\n", named: "c.csv", in: folder)
        let result = try CLI.run(["binom", "--counts", file, "--x", "x", "--n", "n", "--label", "basket", "--label", "endpoint",
                                  "--method", "clopper-pearson", "--method", "wilson", "--p0", "0.3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "label,x,n,estimate,method,conf_level,alternative,lower,upper,p0,p_value,mid_p_value")
        #expect(lines.count == 8)  // header, 3 rows × 2 methods, final newline
        #expect(lines[1].hasPrefix("\"SLE / DORIS, week 24\",9,10,0.9,clopper-pearson,0.95,two-sided,0.55498388297180"))
        #expect(lines[3] == "IIM / none yet,0,0,,clopper-pearson,0.95,two-sided,,,0.3,,")
        #expect(lines[5].hasPrefix("All / any,22,24,0.9166666666666666,clopper-pearson,0.95,two-sided,0.73002719844239"))
    }

    @Test("patient-level responses by group, then All")
    func patientLevel() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("id,basket,resp\n1,SLE,Yes\n2,SLE,no\n3,SSc,responder\n4,SSc,NA\n5,SSc,TRUE\n6,IIM,0\n", named: "r.csv", in: folder)
        let result = try CLI.run(["binom", file, "--response", "resp", "--by", "basket", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let groups = try #require(try jsonObject(result.stdout)["groups"] as? [[String: Any]])
        #expect(groups.map { $0["label"] as? String } == ["SLE", "SSc", "IIM", "All"])
        #expect(groups.map { ($0["x"] as? NSNumber)?.intValue } == [1, 2, 0, 3])
        #expect(groups.map { ($0["n"] as? NSNumber)?.intValue } == [2, 2, 1, 5])
    }

    @Test("bad input: documented exit status and a one-line message", arguments: [
        (["binom", "11", "10"], Int32(64), "X = 11 successes exceed N = 10 trials."),
        (["binom", "-1", "10"], 64, "X must not be negative"),
        (["binom", "3", "10", "--bogus"], 64, "Unknown option '--bogus'."),
        (["binom", "--countz", "COUNTS", "--x", "x", "--n", "n"], 64, "Unknown option '--countz'."),
        (["binom", "3", "-q", "10"], 64, "Unknown option '-q'."),
        (["binom", "2.5", "10"], 64, "X must be a whole number; got \"2.5\"."),
        (["binom", "1", "0"], 64, "N = 0 trials: no proportion can be estimated."),
        (["binom", "1", "10", "--conf-level", "1"], 64, "--conf-level must be strictly between 0 and 1; got 1.0."),
        (["binom", "1", "10", "--method", "exact"], 64, "--method exact is not a method; choose from clopper-pearson, mid-p"),
        (["binom", "1", "10", "--p0", "2"], 64, "--p0 must be between 0 and 1"),
        (["binom", "--counts", "COUNTS", "--x", "x", "--n", "n"], 65, "c.csv, row 3, column \"x\": value \"12\" is not allowed; expected at most n = 10"),
        (["binom", "RESP", "--response", "resp"], 65, "r.csv, row 3, column \"resp\": value \"maybe\" is not allowed; expected 1/0, yes/no, true/false or responder/non-responder; the column holds \"1\", \"maybe\""),
    ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let counts = try CLI.write("x,n\n1,10\n12,10\n", named: "c.csv", in: folder)
        let responses = try CLI.write("resp\n1\nmaybe\n", named: "r.csv", in: folder)
        let out = folder.appendingPathComponent("out.csv").path
        let args = arguments.map { $0 == "COUNTS" ? counts : $0 == "RESP" ? responses : $0 } + ["--output", out]
        let result = try CLI.run(args)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The bundled CASTLE counts turn into the CSV of intervals (the README's command).
    @Test("bundled CASTLE response counts")
    func castleCounts() throws {
        let result = try CLI.run(["binom", "--counts", CLI.fixture("castle/response-counts.csv"), "--x", "x", "--n", "n",
                                  "--label", "source", "--label", "group", "--label", "endpoint", "--method", "all", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1 + 116 * 8)
        #expect(lines[1].hasPrefix("CASTLE (Nat Med 2026) / All / prespecified efficacy endpoint at week 24,22,24,"))
    }

    @Test("--help explains the three ways in and lists the methods")
    func help() throws {
        let result = try CLI.run(["binom", "--help"])
        #expect(result.status == 0)
        for text in ["trialstats binom X N", "--counts FILE --x COL --n COL", "--response COL", "clopper-pearson", "blaker",
                     "wilson-cc", "--alternative", "default: two-sided)", "--p0"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }
}

extension BinomCommandTests {
    /// Issue 12 item 9: a group without any response is reported as not estimable with a note,
    /// the other groups are still computed; only an input without any response stops.
    @Test("issue 12.9: an empty basket does not stop binom --response --by", arguments: ["json", "csv", "table"])
    func emptyBasket(format: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,r\nA,1\nA,0\nB,NA\nA,yes\nC,no\nC,\n", named: "d.csv", in: folder)
        let result = try CLI.run(["binom", data, "--response", "r", "--by", "g", "--p0", "0.5", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        switch format {
        case "json":
            let groups = try #require(try jsonObject(result.stdout)["groups"] as? [[String: Any]])
            #expect(groups.map { $0["label"] as? String } == ["A", "B", "C", "All"])
            #expect(groups[1]["n"] as? Int == 0 && groups[1]["estimate"] is NSNull && groups[1]["test"] is NSNull)
            let interval = try #require((groups[1]["intervals"] as? [[String: Any]])?.first)
            #expect(interval["lower"] is NSNull && interval["upper"] is NSNull)
            #expect(groups[1]["note"] as? String == "no non-missing values" && groups[0]["note"] == nil)
            #expect(groups[3]["x"] as? Int == 2 && groups[3]["n"] as? Int == 4)
        case "csv":
            #expect(result.stdout.contains("\nB,0,0,,clopper-pearson,0.95,two-sided,,,0.5,,\n"))
        default:
            #expect(result.stdout.contains("not estimable (n = 0)"))
            #expect(result.stdout.hasSuffix("B: no non-missing values\n"))
        }
        let empty = try CLI.write("g,r\nA,NA\nB,\n", named: "e.csv", in: folder)
        let whole = try CLI.run(["binom", empty, "--response", "r", "--by", "g"])
        #expect(whole.status == 65 && whole.stderr == "trialstats: error: \(empty), column \"r\": has no non-missing values\n")
    }

    @Test("issue 13: a group named All is refused with the row, column and value")
    func groupNamedAll() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,r\nA,1\nAll,0\n", named: "d.csv", in: folder)
        let result = try CLI.run(["binom", data, "--response", "r", "--by", "g"])
        #expect(result.status == 65 && result.stdout.isEmpty)
        #expect(result.stderr == "trialstats: error: \(data), row 3, column \"g\": value \"All\" is not allowed; expected a group name other than \"All\", which names the row of all groups together\n")
    }

    @Test("issue 12.8: --p0 takes a negative value as typed, and validation answers")
    func negativeP0() throws {
        let spaced = try CLI.run(["binom", "1", "2", "--p0", "-1"])
        #expect(spaced.status == 64)
        #expect(spaced.stderr.hasPrefix("trialstats: error: --p0 must be between 0 and 1; got -1.0.\n"))
        let zero = try CLI.run(["binom", "1", "2", "--p0", "-0", "--format", "json"])
        #expect(zero.status == 0, "\(zero.stderr)")
        // --conf-level, shared by every command, likewise.
        let level = try CLI.run(["binom", "1", "2", "--conf-level", "-0.5"])
        #expect(level.status == 64)
        #expect(level.stderr.hasPrefix("trialstats: error: --conf-level must be strictly between 0 and 1; got -0.5.\n"), "\(level.stderr)")
    }
}
