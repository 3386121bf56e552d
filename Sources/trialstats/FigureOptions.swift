import ArgumentParser
import TrialStats
import TrialStatsIO

/// The Kaplan–Meier figure options of `km`: where to write it (SVG or PDF by the file's
/// extension) and what it shows. `analyze` draws the same figure from the plan's `survival:` keys.
struct FigureOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the Kaplan–Meier figure with its risk table to this file: SVG, or vector PDF when the name ends in .pdf.",
                               valueName: "file.svg|file.pdf"))
    var plot: String?

    @Flag(name: .customLong("plot-ci"), help: "Draw the pointwise confidence bands in the figure.")
    var plotCI = false

    @Option(name: .customLong("plot-title"), help: ArgumentHelp("A title above the figure.", valueName: "text"))
    var title: String?

    @Option(name: .customLong("plot-endpoint"), help: ArgumentHelp("The endpoint, as the y-axis title; by default \"Survival probability\".", valueName: "text"))
    var endpoint: String?

    @Flag(name: .customLong("plot-median"), help: "Draw each reached median: dotted lines at 50% and down to the time axis.")
    var median = false

    @Option(name: .customLong("plot-max"), parsing: .unconditional, help: ArgumentHelp("End of the time axis (curves are cut there).", valueName: "time"))
    var timeMax: Double?

    @Option(name: .customLong("plot-by"), parsing: .unconditional, help: ArgumentHelp("Step between time-axis breaks (at most 40 breaks).", valueName: "time"))
    var timeStep: Double?

    /// The figure formats --plot writes, by file extension (any case).
    static let plotExtensions: Set<String> = ["svg", "pdf"]

    func validate() throws {
        if let plot {
            let name = plot.split(separator: "/").last ?? ""
            let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
            guard Self.plotExtensions.contains(ext) else {
                throw ValidationError("--plot writes \(Self.plotExtensions.sorted().map { "." + $0 }.joined(separator: " or ")); \"\(plot)\" has \(ext.isEmpty ? "no extension" : "the extension ." + ext).")
            }
        }
        if let timeMax, !(timeMax > 0) { throw ValidationError("--plot-max must be a positive time; got \(formatRoundTrip(timeMax)).") }
        if let timeStep, !(timeStep > 0) { throw ValidationError("--plot-by must be a positive time; got \(formatRoundTrip(timeStep)).") }
        if let timeMax, let timeStep, timeMax / timeStep > 40 {
            throw ValidationError("--plot-by \(formatRoundTrip(timeStep)) gives more than 40 breaks up to --plot-max \(formatRoundTrip(timeMax)).")
        }
    }

    /// Adds the report's figure to the files written after the main output when --plot is given.
    func write(_ report: SurvivalReport, to sideFiles: inout SideFiles) {
        guard let plot else { return }
        let figure = report.figure(KaplanMeierFigureOptions(title: title, endpoint: endpoint ?? "Survival probability", bands: plotCI,
                                                            medianLines: median, timeMax: timeMax, timeStep: timeStep))
        sideFiles.add(plot.lowercased().hasSuffix(".pdf") ? figure.pdf() : figure.svg(), to: plot)
    }
}
