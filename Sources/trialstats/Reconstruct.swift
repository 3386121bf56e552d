import ArgumentParser
import TrialStats
import TrialStatsIO

/// `trialstats reconstruct`: paired data on a scale whose medians, quartiles and signed-rank
/// p-value print exactly as published — a certificate that they can all be true together.
struct Reconstruct: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconstruct",
        abstract: "Reconstruct paired data consistent with printed medians [IQR] and a signed-rank p-value.",
        usage: """
            trialstats reconstruct [<options>] --n <n> --before <text>
              --after <text> --p <text> --min <min> --max <max> --step <step>
            """,
        discussion: """
            Finds n pairs on the grid --min, --min + --step, …, --max whose before and after \
            medians and quartiles (Hyndman–Fan --quantile-type, default 7 as R) round to the printed \
            numbers at their printed decimals under --rounding, and whose two-sided Wilcoxon \
            signed-rank p-value (d = after − before) prints as --p under --profile (any: under at \
            least one of r, r-legacy, scipy, sas, spss). The printed quantiles fix a few order \
            statistics; the search then varies the pairing and the free values, deterministically \
            for --seed. Reports whether such data exist, a certificate data set (RECONSTRUCTED: \
            not the trial's data), its p-values, the range of p-values found (not a proven bound \
            unless marked), and the profiles that reproduce --p. Marginals that no grid values can \
            print are reported as infeasible with the reason and the settings that would allow \
            them. --output FILE writes the certificate as CSV (pair,before,after,provenance); \
            --format csv prints it. Impossible requests (Q1 > median, a value outside the scale, a \
            p-value below the smallest attainable for n) stop with exit status 65.
            """)

    @Option(name: .customLong("n"), parsing: .unconditional, help: "Number of pairs (1 to 1000).")
    var pairs: Int

    @Option(parsing: .unconditional, help: ArgumentHelp("Printed before summary, median [Q1; Q3], for example: \"63.0 [52.8; 74.8]\".", valueName: "text"))
    var before: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Printed after summary, median [Q1; Q3].", valueName: "text"))
    var after: String

    @Option(name: .customLong("p"), parsing: .unconditional, help: ArgumentHelp("Printed p-value, e.g. \"P < 0.0001\" or \"P = 0.0030\".", valueName: "text"))
    var pText: String

    @Option(name: .customLong("min"), parsing: .unconditional, help: "Smallest value of the scale.")
    var minimum: Double

    @Option(name: .customLong("max"), parsing: .unconditional, help: "Largest value of the scale.")
    var maximum: Double

    @Option(parsing: .unconditional, help: "Distance between neighbouring values of the scale (1 for a VAS, 0.125 for the HAQ).")
    var step: Double

    @Option(name: .customLong("quantile-type"), parsing: .unconditional, help: "Hyndman–Fan quantile definition the summaries used.")
    var quantileType: QuantileType = .type7

    @Option(help: "How the printed numbers were rounded (as in trialstats verify).")
    var rounding: RoundingRule = .halfUp

    @Option(help: "Software whose p-value is matched; any: one or more of them.")
    var profile: ProfileChoice = .any

    @Option(parsing: .unconditional, help: "Seed of the search; the same seed gives the same result.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Search effort: multiplies the number of candidate data sets searched (1 to 100).")
    var effort: Int = 1

    @Option(help: "Output format; csv prints the certificate data set.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("Write the certificate data set as CSV to FILE (atomically).", valueName: "file"))
    var output: String?

    func validate() throws {
        guard pairs >= 1 else { throw ValidationError("--n must be at least 1; got \(pairs).") }
        guard pairs <= PairedReconstructionRequest.maximumPairs else {
            throw ValidationError("--n must be at most \(PairedReconstructionRequest.maximumPairs); got \(pairs).")
        }
        for (flag, text) in [("--before", before), ("--after", after)] where PrintedMedianIQR(text) == nil {
            throw ValidationError("\(flag) \"\(text)\" is not a median with quartiles such as \"63.0 [52.8; 74.8]\".")
        }
        guard PrintedPValue(pText) != nil else {
            throw ValidationError("--p \"\(pText)\" is not a printed p-value such as \"P < 0.0001\" or \"P = 0.0030\".")
        }
        guard (1...100).contains(effort) else { throw ValidationError("--effort must be between 1 and 100; got \(effort).") }
        do {
            _ = try ScaleGrid(minimum: minimum, maximum: maximum, step: step)
        } catch {
            throw ValidationError("--min, --max, --step: \(String(describing: error)).")
        }
    }

    func run() throws {
        try runReporting({ sideFiles in
            let result = try runReconstruction(PairedReconstructionRequest(
                pairs: pairs, before: PrintedMedianIQR(before)!, after: PrintedMedianIQR(after)!, pValue: PrintedPValue(pText)!,
                grid: try ScaleGrid(minimum: minimum, maximum: maximum, step: step), quantileType: quantileType,
                rounding: rounding, profile: profile.profile, seed: seed, budget: .standard(effort: effort)))
            if let output, result.feasible { sideFiles.add(result.certificateCSV().serialized(), to: output) }
            switch format {
            case .json: return result.json().serialized() + "\n"
            case .csv:
                guard result.feasible else { throw ReportDataError("no data set to write: \(result.reason ?? "not feasible")") }
                return result.certificateCSV().serialized()
            case .table: return result.text(certificate: output, width: terminalTableWidth(output: nil))
            }
        }, output: nil)
    }
}
