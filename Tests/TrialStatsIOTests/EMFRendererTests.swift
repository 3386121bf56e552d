import Foundation
import Testing
@testable import TrialStatsIO

/// The EMF renderer (tables.docx's figure, issue 18): a well-formed record stream ([MS-EMF]: a
/// header whose byte and record counts are the file's, records of sizes that are multiples of 4
/// and tile the file, EOF last), every shape and text of the drawing written, dashes cut into
/// their solid pieces.
@Suite("EMF renderer")
struct EMFRendererTests {
    static func u32(_ d: [UInt8], _ at: Int) -> UInt32 {
        UInt32(d[at]) | UInt32(d[at + 1]) << 8 | UInt32(d[at + 2]) << 16 | UInt32(d[at + 3]) << 24
    }

    /// (type, offset, size) of every record.
    static func records(_ d: [UInt8]) -> [(type: UInt32, at: Int, size: Int)] {
        var out: [(UInt32, Int, Int)] = []
        var at = 0
        while at + 8 <= d.count {
            let size = Int(u32(d, at + 4))
            guard size >= 8 else { break }
            out.append((u32(d, at), at, size))
            at += size
        }
        return out
    }

    static func sample() -> Drawing {
        var d = Drawing(width: 200, height: 100, title: "Test")
        d.line(.init(10, 10), .init(110, 10), .init(color: .black, width: 2, dash: [4, 2]))
        d.shapes.append(.polygon([.init(0, 0), .init(50, 0), .init(50, 50)], fill: .init(color: .init(hex: 0xE69F00), opacity: 0.2), stroke: .init(color: .black)))
        d.text(.init(string: "Log-rank p = 0.81 ρ", at: .init(100, 50), anchor: .middle))
        d.text(.init(string: "Survival", at: .init(20, 80), bold: true, vertical: true))
        return d
    }

    @Test("header, record sizes and counts, EOF last")
    func wellFormed() {
        let bytes = [UInt8](Self.sample().emf())
        let records = Self.records(bytes)
        #expect(records.first?.type == 1 && records.first?.size == 108)
        #expect(Self.u32(bytes, 40) == 0x464D_4520)                            // " EMF"
        #expect(Int(Self.u32(bytes, 48)) == bytes.count && Int(Self.u32(bytes, 52)) == records.count)
        #expect(records.allSatisfy { $0.size % 4 == 0 } && records.map(\.size).reduce(0, +) == bytes.count)
        #expect(records.last?.type == 14 && records.last?.size == 20)
        // Frame: 200 × 100 points in hundredths of a millimetre.
        #expect(Self.u32(bytes, 32) == UInt32((200 * 2540.0 / 72).rounded()) - 1 && Self.u32(bytes, 36) == UInt32((100 * 2540.0 / 72).rounded()) - 1)
    }

    @Test("every text is written as UTF-16 with an advance per unit; the vertical one turned 90°")
    func texts() {
        let bytes = [UInt8](Self.sample().emf())
        let texts = Self.records(bytes).filter { $0.type == 84 }
        #expect(texts.count == 2)
        let strings = texts.map { r -> String in
            let n = Int(Self.u32(bytes, r.at + 44)), off = Int(Self.u32(bytes, r.at + 48))
            let units = (0..<n).map { UInt16(bytes[r.at + off + 2 * $0]) | UInt16(bytes[r.at + off + 2 * $0 + 1]) << 8 }
            return String(decoding: units, as: UTF16.self)
        }
        #expect(strings == ["Log-rank p = 0.81 ρ", "Survival"])
        let fonts = Self.records(bytes).filter { $0.type == 82 }
        #expect(fonts.count == 2 && fonts.allSatisfy { $0.size == 104 })
        #expect(Self.u32(bytes, fonts[0].at + 20) == 0 && Self.u32(bytes, fonts[1].at + 20) == 900)   // escapement
        #expect(Self.u32(bytes, fonts[0].at + 28) == 400 && Self.u32(bytes, fonts[1].at + 28) == 700)  // weight
    }

    @Test("a dash pattern is cut into its solid pieces; the fill is its colour over white at its opacity")
    func dashesAndOpacity() {
        let pieces = EMFWriter.dashed([.init(0, 0), .init(10, 0), .init(10, 5)], pattern: [4, 2])
        // On 0–4, off 4–6, on 6–10 (a whole dash, ending at the corner), off 10,0 → 10,2, on from 10,2.
        #expect(pieces.map { $0.map { [$0.x, $0.y] } } == [[[0, 0], [4, 0]], [[6, 0], [10, 0]], [[10, 2], [10, 5]]])
        let around = EMFWriter.dashed([.init(0, 0), .init(3, 0), .init(3, 4)], pattern: [2, 1])
        #expect(around.map { $0.map { [$0.x, $0.y] } } == [[[0, 0], [2, 0]], [[3, 0], [3, 2]], [[3, 3], [3, 4]]])
        #expect(EMFWriter.colorRef(.init(hex: 0xE69F00), opacity: 0.2) == UInt32(0xFA) | UInt32(0xEC) << 8 | UInt32(0xCC) << 16)
        let bytes = [UInt8](Self.sample().emf())
        // The dashed line's 17 pieces (100 points of 4 on, 2 off), the polygon's solid outline.
        #expect(EMFWriter.dashed([.init(10, 10), .init(110, 10)], pattern: [4, 2]).count == 17)
        #expect(Self.records(bytes).filter { $0.type == 4 }.count == 17 + 1)
    }
}
