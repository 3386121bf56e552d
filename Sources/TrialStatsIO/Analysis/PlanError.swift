/// A plan that cannot be carried out: a syntax error, an unknown key, an impossible setting, or
/// a column or basket the cohort does not have. Names the plan file and line (exit status 65;
/// 66 when the plan file cannot be read).
public struct PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The plan file as named in messages.
    public var file: String
    /// The plan line at fault (1-based), when there is one.
    public var line: Int?
    /// What is wrong and what is allowed.
    public var message: String
    /// Whether the file itself could not be read.
    public var unreadable: Bool

    public init(file: String, line: Int?, message: String, unreadable: Bool = false) {
        self.file = file
        self.line = line
        self.message = message
        self.unreadable = unreadable
    }

    /// The process exit status: 66 when the plan cannot be read, 65 otherwise.
    public var exitCode: Int32 { unreadable ? 66 : 65 }

    public var description: String {
        "\(file)\(line.map { ", line \($0)" } ?? ""): \(message)"
    }
}
