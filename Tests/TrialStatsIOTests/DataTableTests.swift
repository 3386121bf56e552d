import Foundation
import Testing
@testable import TrialStatsIO

@Suite("Reading CSV")
struct DataTableTests {
    @Test("header, quoting, BOM, CRLF and missing values")
    func parsesRFC4180() throws {
        let text = "\u{FEFF}id,\"name, full\",score\r\n1,\"Smith, \"\"Jo\"\"\",12.5\r\n2,\"two\nlines\",NA\r\n3,x,.\r\n4,y,\r\n"
        let table = try DataTable.parse(text, source: "t.csv")
        #expect(table.header == ["id", "name, full", "score"])
        #expect(table.rows.count == 4)
        #expect(table.rows[0][1] == "Smith, \"Jo\"")
        #expect(table.rows[1][1] == "two\nlines")
        #expect(try table.numericColumn("score") == [12.5, nil, nil, nil])
    }

    @Test("a ragged row names its row number")
    func raggedRow() {
        #expect(throws: InputError.raggedRow(file: "t.csv", row: 3, expected: 2, found: 3)) {
            try DataTable.parse("a,b\n1,2\n3,4,5\n", source: "t.csv")
        }
    }

    @Test("an unclosed quote names the row where it opens")
    func unclosedQuote() {
        #expect(throws: InputError.unterminatedQuote(file: "t.csv", row: 3)) {
            try DataTable.parse("a,b\n1,2\n\"3,4\n5,6\n", source: "t.csv")
        }
    }

    @Test("text in a numeric column names file, row, column and value")
    func notNumeric() throws {
        let table = try DataTable.parse("age,sex\n31,f\nabc,m\n", source: "c.csv")
        #expect(throws: InputError.notNumeric(file: "c.csv", row: 3, column: "age", value: "abc")) {
            try table.numericColumn("age")
        }
        let message = InputError.notNumeric(file: "c.csv", row: 3, column: "age", value: "abc").description
        #expect(message == "c.csv, row 3, column \"age\": value \"abc\" is not a number")
    }

    @Test("an unknown column lists the columns that exist")
    func unknownColumn() throws {
        let table = try DataTable.parse("age,sex\n31,f\n", source: "c.csv")
        #expect(throws: InputError.unknownColumn(file: "c.csv", column: "Age", available: ["age", "sex"])) {
            try table.columnIndex("Age")
        }
        #expect(InputError.unknownColumn(file: "c.csv", column: "Age", available: ["age", "sex"]).description
                == "c.csv: no column \"Age\"; the columns are \"age\", \"sex\"")
    }

    @Test("empty file, duplicate column, custom missing spellings")
    func otherShapes() throws {
        #expect(throws: InputError.noHeader(file: "e.csv")) { try DataTable.parse("", source: "e.csv") }
        #expect(throws: InputError.duplicateColumn(file: "d.csv", column: "a")) { try DataTable.parse("a,a\n1,2\n", source: "d.csv") }
        let table = try DataTable.parse("v\n-99\n3\n", source: "m.csv", missingValues: ["-99"])
        #expect(try table.numericColumn("v") == [nil, 3])
    }

    @Test("missing and unreadable files have exit status 66")
    func missingFile() {
        #expect(throws: InputError.notFound(file: "/no/such/file.csv")) { try DataTable.read(path: "/no/such/file.csv") }
        #expect(InputError.notFound(file: "x").exitCode == 66)
        #expect(InputError.notNumeric(file: "x", row: 2, column: "a", value: "b").exitCode == 65)
    }

    @Test("decimal parsing is strict", arguments: [
        ("1", 1.0), ("-2.5", -2.5), (" 3.25 ", 3.25), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("1E-2", 0.01), ("+4", 4.0),
    ])
    func decimals(text: String, value: Double) {
        #expect(parseDecimal(text) == value)
    }

    @Test("non-numbers are rejected", arguments: ["", "abc", "inf", "nan", "0x10", "1,5", "1.2.3", "1e", "--1", "1e5e2", "-", "e5"])
    func nonNumbers(text: String) {
        #expect(parseDecimal(text) == nil)
    }

    @Test("grouping keeps first-appearance order and a missing group")
    func grouping() throws {
        let table = try DataTable.parse("g,v\nSSc,1\nSLE,2\nSSc,3\nNA,4\n", source: "g.csv")
        let grouping = try Grouping(table: table, column: "g")
        #expect(grouping.labels == ["SSc", "SLE", "NA"])
        #expect(grouping.rows["SSc"] == [0, 2])
    }
}
