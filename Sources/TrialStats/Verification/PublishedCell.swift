/// One cell of a published table, as transcribed: where it stands and its text exactly as printed.
///
/// The input format is a CSV with columns `table,section,row,column,column_n,text` (see
/// `Fixtures/castle/castle-published-cells.csv`), and these optional columns:
/// - `variable`: names the quantity, so that the same variable printed in two tables is compared
///   (default: the row label);
/// - `population`: the patients the cell describes, for that comparison (default: the column);
/// - `scale_min`, `scale_max`, `scale_step`: the instrument's range and step (VAS 0–100 step 1,
///   HAQ 0–3 step 0.125), used by the p-value and reconstruction checks;
/// - `test`: the test behind a p-value cell (`signed-rank`, the default for a paired row, or
///   `sign`, `binomial`, `none`).
public struct PublishedCell: Equatable, Sendable {
    /// The table's title or number.
    public var table: String
    /// The section heading within the table (may be empty).
    public var section: String
    /// The row label.
    public var row: String
    /// The column heading.
    public var column: String
    /// The number of patients the column heading states, when it states one.
    public var columnN: Int?
    /// The text as printed.
    public var text: String
    /// Optional: the variable, for comparisons across tables.
    public var variable: String?
    /// Optional: the population, for comparisons across tables.
    public var population: String?
    /// Optional: the instrument's minimum, maximum and step.
    public var scaleMin: Double?
    public var scaleMax: Double?
    public var scaleStep: Double?
    /// Optional: the test behind a p-value.
    public var test: String?

    /// Creates a cell.
    public init(table: String, section: String = "", row: String, column: String, columnN: Int?, text: String,
                variable: String? = nil, population: String? = nil, scaleMin: Double? = nil, scaleMax: Double? = nil,
                scaleStep: Double? = nil, test: String? = nil) {
        self.table = table
        self.section = section
        self.row = row
        self.column = column
        self.columnN = columnN
        self.text = text
        self.variable = variable
        self.population = population
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
        self.scaleStep = scaleStep
        self.test = test
    }

    /// The variable this cell reports (the optional column, else the row label).
    public var variableName: String { variable ?? row }
    /// The population this cell describes (the optional column, else the column heading).
    public var populationName: String { population ?? column }
}
