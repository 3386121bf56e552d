import ArgumentParser
import Foundation
import Testing
@testable import trialstats

/// A mistyped option is named, not hidden behind the argument its absence left missing.
@Suite("a mistyped option is named before what is missing")
struct UnknownOptionTests {
    static let subcommands = TrialStatsCommand.configuration.subcommands
    static let names = subcommands.compactMap { $0.configuration.commandName }

    @Test("every command: a word written as an option that is none of its options is named, status 64", arguments: names)
    func named(command: String) throws {
        let result = try CLI.run([command, "--no-such-option"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("trialstats: error: Unknown option '--no-such-option'"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("km with its file and --tme for --time: the typo is named, not the missing --time")
    func kmTypo() throws {
        let result = try CLI.run(["km", CLI.fixture("castle/cohort.csv"), "--tme", "t", "--event", "e"])
        #expect(result.status == 64)
        #expect(result.stderr == "trialstats: error: Unknown option '--tme'.\n")
        let right = try CLI.run(["km", CLI.fixture("castle/cohort.csv"), "--event", "e"])
        #expect(right.stderr.contains("--time"), "\(right.stderr)")
    }

    @Test("every option a command declares is known, with its value after it or after =")
    func declaredOptionsKnown() {
        for command in Self.subcommands {
            let name = command.configuration.commandName!
            let options = UnknownOption.optionNames(of: command).all
            #expect(options.count >= 2, "\(name)")
            for option in options {
                #expect(UnknownOption.first(in: [name, option, "v"], subcommands: Self.subcommands) == nil, "\(name) \(option)")
                #expect(UnknownOption.first(in: [name, "\(option)=v"], subcommands: Self.subcommands) == nil, "\(name) \(option)=v")
            }
            #expect(UnknownOption.first(in: [name, "--help", "-h", "--version"], subcommands: Self.subcommands) == nil)
        }
    }

    @Test("numbers, a lone dash and words after -- are values; other words are named")
    func valuesAreNotOptions() {
        let subcommands = Self.subcommands
        #expect(UnknownOption.first(in: ["binom", "-1", "10"], subcommands: subcommands) == nil)
        #expect(UnknownOption.first(in: ["describe", "-", "--column", "x", "-5e-3"], subcommands: subcommands) == nil)
        #expect(UnknownOption.first(in: ["describe", "--", "--file-named-so.csv"], subcommands: subcommands) == nil)
        #expect(UnknownOption.first(in: ["describe", "--colum", "x"], subcommands: subcommands) == "--colum")
        #expect(UnknownOption.first(in: ["describe", "--colum=x"], subcommands: subcommands) == "--colum")
        #expect(UnknownOption.first(in: ["describe", "-q"], subcommands: subcommands) == "-q")
        #expect(UnknownOption.first(in: ["no-such-command", "--x"], subcommands: subcommands) == nil)
        #expect(UnknownOption.first(in: [], subcommands: subcommands) == nil)
        // The value of an option, whatever it looks like, and no more than one word.
        #expect(UnknownOption.first(in: ["describe", "f.csv", "--probs", "-0.1,0.9"], subcommands: subcommands) == nil)
        #expect(UnknownOption.first(in: ["compare", "--counts", "-1,2;3,4"], subcommands: subcommands) == nil)
        #expect(UnknownOption.first(in: ["describe", "--column", "-x", "-y"], subcommands: subcommands) == "-y")
        #expect(UnknownOption.first(in: ["describe", "--column=-x", "-y"], subcommands: subcommands) == "-y")
        #expect(UnknownOption.optionNames(of: Describe.self).takingValue.contains("--probs"))
        #expect(!UnknownOption.optionNames(of: Describe.self).takingValue.contains("--help"))
    }
}
