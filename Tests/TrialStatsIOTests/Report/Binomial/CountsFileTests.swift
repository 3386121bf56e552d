import Foundation
import Testing
@testable import TrialStatsIO

@Suite("Counts of binom --counts read by the columnar scanner")
struct CountsFileTests {
    /// Writes `text` to a temporary file and gives its path to `body`.
    static func withFile<R>(_ text: String, _ body: (String) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("counts-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// What the general reader gives: DataTable, then countsRows.
    static func general(_ text: String, labels: [String]) throws -> [GroupCount] {
        try DataTable.parse(text, source: "x.csv").countsRows(x: "x", n: "n", labels: labels)
    }

    @Test("gives exactly what the general reader gives", arguments: [
        "label,x,n\nr0,3,10\nr1,0,1\nr2,1,1\n",
        "\u{FEFF}x,n,label\r\n0,0,\"a, b\"\r\n7,1000000000,\" padded \"\r\n",
        "id,label,n,x\n1,\"say \"\"hi\"\"\",+12, 5 \n2,\"two\nlines\",007,\t0\t\n3,,5,5",
        "label,x,n\nA,999999999999999999,999999999999999999\n",
        "x,n\n1,2\n3,4\n",
    ])
    func sameAsGeneral(text: String) throws {
        for labels in [["label"], [], ["label", "label"]] where labels.allSatisfy({ text.contains($0) }) {
            let fast = try Self.withFile(text) { CountsFile.scanned(path: $0, x: "x", n: "n", labels: labels) }
            #expect(try #require(fast) == (try Self.general(text, labels: labels)))
        }
    }

    @Test("two label columns are joined as the general reader joins them")
    func twoLabels() throws {
        let text = "site,arm,x,n\nBerlin,A,1,4\nErlangen,\"B, high\",2,2\n"
        let fast = try Self.withFile(text) { CountsFile.scanned(path: $0, x: "x", n: "n", labels: ["site", "arm"]) }
        #expect(fast?.map(\.group) == ["Berlin / A", "Erlangen / B, high"])
        #expect(fast == (try Self.general(text, labels: ["site", "arm"])))
    }

    @Test("random files: the same counts and labels as the general reader")
    func randomFiles() throws {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "b", " ", "\t", "\"", ",", "\n", "x", "7", "é"]
        for _ in 0..<200 {
            var text = Bool.random(using: &generator) ? "label,x,n\n" : "\u{FEFF}n,label,x\r\n"
            let crlf = text.hasSuffix("\r\n")
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                let n = Int.random(in: 0...2_000_000_000, using: &generator)
                let x = Int.random(in: 0...n, using: &generator)
                var label = (0..<Int.random(in: 0...4, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                if label.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" }) {
                    label = "\"" + label.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                let pad = Bool.random(using: &generator) ? " " : ""
                let cells = crlf ? ["\(pad)\(n)", label, "+\(x)"] : [label, "\(x)\(pad)", "\(n)"]
                text += cells.joined(separator: ",") + (crlf ? "\r\n" : "\n")
            }
            let general = try Self.general(text, labels: ["label"])
            let fast = try Self.withFile(text) { CountsFile.scanned(path: $0, x: "x", n: "n", labels: ["label"]) }
            if let fast { #expect(fast == general, "\(text.debugDescription)") }
            // Only non-ASCII labels send these files to the general reader.
            #expect((fast == nil) == text.contains("é"), "\(text.debugDescription)")
        }
    }

    /// Each of these leaves the file to the general reader, which names the problem (or, for the
    /// shapes that are fine, reads it) with the messages it always had.
    @Test("hands every unusual or faulty file to the general reader", arguments: [
        "label,x,n\na,1,2\nb,,2\n",            // blank count
        "label,x,n\na,1,2\nb,NA,2\n",          // missing-value code
        "label,x,n\na,3,2\n",                  // x > n
        "label,x,n\na,-1,2\n",                 // negative
        "label,x,n\na,-0,2\n",                 // a sign the general reader judges
        "label,x,n\na,1.0,2\n",                // not whole
        "label,x,n\na,1e2,200\n",              // exponent
        "label,x,n\na,1,9999999999999999999\n", // beyond Int
        "label,x,n\na,1,2,3\n",                // ragged
        "label,x,n\na,1\n",                    // ragged
        "label,x,x\na,1,2\n",                  // duplicate column
        "label,y,n\na,1,2\n",                  // no x column
        "label,x,n\n\"a,1,2\n",                // unclosed quote
        "label,x,n\na,1,2\n\nb,1,2\n",         // blank line
        "label,x,n\ra,1,2\r",                  // bare CR
        "label,x,n\nSjögren,1,2\n",            // non-ASCII
        "label,x,n\n",                         // no data rows
    ])
    func fallsBack(text: String) throws {
        #expect(try Self.withFile(text) { CountsFile.scanned(path: $0, x: "x", n: "n", labels: ["label"]) } == nil)
    }

    @Test("a missing label column, standard input and missing files go to the general reader")
    func notScanned() throws {
        #expect(try Self.withFile("x,n\n1,2\n") { CountsFile.scanned(path: $0, x: "x", n: "n", labels: ["site"]) } == nil)
        #expect(CountsFile.scanned(path: "-", x: "x", n: "n", labels: []) == nil)
        #expect(CountsFile.scanned(path: "/no/such/file.csv", x: "x", n: "n", labels: []) == nil)
        #expect(CountsFile.scanned(path: "/tmp", x: "x", n: "n", labels: []) == nil)
    }

    @Test("the errors are those of the general reader", arguments: [
        "label,x,n\na,1,2\nb,3,2\n", "label,x,n\na,1,2\nb,NA,2\n", "label,y,n\na,1,2\n", "label,x,n\n\"a,1,2\n",
    ])
    func sameErrors(text: String) throws {
        try Self.withFile(text) { path in
            var general: InputError?
            do { _ = try DataTable.read(path: path).countsRows(x: "x", n: "n", labels: ["label"]) } catch let error as InputError { general = error }
            var read: InputError?
            do { _ = try CountsFile.read(path: path, x: "x", n: "n", labels: ["label"], missingValues: DataTable.defaultMissingValues) } catch let error as InputError { read = error }
            #expect(general != nil && read?.description == general?.description)
        }
    }

    @Test("whole counts as Int(_:) reads the trimmed cell", arguments: [
        ("0", 0), ("+5", 5), (" 12\t", 12), ("007", 7), ("999999999999999999", 999_999_999_999_999_999),
        ("", nil), ("+", nil), ("-1", nil), ("1 2", nil), ("1.5", nil), ("1000000000000000000", nil), ("x", nil),
    ] as [(String, Int?)])
    func wholeCounts(text: String, expected: Int?) {
        let value = Array(text.utf8).withUnsafeBufferPointer { CountsFile.wholeCount($0) }
        #expect(value == expected)
        if let value { #expect(Int(trimmingWhitespace(text)) == value) }
    }
}
