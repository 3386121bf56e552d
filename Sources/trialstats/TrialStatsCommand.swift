import ArgumentParser
import Foundation
import TrialStatsIO

/// The `trialstats` command: configuration only; each job is a subcommand in its own file.
@main
struct TrialStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trialstats",
        abstract: "Statistics for small single-arm and basket clinical trials.",
        discussion: """
            Exit status: 0 success (verify: whatever it found; 1 with --fail-on when it found that); \
            64 usage error; 65 bad input data; 66 input not found or \
            unreadable; 73 output cannot be written.
            """,
        version: TrialStatsVersion.string,
        subcommands: [Describe.self, Binom.self, SignedRank.self, KM.self, Verify.self, Cells.self, Reproduce.self, Reconstruct.self, Analyze.self, Compare.self]
    )

    /// Parses and runs, printing a usage error as one line on standard error
    /// (`trialstats: error: …`) with exit status 64; help and version requests print to standard
    /// output with status 0 (73 when standard output cannot be written).
    static func main() {
        reserveStandardDescriptors()
        refuseNonDecimalNumbers(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                printOrFail(fullMessage(for: error) + "\n")
                Foundation.exit(0)
            }
            let message = oneLine(self.message(for: error))
            if message.isEmpty { Foundation.exit(code.rawValue) }
            // A mistyped option, not what its absence left missing.
            if code == .validationFailure, !message.hasPrefix("Unknown option"),
               let unknown = UnknownOption.first(in: Array(CommandLine.arguments.dropFirst()), subcommands: configuration.subcommands) {
                fail("Unknown option '\(unknown)'.", code: code.rawValue)
            }
            fail(message, code: code.rawValue)
        }
    }

    /// A parser message on one line: a bulleted list of allowed values becomes a comma list.
    private static func oneLine(_ message: String) -> String {
        var parts: [String] = []
        var choices: [String] = []
        for line in message.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            if line.hasPrefix("- ") { choices.append(String(line.dropFirst(2))) } else { parts.append(line) }
        }
        var text = parts.joined(separator: " ")
        if !choices.isEmpty { text += " " + choices.joined(separator: ", ") + "." }
        return text
    }
}

/// The program's version, printed by `--version` and recorded in reports.
enum TrialStatsVersion {
    static let string = "0.1.0"
}
