import ArgumentParser
import Foundation
import Testing
@testable import trialstats

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

/// Every help screen (`trialstats --help`, `trialstats help SUB`, `trialstats SUB --help`, and so on
/// for nested commands) at 80 columns: no line is longer, every option the parser knows is listed,
/// the usage names what it must, and no value list or default is broken where it would fit.
extension HelpLayoutTests {
    /// An argument as the parser describes it (`--experimental-dump-help`).
    struct KnownArgument {
        var kind: String
        /// Every spelling with its dashes (`--column`, `-h`); empty for a positional argument.
        var names: [String]
        var valueName: String?
        var isOptional: Bool
        /// The values an option takes when they are a fixed list (`table`, `csv`, `json`), else empty.
        var values: [String] = []
    }

    /// The path of every command below the root, from the command configuration (nested
    /// subcommands included), the root itself as `[]` first.
    static func commandPaths(_ command: any ParsableCommand.Type = TrialStatsCommand.self, path: [String] = []) -> [[String]] {
        [path] + command.configuration.subcommands.flatMap { commandPaths($0, path: path + [$0._commandName]) }
    }

    /// The arguments the parser knows for the command at `path` (those it shows in help).
    static func knownArguments(_ path: [String]) throws -> [KnownArgument] {
        let dump = try JSONSerialization.jsonObject(with: Data(try output(["--experimental-dump-help"]).utf8)) as? [String: Any]
        var command = try #require(dump?["command"] as? [String: Any])
        for name in path {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            command = try #require(subcommands.first { $0["commandName"] as? String == name }, "\(path)")
        }
        let arguments = command["arguments"] as? [[String: Any]] ?? []
        return arguments.filter { $0["shouldDisplay"] as? Bool ?? true }.map { argument in
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { name -> String? in
                guard let text = name["name"] as? String, let kind = name["kind"] as? String else { return nil }
                return (kind == "long" ? "--" : "-") + text
            }
            return KnownArgument(kind: argument["kind"] as? String ?? "", names: names, valueName: argument["valueName"] as? String,
                                 isOptional: argument["isOptional"] as? Bool ?? true, values: argument["allValues"] as? [String] ?? [])
        }
    }

