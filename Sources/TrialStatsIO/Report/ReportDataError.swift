/// Data a report cannot be made from, found by the report layer (not by the reader or the
/// library): a message naming the file and, where there is one, the group (exit status 65).
public struct ReportDataError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
