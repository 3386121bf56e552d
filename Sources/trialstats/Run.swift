import ArgumentParser
import Foundation
import TrialStats
import TrialStatsIO

/// Runs a command's work, turning the library's errors into a one-line message on standard
/// error and the documented exit status, and writes the output only once all of it is ready.
func runReporting(_ body: () throws -> String, output: String?) throws {
    let text: String
    do {
        text = try body()
    } catch let error as InputError {
        fail(error.description, code: error.exitCode)
    } catch let error as StatisticsError {
        fail(error.description, code: 65)
    } catch let error as OutputError {
        fail(error.description, code: 73)
    } catch let error as DataError {
        fail(error.message, code: 65)
    } catch let error as SurvivalError {
        fail(error.description, code: 65)
    }
    if let output {
        do {
            try writeAtomically(text, to: output)
        } catch {
            fail(error.description, code: 73)
        }
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// A data problem found by a command itself (not by the reader or the library).
struct DataError: Error {
    var message: String
}

/// Prints `trialstats: error: message` to standard error and exits with `code`.
func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("trialstats: error: \(message)\n".utf8))
    exit(code)
}
