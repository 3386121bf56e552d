import Foundation
import Testing
@testable import TrialStatsIO

@Suite("CSV output written into one byte buffer")
struct CSVOutputTests {
    /// The serialization as it was written before the byte buffer (one String, cell texts
    /// appended): the reference the buffer must reproduce byte for byte.
    static func stringAppended(_ csv: CSVOutput) -> String {
        var out = ""
        for (k, name) in csv.header.enumerated() {
            if k > 0 { out.append(",") }
            out.append(escapeCSVField(neutralisingFormula(name)))
        }
        out.append("\n")
        for row in csv.rows {
            for (k, cell) in row.enumerated() {
                if k > 0 { out.append(",") }
                switch cell {
                case let .text(s): out.append(escapeCSVField(neutralisingFormula(s)))
                case let .int(i): out.append(String(i))
                case let .number(d?) where d.isFinite: out.append(formatJSONNumber(d))
                case .number: break
                case let .bool(b): out.append(b ? "TRUE" : "FALSE")
                }
            }
            out.append("\n")
        }
        return out
    }

    @Test("edge cells: the same bytes as the String-appending writer")
    func edgeCells() {
        let texts = ["", "a", "=1+1", "+3", "-1.5", "-x", "@sum", "\tlead", "\rlead", "a,b", "say \"hi\"", "two\nlines",
                     "cr\r\nlf", "x,\u{301}y", "Sjögren", "日本語", " padded ", "'quoted"]
        let ints = [0, 1, -1, 9, 10, 1_000_000_000, Int.max, Int.min]
        let numbers: [Double?] = [nil, 0, -0.0, 1, -1, 0.1, 1e15, 1e15 - 1, -1e15 + 1, 1e16, 123456789012345.5, 5e-324,
                                  .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-5, 0.00012,
                                  .infinity, -.infinity, .nan, 0.18271047171203417, 2.0 / 3]
        var rows: [[CSVOutput.Cell]] = texts.map { [.text($0)] }
        rows += ints.map { [.int($0)] } + numbers.map { [.number($0)] } + [[.bool(true)], [.bool(false)]]
        let csv = CSVOutput(header: ["=h", "b,c", "plain"], rows: rows)
        #expect(csv.serialized() == Self.stringAppended(csv))
    }

    @Test("random rows: the same bytes as the String-appending writer")
    func randomRows() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "-", "=", ",", "\"", "\n", "\r", " ", "é", "7", ".", "@", "\t"]
        func cell() -> CSVOutput.Cell {
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: return .text((0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
            case 1: return .int(Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...63, using: &generator))
            case 2: return .number(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
            case 3: return .number(Double(Int.random(in: -2_000_000_000_000_000...2_000_000_000_000_000, using: &generator)))
            case 4: return .number(Double.random(in: 0...1, using: &generator))
            default: return .bool(Bool.random(using: &generator))
            }
        }
        for _ in 0..<50 {
            let width = Int.random(in: 1...6, using: &generator)
            let rows = (0..<Int.random(in: 0...40, using: &generator)).map { _ in (0..<width).map { _ in cell() } }
            let csv = CSVOutput(header: (0..<width).map { "c\($0)" }, rows: rows)
            #expect(csv.serialized() == Self.stringAppended(csv))
        }
    }

    @Test("a number written into the buffer is description's bytes, after what the buffer held")
    func roundTripBytes() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [5e-324, -5e-324, .leastNormalMagnitude, .greatestFiniteMagnitude, 0.1, 1.0 / 3, 1e15, 1e16, 1e-7,
                                123456789012345.67, 0.30000000000000004, -0.0, 0, .infinity, -.infinity, .nan]
        values += (0..<100_000).map { _ in Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)) }
        values += (0..<20_000).map { _ in Double.random(in: 0...1, using: &generator) }
        for value in values {
            var out: [UInt8] = Array("x,".utf8)
            appendRoundTrip(value, to: &out)
            #expect(out == Array(("x," + value.description).utf8), "\(value.bitPattern)")
        }
    }
}

