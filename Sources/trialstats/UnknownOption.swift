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
    /// subcommand's options; nil when there is none. The word after an option that takes a value
    /// is that value, whatever it looks like (`--probs -0.1,0.9`), and the words after `--` are values.
    static func first(in arguments: [String], subcommands: [ParsableCommand.Type]) -> String? {
        guard let name = arguments.first,
              let command = subcommands.first(where: { $0.configuration.commandName == name }) else { return nil }
        let declared = optionNames(of: command)
        guard !declared.all.isEmpty else { return nil }  // the description could not be read: no guess
        let known = declared.all.union(builtIn)
        var isValue = false
        for word in arguments.dropFirst() {
            if isValue {
                isValue = false
                continue
            }
            if word == "--" { break }
            guard word.hasPrefix("-"), word.count > 1, Double(word) == nil else { continue }
            let option = String(word.prefix { $0 != "=" })
            if known.contains(option) {
                isValue = declared.takingValue.contains(option) && !word.contains("=")
                continue
            }
            // Short flags together (-ab) when each is a flag of the command.
            if !option.hasPrefix("--"), option.dropFirst().allSatisfy({ known.contains("-\($0)") }) {
                isValue = declared.takingValue.contains("-\(option.last!)")
                continue
            }
            return option
        }
        return nil
    }

    /// The names of a command's options and flags as typed (`--counts`, `-o`), and of those that
    /// take a value (options, not flags), from the parser's own description of the command
    /// (`--experimental-dump-help`).
    static func optionNames(of command: ParsableCommand.Type) -> (all: Set<String>, takingValue: Set<String>) {
        guard let data = command._dumpHelp().data(using: .utf8),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let info = root["command"] as? [String: Any],
              let arguments = info["arguments"] as? [[String: Any]] else { return ([], []) }
        var all: Set<String> = [], takingValue: Set<String> = []
        for argument in arguments {
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let kind = name["kind"] as? String, let text = name["name"] as? String else { continue }
                let typed = (kind == "long" ? "--" : "-") + text
                all.insert(typed)
                if argument["kind"] as? String == "option" { takingValue.insert(typed) }
            }
        }
        return (all, takingValue)
    }
}
