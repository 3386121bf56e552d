import Foundation
import Testing
import TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("trialstats km, end to end")
struct KMCommandTests {
    static let gehan = CLI.fixture("reference/km_data/gehan.csv")

    @Test("JSON shape and the published 6-MP values and log-rank statistic")
    func json() throws {
        let result = try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status", "--by", "group", "--at", "10,40",
                                  "--tau", "20", "--unit", "weeks", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try jsonObject(result.stdout)
        #expect(Set(object.keys) == ["command", "conf_type", "conf_level", "median_rule", "unit", "groups", "logrank"])
        #expect(object["median_rule"] as? String == "print")
        #expect(object["conf_type"] as? String == "log-log" && object["unit"] as? String == "weeks")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["group"] as? String } == ["6-MP", "placebo", "All"])
        let keys: Set = ["group", "n", "events", "median", "median_lower", "median_upper", "follow_up_median", "follow_up_min",
                         "follow_up_max", "rmst", "steps", "at"]
        for g in groups { #expect(Set(g.keys) == keys) }
        let mp = groups[0]
        #expect(exactDouble(mp["median"]) == 23 && (mp["events"] as? NSNumber)?.intValue == 9)
        let steps = try #require(mp["steps"] as? [[String: Any]])
        #expect(Set(steps[0].keys) == ["time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"])
        let at = try #require(mp["at"] as? [[String: Any]])
        #expect(abs(exactDouble(at[0]["survival"])! - 0.753) < 0.0005)
        // 40 weeks is after the last follow-up (35): not estimable.
        #expect(at[1]["survival"] is NSNull && (at[1]["n_risk"] as? NSNumber)?.intValue == 0)
        let logrank = try #require(object["logrank"] as? [String: Any])
        #expect(abs(exactDouble(logrank["chisq"])! - 16.79294) < 1e-4 && (logrank["df"] as? NSNumber)?.intValue == 1)
        #expect(!result.stdout.contains("NaN") && !result.stdout.contains("inf"))
    }

    @Test("CSV: the step table with a group column")
    func csv() throws {
        let result = try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status", "--by", "group", "--format", "csv"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "group,time,n_risk,n_event,n_censor,survival,std_err,lower,upper")
        // R: summary(survfit(Surv(time, status) ~ 1, gehan[6-MP], conf.type = "log-log")), first row.
        let cells = lines[1].split(separator: ",").map(String.init)
        #expect(cells[0...4] == ["6-MP", "6", "21", "3", "1"])
        let r = [0.8571428571428571, 0.07636035483212125, 0.6197179552659839, 0.951551747646997]
        for (cell, value) in zip(cells[5...8], r) { #expect(abs(Double(cell)! - value) <= 1e-13 * value) }
    }

    @Test("dates with --unit months, and event codes event/censored")
    func dates() throws {
        let csv = "id,start,end,status\n1,2024-01-01,2024-07-01,event\n2,2024-01-15,2025-01-15,censored\n3,2024-02-29,2024-03-30,Event\n"
        let result = try CLI.run(["km", "-", "--start", "start", "--end", "end", "--event", "status", "--unit", "months", "--format", "json"], stdin: csv)
        #expect(result.status == 0, "\(result.stderr)")
        let group = try #require((try jsonObject(result.stdout)["groups"] as? [[String: Any]])?.first)
        let times = (group["steps"] as? [[String: Any]] ?? []).compactMap { exactDouble($0["time"]) }
        // 30, 182 and 366 days, in months of 30.4375 days.
        let expected: [Double] = [30, 182, 366].map { $0 / 30.4375 }
        #expect(times == expected)
    }

    /// The figure: valid XML, deterministic, and its risk table equals n_risk from the JSON.
    @Test("SVG figure: valid, deterministic, risk table counts from the data")
    func plot() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.svg").path, second = folder.appendingPathComponent("b.svg").path
        let args = ["km", Self.gehan, "--time", "time", "--event", "status", "--by", "group", "--unit", "weeks", "--plot-ci", "--format", "json"]
        let result = try CLI.run(args + ["--plot", first])
        _ = try CLI.run(args + ["--plot", second])
        let svg = try String(contentsOfFile: first, encoding: .utf8)
        #expect(svg == (try String(contentsOfFile: second, encoding: .utf8)))
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains("Time (weeks)") && svg.contains("Number at risk"))
        // Ticks 0, 10, 20, 30, 40 weeks: the numbers at risk must equal the JSON's steps.
        let groups = try #require(try jsonObject(result.stdout)["groups"] as? [[String: Any]])
        for g in groups where g["group"] as? String != "All" {
            let label = g["group"] as! String
            let steps = g["steps"] as! [[String: Any]]
            for tick in [0.0, 10, 20, 30, 40] {
                let expected = steps.first { exactDouble($0["time"])! >= tick }.map { ($0["n_risk"] as! NSNumber).intValue } ?? 0
                let marker = "data-time=\"\(Int(tick))\" data-group=\"\(label)\">\(expected)</text>"
                #expect(svg.contains(marker), "\(label) at \(tick): \(expected)")
            }
        }
    }

