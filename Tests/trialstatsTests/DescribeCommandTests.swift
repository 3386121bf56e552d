import Foundation
import Testing
import TestSupport

@Suite("trialstats describe, end to end")
struct DescribeCommandTests {
    static let cohort = CLI.fixture("castle/synthetic-cohort.csv")

    @Test("JSON has the documented shape, groups in order of appearance, then All")
    func jsonShape() throws {
        let result = try CLI.run(["describe", Self.cohort, "--column", "haq_month6", "--by", "basket", "--format", "json", "--probs", "0.1,0.9"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(Set(object.keys) == ["command", "quantile_type", "conf_level", "groups"])
        #expect(object["command"] as? String == "describe")
        #expect((object["quantile_type"] as? NSNumber)?.intValue == 7)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["SLE", "SSc", "IIM", "All"])
        let keys = ["group", "n", "missing", "min", "q1", "median", "q3", "max", "mean", "sd", "median_ci", "quantiles"]
        for group in groups { #expect(Set(group.keys) == Set(keys)) }
        // Keys appear in the documented order in the text.
        let positions = keys.map { result.stdout.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted())
        let sle = groups[0]
        #expect((sle["n"] as? NSNumber)?.intValue == 9 && (sle["missing"] as? NSNumber)?.intValue == 1)
        let ci = try #require(sle["median_ci"] as? [String: Any])
        #expect(Set(ci.keys) == ["lower", "upper", "achieved_level"])
        let quantiles = try #require(sle["quantiles"] as? [[String: Any]])
        #expect(quantiles.compactMap { exactDouble($0["prob"]) } == [0.1, 0.9])
        let all = groups[3]
        #expect((all["n"] as? NSNumber)?.intValue == 23)
    }

    /// Quartiles of 1…10 under several types, as R 4.2.2 prints them with
    /// `print(quantile(1:10, c(.25, .75), type = k), digits = 17)`.
    @Test("--quantile-type is applied and matches R")
    func quantileType() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n", named: "x.csv", in: folder)
        for (type, q1, q3) in [(7, 3.25, 7.75), (6, 2.75, 8.25), (2, 3.0, 8.0), (1, 3.0, 8.0), (5, 3.0, 8.0), (8, 2.9166666666666665, 8.0833333333333321)] {
            let result = try CLI.run(["describe", file, "--column", "x", "--quantile-type", String(type), "--format", "json"])
            let group = try #require((try jsonObject(result.stdout)["groups"] as? [[String: Any]])?.first)
            #expect(exactDouble(group["q1"]) == q1 && exactDouble(group["q3"]) == q3, "type \(type)")
        }
    }

    @Test("CSV: one row per group, flattened fields")
    func csv() throws {
        let result = try CLI.run(["describe", Self.cohort, "--column", "age", "--by", "basket", "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "group,n,missing,min,q1,median,q3,max,mean,sd,median_ci_lower,median_ci_upper,median_ci_achieved_level,quantile_type,conf_level")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().map { $0.split(separator: ",").first! } == ["SLE", "SSc", "IIM", "All"])
    }

    @Test("table output for people, and standard input")
    func tableAndStdin() throws {
        let result = try CLI.run(["describe", "-", "--column", "v"], stdin: "v\n5\n1\n3\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("median"))
        #expect(result.stdout.contains("All    3        0    1   2       3   4    5     3   2                     1 to 5     75% *"))
        #expect(result.stdout.contains("median CI (95% requested)"))
    }

    @Test("--output writes the file atomically and prints nothing")
    func outputFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("d.json").path
        let result = try CLI.run(["describe", Self.cohort, "--column", "age", "--format", "json", "--output", out])
        #expect(result.status == 0 && result.stdout.isEmpty)
        #expect(try jsonObject(String(contentsOfFile: out, encoding: .utf8))["command"] as? String == "describe")
    }

    @Test("bad input: exit status, one-line message, no output file", arguments: [
        (["describe", "/no/such.csv", "--column", "x"], Int32(66), "trialstats: error: /no/such.csv: no such file"),
        (["describe", "COHORT", "--column", "Age"], 65, "no column \"Age\"; the columns are \"patient\", \"basket\", \"age\""),
        (["describe", "COHORT", "--column", "sex"], 65, "row 2, column \"sex\": value \"female\" is not a number"),
        (["describe", "EMPTY", "--column", "v"], 65, "column \"v\": has no non-missing values"),
        (["describe", "COHORT", "--column", "age", "--quantile-type", "10"], 64, "--quantile-type"),
        (["describe", "COHORT", "--column", "age", "--conf-level", "1.5"], 64, "--conf-level must be strictly between 0 and 1; got 1.5."),
        (["describe", "COHORT", "--column", "age", "--probs", "0.5,2"], 64, "--probs takes probabilities between 0 and 1"),
    ])
    func badInput(arguments: [String], status: Int32, message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = try CLI.write("v,w\nNA,1\n,2\n", named: "empty.csv", in: folder)
        let out = folder.appendingPathComponent("out.json").path
        let args = arguments.map { $0 == "COHORT" ? Self.cohort : $0 == "EMPTY" ? empty : $0 } + ["--output", out]
        let result = try CLI.run(args)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
        if status != 64 {
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("an unwritable output has exit status 73")
    func unwritableOutput() throws {
        let result = try CLI.run(["describe", Self.cohort, "--column", "age", "--output", "/no/such/folder/out.json"])
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("trialstats: error: /no/such/folder/out.json: cannot be written"))
    }

    @Test("--help lists every option with its default")
    func help() throws {
        let result = try CLI.run(["describe", "--help"])
        #expect(result.status == 0)
        for text in ["--column", "--by", "--quantile-type", "default: 7)", "--probs",
                     "--format", "(values: table, csv, json; default: table)", "--output", "--conf-level", "0.95)", "--na"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
    }
}

extension DescribeCommandTests {
    /// Issue 12 item 9: a group without values is reported with n = 0, null results and a note;
    /// only a column without any value stops (see badInput).
    @Test("issue 12.9: an empty basket does not stop describe --by", arguments: ["json", "csv", "table"])
    func emptyBasket(format: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,x\nA,1\nA,2\nB,NA\nA,3\nC,4\nC,\n", named: "d.csv", in: folder)
        let result = try CLI.run(["describe", data, "--column", "x", "--by", "g", "--probs", "0.9", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        switch format {
        case "json":
            let groups = try #require(try jsonObject(result.stdout)["groups"] as? [[String: Any]])
            #expect(groups.map { $0["group"] as? String } == ["A", "B", "C", "All"])
            #expect(groups[1]["n"] as? Int == 0 && groups[1]["missing"] as? Int == 1 && groups[1]["median"] is NSNull)
            let ci = try #require(groups[1]["median_ci"] as? [String: Any])
            #expect(ci["lower"] is NSNull && ci["achieved_level"] is NSNull)
            let quantiles = try #require(groups[1]["quantiles"] as? [[String: Any]])
            #expect(exactDouble(quantiles[0]["prob"]) == 0.9 && quantiles[0]["value"] is NSNull)
            #expect(groups[1]["note"] as? String == "no non-missing values" && groups[0]["note"] == nil)
            #expect(exactDouble(groups[3]["median"]) == 2.5)
        case "csv":
            #expect(result.stdout.contains("\nB,0,1,,,,,,,,,,,7,0.95,\n"))
        default:
            #expect(result.stdout.contains("\nB      0        1    —"))
            #expect(result.stdout.hasSuffix("B: no non-missing values\n"))
        }
    }

    @Test("issue 13: a group named All is refused with the row, column and value")
    func groupNamedAll() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,x\nA,1\nAll,2\n", named: "d.csv", in: folder)
        let result = try CLI.run(["describe", data, "--column", "x", "--by", "g"])
        #expect(result.status == 65 && result.stdout.isEmpty)
        #expect(result.stderr == "trialstats: error: \(data), row 3, column \"g\": value \"All\" is not allowed; expected a group name other than \"All\", which names the row of all groups together\n")
    }

    @Test("issue 12.8: --quantile-type and --probs take a negative value as typed, and validation answers")
    func negativeOptions() throws {
        let type = try CLI.run(["describe", Self.cohort, "--column", "age", "--quantile-type", "-1"])
        #expect(type.status == 64 && type.stderr.contains("--quantile-type") && !type.stderr.contains("Missing value"), "\(type.stderr)")
        let probs = try CLI.run(["describe", Self.cohort, "--column", "age", "--probs", "-0.1,0.9"])
        #expect(probs.status == 64, "\(probs.stderr)")
        #expect(probs.stderr.hasPrefix("trialstats: error: --probs takes probabilities between 0 and 1 separated by commas; \"-0.1\" is not one."))
    }
}
