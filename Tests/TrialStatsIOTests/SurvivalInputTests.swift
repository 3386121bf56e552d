import Foundation
import Testing
import TrialStats
@testable import TrialStatsIO

/// The one reader of survival data (``readSurvival(_:_:)``) that `km` and `analyze` share.
@Suite("Survival input: times, dates, end lists, derived events, groups")
struct SurvivalInputTests {
    static let dates = """
        id,g,start,relapse,last,end,event
        1,A,2024-01-01,2024-03-01,,2024-03-01,1
        2,B,2024-01-15,,2024-12-31,2024-12-31,0
        3,A,2024-02-01,,2025-02-01,2025-02-01,censored
        4,B,2024-02-01,2024-02-01,2024-06-01,2024-02-01,event
        """

    @Test("an end list with first-end gives the times and events of the single end column; --end a,b is the same list")
    func endListAndDerivedEvent() throws {
        let table = try DataTable.parse(Self.dates, source: "d.csv")
        let single = try readSurvival(table, SurvivalInput(times: .dates(start: "start", ends: ["end"]), event: .column("event"), unit: .months))
        let list = try readSurvival(table, SurvivalInput(times: .dates(start: "start", ends: ["relapse", "last"]), event: .firstEnd, unit: .months))
        let typed = try readSurvival(table, SurvivalInput(times: .dates(start: "start", ends: ["relapse,last"]), event: .firstEnd, unit: .months))
        #expect(single.times == [60 / 30.4375, 351 / 30.4375, 366 / 30.4375, 0] && single.events == [true, false, false, true])
        #expect(list.times == single.times && list.events == single.events)
        #expect(typed.times == single.times && typed.events == single.events)
    }

    @Test("groups in order of first appearance; the fast reader and the table reader agree")
    func groupsAndFastPath() throws {
        let text = "t,e,g\n3,1,B\n1,0,A\n2.5,event,B\n0,0,\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("si-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let input = SurvivalInput(times: .column("t"), event: .column("e"), by: "g")
        let fast = try input.read(path: url.path)
        let general = try input.read(table: try DataTable.parse(text, source: url.path))
        #expect(fast.labels == ["B", "A", Grouping.missingLabel] && fast.groups == [0, 1, 0, 2])
        #expect(fast.times == general.times && fast.events == general.events && fast.groups == general.groups && fast.labels == general.labels)
    }

    @Test("errors name the file, row, column and value", arguments: [
        ("t,e\n1,1\n,0\n", SurvivalInput(times: .column("t"), event: .column("e")),
         InputError.invalidValue(file: "x.csv", row: 3, column: "t", value: "", expected: "a time (it is missing)")),
        ("t,e\n1,1\n-2,0\n", SurvivalInput(times: .column("t"), event: .column("e")),
         InputError.invalidValue(file: "x.csv", row: 3, column: "t", value: "-2", expected: "a non-negative time")),
        ("t,e\n1,yes\n", SurvivalInput(times: .column("t"), event: .column("e")),
         InputError.invalidValue(file: "x.csv", row: 2, column: "e", value: "yes", expected: "1/0, true/false or event/censored")),
        ("s,a,b\n2024-02-01,,2024-01-01\n", SurvivalInput(times: .dates(start: "s", ends: ["a,b"]), event: .firstEnd),
         InputError.invalidValue(file: "x.csv", row: 2, column: "b", value: "2024-01-01", expected: "a date on or after the start 2024-02-01")),
        ("t,e\n", SurvivalInput(times: .column("t"), event: .column("e")), InputError.emptyColumn(file: "x.csv", column: "t", group: nil)),
        ("s,a,b\n", SurvivalInput(times: .dates(start: "s", ends: ["a,b"]), event: .column("e")),
         InputError.unknownColumn(file: "x.csv", column: "e", available: ["s", "a", "b"])),
    ])
    func errors(text: String, input: SurvivalInput, expected: InputError) throws {
        let table = try DataTable.parse(text, source: "x.csv")
        #expect(throws: expected) { try readSurvival(table, input) }
    }
}
