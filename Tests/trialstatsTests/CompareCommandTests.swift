import Foundation
import Testing
import TestSupport

@Suite("trialstats compare, end to end")
struct CompareCommandTests {
    static let data = """
        id,arm,age,sex,response
        1,A,34,F,yes
        2,A,41,M,no
        3,A,52,F,yes
        4,A,29,F,yes
        5,A,47,M,yes
        6,B,55,M,no
        7,B,61,F,no
        8,B,58,M,yes
        9,B,49,M,no
        10,B,66,,no

        """

    @Test("two columns by arm: JSON shape, auto picks rank-sum and Fisher with R's values")
    func twoColumns() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write(Self.data, named: "d.csv", in: folder)
        let result = try CLI.run(["compare", file, "--column", "age", "--column", "response", "--by", "arm", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(object["command"] as? String == "compare")
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let keys = ["variable", "groups", "test", "method", "statistic", "df", "p_value", "estimate", "lower", "upper", "conf_level", "n", "warning"]
        #expect(Set(results[0].keys) == Set(keys))
        #expect(results[0]["test"] as? String == "rank-sum" && results[0]["groups"] as? [String] == ["A", "B"])
        // wilcox.test(c(34,41,52,29,47), c(55,61,58,49,66)): W = 1, p-value = 0.01587 (2·2/252).
        #expect(exactDouble(results[0]["statistic"]) == 1)
        #expect(abs(exactDouble(results[0]["p_value"])! - 4.0 / 252) < 1e-14)
        #expect(results[0]["df"] is NSNull)
        // fisher.test(matrix(c(4, 1, 1, 4), 2)): p-value = 0.2063 (52/252).
        #expect(results[1]["test"] as? String == "fisher")
        #expect(abs(exactDouble(results[1]["p_value"])! - 52.0 / 252) < 1e-14)
    }

    @Test("--counts with chisq-yates, g-test, boschloo and mcnemar; negative --mu is accepted")
    func counts() throws {
        let chi = try CLI.run(["compare", "--counts", "12,5;7,9", "--test", "chisq-yates", "--format", "csv"])
        #expect(chi.status == 0, "\(chi.stderr)")
        #expect(chi.stdout.hasPrefix("variable,groups,test,method,statistic,df,p_value,estimate,lower,upper,conf_level,n,warning\n"))
        let mc = try CLI.run(["compare", "--counts", "794,150;86,570", "--test", "mcnemar", "--no-correct", "--format", "json"])
        let r = try #require((try jsonObject(mc.stdout)["results"] as? [[String: Any]])?.first)
        #expect((exactDouble(r["statistic"])! * 100).rounded() / 100 == 17.36)
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write(Self.data, named: "d.csv", in: folder)
        let shifted = try CLI.run(["compare", file, "--column", "age", "--by", "arm", "--mu", "-2", "--test", "welch"])
        #expect(shifted.status == 0, "\(shifted.stderr)")
    }

    @Test("bad input: one line naming file, row, column and value; exit status; nothing written")
    func badInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write(Self.data.replacingOccurrences(of: "8,B,58", with: "8,B,5x8"), named: "d.csv", in: folder)
        let out = folder.appendingPathComponent("out.json").path
        let result = try CLI.run(["compare", file, "--column", "age", "--by", "arm", "--test", "rank-sum", "--output", out])
        #expect(result.status == 65)
        #expect(result.stderr == "trialstats: error: \(file), row 9, column \"age\": value \"5x8\" is not a number\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        let missing = try CLI.run(["compare", folder.appendingPathComponent("none.csv").path, "--column", "age", "--by", "arm"])
        #expect(missing.status == 66)
        let usage = try CLI.run(["compare", "--counts", "1,2;x,4"])
        #expect(usage.status == 64 && usage.stderr.contains("\"x\" is not one"))
        let oneArm = try CLI.write(Self.data.replacingOccurrences(of: ",B,", with: ",A,"), named: "one.csv", in: folder)
        let single = try CLI.run(["compare", oneArm, "--column", "age", "--by", "arm"])
        #expect(single.status == 65)
        #expect(single.stderr == "trialstats: error: \(oneArm): column \"age\" has values in 1 group(s) of \"arm\"; compare needs at least 2\n")
    }