    @Test("bad input: the row is named", arguments: [
        ("time,status\n1,1\n-2,0\n", ["--time", "time", "--event", "status"], "row 3, column \"time\": value \"-2\" is not allowed; expected a non-negative time"),
        ("time,status\n1,1\nNA,0\n", ["--time", "time", "--event", "status"], "row 3, column \"time\": value \"NA\" is not allowed; expected a time (it is missing)"),
        ("time,status\n1,1\n2,dead\n", ["--time", "time", "--event", "status"], "row 3, column \"status\": value \"dead\" is not allowed; expected 1/0, true/false or event/censored"),
        ("s,e,st\n2024-03-01,2024-02-01,1\n", ["--start", "s", "--end", "e", "--event", "st"], "row 2, column \"e\": value \"2024-02-01\" is not allowed; expected a date on or after the start 2024-03-01"),
        ("s,e,st\n2024-02-30,2024-03-01,1\n", ["--start", "s", "--end", "e", "--event", "st"], "row 2, column \"s\": value \"2024-02-30\" is not allowed; expected a date YYYY-MM-DD"),
    ])
    func badInput(csv: String, options: [String], message: String) throws {
        let result = try CLI.run(["km", "-"] + options, stdin: csv)
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("usage errors", arguments: [
        (["km", "x.csv", "--event", "e"], "Give --time, or both --start and --end."),
        (["km", "x.csv", "--time", "t", "--event", "e", "--tau", "0"], "--tau must be a positive number"),
        (["km", "x.csv", "--time", "t", "--event", "e", "--conf-type", "logit"], "--conf-type"),
        (["km", "x.csv", "--time", "t", "--event", "e", "--at", "6,x"], "--at takes non-negative times"),
        (["km", "x.csv", "--time", "t", "--event", "e", "--median-rule", "midpoint"], "--median-rule"),
    ])
    func usage(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("issue 12.10: --plot refuses a file name whose extension is not a figure format it writes", arguments: [
        ("km.png", "km.png\" has the extension .png.\n"),
        ("out/figure.svg.jpeg", "out/figure.svg.jpeg\" has the extension .jpeg.\n"),
        ("figure", "figure\" has no extension.\n"),
    ])
    func plotExtension(name: String, message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        let result = try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status", "--plot", path])
        #expect(result.status == 64 && result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("trialstats: error: --plot writes .pdf or .svg; \"\(path)\""), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path))
        // Upper-case .SVG and .PDF are figure files like .svg and .pdf.
        for accepted in ["km.SVG", "km.PDF"] {
            let figure = folder.appendingPathComponent(accepted).path
            #expect(try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status", "--plot", figure]).status == 0)
        }
    }

    /// R 4.2.2, survival 3.5.3 (Fixtures/reference/km_issue12.R, four_of_eight): print(survfit)
    /// median 4, quantile(survfit) 6.
    @Test("issue 12.3: km prints print(survfit)'s median by default and says which rule it used")
    func medianRule() throws {
        let csv = "t,e\n1,1\n2,1\n3,1\n4,1\n5,0\n6,0\n7,0\n8,0\n"
        let byDefault = try CLI.run(["km", "-", "--time", "t", "--event", "e", "--format", "json"], stdin: csv)
        let group = try #require((try jsonObject(byDefault.stdout)["groups"] as? [[String: Any]])?.first)
        #expect(exactDouble(group["median"]) == 4)
        let midpoint = try CLI.run(["km", "-", "--time", "t", "--event", "e", "--format", "json", "--median-rule", "quantile"], stdin: csv)
        let object = try jsonObject(midpoint.stdout)
        #expect(exactDouble((object["groups"] as? [[String: Any]])?.first?["median"]) == 6 && object["median_rule"] as? String == "quantile")
        let table = try CLI.run(["km", "-", "--time", "t", "--event", "e"], stdin: csv)
        #expect(table.stdout.contains("medians and CIs as R print(survfit)"))
    }

    /// R: summary(survfit(Surv(c(1, 2, 2, 3, 4), c(1, 1, 0, 1, 1)) ~ 1), times = 10, extend = TRUE)
    /// gives survival 0 (Fixtures/reference/km_issue12.R, ends_in_event).
    @Test("issue 12.2: km --at after a curve has reached 0 prints 0")
    func landmarkAfterZero() throws {
        let csv = "t,e\n1,1\n2,1\n2,0\n3,1\n4,1\n"
        let result = try CLI.run(["km", "-", "--time", "t", "--event", "e", "--at", "10", "--format", "json"], stdin: csv)
        let at = try #require(((try jsonObject(result.stdout)["groups"] as? [[String: Any]])?.first?["at"] as? [[String: Any]])?.first)
        #expect(exactDouble(at["survival"]) == 0 && (at["n_risk"] as? NSNumber)?.intValue == 0 && at["lower"] is NSNull)
        let table = try CLI.run(["km", "-", "--time", "t", "--event", "e", "--at", "10"], stdin: csv)
        #expect(table.status == 0 && table.stdout.contains("0.0%"), "\(table.stdout)")
    }

    /// Issue 12 item 8: a negative number after a numeric option is that option's value, so the
    /// check of the value says what is wrong instead of "Missing value for '--rho <rho>'".
    @Test("issue 12.8: a negative option value reaches validation", arguments: [
        (["--rho", "-1"], "--rho must be a non-negative number; got -1.0.\n"),
        (["--tau", "-2"], "--tau must be a positive number; got -2.0.\n"),
        (["--at", "-1,3"], "--at takes non-negative times separated by commas; \"-1\" is not one.\n"),
        (["--plot", "km.svg", "--plot-max", "-3"], "--plot-max must be a positive time; got -3.0.\n"),
        (["--plot", "km.svg", "--plot-by", "-0.5"], "--plot-by must be a positive time; got -0.5.\n"),
    ])
    func negativeOptionValueReachesValidation(options: [String], message: String) throws {
        let result = try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status"] + options)
        #expect(result.status == 64 && result.stdout.isEmpty)
        #expect(result.stderr == "trialstats: error: " + message, "\(result.stderr)")
    }

    @Test("issue 12.8: a negative value is still a value where it is allowed (--rho 0 after --tau 5, --at 0)")
    func negativeParsingKeepsOtherOptions() throws {
        let typed = try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status", "--by", "group", "--tau", "5", "--rho", "0", "--at", "0", "--format", "json"])
        let equals = try CLI.run(["km", Self.gehan, "--time", "time", "--event", "status", "--by", "group", "--tau=5", "--rho=0", "--at=0", "--format", "json"])
        #expect(typed.status == 0 && typed.stdout == equals.stdout, "\(typed.stderr)")
    }

    /// Both readers (the fast columnar one for a time column, the table one for dates) refuse it.
    @Test("issue 13: a group named All is refused with the row, column and value, as describe does")
    func groupNamedAll() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CLI.write("g,t,e,s,d\nA,1,1,2024-01-01,2024-01-05\nAll,2,0,2024-01-01,2024-01-09\n", named: "d.csv", in: folder)
        let expected = "trialstats: error: \(data), row 3, column \"g\": value \"All\" is not allowed; expected a group name other than \"All\", which names the row of all groups together\n"
        for arguments in [["--time", "t"], ["--start", "s", "--end", "d"]] {
            let result = try CLI.run(["km", data, "--event", "e", "--by", "g"] + arguments)
            #expect(result.status == 65 && result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr == expected, "\(arguments): \(result.stderr)")
        }
    }
}
