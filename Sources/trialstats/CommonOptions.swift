import ArgumentParser
import TrialStats
import TrialStatsIO

/// How results are written.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    case table, csv, json
}

/// Options every command shares: output format and destination, confidence level, and the
/// spellings of a missing value.
struct CommonOptions: ParsableArguments {
    @Option(help: "Output format: table (for people), csv or json.")
    var format: OutputFormat = .table

    @Option(name: .long, help: ArgumentHelp("Write the output to FILE (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("conf-level"), parsing: .unconditional, help: "Confidence level, strictly between 0 and 1, of every interval.")
    var confLevel: Double = 0.95

    /// Unconditional: a missing-value code is often negative (`--na -99`, `--na -1,NA`).
    @Option(name: .customLong("na"), parsing: .unconditional, help: ArgumentHelp("Missing-value codes, comma-separated (e.g. -99,NA).", valueName: "values"))
    var na: String = ",NA,NaN,."

    var missingValues: Set<String> {
        Set(na.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) })
    }

    func validate() throws {
        guard confLevel.isFinite, confLevel > 0, confLevel < 1 else {
            throw ValidationError("--conf-level must be strictly between 0 and 1; got \(confLevel.description).")
        }
    }
}

extension QuantileType: ExpressibleByArgument {
    public init?(argument: String) {
        guard let k = Int(argument) else { return nil }
        self.init(rawValue: k)
    }

    public static var allValueStrings: [String] { allCases.map { String($0.rawValue) } }
    public var defaultValueDescription: String { String(rawValue) }
}

extension RoundingRule: ExpressibleByArgument {}

/// The software whose p-value a reconstruction matches: one profile, or any of them.
enum ProfileChoice: String, CaseIterable, ExpressibleByArgument {
    case any, r
    case rLegacy = "r-legacy"
    case scipy, sas, spss

    var profile: SignedRankProfile? { self == .any ? nil : SignedRankProfile(rawValue: rawValue) }
}

/// Parses a comma-separated list of probabilities in [0, 1].
func parseProbabilities(_ text: String, option: String) throws -> [Double] {
    try text.split(separator: ",").map { part in
        let item = part.trimmingCharacters(in: .whitespaces)
        guard let p = parseDecimal(item), p >= 0, p <= 1 else {
            throw ValidationError("\(option) takes probabilities between 0 and 1 separated by commas; \"\(item)\" is not one.")
        }
        return p
    }
}
