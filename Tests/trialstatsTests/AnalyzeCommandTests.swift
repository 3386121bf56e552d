import Foundation
import Testing
import TestSupport

/// `trialstats analyze` end to end on the bundled synthetic cohort: every file is written, and the
/// numbers in report.html and analysis.json are those of describe, signed-rank, binom and km run
/// on the same data (issue 8).
@Suite("trialstats analyze, end to end")
struct AnalyzeCommandTests {
    static let cohort = CLI.fixture("castle/cohort.csv")
    static let plan = CLI.fixture("castle/plan.yaml")

    /// One analysis of the bundled cohort, shared by the tests that read it.
    struct Output: @unchecked Sendable {
        var folder: URL
        var result: CLIResult
        var html: String
        var json: [String: Any]
        /// Text of every `data-cell` in the report.
        var cells: [String: String]
    }

    static let output: Output = {
        let folder = try! CLI.temporaryFolder()
        let out = folder.appendingPathComponent("report").path
        let result = try! CLI.run(["analyze", cohort, "--plan", plan, "--out", out])
        let html = withoutNoWrapSpans((try? String(contentsOfFile: out + "/report.html", encoding: .utf8)) ?? "")
        let json = (try? jsonObject(String(contentsOfFile: out + "/analysis.json", encoding: .utf8))) ?? [:]
        var cells: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: "data-cell=\"([^\"]+)\">([^<]*)<")
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let key = String(html[Range(match.range(at: 1), in: html)!])
            cells[key] = String(html[Range(match.range(at: 2), in: html)!]).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        return Output(folder: URL(fileURLWithPath: out), result: result, html: html, json: json, cells: cells)
    }()

    /// The report's HTML with each unbreakable piece of a cell (`<span class="nw">35–93)</span>`,
    /// see `TextRun`) replaced by its text, so that a cell's text reads as printed.
    static func withoutNoWrapSpans(_ html: String) -> String {
        html.replacingOccurrences(of: "<span class=\"nw\">([^<]*)</span>", with: "$1", options: .regularExpression)
    }

    @Test("an interval, or a sign with its number, is one unbreakable piece of the printed table; the rest wraps at its spaces")
    func intervalsUnbroken() throws {
        let html = try String(contentsOfFile: Self.output.folder.path + "/report.html", encoding: .utf8)
        #expect(html.contains(".nw { white-space: nowrap; }"))
        #expect(html.contains(">9/10 (90.0%) <span class=\"nw\">[55.5–99.7]</span><"), "a response cell")
        let pieces = try NSRegularExpression(pattern: "<span class=\"nw\">([^<]*)</span>")
        let matches = pieces.matches(in: html, range: NSRange(html.startIndex..., in: html))
        #expect(matches.count > 20)
        for match in matches {
            let text = String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "&lt;", with: "<")
            let words = text.split(separator: " ")
            let interval = text.contains("–") && words.count == 1
            let threshold = words.count == 2 && ["≤", "≥", "<", ">", "="].contains(words[0])
            #expect(interval || threshold, "\(text)")
        }
        #expect(html.contains("change <span class=\"nw\">≤ −10.0</span>"), "the MCID label's threshold")
    }

    // An independent copy of the report's number formats: half away from zero on the shortest
    // decimal form of the value (Foundation's Decimal, rounding mode .plain), typographic minus.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var exact = Decimal(string: "\(value)")!
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, decimals, .plain)
        var text = "\(rounded.magnitude)"
        if decimals > 0 {
            if !text.contains(".") { text += "." }
            text += String(repeating: "0", count: decimals - (text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)))
        }
        return rounded < 0 ? "\u{2212}" + text : text
    }

    static func pText(_ p: Double) -> String {
        p < 1e-4 ? "< 0.0001" : fixed(p, max(2, 1 - Int(floor(log10(p)))))
    }

    static func rangeText(_ a: String, _ b: String) -> String {
        a.hasPrefix("\u{2212}") || b.hasPrefix("\u{2212}") ? "\(a) to \(b)" : "\(a)–\(b)"
    }

    static func percent(_ p: Double) -> String { fixed(p * 100, 1) }

    static func groups(_ result: CLIResult) throws -> [[String: Any]] {
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try jsonObject(result.stdout)["groups"] as? [[String: Any]])
    }

    @Test("writes report.html, analysis.json, intervals.csv, km.svg and the tables")
    func files() throws {
        let o = Self.output
        #expect(o.result.status == 0, "\(o.result.stderr)")
        let names = try FileManager.default.subpathsOfDirectory(atPath: o.folder.path).sorted()
        #expect(names == ["analysis.json", "intervals.csv", "km.pdf", "km.svg", "report.html", "tables", "tables.docx", "tables/baseline.csv", "tables/logrank.csv",
                          "tables/paired.csv", "tables/responders.csv", "tables/responses.csv", "tables/survival-landmarks.csv",
                          "tables/survival-steps.csv", "tables/survival.csv"])
        // Nothing left beside the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: o.folder.deletingLastPathComponent().path) == ["report"])
        #expect(o.json["command"] as? String == "analyze")
        #expect(o.html.hasPrefix("<!DOCTYPE html>") && o.html.contains("<svg") && !o.html.contains("<script"))
        // Self-contained: no link, image or style sheet is fetched.
        for fetched in ["<link", "<img", "src=", "@import", "url("] { #expect(!o.html.contains(fetched), "\(fetched)") }
        for (key, text) in o.cells { #expect(!text.contains("NaN") && !text.contains("nan") && !text.contains("inf"), "\(key)") }
    }

    @Test("the report records the version and the SHA-256 of the inputs, as sha256sum prints it")
    func provenance() throws {
        let o = Self.output
        let version = try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(o.html.contains("TrialStats \(version)") && o.json["version"] as? String == version)
        for (path, key) in [(Self.cohort, "provenance/cohort_sha256"), (Self.plan, "provenance/plan_sha256")] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = [path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let digest = String(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64))
            process.waitUntilExit()
            #expect(o.cells[key] == digest)
        }
    }

    @Test("baseline medians [IQR] equal trialstats describe, counts equal the data")
    func baselineMatchesDescribe() throws {
        let o = Self.output
        let baseline = try #require(o.json["baseline"] as? [[String: Any]])
        var checked = 0
        for variable in baseline where variable["type"] as? String == "continuous" {
            let column = variable["column"] as! String
            let decimals = (variable["decimals"] as! NSNumber).intValue
            let describe = try Self.groups(try CLI.run(["describe", Self.cohort, "--column", column, "--by", "basket", "--quantile-type", "7", "--format", "json"]))
            let mine = variable["groups"] as! [[String: Any]]
            for (d, m) in zip(describe, mine) {
                let group = d["group"] as! String
                let summary = m["summary"] as! [String: Any]
                for field in ["median", "q1", "q3"] { #expect(exactDouble(summary[field]) == exactDouble(d[field]), "\(column) \(group) \(field)") }
                let text = "\(Self.fixed(exactDouble(d["median"])!, decimals)) [\(Self.fixed(exactDouble(d["q1"])!, decimals)); \(Self.fixed(exactDouble(d["q3"])!, decimals))]"
                #expect(o.cells["baseline/\(column)/\(group)/median_iqr"] == text, "\(column) \(group)")
                checked += 1
            }
        }
        #expect(checked == 5 * 4)
        // Female sex and kidney involvement, counted from the CSV here.
        let rows = try String(contentsOfFile: Self.cohort, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for (basket, label) in [("SLE", "7 (70%)"), ("SSc", "6 (67%)"), ("IIM", "4 (80%)"), ("All", "17 (71%)")] {
            let members = rows.filter { basket == "All" || $0[1] == basket }
            #expect("\(members.filter { $0[3] == "female" }.count) (\(Self.fixed(100 * Double(members.filter { $0[3] == "female" }.count) / Double(members.count), 0))%)" == label)
            #expect(o.cells["baseline/sex/\(basket)/female"] == label)
        }
        #expect(o.cells["baseline/kidney/SLE/yes"] == "8 (80%)" && o.cells["baseline/kidney/All/yes"] == "8 (33%)")
    }

    @Test("paired outcomes equal trialstats signed-rank and describe; Holm adjustment recomputed here")
    func pairedMatchesSignedRank() throws {
        let o = Self.output
        let paired = try #require(o.json["paired"] as? [[String: Any]])
        #expect(paired.count == 3)
        var pByGroup: [String: [Double]] = [:]
        for outcome in paired {
            let before = outcome["before"] as! String, after = outcome["after"] as! String
            let decimals = (outcome["decimals"] as! NSNumber).intValue
            let single = try Self.groups(try CLI.run(["signed-rank", Self.cohort, "--before", before, "--after", after, "--by", "basket", "--format", "json"]))
            let mine = outcome["groups"] as! [[String: Any]]
            #expect(single.map { $0["group"] as? String } == mine.map { $0["group"] as? String })
            for (s, m) in zip(single, mine) {
                let group = s["group"] as! String
                let test = m["test"] as! [String: Any]
                for field in ["n_pairs", "n_missing", "method", "statistic_v", "p_value", "estimate", "conf_low", "conf_high", "achieved_conf_level", "sign_test_p_value"] {
                    #expect("\(s[field] ?? "nil")" == "\(test[field] ?? "nil")", "\(after) \(group) \(field)")
                }
                let key = "paired/\(after)/\(group)"
                let p = exactDouble(s["p_value"])!
                pByGroup[group, default: []].append(p)
                #expect(o.cells["\(key)/p"] == Self.pText(p), "\(key)")
                var ci = Self.rangeText(Self.fixed(exactDouble(s["conf_low"])!, decimals), Self.fixed(exactDouble(s["conf_high"])!, decimals))
                if let achieved = exactDouble(s["achieved_conf_level"]) {
                    ci += " [\(String(format: "%.3g", achieved * 100).replacingOccurrences(of: "\\.?0+$", with: "", options: .regularExpression))%]"
                }
                #expect(o.cells["\(key)/shift"] == "\(Self.fixed(exactDouble(s["estimate"])!, decimals)) (\(ci))", "\(key)")
                let nMissing = (s["n_missing"] as! NSNumber).intValue
                #expect(o.cells["\(key)/n_pairs"] == (nMissing > 0 ? "\(s["n_pairs"]!) (\(nMissing) missing)" : "\(s["n_pairs"]!)"))
            }
            // Medians at both time points: describe on the complete pairs (here all rows but one FACIT value).
            if after == "vas_pga_month6" {
                let d = try Self.groups(try CLI.run(["describe", Self.cohort, "--column", after, "--by", "basket", "--format", "json"]))
                let all = d.last!
                #expect(o.cells["paired/\(after)/All/after"]
                        == "\(Self.fixed(exactDouble(all["median"])!, decimals)) [\(Self.fixed(exactDouble(all["q1"])!, decimals)); \(Self.fixed(exactDouble(all["q3"])!, decimals))]")
            }
        }
        // Holm across the three outcomes within each group, by hand: sort, multiply by 3, 2, 1, running maximum.
        for (group, p) in pByGroup {
            let order = p.indices.sorted { p[$0] < p[$1] }
            var holm = [Double](repeating: 0, count: 3), running = 0.0
            for (rank, i) in order.enumerated() { running = max(running, Double(3 - rank) * p[i]); holm[i] = min(1, running) }
            for (k, outcome) in paired.enumerated() {
                let key = "paired/\(outcome["after"] as! String)/\(group)/p_adjusted"
                #expect(o.cells[key] == Self.pText(holm[k]), "\(key)")
            }
        }
    }

    @Test("response rates and MCID responders equal trialstats binom")
    func proportionsMatchBinom() throws {
        let o = Self.output
        let single = try Self.groups(try CLI.run(["binom", Self.cohort, "--response", "efficacy_week24", "--by", "basket", "--format", "json"]))
        let mine = ((o.json["responses"] as! [[String: Any]])[0]["groups"] as! [[String: Any]])
        #expect(single.map { "\($0["x"]!)/\($0["n"]!)" } == ["9/10", "9/9", "4/5", "22/24"])
        for (s, m) in zip(single, mine) {
            let interval = (s["intervals"] as! [[String: Any]])[0]
            #expect(exactDouble(m["lower"]) == exactDouble(interval["lower"]) && exactDouble(m["upper"]) == exactDouble(interval["upper"]))
            let x = (s["x"] as! NSNumber).intValue, n = (s["n"] as! NSNumber).intValue
            let text = "\(x)/\(n) (\(Self.percent(Double(x) / Double(n)))%) [\(Self.percent(exactDouble(interval["lower"])!))–\(Self.percent(exactDouble(interval["upper"])!))]"
            #expect(o.cells["responses/efficacy_week24/\(s["label"] as! String)"] == text)
        }
        // Responders: x/n from the analysis, intervals from `binom X N`; x recounted here for VAS (All).
        let rows = try String(contentsOfFile: Self.cohort, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let vasResponders = rows.filter { Double($0[8])! - Double($0[7])! <= -10 }.count
        for outcome in o.json["paired"] as! [[String: Any]] {
            for g in outcome["groups"] as! [[String: Any]] {
                for r in g["responders"] as! [[String: Any]] {
                    let x = (r["x"] as! NSNumber).intValue, n = (r["n"] as! NSNumber).intValue
                    if outcome["after"] as? String == "vas_pga_month6", g["group"] as? String == "All" { #expect(x == vasResponders && n == 24) }
                    let b = (try Self.groups(try CLI.run(["binom", String(x), String(n), "--format", "json"])))[0]
                    let interval = (b["intervals"] as! [[String: Any]])[0]
                    #expect(exactDouble(r["lower"]) == exactDouble(interval["lower"]) && exactDouble(r["upper"]) == exactDouble(interval["upper"]))
                    let key = "responders/\(outcome["after"] as! String)/\(exactDouble(r["mcid"])!)/\(g["group"] as! String)"
                    let text = "\(x)/\(n) (\(Self.percent(Double(x) / Double(n)))%) [\(Self.percent(exactDouble(interval["lower"])!))–\(Self.percent(exactDouble(interval["upper"])!))]"
                    #expect(o.cells[key] == text, "\(key)")
                }
            }
        }
        // intervals.csv: the long format of binom, one row per proportion (4 response rates, 4 × 4 responder rates).
        let csv = try String(contentsOf: o.folder.appendingPathComponent("intervals.csv"), encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "label,x,n,estimate,method,conf_level,alternative,lower,upper")
        #expect(csv.count == 1 + 4 + 16)
        #expect(csv[1].hasPrefix("Basket-specific efficacy endpoint at week 24 / SLE,9,10,0.9,clopper-pearson,0.95,two-sided,"))
    }

    @Test("survival equals trialstats km, and km.svg is the figure km --plot draws")
    func survivalMatchesKM() throws {
        let o = Self.output
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("km.svg").path
        let result = try CLI.run(["km", Self.cohort, "--start", "infusion_date", "--end", "drug_free_end", "--event", "drug_free_event", "--by", "basket",
                                  "--unit", "months", "--at", "6,12,24", "--format", "json", "--plot", svg, "--plot-endpoint", "Drug-free survival"])
        let single = try Self.groups(result)
        let survival = o.json["survival"] as! [String: Any]
        let mine = survival["groups"] as! [[String: Any]]
        for (s, m) in zip(single, mine) {
            let group = s["group"] as! String
            for field in ["n", "events", "median", "median_lower", "median_upper", "follow_up_median", "follow_up_min", "follow_up_max"] {
                #expect("\(s[field] ?? "nil")" == "\(m[field] ?? "nil")", "\(group) \(field)")
            }
            let median = exactDouble(s["median"]).map { Self.fixed($0, 1) } ?? "not reached"
            let ci = Self.rangeText(exactDouble(s["median_lower"]).map { Self.fixed($0, 1) } ?? "NR", exactDouble(s["median_upper"]).map { Self.fixed($0, 1) } ?? "NR")
            #expect(o.cells["survival/\(group)/median"] == "\(median) (\(ci))")
            for a in s["at"] as! [[String: Any]] {
                let t = exactDouble(a["time"])!
                let text = "\(Self.percent(exactDouble(a["survival"])!)) (\(Self.percent(exactDouble(a["lower"])!))–\(Self.percent(exactDouble(a["upper"])!)))"
                #expect(o.cells["survival/\(group)/at/\(t)"] == text, "\(group) at \(t)")
            }
            let f = "\(Self.fixed(exactDouble(s["follow_up_median"])!, 1)) [\(Self.fixed(exactDouble(s["follow_up_min"])!, 1))–\(Self.fixed(exactDouble(s["follow_up_max"])!, 1))]"
            #expect(o.cells["survival/\(group)/follow_up"] == f)
            #expect(o.cells["survival/\(group)/events"] == "\(s["events"]!)")
        }
        let logrank = try jsonObject(result.stdout)["logrank"] as! [String: Any]
        #expect(exactDouble((survival["logrank"] as! [String: Any])["p_value"]) == exactDouble(logrank["p_value"]))
        #expect(o.cells["survival/logrank/p"] == Self.pText(exactDouble(logrank["p_value"])!))
        let kmFigure = try String(contentsOfFile: svg, encoding: .utf8)
        let analyzeFigure = try String(contentsOf: o.folder.appendingPathComponent("km.svg"), encoding: .utf8)
        #expect(kmFigure == analyzeFigure)
        #expect(o.html.contains(kmFigure.split(separator: "\n")[3]))
    }

    @Test("the same inputs give the same bytes; a JSON plan gives the same analysis")
    func deterministicAndJSONPlan() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let again = folder.appendingPathComponent("again").path
        #expect(try CLI.run(["analyze", Self.cohort, "--plan", Self.plan, "--out", again]).status == 0)
        for name in ["report.html", "analysis.json", "intervals.csv", "km.svg", "tables/paired.csv"] {
            #expect(FileManager.default.contents(atPath: again + "/" + name) == FileManager.default.contents(atPath: Self.output.folder.path + "/" + name), "\(name)")
        }
        let jsonPlan = try CLI.write("""
            {"basket": "basket", "baskets": ["SLE", "SSc", "IIM"], "adjust": "holm",
             "paired": [{"label": "HAQ-DI", "before": "haq_baseline", "after": "haq_month6", "mcid": -0.22}]}
            """, named: "plan.json", in: folder)
        let out = folder.appendingPathComponent("json").path
        let result = try CLI.run(["analyze", Self.cohort, "--plan", jsonPlan, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let analysis = try jsonObject(String(contentsOfFile: out + "/analysis.json", encoding: .utf8))
        let haq = ((analysis["paired"] as! [[String: Any]])[0]["groups"] as! [[String: Any]]).last!["test"] as! [String: Any]
        let reference = ((Self.output.json["paired"] as! [[String: Any]])[1]["groups"] as! [[String: Any]]).last!["test"] as! [String: Any]
        #expect(exactDouble(haq["p_value"]) == exactDouble(reference["p_value"]))
    }

    /// Bad plans and cohorts: one line on standard error naming the plan line or the data row, the
    /// documented exit status, and nothing written.
    @Test("bad plans and cohorts fail before any output", arguments: [
        ("unknown basket column", "basket: basket", "basket: arm", nil, nil, Int32(65),
         "PLAN, line 5: no column \"arm\" in COHORT; the columns are \"patient\", \"basket\""),
        ("binary column with a third value", nil, nil, "S05,SLE,47,female,2.3,1,1,70,59,0.625,0.0,44,51,1,", "S05,SLE,47,female,2.3,1,1,70,59,0.625,0.0,44,51,maybe,", 65,
         "COHORT, row 6, column \"efficacy_week24\": value \"maybe\" is not allowed; expected a binary value 1/0, yes/no or true/false (PLAN line 63); the column holds \"0\", \"1\", \"maybe\""),
        ("date that does not parse", nil, nil, "2023-04-18,2025-06-30", "2023-02-30,2025-06-30", 65,
         "COHORT, row 3, column \"infusion_date\": value \"2023-02-30\" is not allowed; expected a date YYYY-MM-DD"),
        ("empty basket listed in the plan", "baskets: [SLE, SSc, IIM]", "baskets: [SLE, SSc, IIM, MCTD]", nil, nil, 65,
         "PLAN, line 6: basket \"MCTD\" has no patients in COHORT (column \"basket\" holds \"SLE\", \"SSc\", \"IIM\")"),
        ("patient without a basket", nil, nil, "S07,SLE,", "S07,,", 65,
         "COHORT, row 8, column \"basket\": value \"\" is not allowed; expected a basket (every patient needs one; plan line 5)"),
        ("impossible setting", "mcid: -10 ", "mcid: 10 ", nil, nil, 65,
         "PLAN, line 47: mcid 10.0 points the wrong way: with better: lower an improvement is a change below 0 (for example -10)"),
        ("issue 13: a basket named All", nil, nil, "S07,SLE,", "S07,All,", 65,
         "COHORT, row 8, column \"basket\": value \"All\" is not allowed; expected a group name other than \"All\", which names the row of all groups together (plan line 5)"),
        ("unknown key", "unit: months", "units: months", nil, nil, 65,
         "PLAN, line 71: unknown key \"units\"; expected one of label, time, start, end, event, unit, landmarks, tau, conf_type, rho, bands"),
    ] as [(String, String?, String?, String?, String?, Int32, String)])
    func badInputs(_ name: String, _ planFrom: String?, _ planTo: String?, _ cohortFrom: String?, _ cohortTo: String?,
                   _ status: Int32, _ message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var planText = try String(contentsOfFile: Self.plan, encoding: .utf8)
        var cohortText = try String(contentsOfFile: Self.cohort, encoding: .utf8)
        if let planFrom, let planTo {
            #expect(planText.contains(planFrom), "\(name)")
            planText = planText.replacingOccurrences(of: planFrom, with: planTo)
        }
        if let cohortFrom, let cohortTo {
            #expect(cohortText.contains(cohortFrom), "\(name)")
            cohortText = cohortText.replacingOccurrences(of: cohortFrom, with: cohortTo)
        }
        _ = try CLI.write(planText, named: "plan.yaml", in: folder)
        _ = try CLI.write(cohortText, named: "cohort.csv", in: folder)
        // Relative paths, run in the folder: the messages name the files as typed, and stay
        // within the 300-character error line whatever the temporary folder's name.
        let result = try CLI.run(["analyze", "cohort.csv", "--plan", "plan.yaml", "--out", "out"], in: folder)
        #expect(result.status == status, "\(name): \(result.stderr)")
        let expected = "trialstats: error: " + message.replacingOccurrences(of: "PLAN", with: "plan.yaml").replacingOccurrences(of: "COHORT", with: "cohort.csv")
        #expect(result.stderr.hasPrefix(expected), "\(name): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(name)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["cohort.csv", "plan.yaml"], "\(name)")
    }

    @Test("an existing folder needs --force, and a folder holding the inputs is never replaced")
    func neverOverwritesInputs() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try CLI.write(try String(contentsOfFile: Self.cohort, encoding: .utf8), named: "cohort.csv", in: folder)
        let plan = try CLI.write(try String(contentsOfFile: Self.plan, encoding: .utf8), named: "plan.yaml", in: folder)
        let refused = try CLI.run(["analyze", cohort, "--plan", plan, "--out", folder.path, "--force"])
        #expect(refused.status == 73 && refused.stderr.contains("it holds the input \(cohort), which would be overwritten"), "\(refused.stderr)")
        let onInput = try CLI.run(["analyze", cohort, "--plan", plan, "--out", cohort, "--force"])
        #expect(onInput.status == 73 && onInput.stderr.contains("it is a file, not a folder"))
        #expect(FileManager.default.contents(atPath: cohort) == FileManager.default.contents(atPath: Self.cohort))
        let out = folder.appendingPathComponent("out").path
        #expect(try CLI.run(["analyze", cohort, "--plan", plan, "--out", out]).status == 0)
        let again = try CLI.run(["analyze", cohort, "--plan", plan, "--out", out])
        #expect(again.status == 73 && again.stderr.contains("it already exists; give --force to replace it"))
        #expect(try CLI.run(["analyze", cohort, "--plan", plan, "--out", out, "--force"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["cohort.csv", "out", "plan.yaml"])
        let missing = try CLI.run(["analyze", cohort, "--plan", folder.appendingPathComponent("nope.yaml").path, "--out", folder.appendingPathComponent("x").path])
        #expect(missing.status == 66 && missing.stderr.contains("nope.yaml: no such file"))
    }
}

extension AnalyzeCommandTests {
    /// Issue 12 item 9: a basket with no month-6 values and no efficacy value (an interim
    /// analysis) is reported with n = 0, null results and a note; every file is written.
    @Test("issue 12.9: an empty basket does not stop analyze")
    func emptyBasket() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = try String(contentsOfFile: Self.cohort, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let emptied = ["vas_pga_month6", "haq_month6", "facit_month6", "efficacy_week24"].map { header.firstIndex(of: $0)! }
        for i in lines.indices.dropFirst() where lines[i][1] == "IIM" { for c in emptied { lines[i][c] = "NA" } }
        let cohort = try CLI.write(lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n", named: "cohort.csv", in: folder)
        let out = folder.appendingPathComponent("report").path
        let result = try CLI.run(["analyze", cohort, "--plan", Self.plan, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try jsonObject(String(contentsOfFile: out + "/analysis.json", encoding: .utf8))
        let response = try #require((json["responses"] as? [[String: Any]])?.first?["groups"] as? [[String: Any]])
        #expect(response.map { $0["group"] as? String } == ["SLE", "SSc", "IIM", "All"])
        #expect(response[2]["n"] as? Int == 0 && response[2]["lower"] is NSNull && response[2]["note"] as? String == "no non-missing values")
        let paired = try #require(json["paired"] as? [[String: Any]])
        for outcome in paired {
            let iim = try #require((outcome["groups"] as? [[String: Any]])?[2])
            let test = try #require(iim["test"] as? [String: Any])
            #expect(test["n_pairs"] as? Int == 0 && test["p_value"] is NSNull && iim["after"] is NSNull)
        }
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("data-cell=\"responses/efficacy_week24/IIM\">0/0 (—)<"))
        #expect(FileManager.default.fileExists(atPath: out + "/tables/paired.csv"))
    }
}

extension AnalyzeCommandTests {
    /// Issue 14 ("In analyze"): with `compare: true` Table 1 has a P column. Each p-value in
    /// analysis.json is the one `trialstats compare COHORT --column C --by basket --test T` prints
    /// for the test T the analysis names (to the last bit), the report prints it in the p-value
    /// format under the footnote of its test, tables/baseline.csv carries it, and it agrees with R
    /// 4.2 (`kruskal.test`, `fisher.test`; Fixtures/reference/analyze_compare.R) to 1e-9.
    @Test("Table 1's p-values equal trialstats compare --test T, R's kruskal.test and fisher.test, and print in report.html and baseline.csv (issue 14)")
    func baselinePValuesMatchCompare() throws {
        let o = Self.output
        let baseline = try #require(o.json["baseline"] as? [[String: Any]])
        let castle = try AnalyzeCompareReference.load().castle
        #expect(castle.count == baseline.count)
        let csv = try String(contentsOfFile: o.folder.appendingPathComponent("tables/baseline.csv").path, encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(csv.first)
        #expect(Array(header.suffix(6)) == ["test", "method", "statistic", "df", "p_value", "comparison_note"])
        let pIndex = try #require(header.firstIndex(of: "p_value")), testIndex = try #require(header.firstIndex(of: "test"))
        var tests: Set<String> = []
        for variable in baseline {
            let column = try #require(variable["column"] as? String)
            let comparison = try #require(variable["comparison"] as? [String: Any], "\(column)")
            let test = try #require(comparison["test"] as? String)
            let p = try #require(exactDouble(comparison["p_value"]))
            tests.insert(test)
            #expect(test == (variable["type"] as? String == "continuous" ? "kruskal" : "fisher"), "\(column)")
            #expect(comparison["groups"] as? [String] == ["SLE", "SSc", "IIM"] && comparison["note"] is NSNull)

            let compare = try CLI.run(["compare", Self.cohort, "--column", column, "--by", "basket", "--test", test, "--format", "json"])
            #expect(compare.status == 0, "\(compare.stderr)")
            let result = try #require((try jsonObject(compare.stdout)["results"] as? [[String: Any]])?.first)
            for field in ["p_value", "statistic", "df"] {
                #expect(exactDouble(comparison[field]) == exactDouble(result[field]), "\(column) \(field)")
            }
            #expect(comparison["method"] as? String == result["method"] as? String)

            let r = try #require(castle[column], "\(column)")
            #expect(r.test == test && agrees(p, r.p_value, relative: 1e-9), "\(column): \(p) vs R \(r.p_value)")

            #expect(o.cells["baseline/\(column)/p"] == Self.pText(p), "\(column)")
            let rows = csv.dropFirst().filter { $0.first == column }
            #expect(!rows.isEmpty && rows.allSatisfy { Double($0[pIndex]) == p && $0[testIndex] == test }, "\(column)")
        }
        #expect(tests == ["kruskal", "fisher"])
        // One footnote per test, its letter on each of its p-values.
        #expect(o.html.contains("<sup>a</sup> Kruskal–Wallis test across the baskets with values: chi-square approximation with tie correction (R <code>kruskal.test(x ~ basket)</code>)."))
        #expect(o.html.contains("<sup>b</sup> Fisher&#39;s exact test across the baskets with values: Freeman–Halton, r×c table (R <code>fisher.test(table(x, basket))</code>)."))
        #expect(o.html.contains("data-cell=\"baseline/age/p\">0.41<sup>a</sup>") && o.html.contains("data-cell=\"baseline/kidney/p\">&lt; 0.0001<sup>b</sup>"))
    }

    /// Issue 14: a basket with no value of a variable is left out of its comparison and named; a
    /// variable with values in one basket only has no p-value and a note saying why, in the
    /// report, analysis.json and baseline.csv — not an error.
    @Test("an empty basket is left out of the comparison; values in one basket give no p-value and a note (issue 14)")
    func baselineComparisonNotes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = try String(contentsOfFile: Self.cohort, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let facit = header.firstIndex(of: "facit_baseline")!, haq = header.firstIndex(of: "haq_baseline")!
        for i in lines.indices.dropFirst() {
            if lines[i][1] == "IIM" { lines[i][facit] = "NA" }
            if lines[i][1] != "SLE" { lines[i][haq] = "" }
        }
        let cohort = try CLI.write(lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n", named: "cohort.csv", in: folder)
        let out = folder.appendingPathComponent("report").path
        let result = try CLI.run(["analyze", cohort, "--plan", Self.plan, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try jsonObject(String(contentsOfFile: out + "/analysis.json", encoding: .utf8))
        let baseline = try #require(json["baseline"] as? [[String: Any]])
        func comparison(_ column: String) throws -> [String: Any] {
            try #require(baseline.first { $0["column"] as? String == column }?["comparison"] as? [String: Any])
        }
        // FACIT: IIM left out, SLE against SSc by the rank-sum test, as compare gives it.
        let f = try comparison("facit_baseline")
        #expect(f["test"] as? String == "rank-sum" && f["groups"] as? [String] == ["SLE", "SSc"])
        #expect(f["note"] as? String == "IIM has no values and is left out of the comparison")
        let compare = try CLI.run(["compare", cohort, "--column", "facit_baseline", "--by", "basket", "--test", "rank-sum", "--format", "json"])
        let expected = try #require((try jsonObject(compare.stdout)["results"] as? [[String: Any]])?.first)
        #expect(exactDouble(f["p_value"]) == exactDouble(expected["p_value"]) && exactDouble(f["statistic"]) == exactDouble(expected["statistic"]))
        // HAQ: values in SLE only.
        let h = try comparison("haq_baseline")
        #expect(h["p_value"] is NSNull && h["test"] is NSNull)
        #expect(h["note"] as? String == "no p-value: values in SLE only; a comparison needs two baskets with values")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("data-cell=\"baseline/haq_baseline/p\">—<sup>"))
        #expect(html.contains(" No p-value. HAQ-DI: values in SLE only; a comparison needs two baskets with values."))
        #expect(html.contains("Baskets without values, left out of the comparison: IIM from FACIT-Fatigue."))
        let csv = try String(contentsOfFile: out + "/tables/baseline.csv", encoding: .utf8)
        #expect(csv.contains("no p-value: values in SLE only; a comparison needs two baskets with values"))
    }
}
