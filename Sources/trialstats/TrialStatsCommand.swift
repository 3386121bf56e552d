import ArgumentParser

/// The `trialstats` command: configuration only; each job is a subcommand in its own file.
@main
struct TrialStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trialstats",
        abstract: "Statistics for small single-arm and basket clinical trials.",
        discussion: """
            Exit status: 0 success; 64 usage error; 65 bad input data; 66 input not found or \
            unreadable; 73 output cannot be written.
            """,
        version: TrialStatsVersion.string,
        subcommands: [Describe.self]
    )
}

/// The program's version, printed by `--version` and recorded in reports.
enum TrialStatsVersion {
    static let string = "0.1.0"
}
