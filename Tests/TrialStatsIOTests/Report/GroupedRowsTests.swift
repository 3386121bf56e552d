import Testing
import TrialStats
@testable import TrialStatsIO

@Suite("Report inputs: groups then All, numeric, paired, binary and count columns")
struct GroupedRowsTests {
    static let table = try! DataTable.parse("g,x,b,a,r\nA,1,10,8,1\nB,NA,NA,5,NA\nA,3,14,15,yes\n,4,9,2,no\n", source: "t.csv")

    @Test("groups in order of first appearance, a missing group is NA, then All with every row")
    func groups() throws {
        let grouped = try GroupedRows(table: Self.table, by: "g")
        #expect(grouped.labels == ["A", "B", "NA", "All"])
        #expect(grouped.rows == [[0, 2], [1], [3], [0, 1, 2, 3]])
        #expect(grouped.isOverall(3) && !grouped.isOverall(0))
        #expect(try GroupedRows(table: Self.table, by: nil) == GroupedRows(groups: [], rowCount: 4))
    }

    @Test("issue 13: a group named All is refused at its first row")
    func overallLabelRefused() {
        let table = try! DataTable.parse("g,x\nA,1\nAll,2\nAll,3\n", source: "t.csv")
        #expect(throws: InputError.invalidValue(file: "t.csv", row: 3, column: "g", value: "All",
                                                expected: "a group name other than \"All\", which names the row of all groups together")) {
            try GroupedRows(table: table, by: "g")
        }
        // Only the exact label collides.
        let lower = try! DataTable.parse("g,x\nall,1\n", source: "t.csv")
        #expect(throws: Never.self) { try GroupedRows(table: lower, by: "g") }
    }

    @Test("numeric, paired and binary columns per group, with missing counts")
    func columns() throws {
        let grouped = try GroupedRows(table: Self.table, by: "g")
        #expect(try grouped.numericColumn(Self.table, column: "x") == [
            GroupValues(group: "A", values: [1, 3], missing: 0), GroupValues(group: "B", values: [], missing: 1),
            GroupValues(group: "NA", values: [4], missing: 0), GroupValues(group: "All", values: [1, 3, 4], missing: 1),
        ])
        let pairs = try grouped.pairedColumns(Self.table, before: "b", after: "a")
        #expect(pairs.map(\.before) == [[10, 14], [], [9], [10, 14, 9]] && pairs.map(\.after) == [[8, 15], [], [2], [8, 15, 2]])
        #expect(pairs.map(\.missing) == [0, 1, 0, 1])
        let counts = grouped.counts(try Self.table.binaryColumn("r"))
        #expect(counts.map(\.x) == [2, 0, 0, 2] && counts.map(\.n) == [2, 0, 1, 3] && counts.map(\.missing) == [0, 1, 0, 1])
    }

    @Test("a binary value outside the codes names the first row and what the column holds")
    func binaryError() {
        let table = try! DataTable.parse("r\n1\nmaybe\nno\n", source: "t.csv")
        #expect(throws: InputError.invalidValue(file: "t.csv", row: 3, column: "r", value: "maybe",
                                                expected: "1/0, yes/no, true/false or responder/non-responder; the column holds \"1\", \"maybe\", \"no\"")) {
            try table.binaryColumn("r")
        }
    }

    @Test("rows of counts: labels joined, n = 0 allowed, x > n refused")
    func counts() throws {
        let table = try DataTable.parse("s,e,x,n\nA,r,3,10\nB,s,0,0\n", source: "c.csv")
        #expect(try table.countsRows(x: "x", n: "n", labels: ["s", "e"]) == [
            GroupCount(group: "A / r", x: 3, n: 10, missing: 0), GroupCount(group: "B / s", x: 0, n: 0, missing: 0),
        ])
        #expect(try table.countsRows(x: "x", n: "n", labels: []).map(\.group) == ["row 2", "row 3"])
        let bad = try DataTable.parse("x,n\n11,10\n", source: "c.csv")
        #expect(throws: InputError.invalidValue(file: "c.csv", row: 2, column: "x", value: "11", expected: "at most n = 10 (column \"n\")")) {
            try bad.countsRows(x: "x", n: "n", labels: [])
        }
    }

    @Test("the signed-rank field names are those of the JSON encoding")
    func signedRankFieldNames() throws {
        let r = try signedRankTest(before: [1, 2, 3], after: [2, 4, 3.5])
        #expect(signedRankJSONFields(r, missing: 0).map(\.0) == TrialStatsIO.signedRankFieldNames)
    }
}
