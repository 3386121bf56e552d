import Foundation
import Testing
import TestSupport

@Suite("trialstats reconstruct, end to end")
struct ReconstructCommandTests {
    static let keys = ["command", "feasible", "reason", "n", "quantile_type", "rounding", "profile", "p_value", "p_range",
                       "profiles_reproducing", "dataset"]

    static let haq = ["reconstruct", "--n", "24", "--before", "1.1 [0.1; 2.0]", "--after", "0.3 [0.0; 0.3]", "--p", "P = 0.0030",
                      "--min", "0", "--max", "3", "--step", "0.125"]
    static let vasPGA = ["reconstruct", "--n", "24", "--before", "63.0 [52.8; 74.8]", "--after", "19.0 [7.3; 48.8]",
                         "--p", "P < 0.0001", "--min", "0", "--max", "100", "--step", "1"]

    @Test("JSON: the documented fields in order; the HAQ certificate is the bundled one and prints P = 0.0030")
    func json() throws {
        let result = try CLI.run(Self.haq + ["--profile", "r-legacy", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(Set(object.keys) == Set(Self.keys))
        let positions = Self.keys.map { result.stdout.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(object["command"] as? String == "reconstruct" && object["feasible"] as? Bool == true)
        #expect(object["reason"] is NSNull)
        #expect((object["n"] as? NSNumber)?.intValue == 24 && (object["quantile_type"] as? NSNumber)?.intValue == 7)
        #expect(object["rounding"] as? String == "half-up" && object["profile"] as? String == "r-legacy")
        #expect(object["profiles_reproducing"] as? [String] == ["r-legacy"])
        // R 4.2.2: wilcox.test(after, before, paired = TRUE)$p.value = 0.00298707372367324
        // (Fixtures/reference/reconstruct_check.txt).
        let p = try #require(exactDouble(object["p_value"]))
        #expect(abs(p - 0.00298707372367324) < 1e-15)
        let range = try #require(object["p_range"] as? [String: Any])
        let low = try #require(exactDouble(range["min"])), high = try #require(exactDouble(range["max"]))
        #expect(low <= p && p <= high)
        let dataset = try #require(object["dataset"] as? [[String: Any]])
        #expect(dataset.count == 24 && dataset.allSatisfy { Set($0.keys) == ["before", "after"] })
        let bundled = try String(contentsOfFile: CLI.fixture("castle/reconstructed/HAQ.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(dataset.map { exactDouble($0["before"])! } == bundled.map { Double($0[1])! })
        #expect(dataset.map { exactDouble($0["after"])! } == bundled.map { Double($0[2])! })
    }

    @Test("--output writes the certificate CSV, labelled reconstructed, identical to the bundled VAS-PGA file")
    func output() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("vas.csv").path
        let result = try CLI.run(Self.vasPGA + ["--profile", "r-legacy", "--output", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Reconstruction of paired data from printed summaries (RECONSTRUCTED: a certificate"))
        #expect(result.stdout.contains("feasible: yes\n"))
        #expect(result.stdout.contains("profiles reproducing P < 0.0001: r, r-legacy, scipy, sas, spss\n"))
        #expect(result.stdout.contains("certificate written to \(path)\n"))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        let bundled = try String(contentsOfFile: CLI.fixture("castle/reconstructed/VAS-PGA.csv"), encoding: .utf8)
        #expect(written == bundled)
        #expect(written.hasPrefix("pair,before,after,provenance\n1,"))
        #expect(written.split(separator: "\n").dropFirst().allSatisfy { $0.hasSuffix(",RECONSTRUCTED (not trial data)") })
        // --format csv prints the same data set.
        let csv = try CLI.run(Self.vasPGA + ["--profile", "r-legacy", "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout == bundled)
    }

    @Test("half-even rounding: infeasible is a finding (exit 0), with the reason and what would make it possible")
    func infeasible() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("none.csv").path
        let result = try CLI.run(Self.vasPGA + ["--rounding", "half-even", "--format", "json", "--output", path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(object["feasible"] as? Bool == false)
        #expect(object["p_value"] is NSNull && object["p_range"] is NSNull)
        #expect((object["dataset"] as? [Any])?.isEmpty == true && (object["profiles_reproducing"] as? [Any])?.isEmpty == true)
        #expect(object["reason"] as? String == "after Q1 7.3 cannot be printed: with n = 24 and quantile type 7 it is "
            + "x(6) + 0.75·(x(7) − x(6)), and on the grid 0 to 100 step 1 under half-even rounding the nearest attainable values "
            + "are 7.25 (prints 7.2) and 7.5 (prints 7.5); possible instead with half-up rounding (quantile types 6, 7, 8, 9); "
            + "half-even rounding (quantile types 8, 9); truncate rounding (quantile types 8, 9); a grid of step 0.1 "
            + "(quantile type 7, half-even)")
        #expect(!FileManager.default.fileExists(atPath: path))
        let table = try CLI.run(Self.vasPGA + ["--rounding", "half-even"])
        #expect(table.status == 0 && table.stdout.contains("feasible: no — after Q1 7.3 cannot be printed"))
        let csv = try CLI.run(Self.vasPGA + ["--rounding", "half-even", "--format", "csv"])
        #expect(csv.status == 65 && csv.stdout.isEmpty)
    }

    @Test("impossible or malformed requests stop with one line and the documented status", arguments: [
        (["--n", "0"], Int32(64), "trialstats: error: --n must be at least 1; got 0."),
        (["--before", "63.0 (52.8"], Int32(64),
         "trialstats: error: --before \"63.0 (52.8\" is not a median with quartiles such as \"63.0 [52.8; 74.8]\"."),
        (["--p", "P = high"], Int32(64),
         "trialstats: error: --p \"P = high\" is not a printed p-value such as \"P < 0.0001\" or \"P = 0.0030\"."),
        (["--step", "3"], Int32(64),
         "trialstats: error: --min, --max, --step: invalid scale: the maximum 100 is not on the grid 0, 0 + 3, ….")
        , (["--before", "63.0 [64.0; 74.8]"], Int32(65),
           "trialstats: error: before 63.0 [64.0; 74.8]: the quartiles must satisfy Q1 ≤ median ≤ Q3"),
        (["--after", "19.0 [7.3; 148.8]"], Int32(65), "trialstats: error: after Q3 148.8 lies outside the scale 0–100"),
        (["--n", "5", "--p", "P < 0.01"], Int32(65),
         "trialstats: error: P < 0.01 is impossible with 5 pairs: the smallest attainable two-sided p-value is 0.02535 "
             + "(SPSS, normal approximation, all differences tied and of one sign)"),
        (["--n", "12", "--profile", "r", "--p", "P = 0.0001"], Int32(65),
         "trialstats: error: P = 0.0001 is impossible with 12 pairs: the smallest attainable two-sided p-value is 0.0004883 "
             + "(R ≥ 4.6, exact test, all differences of one sign)"),
    ])
    func refusals(change: [String], status: Int32, message: String) throws {
        var arguments = Self.vasPGA
        var i = 0
        while i < change.count {
            if let k = arguments.firstIndex(of: change[i]) { arguments[k + 1] = change[i + 1] } else { arguments += [change[i], change[i + 1]] }
            i += 2
        }
        let result = try CLI.run(arguments)
        #expect(result.status == status)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.split(separator: "\n").first.map(String.init) == message)
        #expect(result.stderr.split(separator: "\n").count <= 2)
    }
}
