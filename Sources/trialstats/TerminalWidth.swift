import Foundation

/// The width, in characters, that tables for people are laid out to: `COLUMNS` when it is set to a
/// whole number, else the terminal's width when standard output is a terminal (and no `--output`
/// file is written), else 100. Never below 40.
func terminalTableWidth(output: String?) -> Int {
    if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text.trimmingCharacters(in: .whitespaces)), columns > 0 {
        return max(40, columns)
    }
    if output == nil, isatty(STDOUT_FILENO) == 1 {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(40, Int(size.ws_col)) }
    }
    return 100
}

extension CommonOptions {
    /// The width tables are laid out to (``terminalTableWidth(output:)``).
    var tableWidth: Int { terminalTableWidth(output: output) }
}
