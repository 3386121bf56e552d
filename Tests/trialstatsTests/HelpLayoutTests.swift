import Foundation
import Testing

/// Help text laid out for an 80-column terminal keeps its hand-made blocks whole.
@Suite("help at 80 columns")
struct HelpLayoutTests {
    @Test("binom --help: the \"Three ways in\" block is not broken at 80 columns (issue 18)")
    func binomThreeWaysIn() throws {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["binom", "--help"]
        process.environment = ["COLUMNS": "80"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "Three ways in:"))
        #expect(Array(lines[start...(start + 6)]) == [
            "Three ways in:",
            "  trialstats binom X N",
            "      one proportion, X of N",
            "  trialstats binom --counts FILE --x COL --n COL [--label COL ...]",
            "      one result per row of counts",
            "  trialstats binom FILE --response COL [--by G]",
            "      patient-level 1/0, yes/no, true/false, responder/non-responder",
        ])
        #expect(lines[start...(start + 6)].allSatisfy { $0.count <= 80 })
        // No line of the help runs past 80 columns (the CSV field list used to, as one 87-character word).
        for line in lines { #expect(line.count <= 80, "\(line.count): \(line)") }
    }

    /// Standard output of the binary with `arguments`.
    static func output(_ arguments: [String]) throws -> String {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    @Test("the bash, zsh and fish completions offer every subcommand and every option its help lists", arguments: ["bash", "zsh", "fish"])
    func completions(_ shell: String) throws {
        let script = try Self.output(["--generate-completion-script", shell])
        let help = try Self.output(["--help"]).components(separatedBy: "\n")
        let start = try #require(help.firstIndex(of: "SUBCOMMANDS:"))
        // A subcommand's line starts with two spaces and its name; its description continues further in.
        let subcommands = help[(start + 1)...].prefix { !$0.isEmpty }.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(subcommands.count >= 10, "\(subcommands)")
        for subcommand in subcommands {
            #expect(script.contains(subcommand), "\(shell): \(subcommand)")
            let options = try Self.output([subcommand, "--help"]).matches(of: /(?m)^  (?:-[a-z], )?--([a-z][a-z0-9-]*)/).map { String($0.1) }
            #expect(!options.isEmpty, "\(subcommand)")
            for option in options where option != "help" {
                // fish lists long options without their dashes ('name=' when it takes a value).
                #expect(script.contains(shell == "fish" ? "'\(option)" : "--\(option)"), "\(shell): \(subcommand) --\(option)")
            }
        }
    }
}
