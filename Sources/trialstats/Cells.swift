import ArgumentParser
import TrialStatsIO

/// Output formats of `trialstats cells`.
enum CellsFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json
}

/// `trialstats cells`: the cells a document's tables hold, for review before `verify`.
struct Cells: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cells",
        abstract: "Extract the cells of a paper's tables (text, Markdown, HTML or JATS XML) for review.",
        discussion: """
            Prints table,section,row,column,column_n,text (and footnotes, the marks printed beside a \
            value) for every value cell of every table found, ready to correct and give to verify. \
            The kind is decided by the extension (.txt, .md, .html/.htm, .xml/.nxml, .csv) or else \
            by the content. Tables are named by their label and caption.
            """)

    @Argument(help: ArgumentHelp("The document (or - for standard input).", valueName: "document"))
    var document: String

    @Option(help: "Output format: the cells as CSV (for verify) or JSON.")
    var format: CellsFormat = .csv

    @Option(name: .long, help: ArgumentHelp("Write the output to FILE (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try runReporting({
            let input = try LoadedCells.read(document)
            switch format {
            case .csv: return input.csv().serialized()
            case .json: return input.json().serialized() + "\n"
            }
        }, output: output)
    }
}
