import Foundation
import Testing

/// Issue 12, item 8: every numeric option takes a negative value as typed (`--min -3` as
/// `--min=-3`), for reconstruct, compare, verify, reproduce and the options every command shares.
@Suite("Issue 12 item 8: negative option values as typed")
struct NegativeOptionValuesTests {
    @Test("reconstruct --min -3 works like --min=-3, also for summaries printed with a minus sign")
    func reconstructNegativeScale() throws {
        let common = ["reconstruct", "--n", "6", "--max", "3", "--step", "0.125", "--profile", "r", "--p", "P = 0.03"]
        let typed = try CLI.run(common + ["--min", "-3", "--before", "-1.0 [-1.5; -0.5]", "--after", "-0.5 [-1.0; -0.25]"])
        let joined = try CLI.run(common + ["--min=-3", "--before=-1.0 [-1.5; -0.5]", "--after=-0.5 [-1.0; -0.25]"])
        #expect(typed.status == 0, "\(typed.stderr)")
        #expect(typed.stdout == joined.stdout && typed.stdout.contains("scale -3 to 3 step 0.125") && typed.stdout.contains("feasible: yes"))
    }

    @Test("a negative count, level or scale bound reaches the option's own check, not \"Missing value\"", arguments: [
        (["reconstruct", "--n", "-3", "--before", "1 [0; 2]", "--after", "1 [0; 2]", "--p", "P = 0.5", "--min", "0", "--max", "9", "--step", "1"],
         "--n must be at least 1; got -3."),
        (["reconstruct", "--n", "6", "--before", "1 [0; 2]", "--after", "1 [0; 2]", "--p", "P = 0.5", "--min", "0", "--max", "9", "--step", "-1"],
         "--min, --max, --step:"),
        (["reconstruct", "--n", "6", "--before", "1 [0; 2]", "--after", "1 [0; 2]", "--p", "P = 0.5", "--min", "0", "--max", "9", "--step", "1", "--effort", "-2"],
         "--effort must be between 1 and 100; got -2."),
        (["reconstruct", "--n", "6", "--before", "1 [0; 2]", "--after", "1 [0; 2]", "--p", "P = 0.5", "--min", "0", "--max", "9", "--step", "1", "--quantile-type", "-7"],
         "'-7' is invalid for '--quantile-type"),
        (["reconstruct", "--n", "6", "--before", "1 [0; 2]", "--after", "1 [0; 2]", "--p", "P = 0.5", "--min", "0", "--max", "9", "--step", "1", "--seed", "-1"],
         "'-1' is invalid for '--seed"),
        (["verify", "--corpus", "/tmp", "--output", "/tmp/trialstats-never.jsonl", "--jobs", "-1"], "--jobs must be between 1 and 256; got -1."),
        (["reproduce", "castle", "--conf-level", "-0.9"], "--conf-level must be strictly between 0 and 1; got -0.9."),
        (["compare", "--counts", "-1,2;3,4"], "--counts takes non-negative whole numbers, commas between counts and ; between rows; \"-1\" is not one."),
    ])
    func negativeValuesReachTheirCheck(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message) && !result.stderr.contains("Missing value"), "\(arguments): \(result.stderr)")
    }

    @Test("compare --mu -2 works like --mu=-2")
    func compareNegativeShift() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("arm,age\nA,30\nA,41\nA,35\nB,50\nB,44\nB,39\n", named: "two.csv", in: folder)
        let typed = try CLI.run(["compare", file, "--column", "age", "--by", "arm", "--test", "welch", "--mu", "-2", "--format", "json"])
        let joined = try CLI.run(["compare", file, "--column", "age", "--by", "arm", "--test", "welch", "--mu=-2", "--format", "json"])
        #expect(typed.status == 0 && typed.stdout == joined.stdout, "\(typed.stderr)")
    }

    /// A negative missing-value code (SAS and SPSS exports write -99 or -1) is taken as typed by
    /// every command that reads data: `--na -99` equals `--na=-99`, and the coded cells are missing.
    @Test("--na -99 takes the negative code as typed", arguments: [
        ["describe", "--column", "age"],
        ["signed-rank", "--before", "age", "--after", "later"],
        ["compare", "--column", "age", "--by", "arm", "--test", "welch"],
    ])
    func negativeMissingCode(command: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try CLI.write("arm,age,later\nA,30,31\nA,-99,40\nA,35,33\nB,50,-99\nB,44,47\nB,39,45\nA,41,44\n", named: "coded.csv", in: folder)
        let typed = try CLI.run([command[0], file] + command.dropFirst() + ["--na", "-99", "--format", "json"])
        let joined = try CLI.run([command[0], file] + command.dropFirst() + ["--na=-99", "--format", "json"])
        #expect(typed.status == 0 && typed.stdout == joined.stdout, "\(command): \(typed.stderr)")
        let unset = try CLI.run([command[0], file] + command.dropFirst() + ["--format", "json"])
        #expect(unset.stdout != typed.stdout, "\(command): -99 must be read as missing, changing the result")
    }
}