    /// The help of the command at `path`, asked for in each way the program offers; they must agree.
    static func helpScreen(_ path: [String]) throws -> String {
        let ways = [path + ["--help"], ["help"] + path, path + ["-h"]]
        let screens = try ways.map { arguments in
            let result = try CLI.run(arguments, environment: ["COLUMNS": "80"])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(arguments): \(result.stderr)")
            return result.stdout
        }
        for (k, screen) in screens.enumerated().dropFirst() { #expect(screen == screens[0], "\(ways[k]) differs from \(ways[0])") }
        return screens[0]
    }

    /// The lines of the USAGE block, without "USAGE:".
    static func usage(_ help: String) throws -> [String] {
        let lines = help.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("USAGE: ") })
        return lines[start...].prefix { !$0.isEmpty }.map { $0.hasPrefix("USAGE: ") ? String($0.dropFirst(7)) : $0 }
    }

    @Test("the configuration has every subcommand the program offers")
    func commandsFound() {
        let paths = Self.commandPaths()
        #expect(paths.count >= 11, "\(paths)")
        #expect(paths.contains(["describe"]) && paths.contains(["reconstruct"]))
    }

    @Test("every help screen fits in 80 columns and is the same however it is asked for", arguments: commandPaths())
    func fits(_ path: [String]) throws {
        let help = try Self.helpScreen(path)
        #expect(help.contains("USAGE: trialstats"), "\(path)")
        for line in help.components(separatedBy: "\n") {
            #expect(line.count <= 80, "trialstats \(path.joined(separator: " ")) --help, \(line.count) columns: \(line)")
        }
    }

    @Test("every option, flag and argument the parser knows is in the help, and the usage names the required ones",
          arguments: commandPaths())
    func listsEveryArgument(_ path: [String]) throws {
        let help = try Self.helpScreen(path)
        let usage = try Self.usage(help).joined(separator: " ")
        let known = try Self.knownArguments(path)
        #expect(!known.isEmpty, "\(path)")
        let usageWords = Set(usage.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) })
        for argument in known {
            if argument.names.isEmpty {
                let label = "<\(argument.valueName ?? "")>"
                #expect(help.contains("\n  \(label)"), "\(path): \(label) is not listed")
                #expect(usageWords.contains(label), "\(path): the usage does not name \(label)")
                continue
            }
            for name in argument.names {
                // Listed at the start of an option line ("  --column <column>", "  -h, --help").
                let listed = help.components(separatedBy: "\n").contains { line in
                    line.hasPrefix("  -") && line.split(separator: " ").contains { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) == name }
                }
                #expect(listed, "\(path): \(name) is not listed")
            }
            if !argument.isOptional {
                #expect(argument.names.contains { usageWords.contains($0) }, "\(path): the usage does not name the required \(argument.names)")
            }
        }
        // A hand-written usage names only real options, and says when it leaves some out.
        let spellings = Set(known.flatMap(\.names))
        for word in usageWords where word.hasPrefix("-") {
            #expect(spellings.contains(word), "\(path): the usage names \(word), which the parser does not know")
        }
        let named = known.filter { !$0.names.isEmpty && !$0.names.contains("--help") && !$0.names.contains("--version") }
        if named.contains(where: { !$0.names.contains(where: usageWords.contains) }) {
            #expect(usage.contains("<options>") || usage.contains("<subcommand>"), "\(path): the usage leaves out options without [<options>]")
        }
    }

    @Test("no value list or default is broken across lines where it would fit on one", arguments: commandPaths())
    func valueListsWhole(_ path: [String]) throws {
        let lines = try Self.helpScreen(path).components(separatedBy: "\n")
        for line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            for end in ["(values:", "default:", "(default:", "default as flag:", "(e.g."] {
                #expect(!text.hasSuffix(end), "\(path): a line ends with \"\(end)\": \(line)")
            }
        }
        // The parser's "(values: …; default: …)" after an option's help: when it fits in the help
        // column (80 − 26), it stands on one line.
        let flat = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for match in flat.matches(of: /\((?:values|default): [^()]*\)/) where match.output.count <= 54 {
            let parenthetical = String(match.output)
            #expect(lines.contains { $0.contains(parenthetical) }, "\(path): \"\(parenthetical)\" is broken across lines")
        }
    }

    @Test("a wrong command line is one line on standard error with status 64", arguments: commandPaths())
    func usageErrors(_ path: [String]) throws {
        // The bare command (a missing argument) and an option nobody knows; the root without
        // arguments prints its help instead.
        for arguments in (path.isEmpty ? [] : [path]) + [path + ["--no-such-option"]] {
            let result = try CLI.run(arguments, stdin: "")
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 1 && lines.allSatisfy { $0.hasPrefix("trialstats: error: ") && $0.count <= 200 },
                    "\(arguments): \(result.stderr)")
        }
    }

    /// The synopsis lines of the README (`trialstats SUB …` in a shell block, not an example
    /// with `$ `), continuation lines joined and `# …` comments dropped, with their README line.
    static func readmeSynopses() throws -> [(line: Int, text: String)] {
        let lines = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8).components(separatedBy: "\n")
        var synopses: [(line: Int, text: String)] = []
        var inBlock = false, k = 0
        while k < lines.count {
            defer { k += 1 }
            if lines[k].hasPrefix("```") { inBlock.toggle(); continue }
            guard inBlock, lines[k].hasPrefix("trialstats ") else { continue }
            let start = k + 1
            var text = lines[k]
            while text.hasSuffix("\\"), k + 1 < lines.count {
                k += 1
                text = String(text.dropLast()) + " " + lines[k].trimmingCharacters(in: .whitespaces)
            }
            synopses.append((start, text.replacing(/\s+#\s.*$/, with: "")))
        }
        return synopses
    }

    @Test("the README's synopsis of each command names only options it has, with values it takes, and every option it has")
    func readmeSynopses() throws {
        let synopses = try Self.readmeSynopses()
        #expect(synopses.count >= 10)
        var named: [String: Set<String>] = [:]
        for (line, text) in synopses {
            let subcommand = String(text.split(separator: " ")[1])
            let known = try Self.knownArguments([subcommand])
            let spellings = Set(known.flatMap(\.names))
            for match in text.matches(of: /(--[a-z][a-z0-9-]*)(?: ([a-z0-9.-]+(?:\|[a-z0-9.-]+)+))?/) {
                let option = String(match.output.1)
                #expect(spellings.contains(option), "README line \(line): trialstats \(subcommand) has no \(option)")
                named[subcommand, default: []].insert(option)
                // A list of values (`--format table|csv|json`) holds only values the option takes.
                if let values = match.output.2, let argument = known.first(where: { $0.names.contains(option) }), !argument.values.isEmpty {
                    for value in values.split(separator: "|") where !argument.values.contains(String(value)) {
                        #expect(Bool(false), "README line \(line): \(option) takes no \(value) (it takes \(argument.values))")
                    }
                }
            }
        }
        #expect(Set(named.keys) == Set(Self.commandPaths().dropFirst().map { $0.joined(separator: " ") }), "\(named.keys.sorted())")
        for (subcommand, options) in named {
            for argument in try Self.knownArguments([subcommand]) where !argument.names.isEmpty {
                guard let long = argument.names.first(where: { $0.hasPrefix("--") }), long != "--help", long != "--version" else { continue }
                #expect(options.contains(long), "the README's synopsis of trialstats \(subcommand) leaves out \(long)")
            }
        }
    }

    @Test("every subcommand names itself, under the name its type would give")
    func explicitCommandNames() {
        // The parser's default name comes from the type at run time (a search of every protocol
        // conformance in the program, about a millisecond at start-up); each command sets it instead.
        for command in TrialStatsCommand.configuration.subcommands {
            let derived = String(describing: command).replacingOccurrences(of: "([a-z])([A-Z])", with: "$1-$2", options: .regularExpression).lowercased()
            #expect(command.configuration.commandName == derived, "\(command)")
        }
        #expect(TrialStatsCommand.configuration.subcommands.count == 10)
    }
}
