/// A command's result with its three renderings: JSON and CSV for programs, a table for people.
public protocol CommandReport {
    func json() -> JSONValue
    func csv() -> CSVOutput
    func table() -> TextTable
}

extension CommandReport {
    /// The text a command prints for `--format` `json`, `csv` or `table` (the raw values of the
    /// command line's format option); the table fits `width` characters where its columns allow.
    public func text(format: String, width: Int? = nil) -> String {
        switch format {
        case "json": return json().serialized() + "\n"
        case "csv": return csv().serialized()
        default: return table().rendered(width: width)
        }
    }
}

extension BinomialReport: CommandReport {}
extension SignedRankReport: CommandReport {}
extension DescribeReport: CommandReport {}
