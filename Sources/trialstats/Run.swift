import ArgumentParser
import Foundation
import TrialStats
import TrialStatsIO

/// Files a command writes beside its main output (a Kaplan–Meier figure, a certificate data set).
struct SideFiles {
    fileprivate var files: [(path: String, text: String)] = []

    /// Asks for `text` to be written to `path` once the main output has been written.
    mutating func add(_ text: String, to path: String) {
        files.append((path, text))
    }
}

/// Runs a command's work, turning the library's errors into a one-line message on standard
/// error and the documented exit status, and writes the output only once all of it is ready.
func runReporting(_ body: () throws -> String, output: String?) throws {
    try runReporting({ (_: inout SideFiles) in try body() }, output: output)
}

/// Runs a command's work that also writes side files, in an order that never leaves half a
/// result: every side file is first staged (written to a temporary file beside it, so a full
/// disk or a missing folder is found before anything is written), then the main output is
/// written (to standard output, or atomically to `output`), and only then are the side files
/// renamed into place. When the main output fails, the staged side files are removed and the
/// exit status is 73; nothing has been written.
func runReporting(_ body: (inout SideFiles) throws -> String, output: String?) throws {
    var sideFiles = SideFiles()
    let text: String
    do {
        text = try body(&sideFiles)
    } catch let error as InputError {
        fail(error.description, code: error.exitCode)
    } catch let error as StatisticsError {
        fail(error.description, code: 65)
    } catch let error as OutputError {
        fail(error.description, code: 73)
    } catch let error as DataError {
        fail(error.message, code: 65)
    } catch let error as ReportDataError {
        fail(error.description, code: 65)
    } catch let error as SurvivalError {
        fail(error.description, code: 65)
    }
    var staged: [StagedOutputFile] = []
    do {
        for file in sideFiles.files { staged.append(try StagedOutputFile(file.text, to: file.path)) }
        if let output {
            try writeAtomically(text, to: output)
        } else {
            try writeStandardOutput(text)
        }
        for file in staged { try file.commit() }
    } catch {
        staged.forEach { $0.discard() }
        fail(error.description, code: 73)
    }
}

/// Writes text to standard output, or stops with exit status 73 when it cannot be written.
func printOrFail(_ text: String) {
    do {
        try writeStandardOutput(text)
    } catch {
        fail(error.description, code: 73)
    }
}

/// A data problem found by a command itself (not by the reader or the library).
struct DataError: Error {
    var message: String
}

/// An error line is shorter than this, in characters; a longer message is cut and ends with
/// "…". Values echoed in a message are already cut at 60 characters, paths at 120 and listed
/// column names at 30 (see `messageValue`), so the file, row, column and value always show; only
/// the tail of a message naming long paths and columns meets this backstop.
let errorLineLimit = 300

/// Prints `trialstats: error: message` to standard error, as one line shorter than
/// ``errorLineLimit`` characters with control characters escaped, and exits with `code`.
func fail(_ message: String, code: Int32) -> Never {
    let line = messageValue("trialstats: error: \(message)", limit: errorLineLimit - 2)
    writeStandardError(line + "\n")
    exit(code)
}

/// Refuses, as a usage error (64), an option value that Swift's `Double` would read but the CSV
/// reader would not (``parseDecimal(_:)``): hexadecimal ("0x1p-1"), "inf", "nan". Options and
/// cells follow one rule: plain decimal numbers only. Checked on the value after an `--option`
/// and in `--option=value`, before the parser sees them.
func refuseNonDecimalNumbers(_ arguments: [String]) {
    var previousOption: String?
    for argument in arguments {
        var value = previousOption.map { _ in Substring(argument) }
        var option = previousOption ?? ""
        if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
            value = argument[argument.index(after: equals)...]
            option = String(argument[..<equals])
        }
        if let value, Double(value) != nil, parseDecimal(String(value)) == nil {
            fail("\(messageValue(option)) \"\(messageValue(String(value)))\" is not a decimal number; write digits with an optional "
                 + "sign, point and exponent (hexadecimal, inf and nan are not accepted)", code: 64)
        }
        let isOption = argument.hasPrefix("-") && argument.count > 1 && !argument.contains("=") && Double(argument) == nil
        previousOption = isOption ? argument : nil
    }
}
