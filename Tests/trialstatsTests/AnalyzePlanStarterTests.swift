import Foundation
import Testing

/// `analyze --init` writes a plan from a cohort the project has not seen, `--check` validates it
/// without writing anything, and `analyze` runs it: five baskets with long names, one of 2 patients.
@Suite("analyze --init and --check on an unseen cohort")
struct AnalyzePlanStarterTests {
    static let baskets = ["Systemic lupus erythematosus", "Idiopathic inflammatory myositis", "Systemic sclerosis (diffuse cutaneous)",
                          "ANCA-associated vasculitis", "Neuromyelitis optica spectrum disorder"]

    /// 29 patients (9, 7, 6, 5, 2), columns named unlike the bundled cohort's.
    static func cohort() -> String {
        var rows = ["subject_id,indication,age_years,gender,crp_baseline,crp_week12,remission_w12,treatment_start,last_contact,relapsed"]
        var k = 0
        for (basket, size) in zip(baskets, [9, 7, 6, 5, 2]) {
            for _ in 0..<size {
                k += 1
                let day = 10 + k % 18
                rows.append("U\(k),\"\(basket)\",\(20 + (k * 7) % 50),\(k % 3 == 0 ? "M" : "F"),\(10 + k % 9).5,\(3 + k % 5).5,\(k % 2),2022-03-\(day),2023-\(1 + k % 12 < 10 ? "0" : "")\(1 + k % 12)-15,\(k % 3 == 1 ? 1 : 0)")
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    @Test("--init guesses the columns, --check passes and writes nothing, analyze writes the report")
    func initCheckAnalyze() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try CLI.write(Self.cohort(), named: "unseen.csv", in: folder)
        let start = try CLI.run(["analyze", cohort, "--init"])
        #expect(start.status == 0, "\(start.stderr)")
        let plan = start.stdout
        #expect(plan.contains("basket: indication\n"))
        #expect(plan.contains("baskets: [Systemic lupus erythematosus, Idiopathic inflammatory myositis, Systemic sclerosis (diffuse cutaneous), ANCA-associated vasculitis, Neuromyelitis optica spectrum disorder]"))
        #expect(plan.contains("before: crp_baseline\n    after: crp_week12\n") && plan.contains("better: lower           # CHECK"))
        #expect(plan.contains("  - {column: remission_w12, label: remission_w12}"))
        #expect(plan.contains("  start: treatment_start\n  end: last_contact\n  event: relapsed\n"))
        #expect(plan.contains("  - column: gender\n    label: gender\n    type: categorical\n    levels: [F, M]\n"))
        let planPath = try CLI.write(plan, named: "plan.yaml", in: folder)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let check = try CLI.run(["analyze", cohort, "--plan", planPath, "--check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("\(planPath) fits \(cohort): 29 patients in 5 baskets (Systemic lupus erythematosus 9, "))
        #expect(check.stdout.contains("Neuromyelitis optica spectrum disorder 2); it analyses 3 baseline variables, 1 paired outcome, 1 response endpoint, Survival ("))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == before)
        let out = folder.appendingPathComponent("report").path
        let run = try CLI.run(["analyze", cohort, "--plan", planPath, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["report.html", "km.svg", "km.pdf", "tables.docx"] { #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)") }

        // Issue 14: the starting plan offers compare: commented; uncommented, --check reads it
        // and says how many variables get a p-value; a misspelt test names its line.
        #expect(plan.contains("\n# compare: true "))
        let comparing = try CLI.write(plan.replacingOccurrences(of: "\n# compare: true ", with: "\ncompare: true   "), named: "plan-compare.yaml", in: folder)
        let checked = try CLI.run(["analyze", cohort, "--plan", comparing, "--check"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("it analyses 3 baseline variables (3 of them with a p-value across the baskets), 1 paired outcome"), "\(checked.stdout)")
        let lines = plan.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let gender = try #require(lines.firstIndex(of: "  - column: gender"))
        var bad = lines
        bad.insert("    test: wilcoxon", at: gender + 2)
        let badPlan = try CLI.write(bad.joined(separator: "\n"), named: "plan-bad.yaml", in: folder)
        let refused = try CLI.run(["analyze", cohort, "--plan", badPlan, "--check"])
        #expect(refused.status == 65 && refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("trialstats: error: \(badPlan), line \(gender + 3): test \"wilcoxon\" is not allowed; choose from auto, rank-sum"), "\(refused.stderr)")
    }

    @Test("--check names the plan line of a column the cohort lacks, exit 65, and writes nothing")
    func checkFails() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try CLI.write(Self.cohort(), named: "unseen.csv", in: folder)
        let plan = try CLI.write("basket: arm\nresponses:\n  - {column: remission_w12}\n", named: "plan.yaml", in: folder)
        let check = try CLI.run(["analyze", cohort, "--plan", plan, "--check"])
        #expect(check.status == 65 && check.stdout.isEmpty)
        #expect(check.stderr.hasPrefix("trialstats: error: \(plan), line 1: no column \"arm\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["plan.yaml", "unseen.csv"])
    }

    @Test("usage: --init takes only the cohort; --check needs --plan and no --out; a run needs both", arguments: [
        ["--init", "--plan", "p.yaml"], ["--check"], ["--check", "--plan", "p.yaml", "--out", "d"], ["--plan", "p.yaml"],
    ])
    func usage(_ arguments: [String]) throws {
        #expect(try CLI.run(["analyze", "c.csv"] + arguments).status == 64)
    }

    /// The bundled cohort with the end date split into a relapse date (events only) and a last
    /// visit (everyone), and without the event column.
    static func splitEnds() throws -> String {
        let lines = try String(contentsOfFile: CLI.fixture("castle/cohort.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let end = header.firstIndex(of: "drug_free_end")!, event = header.firstIndex(of: "drug_free_event")!
        return lines.enumerated().map { k, line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let replaced = k == 0 ? ["relapse_date", "last_visit"] : cells[event] == "1" ? [cells[end], "2025-06-30"] : ["", cells[end]]
            cells.remove(at: event)
            cells.replaceSubrange(end...end, with: replaced)
            return cells.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    @Test("survival end: [relapse_date, last_visit] with event: first-end gives the survival of the single end date and event (issue 18)")
    func endListDerivedEvent() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohort = try CLI.write(try Self.splitEnds(), named: "ends.csv", in: folder)
        let plan = try String(contentsOfFile: CLI.fixture("castle/plan.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  end: drug_free_end\n  event: drug_free_event\n", with: "  end: [relapse_date, last_visit]\n  event: first-end\n")
        let planPath = try CLI.write(plan, named: "plan.yaml", in: folder)
        let mine = folder.appendingPathComponent("mine").path, bundled = folder.appendingPathComponent("bundled").path
        #expect(try CLI.run(["analyze", cohort, "--plan", planPath, "--out", mine]).status == 0)
        #expect(try CLI.run(["analyze", CLI.fixture("castle/cohort.csv"), "--plan", CLI.fixture("castle/plan.yaml"), "--out", bundled]).status == 0)
        for table in ["survival.csv", "survival-steps.csv", "logrank.csv"] {
            #expect(try String(contentsOfFile: mine + "/tables/" + table, encoding: .utf8) == String(contentsOfFile: bundled + "/tables/" + table, encoding: .utf8), "\(table)")
        }
        let split = try CLI.run(["km", cohort, "--start", "infusion_date", "--end", "relapse_date,last_visit", "--event", "first-end", "--by", "basket", "--unit", "months", "--format", "csv"])
        let single = try CLI.run(["km", CLI.fixture("castle/cohort.csv"), "--start", "infusion_date", "--end", "drug_free_end", "--event", "drug_free_event",
                                  "--by", "basket", "--unit", "months", "--format", "csv"])
        #expect(split.status == 0 && split.stdout == single.stdout, "\(split.stderr)")
    }

    @Test("--init on a relapse date with gaps and a complete last visit proposes end: [relapse_date, last_visit] with event: first-end, and runs as it stands")
    func initSplitEnds() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A whole-number id column: an identifier, not a baseline variable.
        var lines = try Self.splitEnds().split(separator: "\n").map(String.init)
        for k in lines.indices { lines[k] = (k == 0 ? "id" : String(100 + k)) + "," + lines[k] }
        let cohort = try CLI.write(lines.joined(separator: "\n") + "\n", named: "ends.csv", in: folder)
        let start = try CLI.run(["analyze", cohort, "--init"])
        #expect(start.status == 0, "\(start.stderr)")
        #expect(start.stdout.contains("# Columns: id (identifier), patient (identifier), basket (categorical)"), "\(start.stdout)")
        #expect(!start.stdout.contains("column: id\n"))
        #expect(start.stdout.contains("  start: infusion_date\n  end: [relapse_date, last_visit]   # CHECK: the first with a date wins\n"
            + "  event: first-end           # CHECK: an event when relapse_date has a date, else censored at last_visit\n"), "\(start.stdout)")
        let plan = try CLI.write(start.stdout, named: "plan.yaml", in: folder)
        let check = try CLI.run(["analyze", cohort, "--plan", plan, "--check"])
        #expect(check.status == 0 && check.stdout.contains("Survival (3 events)"), "\(check.stdout) \(check.stderr)")
        let out = folder.appendingPathComponent("report").path
        #expect(try CLI.run(["analyze", cohort, "--plan", plan, "--out", out]).status == 0)
    }

    @Test("a basket whose patients all had the event has no median follow-up: the cell prints — and the footnote says why")
    func noFollowUpMedian() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var rows = ["id,arm,time,event"]
        for k in 1...6 { rows.append("A\(k),A,\(k * 3),1") }
        for k in 1...6 { rows.append("B\(k),B,\(k * 4),\(k % 2)") }
        let cohort = try CLI.write(rows.joined(separator: "\n") + "\n", named: "c.csv", in: folder)
        let plan = try CLI.write("basket: arm\nsurvival:\n  label: Survival\n  time: time\n  event: event\n  unit: months\n", named: "p.yaml", in: folder)
        let out = folder.appendingPathComponent("r").path
        let run = try CLI.run(["analyze", cohort, "--plan", plan, "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        let html = AnalyzeCommandTests.withoutNoWrapSpans(try String(contentsOfFile: out + "/report.html", encoding: .utf8))
        #expect(html.contains("data-cell=\"survival/A/follow_up\">— [3.0–18.0]") || html.contains(">— [3–18]"), "\(html)")
        #expect(html.contains("—, no median: the reverse curve never falls to 50% (too few patients censored)."))
    }

    @Test("--init: a column name or basket with a line break stays inside its comment; comments wrap at 100 columns; the plan checks")
    func initCommentsStayComments() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let names = ["id", "\"bad\nname\""] + (1...30).map { "measurement_\($0)" } + ["basket"]
        let rows = (0..<8).map { k in
            (["\(100 + k)", "\(k % 3)"] + (1...30).map { "\($0 + k)" } + [k % 2 == 0 ? "A" : "\"B\nline\""]).joined(separator: ",")
        }
        let cohort = try CLI.write(([names.joined(separator: ",")] + rows).joined(separator: "\n") + "\n", named: "wide.csv", in: folder)
        let start = try CLI.run(["analyze", cohort, "--init"])
        #expect(start.status == 0, "\(start.stderr)")
        let lines = start.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(start.stdout.contains("bad\\nname (numeric)"), "\(start.stdout)")
        #expect(start.stdout.contains("B\\nline 4"), "\(start.stdout)")
        #expect(!lines.contains { $0.hasPrefix("name") || $0.hasPrefix("line") }, "\(start.stdout)")
        let comments = lines.prefix { $0.hasPrefix("#") }
        #expect(comments.count >= 6)
        for line in comments where !line.hasPrefix("#   trialstats analyze") { #expect(line.count <= 100, "\(line)") }
        let plan = try CLI.write(start.stdout, named: "plan.yaml", in: folder)
        let check = try CLI.run(["analyze", cohort, "--plan", plan, "--check"])
        #expect(check.status == 0, "\(check.stdout) \(check.stderr)")
    }
}

