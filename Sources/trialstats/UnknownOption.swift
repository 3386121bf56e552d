import ArgumentParser
import Foundation

/// A mistyped option named first: the argument parser reports a missing argument or a failed check
/// before words it did not recognise, so `km data.csv --tme t --event e` would say that `--time`
/// is missing rather than that `--tme` is no option. Asked only when the command line was refused.
enum UnknownOption {
    /// Options every command takes from the parser itself.
    static let builtIn: Set<String> = ["-h", "--help", "--version", "--generate-completion-script", "--experimental-dump-help"]

    /// The first word of `arguments` (subcommand first) that is written as an option — `--name`,
    /// `--name=value`, or a single dash and letters that is not a number — and is none of the
    /// subcommand's options; nil when there is none, the words after `--` being values.
    static func first(in arguments: [String], subcommands: [ParsableCommand.Type]) -> String? {
        guard let name = arguments.first,
              let command = subcommands.first(where: { $0.configuration.commandName == name }) else { return nil }
        let declared = optionNames(of: command)
        guard !declared.isEmpty else { return nil }  // the description could not be read: no guess
        let known = declared.union(builtIn)
        for word in arguments.dropFirst() {
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1, Double(word) == nil else { continue }
            let option = String(word.prefix { $0 != "=" })
            if known.contains(option) { continue }
            // Short flags together (-ab) when each is a flag of the command.
            if !option.hasPrefix("--"), option.dropFirst().allSatisfy({ known.contains("-\($0)") }) { continue }
            return option
        }
        return nil
    }

    /// The names of a command's options and flags as typed (`--counts`, `-o`), from the parser's
    /// own description of the command (`--experimental-dump-help`).
    static func optionNames(of command: ParsableCommand.Type) -> Set<String> {
        guard let data = command._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let info = root["command"] as? [String: Any],
              let arguments = info["arguments"] as? [[String: Any]] else { return [] }
        var names: Set<String> = []
        for argument in arguments {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let kind = name["kind"] as? String, let text = name["name"] as? String else { continue }
                names.insert((kind == "long" ? "--" : "-") + text)
            }
        }
        return names
    }
}