    /// Issue 14: with ties the interval is the exact conditional one of R ≥ 4.6, with its achieved
    /// level in `warning` (Fixtures/reference/compare_ranksum_hl_r46.json, "zeros-ones": R ≥ 4.6
    /// `wilcox.test(c(0, 0, 1, 1, 1), c(1, 2, 2, 0), exact = TRUE, conf.int = TRUE, conf.level =
    /// 0.9)` gives (−2, 1) at an achieved level of 0.9206349206349206; R 4.2.2 the normal
    /// approximation's (−1.99994, 0.99993)).
    @Test("issue 14: rank-sum with ties gives the exact conditional interval and says its achieved level")
    func conditionalInterval() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("g,v\nx,0\nx,0\nx,1\nx,1\nx,1\ny,1\ny,2\ny,2\ny,0\n", named: "tied.csv", in: folder)
        let result = try CLI.run(["compare", file, "--column", "v", "--by", "g", "--test", "rank-sum", "--method", "exact", "--conf-level", "0.9", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let r = try #require((try jsonObject(result.stdout)["results"] as? [[String: Any]])?.first)
        #expect(r["method"] as? String == "exact-conditional")
        #expect(exactDouble(r["lower"]) == -2 && exactDouble(r["upper"]) == 1 && exactDouble(r["conf_level"]) == 0.9)
        #expect(r["warning"] as? String == "the exact-conditional interval achieves 92.06%, not 90%", "\(String(describing: r["warning"]))")
        let table = try CLI.run(["compare", file, "--column", "v", "--by", "g", "--test", "rank-sum", "--conf-level", "0.9"])
        #expect(table.status == 0 && table.stdout.contains("v: the exact-conditional interval achieves 92.06%, not 90%"), "\(table.stdout)")
    }

    /// Issue 14: the exact conditional p-value with ties at 500 + 500 (coin 1.4.2 gives
    /// 0.74071820784508846 for these data, Fixtures/reference/compare_ranksum_large.json), and a
    /// request beyond the exact limits refused with one line and exit 65.
    @Test("rank-sum exact at 500 + 500 with ties; beyond the limits refused with exit 65")
    func exactLimits() throws {
        let reference = try ReferenceFixtures.decode(RankSumLargeReference.self, "reference/compare_ranksum_large.json")
        let big = try #require(reference.cases.first { $0.name == "ordinal-500-500" })
        let x = big.x.map { "x,\($0)" }, y = big.y.map { "y,\($0)" }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("g,v\n" + (x + y).joined(separator: "\n") + "\n", named: "big.csv", in: folder)
        let result = try CLI.run(["compare", file, "--column", "v", "--by", "g", "--test", "rank-sum", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let r = try #require((try jsonObject(result.stdout)["results"] as? [[String: Any]])?.first)
        #expect(r["method"] as? String == "exact-conditional")
        let p = try #require(exactDouble(r["p_value"]))
        #expect(abs(p - 0.74071820784508846) <= 1e-9 * 0.74071820784508846, "\(p)")
        // The exact conditional interval's scan is beyond its limit here: the output says so.
        #expect(r["warning"] as? String == "interval by the normal approximation (the exact-conditional interval is beyond its limits)", "\(String(describing: r["warning"]))")
        // 400 + 400 distinct values, the groups interleaved: beyond both limits without ties.
        var rows: [String] = []
        for i in 0..<800 { rows.append("\((i * 7919) % 800 < 400 ? "x" : "y"),\(Double(i) + 0.5)") }
        let untied = try CLI.write("g,v\n" + rows.joined(separator: "\n") + "\n", named: "untied.csv", in: folder)
        let refused = try CLI.run(["compare", untied, "--column", "v", "--by", "g", "--test", "rank-sum", "--method", "exact"])
        #expect(refused.status == 65)
        #expect(refused.stderr.hasPrefix("trialstats: error: \(untied), column \"v\": exact rank-sum p-value: the data exceed the limit of an estimated 5·10^8 operations per tail"), "\(refused.stderr)")
        #expect(refused.stderr.filter { $0 == "\n" }.count == 1)
        let auto = try CLI.run(["compare", untied, "--column", "v", "--by", "g", "--test", "rank-sum", "--format", "csv"])
        #expect(auto.status == 0 && auto.stdout.contains(",rank-sum,\"normal, corrected\","), "\(auto.stdout)")
    }
}
