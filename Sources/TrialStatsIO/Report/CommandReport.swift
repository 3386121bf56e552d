/// A command's result with its three renderings: JSON and CSV for programs, a table for people.
public protocol CommandReport {
    func json() -> JSONValue
    func csv() -> CSVOutput
    func table() -> TextTable
    /// The CSV as text: `csv().serialized()`, unless the report writes its rows straight into
    /// bytes (``CSVWriter``).
    func csvText() -> String
}

extension CommandReport {
    /// The text a command prints for `--format` `json`, `csv` or `table` (the raw values of the
    /// command line's format option); the table fits `width` characters where its columns allow.
    public func text(format: String, width: Int? = nil) -> String {
        switch format {
        case "json": return json().serialized() + "\n"
        case "csv": return csvText()
        default: return table().rendered(width: width)
        }
    }

    public func csvText() -> String { csv().serialized() }
}

extension BinomialReport: CommandReport {}
extension SignedRankReport: CommandReport {}
extension DescribeReport: CommandReport {}
