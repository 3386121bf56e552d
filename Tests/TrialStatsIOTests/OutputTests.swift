import Foundation
import Testing
@testable import TrialStatsIO

@Suite("Writing JSON, CSV and tables")
struct OutputTests {
    @Test("JSON keeps key order, shortest numbers, null for non-finite")
    func json() {
        let doc = JSONValue.object([
            ("b", .int(2)), ("a", .number(0.1)), ("c", .number(.nan)), ("d", .number(1e-300)),
            ("e", .number(63.0)), ("f", .string("tab\there \"q\"")), ("g", .number(nil)), ("h", .number(-0.0)),
        ])
        #expect(doc.serialized() == """
            {
              "b": 2,
              "a": 0.1,
              "c": null,
              "d": 1e-300,
              "e": 63,
              "f": "tab\\there \\"q\\"",
              "g": null,
              "h": 0
            }
            """)
        #expect(formatJSONNumber(0.30000000000000004) == "0.30000000000000004")
        #expect(Double(formatJSONNumber(2.0 / 3.0)) == 2.0 / 3.0)
    }

    @Test("CSV quotes only when needed and leaves not-available empty")
    func csv() {
        let out = CSVOutput(header: ["label", "x", "p"], rows: [
            [.text("SLE, DORIS"), .int(9), .number(0.9)],
            [.text("say \"hi\""), .int(0), .number(nil)],
        ])
        #expect(out.serialized() == "label,x,p\n\"SLE, DORIS\",9,0.9\n\"say \"\"hi\"\"\",0,\n")
    }

    /// A CR LF pair is one Character and a comma with a combining mark another: compared as
    /// Characters, neither was found, and the field was written unquoted across two lines or
    /// split at the comma.
    @Test("CSV quotes a field holding CR LF or a comma followed by a combining mark")
    func csvQuotesByBytes() {
        let out = CSVOutput(header: ["label"], rows: [[.text("a\r\nb")], [.text("x,\u{301}y")]])
        #expect(out.serialized() == "label\n\"a\r\nb\"\n\"x,\u{301}y\"\n")
    }

    /// Issue 13: labels from the data reached spreadsheets as formulas.
    @Test("CSV text cells that a spreadsheet would run as a formula get a leading apostrophe; numbers never")
    func csvInjection() {
        let out = CSVOutput(header: ["label", "x"], rows: [
            [.text("=HYPERLINK(\"http://x\",\"a\")"), .number(-1.5)],
            [.text("+1+2"), .text("-1.5")], [.text("@SUM(A1)"), .text("-2e3")], [.text("-x"), .text("\tcmd")],
            [.text("SLE"), .text("a=b")],
        ])
        #expect(out.serialized() == """
            label,x
            "'=HYPERLINK(""http://x"",""a"")",-1.5
            '+1+2,-1.5
            '@SUM(A1),-2e3
            '-x,'\tcmd
            SLE,a=b

            """)
    }

    /// Issue 13: cells echoed whole (5 MB), with newlines, escapes and NUL bytes.
    @Test("values in messages are escaped and cut")
    func messageValues() {
        #expect(messageValue("a\nb\u{1B}[31m\0\t") == "a\\nb\\u{1B}[31m\\0\\t")
        let long = messageValue(String(repeating: "7", count: 5_000_000))
        #expect(long == String(repeating: "7", count: 60) + "…")
        #expect(messageValue("café") == "café")
        #expect(InputError.notNumeric(file: "f.csv", row: 2, column: "x\ny", value: String(repeating: "9", count: 100)).description
                == "f.csv, row 2, column \"x\\ny\": value \"\(String(repeating: "9", count: 60))…\" is not a number")
    }

    @Test("numbers for people")
    func people() {
        #expect(formatForPeople(63.5) == "63.5")
        #expect(formatForPeople(0.9375) == "0.9375")
        #expect(formatForPeople(1.0 / 3.0) == "0.333333")
        #expect(formatForPeople(12345678) == "12345678")
        #expect(formatForPeople(nil) == "—")
        #expect(formatForPeople(2e-7) == "2.00000e-07")
        #expect(formatPValue(0.0390625) == "0.03906")
        #expect(formatPValue(1.2e-9) == "1.200e-09")
    }

    @Test("atomic write replaces a file whole and refuses a missing folder")
    func atomicWrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        try writeAtomically("first", to: path)
        try writeAtomically("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
        #expect(throws: OutputError.self) { try writeAtomically("x", to: folder.path + "/missing/out.json") }
    }

    @Test("text table aligns columns")
    func table() {
        let t = TextTable(header: ["group", "n"], rows: [["SLE", "10"], ["All", "24"]])
        #expect(t.rendered() == "group   n\n-----  --\nSLE    10\nAll    24\n")
    }
}
